"""Payment schedules: which instalments fall in which financed year, for how much, and when."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from mpdm_cli.domain.terms import yearly_amount
from mpdm_cli.models.common import first_day, last_day
from mpdm_cli.models.convention import FundingLine
from mpdm_cli.models.obligations import Instalment


@dataclass(frozen=True)
class Due:
    """One instalment for one financed year: its index in the line, amount and due date."""

    index: int
    instalment: Instalment
    year: int | None  # None for a multi-year total paid without a stated year
    amount: Decimal | None  # None for the remainder (the « solde » with no figure)
    earliest: dt.date | None  # the first day of the stated date (a month starts on the 1st)
    latest: dt.date | None  # the day it is due at the latest


def _amount(instalment: Instalment, line: FundingLine) -> Decimal | None:
    if instalment.amount is not None:
        return instalment.amount
    if instalment.percentage is not None:
        return line.amount * instalment.percentage / 100  # of the line's amount
    return None


def _window(instalment: Instalment, year: int | None) -> tuple[dt.date | None, dt.date | None]:
    if instalment.date is not None:
        return first_day(instalment.date), last_day(instalment.date)
    if instalment.month is not None and year is not None:
        month = instalment.month
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return None, None


def instalment_years(instalment: Instalment, line: FundingLine) -> list[int | None]:
    """The financed years an instalment belongs to: its own year, the year of its date, or
    every year of an annual line; a total over several years is paid once."""
    if instalment.year is not None:
        return [instalment.year]
    if instalment.date is not None:
        return [first_day(instalment.date).year]
    if yearly_amount(line) is not None:
        return list(line.years)
    return [None]


def dues(line: FundingLine) -> list[Due]:
    """Every instalment of the line, once per financed year it applies to."""
    found: list[Due] = []
    for index, instalment in enumerate(line.instalments):
        for year in instalment_years(instalment, line):
            earliest, latest = _window(instalment, year)
            found.append(Due(index, instalment, year, _amount(instalment, line), earliest, latest))
    return found


def by_year(line: FundingLine) -> dict[int | None, list[Due]]:
    grouped: dict[int | None, list[Due]] = {}
    for due in dues(line):
        key = due.year if yearly_amount(line) is not None else None
        grouped.setdefault(key, []).append(due)
    return grouped
