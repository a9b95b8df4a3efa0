"""``mpdm validate``: check the acts and report located problems."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


def validate_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Fichiers ou dossiers à vérifier (par défaut : conventions/).",
            show_default=False,
            metavar="CHEMIN",
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="Format du rapport : text, json, github (annotations GitHub Actions) ou sarif.",
            show_default=False,
        ),
    ] = OutputFormat.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Les avertissements font aussi échouer.")
    ] = False,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            help="Ne lancer que ces règles (code ou famille : B, D101…).",
            metavar="CODE",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore", help="Ne pas lancer ces règles (code ou famille).", metavar="CODE"
        ),
    ] = None,
) -> None:
    """Vérifie les actes YAML et signale chaque problème avec fichier:ligne:colonne."""
    from mpdm_cli import report
    from mpdm_cli.commands._repository import fail, require_yaml
    from mpdm_cli.diagnostics import Severity
    from mpdm_cli.selection import unknown_selection
    from mpdm_cli.validation import selected_rules, validate

    unknown = unknown_selection("--select", select or ()) + unknown_selection(
        "--ignore", ignore or ()
    )
    if unknown:
        fail("\nmpdm : ".join(unknown), 2)
    paths = paths or [Path("conventions")]
    require_yaml(paths)
    rules = selected_rules(select or (), ignore or ())
    # The whole repository is checked, so that references resolve; the files asked for only
    # are reported on.
    outcome = validate(paths, rules).reported()
    if output_format is OutputFormat.json:
        report.write_json(outcome, sys.stdout)
    elif output_format is OutputFormat.github:
        from mpdm_cli.report_formats import write_github

        write_github(outcome, sys.stdout)
    elif output_format is OutputFormat.sarif:
        from mpdm_cli.report_formats import write_sarif

        write_sarif(outcome, sys.stdout)
    else:
        report.write_text(outcome, sys.stdout)
    if outcome.unreadable:
        raise typer.Exit(2)
    failing = outcome.count(Severity.ERROR) + (outcome.count(Severity.WARNING) if strict else 0)
    raise typer.Exit(1 if failing else 0)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate_command)
