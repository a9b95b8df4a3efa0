"""The command line: exit codes, text and JSON reports, start-up path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mpdm_cli.cli import main
from tests.conftest import write_tree

BROKEN = "type: organisation\nid: ville\nnom: Ville\ncategorie: commune\ncategorie: commune\n"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--version"], capsys)[:2] == (0, "mpdm 0.1.0\n")


def test_clean_repository_exits_0(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["validate", str(repo)], capsys)
    assert code == 0
    assert out.strip().endswith("3 fichiers, 3 documents valides, 0 erreurs, 0 avertissements")


def test_text_report_has_location_source_and_caret(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(repo, {"ville.yaml": BROKEN})
    code, out, _ = run(["validate", str(repo)], capsys)
    assert code == 1
    lines = out.splitlines()
    head = f"{repo / 'ville.yaml'}:5:1: Y002 [erreur] clé « categorie » en double"
    assert lines[0].startswith(head)
    assert lines[1] == "  categorie: commune"
    assert lines[2] == "  ^"
    # One broken file does not hide the others: they are still counted and valid.
    assert lines[-1] == "4 fichiers, 4 documents valides, 1 erreur, 0 avertissements"


def test_json_report(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(repo, {"ville.yaml": BROKEN})
    code, out, _ = run(["validate", "--format", "json", str(repo)], capsys)
    assert code == 1
    report = json.loads(out)
    (diagnostic,) = report["diagnostics"]
    assert diagnostic["code"] == "Y002"
    assert (diagnostic["ligne"], diagnostic["colonne"]) == (5, 1)
    assert diagnostic["liens"][0]["ligne"] == 4
    assert report["resume"] == {
        "fichiers": 4, "documents": 4, "erreurs": 1, "avertissements": 0, "acceptees": 0,
    }  # fmt: skip


def test_missing_path_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["validate", str(tmp_path / "absent")], capsys)
    assert code == 2
    assert "chemin introuvable" in out


def test_usage_error_exits_2_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["validate", "--bogus"], capsys)
    assert code == 2
    assert "option inconnue : --bogus" in err


def test_warnings_fail_only_with_strict(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ack = "anomalies_acceptees:\n  - regle: R002\n    chemin: nom\n    motif: test\n"
    (repo / "etat.yaml").write_text((repo / "etat.yaml").read_text() + ack)
    assert run(["validate", str(repo)], capsys)[0] == 0
    assert run(["validate", "--strict", str(repo)], capsys)[0] == 1


def test_internal_error_is_reported_without_traceback(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_: object) -> None:
        raise RuntimeError("boum")

    monkeypatch.setattr("mpdm_cli.pipeline.validation.load_file", explode)
    code, _, err = run(["validate", str(repo)], capsys)
    assert code == 3
    assert "erreur interne" in err and "Traceback" not in err


def test_python_dash_m_and_console_script_from_elsewhere(repo: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mpdm_cli", "validate", str(repo)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "0 erreurs" in result.stdout
