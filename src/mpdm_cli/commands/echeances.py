"""``mpdm echeances``: what is due when — payments, reports, ends of term, renewals, blanks."""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mpdm_cli.commands._repository import Paths, fail, load_valid

if TYPE_CHECKING:
    from mpdm_cli.obligations.formats import Window


class DuesFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    ics = "ics"


def parse_date(text: str, option: str) -> dt.date:
    """A date option, or exit 2 with a French message."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        fail(f"date « {text[:40]} » invalide pour {option} : attendu AAAA-MM-JJ", 2)


def one_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def echeances_command(
    paths: Paths = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--au",
            help="Date du jour (AAAA-MM-JJ) : début de la liste et date qui dit si une"
            " échéance est passée (par défaut : aujourd'hui).",
            metavar="AAAA-MM-JJ",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--jusqu-au",
            help="Dernier jour de la liste (par défaut : douze mois après --au).",
            metavar="AAAA-MM-JJ",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--depuis",
            help="Premier jour de la liste, pour revoir aussi des échéances passées"
            " (par défaut : --au).",
            metavar="AAAA-MM-JJ",
            show_default=False,
        ),
    ] = None,
    organisations: Annotated[
        list[str] | None,
        typer.Option(
            "--organisation",
            help="Seulement les échéances qui concernent cette organisation (répétable).",
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
    kinds: Annotated[
        list[str] | None,
        typer.Option(
            "--type",
            help="Seulement ce type (répétable) : versement, compte-rendu-financier,"
            " bilan-activite, evaluation, rapport, fin-de-duree, denonciation, preavis,"
            " renouvellement, a-completer.",
            metavar="TYPE",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        DuesFormat,
        typer.Option(
            "--format",
            "-f",
            help="text (tableau), json, csv ou ics (agenda : Outlook, Thunderbird…).",
            show_default=False,
        ),
    ] = DuesFormat.text,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Fichier à écrire (par défaut : la sortie standard).",
            metavar="FICHIER",
        ),
    ] = None,
) -> None:
    """Échéances entre deux dates : versements, comptes rendus, fins de convention,
    renouvellements, dates laissées en blanc ; chacune avec l'acte et la ligne qui la fondent."""
    from mpdm_cli.obligations.model import KINDS

    day = parse_date(today, "--au") if today is not None else dt.date.today()
    unknown = sorted(set(kinds or ()) - set(KINDS))
    if unknown:
        fail(f"type inconnu : {', '.join(unknown)} ; types : {', '.join(KINDS)}", 2)
    from mpdm_cli.obligations.formats import Window

    window = Window(
        today=day,
        start=parse_date(since, "--depuis") if since is not None else day,
        end=parse_date(until, "--jusqu-au") if until is not None else one_year_after(day),
        organisations=frozenset(organisations or ()),
        schemes=frozenset(schemes or ()),
        kinds=frozenset(kinds or ()),
    )
    if window.end < window.start:
        fail("--jusqu-au précède le premier jour de la liste", 2)
    _list(paths, window, output_format, output)


def _list(paths: list[Path] | None, window: Window, kind: DuesFormat, output: Path | None) -> None:
    from mpdm_cli.obligations import formats
    from mpdm_cli.obligations.derive import obligations
    from mpdm_cli.obligations.renewals import renewals

    repository = load_valid(paths, rules_block=False)
    names = repository.organisation_names()
    found = obligations(repository) + renewals(repository, window.start, window.end)
    kept = sorted(o for o in found if window.keeps(o))
    rows = [formats.row(o, window.today, names) for o in kept]
    if kind is DuesFormat.ics:
        _write(formats.to_ics(kept, rows, window), output)
    elif kind is DuesFormat.json:
        _write(formats.to_json(rows, window).encode("utf-8"), output)
    elif kind is DuesFormat.csv:
        _write(formats.to_csv(rows).encode("utf-8"), output)
    elif output is not None:
        _write(_table_text(rows, window, width=120).encode("utf-8"), output)
    else:
        _print_table(rows, window)


def _table(rows: list[dict[str, str]], window: Window) -> object:
    from decimal import Decimal

    from rich.table import Table
    from rich.text import Text

    from mpdm_cli.domain.french import format_date, format_money
    from mpdm_cli.obligations.formats import STATED
    from mpdm_cli.reports.report import visible

    title = (
        f"Échéances du {format_date(window.start)} au {format_date(window.end)}"
        f" (situation au {format_date(window.today)})"
    )
    table = Table(title=title, show_lines=True)
    table.add_column("Date", no_wrap=True, min_width=10)
    table.add_column("Statut", min_width=9)
    table.add_column("Échéance", overflow="fold")
    for values in rows:
        who = f"doit : {values['doit']}" if values["doit"] else ""
        who += f", à : {values['a']}" if values["a"] else ""
        lines = [values["objet"]]
        if who:
            amount = values["montant"]
            lines.append(who + (f" · {format_money(Decimal(amount))}" if amount else ""))
        article = f" (article {values['article']})" if values["article"] else ""
        lines.append(f"{values['acte']}{article} — {values['source']}")
        if values["fondement"] != STATED:
            lines.append(values["fondement"])
        # Words from the acts are neither rich markup nor terminal controls.
        cells = (values["date"], values["statut"], "\n".join(lines))
        table.add_row(*(Text(visible(cell)) for cell in cells))
    return table


def _print_table(rows: list[dict[str, str]], window: Window) -> None:
    from rich.console import Console

    if not rows:
        print("Aucune échéance dans la période.")
        return
    Console(highlight=False).print(_table(rows, window))


def _table_text(rows: list[dict[str, str]], window: Window, width: int) -> str:
    from rich.console import Console

    if not rows:
        return "Aucune échéance dans la période.\n"
    console = Console(file=None, width=width, record=True, highlight=False, color_system=None)
    with console.capture():
        console.print(_table(rows, window))
    return console.export_text()


def _write(data: bytes, output: Path | None) -> None:
    """To ``output`` atomically (never half a file), or to standard output."""
    if output is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    write_bytes(data, output)


def write_bytes(data: bytes, output: Path) -> None:
    """``data`` to ``output`` through a temporary file: readers never see half of it."""
    from mpdm_cli.pipeline.oserrors import os_reason
    from mpdm_cli.render.writer import UnsafeOutputName, write_atomic

    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(output.parent, output.name, data)
    except UnsafeOutputName:
        fail(
            f"nom de fichier « {output.name} » refusé : lettres sans accents, chiffres, points,"
            " tirets et soulignés seulement",
            2,
        )
    except OSError as error:
        fail(f"écriture impossible dans {output} : {os_reason(error)}", 2)
    print(f"écrit : {output}", file=sys.stderr)


def register(app: typer.Typer) -> None:
    app.command("echeances")(echeances_command)
