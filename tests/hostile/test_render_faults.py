"""Rendering faults: a full or read-only output folder, a run killed or interrupted midway.

Injection through the text fields is covered by ``tests/test_render_injection.py``
(Markdown and PDF show hostile text literally; the Typst root is an empty jail).
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NoReturn

import pytest

from mpdm_cli import cli
from tests.hostile.conftest import _digests

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "render"


def render(output: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    before = _digests([FIXTURES])
    code = cli.main(["render", str(FIXTURES), "--format", "md", "--output", str(output), *extra])
    assert _digests([FIXTURES]) == before  # sources are never written
    return code, capsys.readouterr().err


def complete(folder: Path) -> dict[str, bytes]:
    """The visible files of ``folder``, each checked to be whole."""
    files = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue  # a temporary file left by a killed run: never a document's name
        data = path.read_bytes()
        if path.suffix == ".pdf":
            assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), path
        else:
            assert data.endswith(b"\n") and len(data) > 100, path
        files[path.name] = data
    return files


def test_a_full_disk_fails_the_run_in_french_and_keeps_the_previous_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out"
    assert render(output, capsys)[0] == 0
    previous = complete(output)

    def full(_fd: int) -> NoReturn:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code, err = render(output, capsys)
    assert code == 1
    assert "Traceback" not in err and "erreur interne" not in err
    assert "écriture impossible" in err
    assert complete(output) == previous
    assert [p.name for p in output.iterdir() if p.name.startswith(".")] == []


def test_a_read_only_output_folder_fails_the_run_in_french(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "out"
    output.mkdir()
    output.chmod(0o555)
    try:
        if os.access(output, os.W_OK):  # root writes anyway: refuse where files are created

            def refuse(*_args: object, **_kwargs: object) -> NoReturn:
                raise PermissionError(errno.EACCES, "Permission denied")

            monkeypatch.setattr(tempfile, "mkstemp", refuse)
        code, err = render(output, capsys)
    finally:
        output.chmod(0o755)
    assert code == 1
    assert "Traceback" not in err and "erreur interne" not in err
    assert "permission refusée" in err


def test_an_output_path_that_is_a_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "fichier"
    output.write_text("déjà là")
    code, err = render(output, capsys)
    assert code == 2 and "impossible de créer le dossier" in err
    assert output.read_text() == "déjà là"


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_a_run_stopped_midway_leaves_only_whole_documents(tmp_path: Path, signum: int) -> None:
    """Whenever the signal lands, every document present is whole; a new run completes."""
    output = tmp_path / "out"
    command = [sys.executable, "-m", "mpdm_cli", "render", str(FIXTURES), "-o", str(output)]
    for delay in (0.6, 0.9, 1.2):
        process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        process.send_signal(signum)
        _, err = process.communicate(timeout=60)
        assert "Traceback" not in err
        if signum == signal.SIGINT:
            # -SIGINT: the signal landed during interpreter start-up, before mpdm ran (a
            # loaded machine can take that long); nothing can have been written then.
            assert process.returncode in (0, 130, -signal.SIGINT), err
            if process.returncode == 130:
                assert err.endswith("mpdm : interrompu.\n")
        if output.exists():
            complete(output)
    finished = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert finished.returncode == 0, finished.stderr
    assert len(complete(output)) == 8
