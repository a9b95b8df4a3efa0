"""The budget view: amounts the consolidated conventions commit, per year, funder and scheme."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from mpdm_cli.domain.consolidation import consolidate
from mpdm_cli.domain.terms import committed_spans, span_label
from mpdm_cli.models import Convention
from mpdm_cli.pipeline.repository import Repository


@dataclass(frozen=True, order=True)
class BudgetLine:
    """``years`` is one year, or a span "2024-2026" for an amount stated for the whole span."""

    years: str
    funder: str
    scheme: str
    nature: str
    amount: Decimal


def budget(repository: Repository) -> list[BudgetLine]:
    totals: dict[tuple[str, str, str, str], Decimal] = defaultdict(Decimal)
    for _, original in repository.asked_of_type(Convention):
        convention = consolidate(repository, original).convention
        for line in convention.funding:
            for first, last in committed_spans(convention, line):
                key = (span_label(first, last), line.funder, line.scheme, line.nature)
                totals[key] += line.amount
    return sorted(BudgetLine(*key, amount) for key, amount in totals.items())


def to_csv(lines: list[BudgetLine]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["annees", "financeur", "dispositif", "nature", "montant"])
    for line in lines:
        writer.writerow(
            [line.years, line.funder, line.scheme, line.nature, format(line.amount, "f")]
        )
    return buffer.getvalue()
