"""What helps write the acts: the language server, the watch loop, ``--fix`` and the
skeletons of ``mpdm new``."""
