"""Helpers the rules share: article citations in prose, amounts in messages."""

from __future__ import annotations

import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from mpdm_cli.checks.references import cited_articles
from mpdm_cli.domain.french import format_money
from mpdm_cli.pipeline.validation import validate

FIXTURES = Path(__file__).parent / "fixtures" / "rules"


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
        (Decimal(220000), "220\u202f000\u00a0€"),
        (Decimal("1066.5"), "1\u202f066,50\u00a0€"),
        (Decimal(0), "0\u00a0€"),
        (Decimal(-12), "-12\u00a0€"),
    ],
)
def test_money_in_messages(amount: Decimal, shown: str) -> None:
    assert format_money(amount) == shown


def test_rules_survive_extreme_values(tmp_path: Path) -> None:
    """Huge amounts and the farthest dates shape lets through (1900–2200) are reported or
    skipped, never an internal error."""
    (tmp_path / "conv.yaml").write_text(
        textwrap.dedent("""\
            type: convention
            id: conv
            titre: Convention extrême
            nature: convention pluriannuelle d'objectifs et de moyens
            parties:
              - organisation: metropole
                representee_par: Monsieur le Président
            duree:
              debut: 1900-01-01
              fin: 2200-12-31
            denonciation:
              par: [metropole]
              effet: 1900-01-01
            financements:
              - financeur: metropole
                beneficiaire: metropole
                dispositif: mediation-sociale
                nature: subvention
                montant: 123456789012345678.01
                base: annuel
                annees: [1900, 2200]
                postes:
                  role: inconnu
                  nombre: 7
                  mois: 11
            signature:
              date: 2200-12-31
            """),
        encoding="utf-8",
    )
    outcome = validate([FIXTURES / "_commun", tmp_path])
    assert {d.code for d in outcome.diagnostics} <= {"B002", "B007", "D007", "P006"}


def test_citation_search_is_linear() -> None:
    """Long runs of spaces (a hostile or badly pasted text) do not make the search explode."""
    spaces = " " * 50_000
    assert list(cited_articles(f"article 3{spaces}x")) == ["3"]
    assert list(cited_articles(f"article 3, alinéa 4{spaces}x")) == ["3"]
