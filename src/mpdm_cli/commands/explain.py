"""``mpdm explain CODE``: what a code means (a rule's docstring, a stage's description)."""

from __future__ import annotations

from typing import Annotated

import typer

from mpdm_cli.commands._repository import fail


def explain_command(
    code: Annotated[str, typer.Argument(help="Code à expliquer (ex. P001, Y002).", metavar="CODE")],
) -> None:
    """Explique un code : énoncé, raison d'être, source juridique et exemple."""
    from mpdm_cli.pipeline.catalogue import lookup

    found = lookup(code)
    if found is None:
        fail(f"code inconnu « {code} » ; la liste : mpdm rules", 2)
    typer.echo(f"{found.code} {found.name} ({found.severity.value})\n")
    typer.echo(found.documentation)


def register(app: typer.Typer) -> None:
    app.command("explain")(explain_command)
