"""When a convention stops applying, and what its financing lines commit year by year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from mpdm_cli.models import Convention
from mpdm_cli.models.common import first_day
from mpdm_cli.models.convention import FundingLine


def ends(convention: Convention) -> dt.date | None:
    """The first day a terminated (dénoncée) convention no longer applies; None if it was
    not terminated. A termination "for 2024" (``effet: 2024``) ends it on 1 January 2024."""
    if convention.termination is None:
        return None
    return first_day(convention.termination.effective)


def applies_on(convention: Convention, day: dt.date) -> bool:
    """Whether a termination has not yet taken effect on ``day`` (the term is not looked at)."""
    end = ends(convention)
    return end is None or day < end


def year_due(convention: Convention, year: int) -> bool:
    """Whether the convention still applies during part of ``year``: years from its
    termination's effect on are no longer due."""
    return applies_on(convention, dt.date(year, 1, 1))


def years_due(convention: Convention, line: FundingLine) -> list[int]:
    """The years of ``line``, in order, that the convention's termination leaves due."""
    return [year for year in sorted(line.years) if year_due(convention, year)]


def committed_spans(convention: Convention, line: FundingLine) -> list[tuple[int, int]]:
    """The (first, last) years a funding line commits: each year due of an annual amount,
    or the span of the years due of a total (which cannot be split by year)."""
    years = years_due(convention, line)
    if not years:
        return []
    if line.basis == "annuel":
        return [(year, year) for year in years]
    return [(years[0], years[-1])]


def span_label(first: int, last: int) -> str:
    """``2024`` for one year, ``2024-2026`` for a span."""
    return str(first) if first == last else f"{first}-{last}"


def yearly_amount(line: FundingLine) -> Decimal | None:
    """What ``line`` commits for each of its years: an annual amount, or a total for one
    year; None for a total over several years, which the act does not split by year."""
    if line.basis == "annuel":
        return line.amount
    return line.amount if len(line.years) == 1 else None


def mean_yearly_amount(line: FundingLine) -> Decimal:
    """An annual amount, or a total divided by its years: the least that the most paid
    year reaches, so a threshold it exceeds is certainly exceeded one year."""
    if line.basis == "annuel":
        return line.amount
    return line.amount / max(len(line.years), 1)


def line_total(line: FundingLine) -> Decimal:
    """What ``line`` commits over all its years: an annual amount once per year, a total once."""
    return line.amount * len(line.years) if line.basis == "annuel" else line.amount
