"""Obligations as rows (text, JSON, CSV) and as an iCalendar file of all-day events."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass

from mpdm_cli.obligations.model import Obligation

STATED = "stipulé par l'acte"  # the « fondement » of what the act itself says

COLUMNS = (
    "date",
    "statut",
    "type",
    "objet",
    "doit",
    "a",
    "montant",
    "acte",
    "article",
    "source",
    "fondement",
    "dispositifs",
    "uid",
)


@dataclass(frozen=True)
class Window:
    """Which obligations to list: between two days, with today's date for their status."""

    today: dt.date
    start: dt.date
    end: dt.date
    organisations: frozenset[str] = frozenset()
    schemes: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()

    def keeps(self, obligation: Obligation) -> bool:
        # A blank still to fill stays listed however old it is, until it is filled.
        starts = obligation.pending or self.start <= obligation.date
        if not (starts and obligation.date <= self.end):
            return False
        if self.kinds and obligation.kind not in self.kinds:
            return False
        if self.schemes and not self.schemes & set(obligation.schemes):
            return False
        involved = {*obligation.debtor, *obligation.creditors, *obligation.parties}
        return not self.organisations or bool(self.organisations & involved)


def row(obligation: Obligation, today: dt.date, names: dict[str, str]) -> dict[str, str]:
    """The French columns of one obligation, every value a string."""

    def named(ids: tuple[str, ...]) -> str:
        return ", ".join(names.get(i, i) for i in ids)

    return {
        "date": obligation.date.isoformat(),
        "statut": obligation.status(today),
        "type": obligation.kind,
        "objet": obligation.title,
        "doit": named(obligation.debtor),
        "a": named(obligation.creditors),
        "montant": "" if obligation.amount is None else f"{obligation.amount:.2f}",
        "acte": obligation.act,
        "article": obligation.article or "",
        "source": f"{obligation.location.file}:{obligation.location.line}",
        "fondement": obligation.derived_from or STATED,
        "dispositifs": ", ".join(obligation.schemes),
        "uid": obligation.uid,
    }


def to_json(rows: list[dict[str, str]], window: Window) -> str:
    document = {
        "au": window.today.isoformat(),
        "depuis": window.start.isoformat(),
        "jusqu_au": window.end.isoformat(),
        "echeances": rows,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: list[dict[str, str]]) -> str:
    """For a spreadsheet: a cell from the acts that a spreadsheet would run as a formula
    (starting with = + - @ or a tab) is written with a leading apostrophe, shown as text."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: _as_text(value) for key, value in row.items()} for row in rows)
    return buffer.getvalue()


def _as_text(cell: str) -> str:
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def to_ics(obligations: list[Obligation], rows: list[dict[str, str]], window: Window) -> bytes:
    """All-day events whose UID comes from the act and the obligation, and whose DTSTAMP is
    the reference date: the same acts give the same bytes, and calendar programs update an
    event on re-import instead of adding a second one."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//mpdm//echeances//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")  # a published calendar: Outlook imports, never replies
    calendar.add("x-wr-calname", "Échéances des conventions")
    stamp = dt.datetime(window.today.year, window.today.month, window.today.day, tzinfo=dt.UTC)
    for obligation, values in zip(obligations, rows, strict=True):
        event = Event()
        event.add("uid", obligation.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", obligation.date)
        event.add("dtend", obligation.date + dt.timedelta(days=1))
        event.add("summary", f"{obligation.title} — {obligation.act}")
        event.add("categories", [obligation.kind])
        event.add("transp", "TRANSPARENT")
        event.add("description", _description(values))
        calendar.add_component(event)
    data = calendar.to_ical()
    assert isinstance(data, bytes)
    return data


_LABELS = (
    ("doit", "Doit"),
    ("a", "À"),
    ("montant", "Montant (€)"),
    ("acte", "Acte"),
    ("article", "Article"),
    ("source", "Source"),
    ("fondement", "Fondement"),
)


def _description(values: dict[str, str]) -> str:
    return "\n".join(f"{label} : {values[key]}" for key, label in _LABELS if values[key])
