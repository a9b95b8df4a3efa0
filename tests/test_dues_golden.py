"""Golden outputs of ``mpdm echeances`` (ICS, CSV) and ``mpdm frise`` (SVG) for the shipped
acts at 30 June 2023, compared byte for byte with tests/golden/echeances/.

Regenerate after an intended change with ``MPDM_UPDATE_GOLDEN=1 pytest`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mpdm_cli.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "echeances"
UPDATE = os.environ.get("MPDM_UPDATE_GOLDEN") == "1"
CASES = {
    "echeances-2023-06-30.ics": ["echeances", "--au", "2023-06-30", "-f", "ics"],
    "echeances-2024-06-30.csv": ["echeances", "--au", "2024-06-30", "-f", "csv"],
    "frise-2023-06-30.svg": ["frise", "--au", "2023-06-30"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Run from the repository root, as users do: sources are written « conventions/… ».
    monkeypatch.chdir(ROOT)
    target = tmp_path / name
    assert main([*CASES[name], "-o", str(target)]) == 0
    capsys.readouterr()
    produced = target.read_bytes()
    golden = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(produced)
    assert produced == golden.read_bytes()
