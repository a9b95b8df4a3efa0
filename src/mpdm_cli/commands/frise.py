"""``mpdm frise``: the timeline of the conventions, as SVG or as an A4 landscape PDF."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from mpdm_cli.commands._repository import Paths, load_valid
from mpdm_cli.commands.echeances import parse_date, write_bytes


class TimelineFormat(StrEnum):
    svg = "svg"
    pdf = "pdf"


def frise_command(
    paths: Paths = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--au",
            help="Date du jour (AAAA-MM-JJ), tracée sur la frise (par défaut : aujourd'hui).",
            metavar="AAAA-MM-JJ",
            show_default=False,
        ),
    ] = None,
    organisations: Annotated[
        list[str] | None,
        typer.Option(
            "--organisation",
            help="Seulement les conventions dont cette organisation est partie (répétable).",
            metavar="ID",
            show_default=False,
        ),
    ] = None,
    schemes: Annotated[
        list[str] | None,
        typer.Option(
            "--dispositif",
            help="Seulement ce dispositif (répétable).",
            metavar="ID",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        TimelineFormat,
        typer.Option("--format", "-f", help="svg ou pdf (A4 paysage, PDF/A).", show_default=False),
    ] = TimelineFormat.svg,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Fichier à écrire (par défaut : frise.svg ou frise.pdf).",
            metavar="FICHIER",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Frise des conventions et avenants par dispositif et bénéficiaire : durées,
    dénonciations, signatures en blanc, montants par année et date du jour."""
    from mpdm_cli.obligations.svg import timeline_svg
    from mpdm_cli.obligations.timeline import timeline

    day = parse_date(today, "--au") if today is not None else dt.date.today()
    repository = load_valid(paths, rules_block=False)
    picture = timeline(repository, day, frozenset(schemes or ()), frozenset(organisations or ()))
    pages = timeline_svg(picture, repository.organisation_names())
    target = output or Path(f"frise.{output_format.value}")
    if output_format is TimelineFormat.pdf:
        from mpdm_cli.obligations.pdf import timeline_pdf

        write_bytes(timeline_pdf(pages, day), target)
        return
    # One SVG per A4 page: frise.svg, then frise-2.svg, frise-3.svg…
    for number, svg in enumerate(pages, 1):
        name = target if number == 1 else target.with_stem(f"{target.stem}-{number}")
        write_bytes(svg.encode("utf-8"), name)


def register(app: typer.Typer) -> None:
    app.command("frise")(frise_command)
