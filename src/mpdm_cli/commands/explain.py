"""``mpdm explain CODE``: a rule's documentation (its docstring)."""

from __future__ import annotations

from typing import Annotated

import typer

from mpdm_cli.commands._repository import fail


def explain_command(
    code: Annotated[str, typer.Argument(help="Code de la règle (ex. P001).", metavar="CODE")],
) -> None:
    """Explique une règle : énoncé, raison d'être, source juridique et exemple."""

    from mpdm_cli.checks import RULES

    wanted = code.strip().upper()
    found = next((rule for rule in RULES if rule.code == wanted), None)
    if found is None:
        fail(f"règle inconnue « {code} » ; la liste : mpdm rules", 2)
    typer.echo(f"{found.code} {found.name} ({found.severity.value})\n")
    typer.echo(found.documentation)


def register(app: typer.Typer) -> None:
    app.command("explain")(explain_command)
