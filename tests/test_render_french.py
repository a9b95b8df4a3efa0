"""French typography filters: dates, amounts in figures and in words."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpdm_cli.domain.french import (
    NBSP,
    NNBSP,
    amount_in_words,
    format_date,
    format_money,
    format_period,
    typographic,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2023, 12, 21), "21 décembre 2023"),
        (dt.date(2021, 12, 1), "1er décembre 2021"),
        (dt.date(2024, 1, 1), "1er janvier 2024"),
        (dt.date(2024, 8, 11), "11 août 2024"),
        (None, "………"),
    ],
)
def test_dates(value: dt.date | None, expected: str) -> None:
    assert format_date(value) == expected


def test_date_with_weekday() -> None:
    assert format_date(dt.date(2023, 12, 21), weekday=True) == "jeudi 21 décembre 2023"
    assert format_date(dt.date(2021, 12, 1), weekday=True) == "mercredi 1er décembre 2021"


def test_periods() -> None:
    assert format_period("2023-01", "2023-12") == "de janvier 2023 à décembre 2023"
    assert format_period(dt.date(2024, 1, 1), dt.date(2026, 12, 31)) == (
        "du 1er janvier 2024 au 31 décembre 2026"
    )
    assert format_period(2024, 2026) == "de 2024 à 2026"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal(220000), f"220{NNBSP}000{NBSP}€"),
        (Decimal(468000), f"468{NNBSP}000{NBSP}€"),
        (Decimal(1000), f"1{NNBSP}000{NBSP}€"),
        (Decimal("1066.50"), f"1{NNBSP}066,50{NBSP}€"),
        (Decimal("1066.00"), f"1{NNBSP}066{NBSP}€"),
        (Decimal(0), f"0{NBSP}€"),
        (Decimal("0.05"), f"0,05{NBSP}€"),
        (Decimal(1234567), f"1{NNBSP}234{NNBSP}567{NBSP}€"),
    ],
)
def test_money(amount: Decimal, expected: str) -> None:
    assert format_money(amount) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (220000, "deux cent vingt mille euros"),
        (468000, "quatre cent soixante-huit mille euros"),
        (1000000, "un million d'euros"),
        (2000000, "deux millions d'euros"),
        (1200000, "un million deux cent mille euros"),
        (1000000000, "un milliard d'euros"),
        (0, "zéro euro"),
        (1, "un euro"),
        (2, "deux euros"),
        (80, "quatre-vingts euros"),
        (71, "soixante et onze euros"),
        (Decimal("1066.50"), "mille soixante-six euros et cinquante centimes"),
        (Decimal("1.01"), "un euro et un centime"),
        (Decimal("0.50"), "cinquante centimes"),
        (Decimal("2000000.10"), "deux millions d'euros et dix centimes"),
    ],
)
def test_amount_in_words(amount: Decimal | int, expected: str) -> None:
    assert amount_in_words(amount) == expected


amounts = st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2)
_FIGURES = re.compile(r"[0-9]{1,3}(?:\u202f[0-9]{3})*(?:,[0-9]{2})?\u00a0€")


@given(amounts)
def test_money_shape_and_value(amount: Decimal) -> None:
    text = format_money(amount)
    assert _FIGURES.fullmatch(text), text
    digits = text.removesuffix(f"{NBSP}€").replace(NNBSP, "").replace(",", ".")
    assert Decimal(digits) == amount
    assert ("," in text) == (amount != amount.to_integral_value())


@given(amounts)
def test_words_follow_french_rules(amount: Decimal) -> None:
    text = amount_in_words(amount)
    euros, cents = int(amount), int((amount - int(amount)) * 100)
    assert "zéro centime" not in text
    assert "million euros" not in text and "milliard euros" not in text
    assert "zéro euros" not in text and not text.startswith("un euros")
    assert ("centime" in text) == bool(cents)
    if euros == 0 and cents:
        assert "euro" not in text
    if euros >= 2 and euros % 1_000_000:
        assert re.fullmatch(r"[a-zé -]+ euros(?: et [a-z -]+ centimes?)?", text), text
    assert not re.search(r"\s{2}|\d", text)


def test_print_typography_keeps_figures_and_punctuation_together() -> None:
    assert typographic("de 220 000 € : « oui »") == (
        f"de 220{NNBSP}000{NBSP}€{NBSP}: «{NBSP}oui{NBSP}»"
    )
    assert typographic("l'article 12 du 1 000 000 fois") == (
        f"l’article 12 du 1{NNBSP}000{NNBSP}000 fois"
    )
    assert typographic("période 2016-2018, 2023 à 2024") == "période 2016-2018, 2023 à 2024"


@pytest.mark.parametrize(
    ("name", "identifier"),
    [
        ("Ville de Chenôve", "ville-de-chenove"),
        ("Marie-Hélène JUILLARD-RANDRIAN", "marie-helene-juillard-randrian"),
        ("Jeanne D’Arc", "jeanne-darc"),
        ("Œuvre de l'Est", "oeuvre-de-lest"),
        ("Straße", "strasse"),
    ],
)
def test_one_slug_for_every_id_made_from_a_name(name: str, identifier: str) -> None:
    from mpdm_cli.domain.french import slug

    assert slug(name) == identifier
