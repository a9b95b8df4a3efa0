"""``mpdm rules``, ``mpdm explain`` and ``mpdm show``, and the README's rule table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mpdm_cli.checks import RULES
from mpdm_cli.cli import main

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "rules"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_readme_table_is_the_rules_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--format", "markdown")
    assert code == 0
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- regles:debut -->\n(.*?)<!-- regles:fin -->", readme, re.S)
    assert block is not None
    assert block.group(1) == out, "mettre à jour le README : mpdm rules --format markdown"


def test_rules_lists_every_code(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0
    for rule in RULES:
        assert rule.code in out


def test_explain_prints_the_docstring(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "v003")
    assert code == 0
    assert out.startswith("V003 quorum (erreur)")
    assert "L2121-17" in out


def test_explain_unknown_code(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "explain", "Z999")
    assert code == 2
    assert "règle inconnue" in err


def test_show_applies_the_avenants_in_force(capsys: pytest.CaptureFixture[str]) -> None:
    folders = ["--source", str(FIXTURES / "_commun"), "--source", str(FIXTURES / "B004/conforme")]
    code, out, _ = run(capsys, "show", "conv", *folders)
    assert code == 0
    assert "Avenants appliqués : n° 1 (avenant-1)" in out
    assert "31 décembre 2026" in out
    assert "20\u202f000\u00a0€" in out
    code, out, _ = run(capsys, "show", "conv", "--at", "2023-06-01", *folders)
    assert code == 0
    assert "Avenants appliqués : aucun" in out
    assert "31 décembre 2025" in out


def test_show_staffing(capsys: pytest.CaptureFixture[str]) -> None:
    folders = ["--source", str(FIXTURES / "_commun"), "--source", str(FIXTURES / "P005/conforme")]
    code, out, _ = run(capsys, "show", "conv", *folders)
    assert code == 0
    assert "Effectifs" in out
    assert "Plafond : jusqu'à 24" in out


def test_show_unknown_convention(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "inconnue", "--source", str(FIXTURES / "_commun"))
    assert code == 2
    assert "introuvable" in err


def test_show_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "conv", "--at", "21/12/2023")
    assert code == 2
    assert "AAAA-MM-JJ" in err


def test_show_unreadable_convention(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "conv.yaml").write_text("type: convention\nid: cassee\ntitre: 12\n", "utf-8")
    code, _, err = run(capsys, "show", "cassee", "--source", str(tmp_path))
    assert code == 1
    assert "illisible" in err
