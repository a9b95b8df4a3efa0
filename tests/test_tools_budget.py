"""``mpdm budget``: committed amounts per year, funder and scheme, avenants applied."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from mpdm_cli.cli import main
from mpdm_cli.domain.commitments import budget
from mpdm_cli.domain.french import format_money
from mpdm_cli.pipeline.validation import validate

FIXTURES = Path(__file__).parent / "fixtures" / "tools" / "conventions"


def test_budget_applies_the_avenant() -> None:
    lines = budget(validate([FIXTURES]).repository)
    found = {(b.years, b.funder, b.scheme, b.nature): b.amount for b in lines}
    assert found[("2024", "dijon-metropole", "prevention-specialisee", "subvention")] == 280000
    assert found[("2025", "dijon-metropole", "prevention-specialisee", "subvention")] == 300000
    assert found[("2026", "ville-de-dijon", "mediation-sociale", "cotisation")] == 1000
    assert len(lines) == 12


def test_csv(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["budget", str(FIXTURES), "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "annees,financeur,dispositif,nature,montant"
    assert "2025,dijon-metropole,prevention-specialisee,subvention,300000" in out


def test_table(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    assert main(["budget", str(FIXTURES)]) == 0
    out = capsys.readouterr().out
    assert "total 2025" in out
    assert format_money(Decimal(642000)) in out


def test_euros() -> None:
    assert format_money(Decimal(220000)) == "220\u202f000\u00a0€"
    assert format_money(Decimal("1066.5")) == "1\u202f066,50\u00a0€"
    assert format_money(Decimal(0)) == "0\u00a0€"


def test_rule_errors_warn_shape_errors_stop(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(FIXTURES, tmp_path / "conventions")
    convention = tmp_path / "conventions" / "conventions" / "cpom-mpdm-2024-2026.yaml"
    text = convention.read_text(encoding="utf-8")
    convention.write_text(text.replace("representant: jean-dupont", "representant: x"), "utf-8")
    assert main(["budget", str(tmp_path / "conventions"), "-f", "csv"]) == 0
    assert "attention, 1 erreur(s)" in capsys.readouterr().err
    convention.write_text(text.replace("base: annuel", "base: mensuel", 1), "utf-8")
    assert main(["budget", str(tmp_path / "conventions")]) == 1
    assert "mpdm validate" in capsys.readouterr().err


def test_terminated_years_are_not_committed(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES, tmp_path / "conventions")
    convention = tmp_path / "conventions" / "conventions" / "cpom-mpdm-2024-2026.yaml"
    text = convention.read_text(encoding="utf-8")
    termination = "denonciation:\n  par: [ville-de-dijon]\n  effet: 2026\n"
    convention.write_text(text + termination, encoding="utf-8")
    lines = budget(validate([tmp_path / "conventions"]).repository)
    assert {b.years for b in lines} == {"2024", "2025"}


@pytest.mark.parametrize("command", [["budget"], ["show", "cpom-mpdm-2024-2026", "--source"]])
def test_names_from_the_acts_are_not_terminal_markup(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    """rich reads "[link=…]" in a plain string as markup and writes an OSC 8 sequence."""
    shutil.copytree(FIXTURES, tmp_path / "conventions")
    organisation = tmp_path / "conventions" / "organisations" / "dijon-metropole.yaml"
    name = "[link=https://exemple.fr]Dijon[/link] [red]métropole"
    text = organisation.read_text(encoding="utf-8").replace(
        "nom: Dijon métropole", f'nom: "{name}"'
    )
    organisation.write_text(text, encoding="utf-8")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    assert main([*command, str(tmp_path / "conventions")]) == 0
    out = capsys.readouterr().out
    assert "\x1b]8" not in out and "\x1b[31m" not in out
    assert name in out
