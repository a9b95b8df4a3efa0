"""``mpdm export``: SCDL CSV files, checked with frictionless against the official schemas."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from frictionless import Resource, Schema, validate
from stdnum.fr import siret

from mpdm_cli.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "tools"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURES / "conventions", tmp_path / "conventions")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _check_against_official_schema(csv_name: str, kind: str) -> list[dict[str, str]]:
    """Frictionless Table Schema validation, then the custom checks Validata adds."""
    descriptor = json.loads((FIXTURES / "scdl" / f"{kind}.schema.json").read_text("utf-8"))
    # frictionless refuses absolute paths as unsafe: read the file from the working dir.
    report = validate(Resource(path=csv_name, schema=Schema.from_descriptor(descriptor)))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    with open(csv_name, encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_subsidies(repo: Path) -> None:
    assert main(["export", "subventions", "--output", "subventions.csv"]) == 0
    raw = (repo / "subventions.csv").read_bytes()
    raw.decode("utf-8")
    assert raw.startswith(b"nomAttribuant,idAttribuant,dateConvention,")
    rows = _check_against_official_schema("subventions.csv", "subventions")
    for row in rows:
        assert siret.is_valid(row["idAttribuant"]) and siret.is_valid(row["idBeneficiaire"])
        assert row["idBeneficiaire"] or row["rnaBeneficiaire"]
    by_key = {(r["nomAttribuant"], r["datesPeriodeVersement"]): r["montant"] for r in rows}
    # 2024: médiation 220 000 + prévention 280 000; the avenant raises prévention to 300 000.
    assert by_key == {
        ("Dijon métropole", "2024-01-01/2024-12-31"): "500000",
        ("Dijon métropole", "2025-01-01/2025-12-31"): "520000",
        ("Dijon métropole", "2026-01-01/2026-12-31"): "520000",
        ("Ville de Dijon", "2024-01-01/2024-12-31"): "121000",
        ("Ville de Dijon", "2025-01-01/2025-12-31"): "121000",
        ("Ville de Dijon", "2026-01-01/2026-12-31"): "121000",
    }
    first = rows[0]
    assert first["dateConvention"] == "2024-01-15"
    assert first["referenceDecision"] == "2023-12-21-15"
    assert first["nature"] == "aide en numéraire"
    assert first["notificationUE"] == "non"


def test_deliberations(repo: Path) -> None:
    assert main(["export", "deliberations", "-o", "deliberations.csv"]) == 0
    rows = _check_against_official_schema("deliberations.csv", "deliberations")
    assert len(rows) == 1
    row = rows[0]
    assert siret.is_valid(row["COLL_SIRET"])
    assert (row["DELIB_MATIERE_CODE"], row["DELIB_MATIERE_NOM"]) == (
        "7.5",
        "finances locales/subventions",
    )
    assert row["DELIB_DATE"] == "2023-12-21"
    votes = [int(row[f"VOTE_{k}"]) for k in ("EFFECTIF", "REEL", "POUR", "CONTRE", "ABSTENTION")]
    effective, real, for_, against, abstention = votes
    assert real == for_ + against + abstention == 6
    assert effective >= real
    assert (row["BUDGET_ANNEE"] == "") == (row["BUDGET_NOM"] == "")


def test_missing_siret_is_an_error_naming_the_organisation(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = repo / "conventions" / "organisations" / "mpdm.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text("\n".join(x for x in text.splitlines() if "siret" not in x) + "\n", "utf-8")
    assert main(["export", "subventions", "--output", "out.csv"]) == 1
    err = capsys.readouterr().err
    assert "« Association Médiation et Prévention Dijon Métropole » (mpdm)" in err
    assert "SIRET" in err
    assert err.count("n'a pas de SIRET") == 1
    # Located like every diagnostic: at the organisation's id, in its own file.
    line = text.splitlines().index("id: mpdm") + 1
    assert f"organisations/mpdm.yaml:{line}:5: E001 " in err
    assert not (repo / "out.csv").exists()


def test_invalid_acts_are_not_exported(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "conventions" / "casse.yaml").write_text("type: convention\n", encoding="utf-8")
    assert main(["export", "deliberations"]) == 1
    assert "mpdm validate" in capsys.readouterr().err
