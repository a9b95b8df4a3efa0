"""``mpdm show ID``: the consolidated convention in force at a date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from mpdm_cli.commands._repository import acts_paths, fail, require_yaml


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(
            f"date « {text} » invalide : attendu AAAA-MM-JJ", param_hint="'--at'"
        ) from None


def show_command(
    identifier: Annotated[str, typer.Argument(help="Identifiant de la convention.", metavar="ID")],
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            help="Date (AAAA-MM-JJ) : seuls les avenants en vigueur à cette date sont appliqués.",
            metavar="AAAA-MM-JJ",
            show_default=False,
        ),
    ] = None,
    paths: Annotated[
        list[Path] | None,
        typer.Option(
            "--source",
            help="Fichiers ou dossiers où chercher (par défaut : conventions/).",
            metavar="CHEMIN",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Affiche la convention consolidée (avenants appliqués) : durée, financements, effectifs."""
    from rich.console import Console

    from mpdm_cli.domain.consolidation import consolidate
    from mpdm_cli.models import Convention
    from mpdm_cli.pipeline.suggestions import did_you_mean
    from mpdm_cli.pipeline.validation import validate
    from mpdm_cli.reports.presentation import consolidated_view

    day = _date(at) if at is not None else None
    paths = acts_paths(paths)
    require_yaml(paths)
    outcome = validate(paths, rules=())
    entry = outcome.repository.find("convention", identifier)
    if entry is None and identifier in outcome.repository.unreadable_ids:
        fail(f"convention « {identifier} » illisible ; le détail : mpdm validate")
    if entry is None or not isinstance(entry.document, Convention):
        known = [c.id for _, c in outcome.repository.of_type(Convention)]
        hint = did_you_mean(identifier, known, count=5, cutoff=0.5)
        fail(f"convention « {identifier} » introuvable{hint}", 2)
    consolidated = consolidate(outcome.repository, entry.document, day)
    console = Console(highlight=False)
    for renderable in consolidated_view(outcome.repository, consolidated, day):
        console.print(renderable)


def register(app: typer.Typer) -> None:
    app.command("show")(show_command)
