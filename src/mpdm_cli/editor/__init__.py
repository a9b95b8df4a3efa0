"""What mpdm offers inside an editor: the language server and the watch loop."""
