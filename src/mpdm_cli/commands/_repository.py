"""What the commands that read the acts share: load them, refuse to work on broken data."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from mpdm_cli.config import Config
    from mpdm_cli.pipeline.repository import Repository

Paths = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Fichiers ou dossiers des actes (par défaut : conventions/).",
        show_default=False,
        metavar="CHEMIN",
    ),
]

# ``--depot``: where the acts already are, for the commands that add to them.
RepositoryDir = Annotated[
    Path | None,
    typer.Option(
        "--depot",
        help="Dossier des actes existants (par défaut : celui du fichier de réglages, ou du"
        " dépôt où l'on se trouve, sinon conventions/).",
        metavar="DOSSIER",
    ),
]


def settings() -> Config:
    """The settings file's values (``mpdm.toml`` or ``[tool.mpdm]``); a mistake in it is a
    located usage error."""
    from mpdm_cli.config import ConfigError, find

    try:
        return find(Path.cwd())
    except ConfigError as error:
        fail(f"{error.location}: {error.message}", 2)


def acts_paths(paths: list[Path] | None, config: Config | None = None) -> list[Path]:
    """The paths given on the command line, else where the settings (``config`` when the
    command has already read them) or the repository around the working folder put the
    acts."""
    from mpdm_cli.config import default_acts

    return paths or [default_acts(config or settings(), Path.cwd())]


def require_yaml(paths: list[Path]) -> None:
    """A folder with no YAML file is a usage error: checking it would check nothing."""
    from mpdm_cli.pipeline.repository import without_yaml

    empty = without_yaml(paths)
    if empty:
        names = ", ".join(f"« {path} »" for path in empty)
        fail(f"aucun fichier YAML (.yaml, .yml) dans {names} : vérifiez le chemin", 2)


def load_valid(paths: list[Path] | None, *, rules_block: bool = True) -> Repository:
    """The validated repository; exit 1 with a French message if validation finds errors.

    With ``rules_block=False`` only unreadable or ill-shaped files stop the command (a
    document left out would falsify the figures); rule errors are announced on stderr.
    """
    from mpdm_cli.pipeline.catalogue import stage_of
    from mpdm_cli.pipeline.diagnostics import Severity, Stage
    from mpdm_cli.pipeline.validation import validate

    paths = acts_paths(paths)
    require_yaml(paths)
    # Checked within its whole repository; only the files asked for can stop the command.
    outcome = validate(paths).reported()
    failing = [d for d in outcome.diagnostics if d.fails and d.severity is Severity.ERROR]
    unusable = (Stage.LOADING, Stage.SHAPE)
    blocking = failing if rules_block else [d for d in failing if stage_of(d.code) in unusable]
    if outcome.missing or blocking:
        missing = ", ".join(str(p) for p in outcome.missing)
        reason = f"chemin introuvable : {missing}" if missing else f"{len(blocking)} erreur(s)"
        fail(f"les actes ne sont pas valides ({reason}) ; lancez « mpdm validate » et corrigez")
    if failing:
        print(
            f"mpdm : attention, {len(failing)} erreur(s) signalée(s) par « mpdm validate »",
            file=sys.stderr,
        )
    return outcome.repository


def fail(message: str, code: int = 1) -> NoReturn:
    print(f"mpdm : {message}", file=sys.stderr)
    raise typer.Exit(code)


def write_output(text: str, output: Path | None) -> None:
    """To ``output`` (UTF-8) or to standard output."""
    if output is None:
        sys.stdout.write(text)
    else:
        from mpdm_cli.pipeline.oserrors import os_reason

        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(text, encoding="utf-8", newline="")
        except OSError as error:  # a full disk or a forbidden folder: not an internal error
            fail(f"écriture impossible dans {output} : {os_reason(error)}", 2)
        print(f"écrit : {output}", file=sys.stderr)
