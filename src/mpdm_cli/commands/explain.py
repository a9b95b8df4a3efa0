"""``mpdm explain CODE``: a rule's documentation (its docstring)."""

from __future__ import annotations

from typing import Annotated

import typer


def explain_command(
    code: Annotated[str, typer.Argument(help="Code de la règle (ex. P001).", metavar="CODE")],
) -> None:
    """Explique une règle : énoncé, raison d'être, source juridique et exemple."""
    import sys

    from mpdm_cli.checks import RULES

    wanted = code.strip().upper()
    found = next((rule for rule in RULES if rule.code == wanted), None)
    if found is None:
        print(f"mpdm : règle inconnue « {code} » ; la liste : mpdm rules", file=sys.stderr)
        raise typer.Exit(2)
    typer.echo(f"{found.code} {found.name} ({found.severity.value})\n")
    typer.echo(found.documentation)


def register(app: typer.Typer) -> None:
    app.command("explain")(explain_command)
