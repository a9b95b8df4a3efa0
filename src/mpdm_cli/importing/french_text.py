"""Reading French administrative writing: dates, amounts in euros, counts, slugs."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from mpdm_cli.domain.french import fold

MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

_MONTH_WORDS = (
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre"
)
DATE = re.compile(
    rf"\b(?P<day>1er|[0-3]?[0-9])\s+(?P<month>{_MONTH_WORDS})\s+(?P<year>(?:19|20)[0-9]{{2}})\b"
    r"|\b(?P<d>[0-3]?[0-9])[/.](?P<m>[01]?[0-9])[/.](?P<y>(?:19|20)[0-9]{2})\b",
    re.IGNORECASE,
)
MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH_WORDS})\s+(?P<year>(?:19|20)[0-9]{{2}})\b", re.I)
# "220 000 €", "36.750 €", "1 066,50 €", "128 500 euros": groups of three after a space or
# a dot (older acts), decimals after a comma.
AMOUNT = re.compile(
    r"(?P<number>[0-9]{1,3}(?:[ .][0-9]{3})+|[0-9]+)(?:,(?P<cents>[0-9]{1,2}))?\s*(?:€|euros?\b)",
    re.IGNORECASE,
)


def parse_date(text: str) -> dt.date | None:
    """The first date written in ``text`` (« 1er décembre 2021 », « 21/12/2023 »)."""
    for match in DATE.finditer(text):
        try:
            if match["year"]:
                day = 1 if match["day"].lower() == "1er" else int(match["day"])
                return dt.date(int(match["year"]), MONTHS[fold(match["month"])], day)
            return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:  # 31 février: not a date, keep looking
            continue
    return None


def parse_amount(match: re.Match[str]) -> Decimal:
    number = re.sub(r"[ .]", "", match["number"])
    cents = match["cents"]
    return Decimal(f"{number}.{cents.ljust(2, '0')}" if cents else number)


def amounts(text: str) -> list[Decimal]:
    return [parse_amount(match) for match in AMOUNT.finditer(text)]


def month_bound(text: str) -> str | None:
    """« janvier 2023 » → ``"2023-01"``."""
    match = MONTH_YEAR.search(text)
    if not match:
        return None
    return f"{match['year']}-{MONTHS[fold(match['month'])]:02d}"
