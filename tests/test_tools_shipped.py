"""The tools commands on the shipped acts of conventions/."""

from __future__ import annotations

from pathlib import Path

import pytest

from mpdm_cli.cli import main
from mpdm_cli.models import Organisation
from mpdm_cli.pipeline.validation import validate

ROOT = Path(__file__).resolve().parents[1]
CONVENTIONS = ROOT / "conventions"

pytestmark = pytest.mark.skipif(not CONVENTIONS.is_dir(), reason="conventions/ absent")


def test_budget(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["budget", str(CONVENTIONS), "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "annees,financeur,dispositif,nature,montant"
    # The 2022-2024 médiation convention was terminated for 2024 (dénoncée).
    assert not any(line.startswith("2024,") and "mediation-sociale" in line for line in out)


def test_export_names_every_organisation_without_siret(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    repository = validate([CONVENTIONS]).repository
    missing = [org for _, org in repository.of_type(Organisation) if org.siret is None]
    code = main(["export", "deliberations", str(CONVENTIONS), "-o", str(tmp_path / "d.csv")])
    err = capsys.readouterr().err
    if any(org.id == "dijon-metropole" for org in missing):
        assert code == 1
        assert "« Dijon métropole » (dijon-metropole)" in err and "SIRET" in err
        assert not (tmp_path / "d.csv").exists()
    else:
        assert code == 0
