"""``mpdm rules``, ``mpdm explain`` and ``mpdm show``, and the README's rule table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mpdm_cli.checks import RULES
from mpdm_cli.cli import main
from mpdm_cli.pipeline.catalogue import entries, known_codes, lookup, stage_of
from mpdm_cli.pipeline.diagnostics import Stage

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
    listed = re.findall(r"^([A-Z][0-9]{3}) ", out, re.M)
    assert listed == [entry.code for entry in entries()]
    assert set(listed) == known_codes() >= {rule.code for rule in RULES} | {"Y001", "S004"}
    assert len(listed) == len(RULES) + 16 + 3  # Y001-Y012, S001-S004; G001, G002, E001


@pytest.mark.parametrize(
    ("stage", "first", "count"),
    [
        ("loading", "Y001", 12),
        ("shape", "S001", 4),
        ("acknowledgements", "A001", 2),
        ("production", "G001", 3),
    ],
)
def test_rules_of_one_stage(
    capsys: pytest.CaptureFixture[str], stage: str, first: str, count: int
) -> None:
    code, out, _ = run(capsys, "rules", "--stage", stage, "--format", "markdown")
    assert code == 0
    rows = out.splitlines()[2:]
    assert len(rows) == count and rows[0].startswith(f"| {first} | ")
    assert {stage_of(row[2:6]) for row in rows} == {Stage(stage)}


def test_every_code_has_its_documentation() -> None:
    for entry in entries():
        assert entry.name and entry.summary and entry.explanation and entry.example, entry.code
        assert entry.documentation.startswith(entry.summary), entry.code
        assert lookup(entry.code.lower()) == entry
    convocation = lookup("D006")
    assert convocation is not None and "L2121-12" in convocation.source
    assert stage_of("Y009") is Stage.LOADING and stage_of("S002") is Stage.SHAPE
    assert stage_of("A002") is Stage.ACKNOWLEDGEMENTS and stage_of("V003") is Stage.RULES
    assert stage_of("Z999") is None and lookup("Z999") is None


def test_explain_prints_the_docstring(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "v003")
    assert code == 0
    assert out.startswith("V003 quorum (erreur)")
    assert "L2121-17" in out


def test_explain_a_loading_code(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "Y001")
    assert code == 0
    assert out.startswith("Y001 syntaxe-yaml (erreur)\n\nLe fichier respecte la syntaxe YAML.")
    assert "Exemple : " in out


def test_explain_unknown_code(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "explain", "Z999")
    assert code == 2
    assert "code inconnu « Z999 »" in err


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
