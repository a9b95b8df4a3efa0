"""Consolidation: avenants applied in order, restated blocks replacing the convention's."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from mpdm_cli.domain.consolidation import consolidate
from mpdm_cli.models import Convention
from mpdm_cli.pipeline.validation import validate
from tests.conftest import write_tree

CONVENTION = """\
type: convention
id: conv
titre: Convention
nature: convention pluriannuelle d'objectifs et de moyens
parties:
  - organisation: etat
  - organisation: asso
duree: {debut: 2024, fin: 2026}
articles:
  - {numero: "1", texte: Objet initial.}
  - {numero: "2", texte: Durée.}
financements:
  - {financeur: etat, beneficiaire: asso, dispositif: mediation, nature: subvention,
     montant: 100, base: annuel, annees: [2024, 2025, 2026]}
  - {financeur: etat, beneficiaire: asso, dispositif: autre, nature: subvention,
     montant: 50, base: annuel, annees: [2025]}
"""


def avenant(number: str, start: str, amount: int, year: int, extra: str = "") -> str:
    return f"""\
type: avenant
id: avenant-{number}
numero: "{number}"
convention: conv
titre: Avenant {number}
parties: [{{organisation: etat}}]
periode: {{debut: {start}, fin: {start}}}
financements:
  - {{financeur: etat, beneficiaire: asso, dispositif: mediation, nature: subvention,
     montant: {amount}, base: annuel, annees: [{year}]}}
{extra}"""


def consolidated(repo: Path, at: dt.date | None = None) -> Convention:
    outcome = validate([repo])
    entry = outcome.repository.find("convention", "conv")
    assert entry is not None and isinstance(entry.document, Convention)
    return consolidate(outcome.repository, entry.document, at).convention


def funding(convention: Convention) -> set[tuple[str, Decimal, tuple[int, ...]]]:
    return {(f.scheme, f.amount, tuple(f.years)) for f in convention.funding}


def test_avenants_apply_in_number_order_and_by_date(repo: Path) -> None:
    replaced = 'articles_convention:\n  - {numero: "1", texte: Objet modifié.}\n'
    added = 'articles_convention:\n  - {numero: "3", texte: Nouvel article.}\n'
    write_tree(repo, {
        "conv.yaml": CONVENTION,
        "av2.yaml": avenant("2", "2026-01", 300, 2026, added),
        "av1.yaml": avenant("1", "2025-01", 200, 2025, replaced),
    })  # fmt: skip
    full = consolidated(repo)
    assert funding(full) == {
        ("mediation", Decimal(100), (2024,)),
        ("autre", Decimal(50), (2025,)),
        ("mediation", Decimal(200), (2025,)),
        ("mediation", Decimal(300), (2026,)),
    }
    assert [(a.number, a.text) for a in full.articles] == [
        ("1", "Objet modifié."), ("2", "Durée."), ("3", "Nouvel article."),
    ]  # fmt: skip
    in_2025 = consolidated(repo, dt.date(2025, 6, 1))
    assert ("mediation", Decimal(100), (2024, 2026)) in funding(in_2025)
    assert [a.number for a in in_2025.articles] == ["1", "2"]
    assert consolidated(repo, dt.date(2024, 6, 1)).articles[0].text == "Objet initial."
