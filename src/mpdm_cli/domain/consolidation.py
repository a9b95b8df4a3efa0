"""The consolidated convention: a convention with its avenants applied in order."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from mpdm_cli.models import Avenant, Convention
from mpdm_cli.models.convention import FundingLine, Restatable
from mpdm_cli.pipeline.repository import Entry, Repository, per_repository

_RESTATABLE = tuple(Restatable.model_fields)


@dataclass(frozen=True)
class Consolidated:
    """``convention`` as amended; ``applied`` are the avenants taken into account, in order."""

    convention: Convention
    applied: tuple[Avenant, ...]


def avenants_of(repository: Repository, convention_id: str) -> list[tuple[Entry, Avenant]]:
    """The avenants of a convention in the order they apply: by number, then signature."""
    return list(avenants_by_convention(repository).get(convention_id, ()))


@per_repository
def avenants_by_convention(repository: Repository) -> dict[str, list[tuple[Entry, Avenant]]]:
    """Every convention's avenants in order, from one pass over the repository (asked for
    each convention rendered, consolidated or budgeted)."""
    found: dict[str, list[tuple[Entry, Avenant]]] = defaultdict(list)
    for entry, avenant in repository.of_type(Avenant):
        found[avenant.convention].append((entry, avenant))
    for avenants in found.values():
        avenants.sort(key=lambda pair: _order(pair[1]))
    return dict(found)


_LEADING_NUMBER = re.compile(r"[0-9]+")


def avenant_order(avenant: Avenant) -> int | None:
    """The order of an avenant: the first number of its number (``1-2023`` → 1)."""
    match = _LEADING_NUMBER.match(avenant.number)
    return int(match.group()) if match else None


def _order(avenant: Avenant) -> tuple[int, dt.date]:
    signed = avenant.signature.date if avenant.signature and avenant.signature.date else None
    return (avenant_order(avenant) or 0, signed or dt.date.max)


def in_force(avenant: Avenant, at: dt.date) -> bool:
    """Whether ``avenant`` has taken effect on ``at`` (its period start, else its signature)."""
    if avenant.period is not None:
        return avenant.period.first_day <= at
    if avenant.signature is not None and avenant.signature.date is not None:
        return avenant.signature.date <= at
    return True


def consolidate(
    repository: Repository, convention: Convention, at: dt.date | None = None
) -> Consolidated:
    """Apply the avenants (those in force at ``at``, or all) to ``convention``.

    What an avenant restates (staffing, commitments…) replaces the convention's;
    restated financing replaces only the years it names (see ``merge_funding``); its
    ``nouvelle_duree`` replaces the term; its ``articles_convention`` replace the
    articles of the same number or are added.
    """
    applied: list[Avenant] = []
    current = convention
    for _, avenant in avenants_of(repository, convention.id):
        if at is not None and not in_force(avenant, at):
            continue
        update: dict[str, Any] = {
            name: getattr(avenant, name) for name in _RESTATABLE if getattr(avenant, name)
        }
        if avenant.funding:
            update["funding"] = merge_funding(current.funding, avenant.funding)
        if avenant.new_term is not None:
            update["term"] = avenant.new_term
        if avenant.convention_articles:
            replaced = {article.number: article for article in avenant.convention_articles}
            articles = [replaced.pop(a.number, a) for a in current.articles]
            update["articles"] = articles + list(replaced.values())
        current = current.model_copy(update=update)
        applied.append(avenant)
    return Consolidated(current, tuple(applied))


def merge_funding(lines: list[FundingLine], restated: list[FundingLine]) -> list[FundingLine]:
    """``lines`` with the years ``restated`` covers (same funder and scheme) replaced.

    An avenant for 2023 restates 2023; the convention's 2024 lines stay in force.
    A yearly line loses only the restated years; a total line, which cannot be split
    by year, is replaced when any of its years is restated.
    """
    covered = restated_years(restated)
    kept: list[FundingLine] = []
    for line in lines:
        years = years_in_force(line, covered)
        if years == line.years:
            kept.append(line)
        elif years:
            kept.append(line.model_copy(update={"years": years}))
    return kept + list(restated)


Restated = set[tuple[str, str, int]]


def restated_years(restated: list[FundingLine]) -> Restated:
    """(funder, scheme, year) that financing lines of a later act state again."""
    return {(line.funder, line.scheme, year) for line in restated for year in line.years}


def years_in_force(line: FundingLine, covered: Restated) -> list[int]:
    """The years of ``line`` that a later act's ``covered`` years leave in force: a yearly
    line loses the restated years, a total line (not split by year) all of them."""
    hit = [y for y in line.years if (line.funder, line.scheme, y) in covered]
    if not hit:
        return line.years
    return [y for y in line.years if y not in hit] if line.basis == "annuel" else []
