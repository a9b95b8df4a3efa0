"""``mpdm rules``: the list of every rule, as a table or as the README's Markdown table."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


class RulesFormat(StrEnum):
    text = "text"
    markdown = "markdown"


def rules_command(
    output_format: Annotated[
        RulesFormat,
        typer.Option(
            "--format",
            "-f",
            help="Format : text ou markdown (table du README).",
            show_default=False,
        ),
    ] = RulesFormat.text,
) -> None:
    """Liste les règles : code, gravité, nom et énoncé."""
    from mpdm_cli.catalogue import markdown_table

    if output_format is RulesFormat.markdown:
        typer.echo(markdown_table(), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    from mpdm_cli.checks import RULES

    table = Table("Code", "Gravité", "Nom", "Règle", box=None, pad_edge=False)
    for rule in RULES:
        table.add_row(rule.code, rule.severity.value, rule.name, rule.summary)
    Console(highlight=False, soft_wrap=False).print(table)


def register(app: typer.Typer) -> None:
    app.command("rules")(rules_command)
