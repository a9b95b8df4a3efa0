"""``mpdm validate --watch`` sees an edit and shows the new state."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from tests.conftest import REPO_ROOT

WAITING = "En attente de modifications"


def _reader(process: subprocess.Popen[str]) -> queue.Queue[str]:
    """The watcher's output, line by line, as it comes."""
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    return lines


def _read_until(
    lines: queue.Queue[str], marker: str, poke: Callable[[], object], timeout: float = 20
) -> str:
    """The output up to the line holding ``marker``, calling ``poke`` while none comes."""
    seen = ""
    deadline = time.monotonic() + timeout
    while marker not in seen:
        assert time.monotonic() < deadline, f"{marker!r} not seen in {timeout} s:\n{seen}"
        try:
            seen += lines.get(timeout=0.5)
        except queue.Empty:
            poke()
    return seen


def test_watch_checks_again_after_an_edit(tmp_path: Path) -> None:
    root = tmp_path / "conventions"
    shutil.copytree(REPO_ROOT / "conventions", root)
    act = root / "conventions" / "mpdm-cpom-2024-2026.yaml"
    process = subprocess.Popen(
        [sys.executable, "-m", "mpdm_cli", "validate", str(root), "--watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    lines = _reader(process)
    try:
        first = _read_until(lines, WAITING, poke=lambda: None)
        assert "0 erreurs" in first and "B001" not in first
        edited = act.read_text(encoding="utf-8") + "totaux:\n  - montant: 1\n"
        # The watcher starts just after its first report: write until it has seen the edit.
        second = _read_until(lines, WAITING, poke=lambda: act.write_text(edited, "utf-8"))
        assert "B001" in second and "1 erreur" in second
        assert "0 erreurs" not in second  # only the new state
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)
    assert process.stderr is not None
    err = process.stderr.read()
    assert process.returncode == 130
    assert "interrompu" in err
