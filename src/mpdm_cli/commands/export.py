"""``mpdm export``: open-data CSV files in the official SCDL formats."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from mpdm_cli.commands._repository import Paths, fail, load_valid, write_output

Output = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Fichier CSV à écrire (par défaut : la sortie standard).",
        metavar="FICHIER",
    ),
]


def _finish(kind: str, paths: list[Path] | None, output: Path | None) -> None:
    from mpdm_cli.exports import scdl as export_scdl

    repository = load_valid(paths)
    if kind == "subventions":
        export, fields = export_scdl.subsidies(repository), export_scdl.SUBSIDY_FIELDS
    else:
        export, fields = export_scdl.deliberations(repository), export_scdl.DELIBERATION_FIELDS
    if export.problems:
        from mpdm_cli.reports.report import visible

        for problem in export.problems:
            print(visible(f"mpdm : {problem}"), file=sys.stderr)
        fail("export impossible, aucun fichier écrit.")
    write_output(export_scdl.to_csv(fields, export.rows), output)


def subsidies_command(paths: Paths = None, output: Output = None) -> None:
    """Subventions au format SCDL 2.1.1 : une ligne par bénéficiaire et par année."""
    _finish("subventions", paths, output)


def deliberations_command(paths: Paths = None, output: Output = None) -> None:
    """Délibérations au format SCDL 2.1.5 (subventions : matière ACTES 7.5)."""
    _finish("deliberations", paths, output)


def register(app: typer.Typer) -> None:
    from mpdm_cli.commands.french_help import FrenchTyper

    export = FrenchTyper(
        help="Exporte les données ouvertes au format SCDL (CSV UTF-8, virgule).",
        no_args_is_help=True,
    )
    export.command("subventions")(subsidies_command)
    export.command("deliberations")(deliberations_command)
    app.add_typer(export, name="export")
