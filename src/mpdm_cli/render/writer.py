"""Writing outputs: atomically, and never outside the output directory."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path

_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,150}")


class UnsafeOutputName(ValueError):
    """A file name that would leave the output directory."""


def target(directory: Path, name: str) -> Path:
    """``directory/name``, refusing any name that is not a plain file name inside it.

    An existing symbolic link at that name is replaced by the file, never followed.
    """
    if not _NAME.fullmatch(name):
        raise UnsafeOutputName(name)
    return directory / name


def write_atomic(directory: Path, name: str, data: bytes) -> Path:
    """Write ``data`` to ``directory/name`` through a temporary file and ``os.replace``.

    Readers never see a half-written file; an interrupted run leaves the old file intact.
    """
    path = target(directory, name)
    _replace(path, data, 0o644)
    return path


def rewrite_source(path: Path, text: str) -> None:
    """Replace a source file (an act, the directory of people) by ``text``, atomically,
    keeping its byte-order mark and its permissions; its name is the user's, not checked."""
    bom = b"\xef\xbb\xbf" if path.read_bytes().startswith(b"\xef\xbb\xbf") else b""
    _replace(path, bom + text.encode("utf-8"), stat.S_IMODE(path.stat().st_mode))


def _replace(path: Path, data: bytes, mode: int) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
