"""``mpdm budget``: what the conventions commit, per year, funder and scheme."""

from __future__ import annotations

import sys
from decimal import Decimal
from enum import StrEnum
from itertools import groupby
from typing import Annotated

import typer

from mpdm_cli.commands._repository import Paths, load_valid


class BudgetFormat(StrEnum):
    table = "table"
    csv = "csv"


def budget_command(
    paths: Paths = None,
    output_format: Annotated[
        BudgetFormat,
        typer.Option(
            "--format", "-f", help="table (lecture) ou csv (tableur).", show_default=False
        ),
    ] = BudgetFormat.table,
) -> None:
    """Montants engagés par année, financeur et dispositif (conventions consolidées)."""
    from mpdm_cli.domain import commitments as budget
    from mpdm_cli.domain.french import format_money

    repository = load_valid(paths, rules_block=False)
    lines = budget.budget(repository)
    if output_format is BudgetFormat.csv:
        sys.stdout.write(budget.to_csv(lines))
        return
    from rich.console import Console
    from rich.table import Table

    names = repository.organisation_names()
    table = Table(title="Montants engagés par les conventions (avenants appliqués)")
    for header in ("Année", "Financeur", "Dispositif", "Nature"):
        table.add_column(header)
    table.add_column("Montant", justify="right")
    if not lines:
        print("Aucun financement dans les conventions.")
        return
    for years, group in groupby(lines, key=lambda line: line.years):
        items = list(group)
        for number, line in enumerate(items):
            table.add_row(
                years if number == 0 else "",
                names.get(line.funder, line.funder),
                line.scheme,
                line.nature,
                format_money(line.amount),
            )
        total = sum((line.amount for line in items), Decimal(0))
        table.add_row("", "", "", f"total {years}", format_money(total), style="bold")
        table.add_section()
    Console(highlight=False, markup=False).print(table)  # names from the acts are not markup


def register(app: typer.Typer) -> None:
    app.command("budget")(budget_command)
