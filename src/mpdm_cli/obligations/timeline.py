"""The timeline of the conventions: one row per convention and scheme, grouped by scheme and
beneficiary, with its term, avenants, dénonciation, blank signatures and funding per year."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from mpdm_cli.checks.context import Act, acts, categories, commitments_by_year
from mpdm_cli.domain.terms import ends
from mpdm_cli.obligations.derive import effective_end
from mpdm_cli.pipeline.repository import Repository


@dataclass(frozen=True)
class Span:
    start: dt.date
    end: dt.date
    label: str


@dataclass(frozen=True)
class Row:
    act: str
    title: str
    term: Span | None  # None when the act does not state its term
    known_from: dt.date | None  # a partial act known only by a date (its signature…)
    avenants: tuple[Span, ...]
    cut: dt.date | None  # the first day without the convention when it was dénoncée
    blank_signatures: tuple[dt.date, ...]
    funding: tuple[tuple[int, Decimal], ...]  # (year, amount committed for this scheme)


@dataclass
class Group:
    scheme: str
    beneficiary: str
    rows: list[Row] = field(default_factory=list)


@dataclass(frozen=True)
class Timeline:
    groups: tuple[Group, ...]
    first_year: int
    last_year: int
    today: dt.date


def _beneficiaries(act: Act, scheme: str, kinds: dict[str, str]) -> set[str]:
    found = {
        line.beneficiary
        for _, document in act.documents()
        for line in document.funding
        if line.scheme == scheme
    }
    return found or {p for p in act.parties() if kinds.get(p) == "association"}


def _funding(act: Act, scheme: str, last: dt.date | None) -> tuple[tuple[int, Decimal], ...]:
    per_year: dict[int, Decimal] = defaultdict(Decimal)
    for year, commitments in commitments_by_year(act).items():
        if last is not None and year > last.year:
            continue
        for commitment in commitments:
            if commitment.line.scheme == scheme and commitment.yearly is not None:
                per_year[year] += commitment.yearly
    return tuple(sorted(per_year.items()))


def _row(act: Act, scheme: str) -> Row:
    convention = act.convention
    term = act.term()
    end = effective_end(act)
    cut = ends(convention)
    signed = convention.signature.date if convention.signature else None
    blanks = []
    if convention.signature is not None and signed is None and not convention.partial:
        blanks.append(term.first_day if term else None)
    avenants = []
    for _, avenant in act.avenants:
        if avenant.period is not None:
            avenants.append(
                Span(avenant.period.first_day, avenant.period.last_day, f"av. {avenant.number}")
            )
            if avenant.signature is not None and avenant.signature.date is None:
                blanks.append(avenant.period.first_day)
    return Row(
        act=convention.id,
        title=convention.title,
        term=Span(term.first_day, term.last_day, "") if term is not None else None,
        known_from=signed,
        avenants=tuple(avenants),
        cut=cut,
        blank_signatures=tuple(day for day in blanks if day is not None),
        funding=_funding(act, scheme, end[0] if end else None),
    )


def timeline(
    repository: Repository,
    today: dt.date,
    schemes: frozenset[str] = frozenset(),
    organisations: frozenset[str] = frozenset(),
) -> Timeline:
    kinds = categories(repository)
    groups: dict[tuple[str, str], Group] = {}
    years: set[int] = {today.year}
    for act in acts(repository).values():
        if organisations and not organisations & act.parties():
            continue
        for scheme in sorted(act.schemes()):
            if schemes and scheme not in schemes:
                continue
            row = _row(act, scheme)
            for beneficiary in sorted(_beneficiaries(act, scheme, kinds)):
                key = (scheme, beneficiary)
                groups.setdefault(key, Group(scheme, beneficiary)).rows.append(row)
            years |= _years(row)
    for group in groups.values():
        group.rows.sort(key=_start)
    ordered = tuple(groups[key] for key in sorted(groups))
    return Timeline(ordered, min(years), max(years), today)


def _years(row: Row) -> set[int]:
    days = [s.start for s in row.avenants] + [s.end for s in row.avenants]
    if row.term is not None:
        days += [row.term.start, row.term.end]
    if row.known_from is not None:
        days.append(row.known_from)
    return {day.year for day in days} | {year for year, _ in row.funding}


def _start(row: Row) -> tuple[dt.date, str]:
    days = [row.term.start] if row.term else []
    days += [s.start for s in row.avenants]
    days += [row.known_from] if row.known_from else []
    return (min(days) if days else dt.date.max, row.act)
