"""Helpers for the hostile-input tests: run the CLI in process, prove inputs stay untouched."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pytest

from mpdm_cli import cli

HERE = Path(__file__).resolve().parent
BASE = HERE / "base"
SEED_PATH = HERE / "seed_act.yaml"
SEED = SEED_PATH.read_text(encoding="utf-8")
INPUTS = (HERE / "cases", BASE, SEED_PATH)
"""The committed inputs: guarded on every run, whatever the run is given."""


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def report(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.out)
        return data

    def found(self, under: Path) -> list[tuple[str, int, int]]:
        """(code, line, column) of the diagnostics in files at or under ``under``."""
        prefix = str(under)
        return [
            (d["code"], d["ligne"], d["colonne"])
            for d in self.report["diagnostics"]
            if d["fichier"] == prefix or d["fichier"].startswith(prefix + os.sep)
        ]


def _digests(roots: list[Path]) -> dict[str, str]:
    """Content hash of every file under ``roots``; links and special files by their kind.

    Walked with ``os.walk`` (links not followed) and never opening anything but regular
    files, so link loops and FIFOs in the corpus cannot hang the guard itself.
    """
    digests: dict[str, str] = {}
    for root in roots:
        entries = [root]
        if root.is_dir() and not root.is_symlink():
            for folder, dirs, names in os.walk(root):
                entries.extend(Path(folder, name) for name in (*dirs, *names))
        for entry in entries:
            digests[str(entry)] = _digest(entry)
    return digests


def _digest(entry: Path) -> str:
    if entry.is_symlink():
        return "link:" + os.readlink(entry)
    info = entry.stat() if entry.exists() else None
    if info is None:
        return "absent"
    if stat.S_ISDIR(info.st_mode):
        return f"dir:{info.st_mode:o}"
    if not stat.S_ISREG(info.st_mode):
        return f"special:{info.st_mode:o}:{info.st_mtime_ns}"
    try:
        return hashlib.sha256(entry.read_bytes()).hexdigest() + f":{info.st_mode:o}"
    except PermissionError:
        return f"unreadable:{info.st_mode:o}:{info.st_mtime_ns}:{info.st_size}"


class Mpdm(Protocol):
    def __call__(self, *args: str | Path) -> Run: ...


@pytest.fixture
def mpdm(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Mpdm:
    """Run ``mpdm validate --format json ARGS`` in process, proving inputs are never written.

    Every file under the paths given, ``tmp_path`` and the committed inputs is hashed
    before and after the run (content, mode, link target); any difference fails the test.
    """

    def run(*args: str | Path) -> Run:
        argv = ["validate", "--format", "json", *map(str, args)]
        roots = [tmp_path, *INPUTS, *(Path(a) for a in args if isinstance(a, Path))]
        before = _digests(roots)
        capsys.readouterr()
        code = cli.main(argv)
        out, err = capsys.readouterr()
        after = _digests(roots)
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        assert not changed, f"inputs written by the CLI: {changed[:5]}"
        return Run(code, out, err)

    return run
