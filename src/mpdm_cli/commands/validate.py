"""``mpdm validate``: check the acts and report located problems."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from mpdm_cli.commands._repository import write_output

if TYPE_CHECKING:
    from mpdm_cli.pipeline.validation import Outcome


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
        bool | None,
        typer.Option(
            "--strict/--no-strict",
            help="Les avertissements font aussi échouer (par défaut : selon le fichier de"
            " réglages, sinon non).",
            show_default=False,
        ),
    ] = None,
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
    statistics: Annotated[
        bool,
        typer.Option(
            "--statistics", help="Le nombre de problèmes par code, au lieu de chacun d'eux."
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Écrit le rapport dans ce fichier au lieu de la sortie standard.",
            metavar="FICHIER",
        ),
    ] = None,
) -> None:
    """Vérifie les actes YAML et signale chaque problème avec fichier:ligne:colonne."""
    from mpdm_cli.commands._repository import acts_paths, fail, require_yaml, settings
    from mpdm_cli.pipeline.selection import unknown_selection

    unknown = unknown_selection("--select", select or ()) + unknown_selection(
        "--ignore", ignore or ()
    )
    if unknown:
        fail("\nmpdm : ".join(unknown), 2)
    # The command line wins over the settings file (whose codes it checked), option by option.
    config = settings()
    select = select if select is not None else list(config.select)
    ignore = ignore if ignore is not None else list(config.ignore)
    strict = strict if strict is not None else config.strict
    targets = acts_paths(paths, config)
    require_yaml(targets)
    if fix or diff:
        from mpdm_cli.editor.fixing import fix_files

        changed = fix_files(targets, write=fix and not diff, stream=sys.stdout)
        if diff:
            raise typer.Exit(1 if changed else 0)

    def once() -> int:
        report = Report(output_format, statistics, output)
        return _validate_once(targets, report, strict, select or [], ignore or [])

    if watch:
        from mpdm_cli.editor.watch import watch as watch_changes

        watch_changes(targets, once, sys.stdout)
    raise typer.Exit(once())


@dataclass(frozen=True)
class Report:
    """How the outcome is shown: format, per-code counts or each problem, and where."""

    format: OutputFormat
    statistics: bool
    output: Path | None

    def write(self, outcome: Outcome) -> None:
        from mpdm_cli.reports import report

        stream: TextIO = io.StringIO() if self.output is not None else sys.stdout
        if self.statistics:
            report.write_statistics(outcome, stream, as_json=self.format is OutputFormat.json)
        elif self.format is OutputFormat.json:
            report.write_json(outcome, stream)
        elif self.format is OutputFormat.github:
            from mpdm_cli.reports.ci import write_github

            write_github(outcome, stream)
        elif self.format is OutputFormat.sarif:
            from mpdm_cli.reports.ci import write_sarif

            write_sarif(outcome, stream)
        else:
            report.write_text(outcome, stream)
        if isinstance(stream, io.StringIO):
            write_output(stream.getvalue(), self.output)
        stream.flush()


def _validate_once(
    paths: list[Path],
    report: Report,
    strict: bool,
    select: list[str],
    ignore: list[str],
) -> int:
    """One check and its report; the exit code it calls for."""
    from mpdm_cli.pipeline.diagnostics import Severity
    from mpdm_cli.pipeline.validation import selected_rules, validate

    # The whole repository is checked, so that references resolve; the files asked for only
    # are reported on.
    outcome = validate(paths, selected_rules(select, ignore)).reported()
    report.write(outcome)
    if outcome.unreadable:
        return 2
    failing = outcome.count(Severity.ERROR) + (outcome.count(Severity.WARNING) if strict else 0)
    return 1 if failing else 0


def register(app: typer.Typer) -> None:
    app.command("validate")(validate_command)
