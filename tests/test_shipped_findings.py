"""What the rule catalogue finds in the shipped acts: only the accepted anomalies."""

from __future__ import annotations

from pathlib import Path

from mpdm_cli.pipeline.validation import validate

ROOT = Path(__file__).resolve().parent.parent / "conventions"


def test_shipped_acts_report_only_accepted_anomalies() -> None:
    diagnostics = validate([ROOT]).diagnostics
    assert [str(d) for d in diagnostics if d.fails] == []
    accepted = {(Path(d.location.file).name, d.code, d.location.line) for d in diagnostics}
    avenant = "bataillon-prevention-avenant-1-2023.yaml"
    assert {(name, code) for name, code, _ in accepted} == {
        (avenant, "P001"),  # article 3: 12 médiateurs, 6 + 3 répartis
        (avenant, "P004"),  # article 8: 9 recrutements pour 12 postes
        (avenant, "D005"),  # « Fait à Dijon, le , »
    }
