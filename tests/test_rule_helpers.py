"""Helpers the rules share: article citations in prose, amounts in messages."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mpdm_cli.checks.context import euros
from mpdm_cli.checks.references import cited_articles


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        ("comme prévu par l'article 7, alinéa 5 de la présente convention", ["7"]),
        ("dans le cadre fixé par l’article 8 de la présente convention", ["8"]),
        ("voir l'Article 8 bis et l'article 1er", ["8 bis", "1er"]),
        ("les articles 3, 4 et 8 ter", ["3", "4", "8 ter"]),
        ("en application de l'article 10 de la loi n° 2000-321", []),
        ("l'article L.5217-2 du code général des collectivités territoriales", []),
        ("l'article 3 du décret n° 2001-495", []),
        ("l'article 3 du présent avenant", ["3"]),
        ("Article 12 : Avenant", ["12"]),
    ],
)
def test_cited_articles(text: str, cited: list[str]) -> None:
    assert list(cited_articles(text)) == cited


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (Decimal(220000), "220\u202f000 €"),
        (Decimal("1066.5"), "1\u202f066,50 €"),
        (Decimal(0), "0 €"),
        (Decimal(-12), "-12 €"),
    ],
)
def test_euros(amount: Decimal, shown: str) -> None:
    assert euros(amount) == shown
