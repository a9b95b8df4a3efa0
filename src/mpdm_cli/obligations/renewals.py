"""Renewals: a convention ending in the window with no successor needs a new délibération."""

from __future__ import annotations

import datetime as dt

from mpdm_cli.checks.context import Act, acts, categories
from mpdm_cli.domain.french import format_date
from mpdm_cli.models import SittingCalendar
from mpdm_cli.obligations.derive import effective_end
from mpdm_cli.obligations.model import Obligation
from mpdm_cli.pipeline.repository import Entry, Repository

RENEWAL_SOURCE = (
    "déduit : la convention prend fin et aucune convention postérieure entre les mêmes parties"
    " ne reprend ce dispositif ; une nouvelle convention suppose une délibération de chaque"
    " collectivité qui la finance"
)


def _start(act: Act) -> dt.date | None:
    term = act.term()
    if term is not None:
        return term.first_day
    periods = [a.period.first_day for _, a in act.avenants if a.period is not None]
    return min(periods) if periods else None


def successors(act: Act, every: list[Act]) -> set[str]:
    """The schemes of ``act`` that a later convention between the same parties (and maybe
    more) carries on."""
    start = _start(act)
    carried: set[str] = set()
    for other in every:
        if other is act or not act.parties() <= other.parties():
            continue
        other_start = _start(other)
        if start is None or other_start is None or other_start <= start:
            continue
        carried |= act.schemes() & other.schemes()
    return carried


def last_sitting_before(
    calendars: list[tuple[Entry, SittingCalendar]], organisations: set[str], day: dt.date
) -> tuple[dt.date, Entry, int, SittingCalendar] | None:
    """The latest sitting, before ``day``, of an assembly of one of ``organisations``."""
    best: tuple[dt.date, Entry, int, SittingCalendar] | None = None
    for entry, calendar in calendars:
        if calendar.assembly.organisation not in organisations:
            continue
        for index, sitting in enumerate(calendar.sittings):
            if sitting < day and (best is None or sitting > best[0]):
                best = (sitting, entry, index, calendar)
    return best


def renewals(repository: Repository, start: dt.date, end: dt.date) -> list[Obligation]:
    """One entry per convention whose last day falls in [start, end] and whose schemes are
    not all carried on by a later convention."""
    every = list(acts(repository).values())
    calendars = list(repository.of_type(SittingCalendar))
    kinds = categories(repository)
    found: list[Obligation] = []
    for act in every:
        ending = effective_end(act)
        if ending is None or not start <= ending[0] <= end:
            continue
        orphaned = sorted(act.schemes() - successors(act, every))
        if not orphaned:
            continue
        day, entry, path = ending
        # Every public party decides by délibération: those that fund it by a financing
        # line, and the collectivités that commit otherwise (posts, premises).
        funders = {line.funder for _, document in act.documents() for line in document.funding} | {
            party for party in act.parties() if kinds.get(party, "association") != "association"
        }
        sitting = last_sitting_before(calendars, funders, day + dt.timedelta(days=1))
        schemes = ", ".join(orphaned)
        what = "de la dernière période d'avenant" if path[0] == "periode" else "de la convention"
        title = (
            f"renouvellement ({schemes}) : une délibération est nécessaire avant le"
            f" {format_date(day)}, fin {what} ; aucune convention ne lui succède"
        )
        debtor = tuple(sorted(funders & act.parties()))
        if sitting is not None:
            day = sitting[0]
            title = (
                f"renouvellement ({schemes}) : une délibération est nécessaire au plus tard à la"
                f" séance du {format_date(day)} ({sitting[3].assembly.name}), dernière avant la"
                f" fin {what} le {format_date(ending[0])}"
            )
            debtor = (sitting[3].assembly.organisation,)
        found.append(
            Obligation(
                date=day,
                act=act.convention.id,
                kind="renouvellement",
                key="convention",
                title=title,
                source=(entry, path),
                debtor=debtor,
                schemes=tuple(sorted(act.schemes())),
                parties=tuple(sorted(act.parties())),
                derived_from=RENEWAL_SOURCE,
            )
        )
    return found
