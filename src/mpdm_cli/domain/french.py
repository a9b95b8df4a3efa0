"""French typography of the rendered acts: dates, amounts in figures and in words, names."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import ROUND_HALF_EVEN, Decimal

NNBSP = "\u202f"  # narrow no-break space: between digit groups
NBSP = "\u00a0"  # no-break space: before €
BLANK_DATE = "………"
_CENTS = Decimal("0.01")


_GROUP_SPACE = re.compile(r"(?<=[0-9]) (?=[0-9]{3}(?![0-9]))")
_BEFORE = re.compile(r" (?=[€:;!?»%])")
_AFTER = re.compile(r"(?<=«) ")


def typographic(text: str) -> str:
    """Print typography on prose as written: ’ for ', and no line break inside "220 000 €"
    nor before ":", ";", "!", "?", "»", "%" or after "«"."""
    text = text.replace("'", "’")
    text = _GROUP_SPACE.sub(NNBSP, text)
    return _AFTER.sub(NBSP, _BEFORE.sub(NBSP, text))


def format_date(value: dt.date | None, weekday: bool = False) -> str:
    """ "21 décembre 2023", "1er décembre 2021", "jeudi 21 décembre 2023"; blank if None."""
    if value is None:
        return BLANK_DATE
    from babel.dates import format_date as babel_date

    text = babel_date(value, format="d MMMM y", locale="fr_FR")
    if value.day == 1:
        text = "1er" + text[1:]
    if weekday:
        text = babel_date(value, format="EEEE", locale="fr_FR") + " " + text
    return text


def _split(amount: Decimal | int) -> tuple[int, int, bool]:
    """(euros, cents, negative) of an amount rounded to the cent."""
    value = Decimal(amount).quantize(_CENTS, rounding=ROUND_HALF_EVEN)
    negative = value < 0
    cents_total = int(abs(value) * 100)
    return cents_total // 100, cents_total % 100, negative


def format_money(amount: Decimal | int) -> str:
    """ "220 000 €" (U+202F between groups, U+00A0 before €), "1 066,50 €" with cents."""
    from babel.numbers import format_decimal

    euros, cents, negative = _split(amount)
    pattern = "#,##0.00" if cents else "#,##0"
    value = Decimal(euros) + Decimal(cents) / 100
    text = format_decimal(-value if negative else value, format=pattern, locale="fr_FR")
    return f"{text}{NBSP}€"


def format_fte(value: Decimal) -> str:
    """Full-time equivalents the French way: ``Decimal("2.50")`` → "2,5"."""
    return format(value.normalize(), "f").replace(".", ",")


def format_number(value: int | Decimal) -> str:
    """An integer count with French digit grouping: "1 066"."""
    from babel.numbers import format_decimal

    return str(format_decimal(value, format="#,##0", locale="fr_FR"))


def _cardinal(number: int) -> str:
    from num2words import num2words

    return str(num2words(number, lang="fr"))


def amount_in_words(amount: Decimal | int) -> str:
    """ "deux cent vingt mille euros", "un million d'euros", "zéro euro", "… et cinq centimes".

    num2words' own currency mode is wrong for French (reads ints as cents, "un million
    euros", "zéro euros"), so only its cardinals are used and the wording rules are here.
    """
    euros, cents, negative = _split(amount)
    parts: list[str] = []
    if euros or not cents:
        words = _cardinal(euros)
        if euros >= 1_000_000 and euros % 1_000_000 == 0:
            unit = "d'euros"  # "un million d'euros", "deux milliards d'euros"
        else:
            unit = "euros" if euros >= 2 else "euro"
        parts.append(f"{words} {unit}")
    if cents:
        parts.append(f"{_cardinal(cents)} {'centimes' if cents >= 2 else 'centime'}")
    text = " et ".join(parts)
    return f"moins {text}" if negative else text


_WORD = re.compile(r"[^\W\d_]+")
_UNITS = {"d", "euro", "€"}


def words_key(text: str) -> tuple[str, ...]:
    """The words of an amount written in words, for comparison: case, hyphens (1990
    spelling or not), plural marks ("quatre-vingts", "deux cents") and the unit ("euros",
    "d'euros") do not count."""
    words = _WORD.findall(text.casefold().replace("€", " euro "))
    stems = (word[:-1] if word.endswith("s") and len(word) > 2 else word for word in words)
    return tuple(stem for stem in stems if stem not in _UNITS)


def article_heading(number: str, title: str | None) -> str:
    """ "Article 1 : Objet de l'avenant", "Article 8 bis : …", "Article 3"."""
    return f"Article {number} : {title}" if title else f"Article {number}"


def civility_short(civility: str) -> str:
    """ "M." for Monsieur, "Mme" for Madame (as in "suppléante de M. Laurent GOBET")."""
    return "M." if civility == "Monsieur" else "Mme"


def agree(civility: str, masculine: str, feminine: str) -> str:
    return masculine if civility == "Monsieur" else feminine


def format_bound(bound: dt.date | int | str) -> str:
    """A bound as precise as the act states it: "1er janvier 2024", "janvier 2023", "2024"."""
    if isinstance(bound, dt.date):
        return format_date(bound)
    if isinstance(bound, int):
        return str(bound)
    from babel.dates import format_date as babel_date

    year, month = (int(part) for part in bound.split("-"))
    return str(babel_date(dt.date(year, month, 1), format="MMMM y", locale="fr_FR"))


def format_period(start: dt.date | int | str, end: dt.date | int | str) -> str:
    """ "du 1er janvier 2024 au 31 décembre 2026", "de janvier 2023 à décembre 2023"."""
    if isinstance(start, dt.date):
        return f"du {format_bound(start)} au {format_bound(end)}"
    return f"de {format_bound(start)} à {format_bound(end)}"


# Letters that decomposition leaves whole: « Œuvre » must not become « uvre ».
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae"})


def fold(text: str) -> str:
    """Lower case, no accents, typographic apostrophes straight, spaces collapsed."""
    text = text.replace("’", "'").replace("‘", "'").translate(_LIGATURES)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"\s+", " ", text).strip()


def slug(text: str, limit: int = 80) -> str:
    """An id: ``Marie-Hélène JUILLARD-RANDRIAN`` → ``marie-helene-juillard-randrian``."""
    folded = fold(text).replace("'", "")
    result = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return result[:limit].rstrip("-") or "sans-nom"
