"""``mpdm rules``: every code mpdm reports, as a table or as the README's Markdown table."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from mpdm_cli.pipeline.diagnostics import Stage


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
    stage: Annotated[
        Stage | None,
        typer.Option(
            "--stage",
            help="Seulement les codes d'une étape : loading (chargement, Y), shape (forme, S),"
            " acknowledgements (anomalies acceptées, A) ou rules (règles).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Liste les codes : règles et problèmes de chargement ou de forme, avec leur étape."""
    from mpdm_cli.pipeline.catalogue import STAGE_LABELS, entries, markdown_table

    if output_format is RulesFormat.markdown:
        typer.echo(markdown_table(stage), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("Code", "Étape", "Gravité", "Nom", "Énoncé", box=None, pad_edge=False)
    for entry in entries():
        if stage is None or entry.stage is stage:
            table.add_row(
                entry.code,
                STAGE_LABELS[entry.stage],
                entry.severity.value,
                entry.name,
                entry.summary,
            )
    Console(highlight=False, soft_wrap=False).print(table)


def register(app: typer.Typer) -> None:
    app.command("rules")(rules_command)
