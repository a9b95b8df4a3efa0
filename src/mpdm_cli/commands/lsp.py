"""``mpdm lsp``: the language server for editors."""

from __future__ import annotations

import typer


def lsp_command() -> None:
    """Serveur de langage (LSP, sur l'entrée et la sortie standard) : les diagnostics de mpdm
    dans l'éditeur, pendant la saisie."""
    from mpdm_cli.editor.lsp import serve

    serve()


def register(app: typer.Typer) -> None:
    app.command("lsp")(lsp_command)
