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
    watch: Annotated[
        bool,
        typer.Option(
            "--watch",
            help="Vérifie à nouveau à chaque modification d'un acte (Ctrl-C pour arrêter).",
        ),
    ] = False,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Corrige dans les fichiers les erreurs qui n'ont qu'une correction possible"
            " (montant écrit en texte, date JJ/MM/AAAA, tabulation…), puis vérifie.",
        ),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Montre ce que --fix changerait, sans rien écrire."),
    ] = False,
) -> None:
    """Vérifie les actes YAML et signale chaque problème avec fichier:ligne:colonne."""
    targets = paths or [Path("conventions")]
    if fix or diff:
        from mpdm_cli.editor.fixing import fix_files

        changed = fix_files(targets, write=fix and not diff, stream=sys.stdout)
        if diff:
            raise typer.Exit(1 if changed else 0)

    def once() -> int:
        return _validate_once(targets, output_format, strict, select or [], ignore or [])

    if watch:
        from mpdm_cli.editor.watch import watch as watch_changes

        watch_changes(targets, once, sys.stdout)
    raise typer.Exit(once())


def _validate_once(
    paths: list[Path],
    output_format: OutputFormat,
    strict: bool,
    select: list[str],
    ignore: list[str],
) -> int:
    """One check and its report; the exit code it calls for."""
    from mpdm_cli import report
    from mpdm_cli.diagnostics import Severity
    from mpdm_cli.validation import selected_rules, validate

    outcome = validate(paths, selected_rules(select, ignore))
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
    sys.stdout.flush()
    if outcome.unreadable:
        return 2
    failing = outcome.count(Severity.ERROR) + (outcome.count(Severity.WARNING) if strict else 0)
    return 1 if failing else 0


def register(app: typer.Typer) -> None:
    app.command("validate")(validate_command)
