"""``mpdm schema``: write the JSON Schema of each document kind, for editors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mpdm_cli.commands._repository import fail


def schema_command(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Dossier où écrire les schémas.", metavar="DOSSIER"),
    ] = Path("schemas"),
) -> None:
    """Écrit un schéma JSON (draft-07) par type de document, pour l'aide à la saisie."""
    from mpdm_cli.models.schemas import write_all
    from mpdm_cli.pipeline.oserrors import os_reason

    try:
        written = write_all(output)
    except OSError as error:  # a full disk or a forbidden folder: not an internal error
        fail(f"écriture impossible dans {output} : {os_reason(error)}", 2)
    for path in written:
        typer.echo(f"écrit : {path}")


def register(app: typer.Typer) -> None:
    app.command("schema")(schema_command)
