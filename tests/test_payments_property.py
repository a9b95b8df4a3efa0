"""B009 against any split of a year's amount: reported exactly when the instalments miss it."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mpdm_cli.pipeline.validation import selected_rules, validate

COMMON = Path(__file__).parent / "fixtures" / "rules" / "_commun"

CONVENTION = """\
type: convention
id: conv
titre: Convention de test
nature: convention
parties:
  - organisation: metropole
    representee_par: Monsieur le Président
  - organisation: asso
    representee_par: Madame la Présidente
duree:
  debut: 2024
  fin: 2024
financements:
  - financeur: metropole
    beneficiaire: asso
    dispositif: mediation-sociale
    nature: subvention
    montant: {amount}
    base: annuel
    annees: [2024]
    versements:
{instalments}
"""

cents = st.integers(min_value=1, max_value=10**9)


def _euros(value: int) -> Decimal:
    return Decimal(value) / 100


@settings(max_examples=40, deadline=None)
@given(
    amount=cents,
    parts=st.lists(cents, min_size=1, max_size=4),
    remainder=st.booleans(),
    exact=st.booleans(),
)
def test_b008_reports_exactly_the_splits_that_miss(
    amount: int, parts: list[int], remainder: bool, exact: bool
) -> None:
    if exact:  # half the cases: the amount is the sum of the stated instalments, maybe + a solde
        amount = sum(parts) + (amount if remainder else 0)
    lines = [
        f"      - libelle: versement {i}\n        montant: {_euros(p)}" for i, p in enumerate(parts)
    ]
    if remainder:
        lines.append("      - libelle: solde")
    text = CONVENTION.format(amount=_euros(amount), instalments="\n".join(lines))
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "conv.yaml").write_text(text, encoding="utf-8")
        outcome = validate([COMMON, Path(folder)], selected_rules(("B009",)))
    codes = [d.code for d in outcome.diagnostics]
    assert all(code == "B009" for code in codes), codes
    missed = sum(parts) >= amount if remainder else sum(parts) != amount
    assert codes == (["B009"] if missed else [])
