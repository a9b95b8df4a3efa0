"""Indexes the rules share: conventions with their avenants, terms, commitments per year."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from mpdm_cli.domain.consolidation import avenants_by_convention, restated_years, years_in_force
from mpdm_cli.domain.terms import year_due, yearly_amount
from mpdm_cli.models import Avenant, Convention, Organisation
from mpdm_cli.models.common import Period
from mpdm_cli.models.convention import FundingLine, Restatable, Staffing
from mpdm_cli.pipeline.repository import Entry, Repository, per_repository


@dataclass(frozen=True)
class Act:
    """A convention and its avenants, in the order they apply."""

    entry: Entry
    convention: Convention
    avenants: tuple[tuple[Entry, Avenant], ...]

    def term(self, upto: int | None = None) -> Period | None:
        """The term once the avenants before index ``upto`` (all if None) are applied."""
        term = self.convention.term
        for _, avenant in self.avenants[:upto]:
            if avenant.new_term is not None:
                term = avenant.new_term
        return term

    def documents(self) -> Iterator[tuple[Entry, Restatable]]:
        """The convention, then each avenant: every act that may state commitments."""
        yield self.entry, self.convention
        yield from self.avenants

    def schemes(self) -> set[str]:
        found = set(self.convention.schemes)
        for _, document in self.documents():
            found.update(line.scheme for line in document.funding)
        return found

    def parties(self) -> frozenset[str]:
        return frozenset(party.organisation for party in self.convention.parties)


@per_repository
def acts(repository: Repository) -> dict[str, Act]:
    """Every convention by id, with its avenants."""
    avenants = avenants_by_convention(repository)
    result: dict[str, Act] = {}
    for entry, convention in repository.of_type(Convention):
        result.setdefault(
            convention.id, Act(entry, convention, tuple(avenants.get(convention.id, ())))
        )
    return result


@dataclass(frozen=True)
class Commitment:
    """One financing line, where it is written and what it commits for one year."""

    entry: Entry
    index: int
    line: FundingLine
    yearly: Decimal | None  # None when a total spans several years

    @property
    def path(self) -> tuple[str | int, ...]:
        return ("financements", self.index, "montant")


def commitments_by_year(act: Act) -> dict[int, list[Commitment]]:
    """For each year, the financing lines in force, the avenants applied in order.

    As in the consolidated convention (``consolidation.merge_funding``): an avenant that
    restates a funder's 2023 financing for a scheme replaces that line for 2023 only, and
    leaves the other funders and years as they were.
    """
    result: dict[int, list[Commitment]] = defaultdict(list)
    for entry, document in act.documents():
        if not document.funding:
            continue
        covered = restated_years(document.funding)
        for year, commitments in result.items():
            commitments[:] = [c for c in commitments if year in years_in_force(c.line, covered)]
        for index, line in enumerate(document.funding):
            for year in line.years:
                result[year].append(Commitment(entry, index, line, yearly_amount(line)))
    return {year: commitments for year, commitments in result.items() if commitments}


CoverKey = tuple[str, str, str]
# A term longer than this is a typing error (reported by other rules), not years to index.
MAX_TERM_YEARS = 100


@per_repository
def covering(repository: Repository) -> dict[CoverKey, list[tuple[Act, frozenset[int]]]]:
    """(funder, beneficiary, scheme) → conventions between those two parties that cover the
    scheme, each with the years it covers (by its term, or by a financing line for that
    year), up to its termination (dénonciation) if any; see ``covering_acts``.

    Kept for the whole run: one key per scheme and pair of parties, not per year too, and
    one set of years per convention (at 10 000 acts: 2 MB instead of 10)."""
    index: dict[CoverKey, list[tuple[Act, frozenset[int]]]] = defaultdict(list)
    for act in acts(repository).values():
        years = set(commitments_by_year(act))
        term = act.term()
        if term is not None and term.last_day.year - term.first_day.year < MAX_TERM_YEARS:
            years.update(range(term.first_day.year, term.last_day.year + 1))
        covered = (act, frozenset(year for year in years if year_due(act.convention, year)))
        parties = sorted(act.parties())
        for scheme in sorted(act.schemes()):
            for funder in parties:
                for beneficiary in parties:
                    if funder != beneficiary:
                        index[(funder, beneficiary, scheme)].append(covered)
    return index


def covering_acts(
    index: dict[CoverKey, list[tuple[Act, frozenset[int]]]], key: CoverKey, year: int
) -> list[Act]:
    """The conventions of ``covering`` under ``key`` that cover ``year``, in repository order."""
    return [act for act, years in index.get(key, ()) if year in years]


def staffing_before(act: Act, entry: Entry) -> tuple[Entry, Staffing] | None:
    """The staffing in force for ``entry`` (the convention or one of its avenants), and
    the document that states it."""
    found: tuple[Entry, Staffing] | None = None
    for current, document in act.documents():
        if document.staffing is not None:
            found = (current, document.staffing)
        if current is entry:
            return found
    return found


def categories(repository: Repository) -> dict[str, str]:
    """Organisation id → category (etat, metropole, commune…)."""
    return {o.id: o.category for _, o in repository.of_type(Organisation)}


def dated(day: dt.date) -> str:
    """``2023-12-21`` → ``21/12/2023`` for messages."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
