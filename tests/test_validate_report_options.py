"""``validate --statistics`` and ``--output FILE`` for every report format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mpdm_cli import cli
from tests.conftest import REPO_ROOT


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    root = tmp_path / "conventions"
    shutil.copytree(REPO_ROOT / "conventions", root)
    path = root / "deliberations" / "dm-2023-12-21-mpdm-convention-2024-2026.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("      montant: 220000\n", '      montant: "deux cent"\n', 1)
    text = text.replace("      montant: 280000\n", '      montant: "trois cent"\n', 1)
    path.write_text(text, encoding="utf-8")
    return root


def test_statistics_count_per_code(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", str(broken), "--statistics"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["2", lines[0].split()[1], "erreur"]
    assert lines[-1].startswith("14 fichiers, 13 documents valides, 2 erreurs")

    assert cli.main(["validate", str(broken), "--statistics", "--format", "json"]) == 1
    [row] = json.loads(capsys.readouterr().out)
    assert row["nombre"] == 2 and row["gravite"] == "erreur"


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif"])
def test_output_file_holds_what_stdout_would(
    broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], output_format: str
) -> None:
    assert cli.main(["validate", str(broken), "--format", output_format]) == 1
    expected = capsys.readouterr().out
    target = tmp_path / "rapports" / f"rapport.{output_format}"
    target.parent.mkdir()
    assert cli.main(["validate", str(broken), "-f", output_format, "-o", str(target)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert f"écrit : {target}" in err
    assert target.read_text(encoding="utf-8") == expected
