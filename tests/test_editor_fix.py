"""``mpdm validate --fix`` and ``--diff`` on a copy of the shipped acts with planted mistakes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mpdm_cli import cli
from mpdm_cli.editor import fixes
from mpdm_cli.pipeline.diagnostics import Diagnostic, Location, make
from tests.conftest import REPO_ROOT

DELIBERATION = "deliberations/dm-2023-12-21-mpdm-convention-2024-2026.yaml"

# (file, exact text in the shipped file, the same with a mechanical mistake)
PLANTED = [
    (DELIBERATION, "      montant: 220000\n", '      montant: "220 000 €"\n'),
    (DELIBERATION, "  date: 2023-12-21\n", "  date: 21/12/2023\n"),
    (DELIBERATION, "convocation: 2023-12-13\n", 'convocation: "2023-12-13"\n'),
    (DELIBERATION, "      financeur: dijon-metropole\n", "      financeur: Dijon-Métropole\n"),
    (DELIBERATION, "      beneficiaire: mpdm\n", '      beneficiaire: "mpdm "\n'),
    (DELIBERATION, "  organisation: dijon-metropole\n", "  organisation:\tdijon-metropole\n"),
]


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    root = tmp_path / "conventions"
    shutil.copytree(REPO_ROOT / "conventions", root)
    for name, good, bad in PLANTED:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert text.count(good) >= 1, good
        path.write_text(text.replace(good, bad, 1), encoding="utf-8")
    return root


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def test_fix_gives_back_the_shipped_files_byte_for_byte(
    planted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["validate", str(planted)]) == 1
    capsys.readouterr()

    assert cli.main(["validate", str(planted), "--fix"]) == 0
    out = capsys.readouterr().out
    assert f"{len(PLANTED)} corrections appliquées dans 1 fichier" in out
    assert "0 erreurs" in out
    assert _tree(planted) == _tree(REPO_ROOT / "conventions")

    # Nothing left to fix: a second run changes nothing and says nothing about fixes.
    assert cli.main(["validate", str(planted), "--fix"]) == 0
    assert "correction" not in capsys.readouterr().out
    assert _tree(planted) == _tree(REPO_ROOT / "conventions")


def test_diff_shows_the_fixes_and_writes_nothing(
    planted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _tree(planted)
    assert cli.main(["validate", str(planted), "--diff"]) == 1
    out = capsys.readouterr().out
    assert '-      montant: "220 000 €"\n+      montant: 220000\n' in out
    assert "-  date: 21/12/2023\n+  date: 2023-12-21\n" in out
    assert _tree(planted) == before


def test_a_fix_that_would_change_the_meaning_is_only_proposed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "conventions"
    shutil.copytree(REPO_ROOT / "conventions", root)
    path = root / DELIBERATION
    # "220.000": thousands with a dot, as older acts write them, or 220 with three decimals?
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("      montant: 220000\n", '      montant: "220.000"\n', 1), "utf-8"
    )
    assert cli.main(["validate", str(root), "--fix"]) == 1
    out = capsys.readouterr().out
    assert "correction proposée, non appliquée" in out and "« 220000 »" in out
    assert '"220.000"' in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        ('"220 000 €"', "220000"),
        ('"1 066,50 €"', "1066.50"),
        ('"1\u202f066,5 €"', "1066.50"),
        ('"36.750 €"', "36750"),
        ('"128 500 euros"', "128500"),
        ("21/12/2023", "2023-12-21"),
        ("1/2/2024", "2024-02-01"),
        ('"2027-01-15"', "2027-01-15"),
    ],
)
def test_one_right_answer(written: str, fixed: str) -> None:
    [(_, edit)] = fixes.edits_for([_diagnostic_at(1, 6)], f"cle: {written}\n", frozenset())
    assert (edit.new, edit.reason.startswith(fixes.AMBIGUOUS)) == (fixed, False)


@pytest.mark.parametrize("written", ["31/02/2024", '"2024-02-30"', "douze", '"12 000 $"', "120000"])
def test_no_fix_without_one_right_answer(written: str) -> None:
    assert fixes.edits_for([_diagnostic_at(1, 6)], f"cle: {written}\n", frozenset()) == []


def _diagnostic_at(line: int, column: int) -> Diagnostic:
    return make("S001", "test", Location("f.yaml", line, column))


def test_fix_keeps_the_file_name_mode_and_byte_order_mark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "conventions"
    shutil.copytree(REPO_ROOT / "conventions", root)
    shipped = root / DELIBERATION
    path = shipped.with_name("délibération du 21 décembre.yaml")
    text = shipped.read_text(encoding="utf-8")
    shipped.unlink()
    bad = text.replace("      montant: 220000\n", '      montant: "220 000 €"\n', 1)
    path.write_bytes(b"\xef\xbb\xbf" + bad.encode("utf-8"))
    path.chmod(0o600)
    assert cli.main(["validate", str(root), "--fix"]) == 0
    capsys.readouterr()
    assert path.read_bytes() == b"\xef\xbb\xbf" + text.encode("utf-8")
    assert path.stat().st_mode & 0o777 == 0o600
