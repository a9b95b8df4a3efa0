"""Writing outputs: atomically, and never outside the output directory."""

from __future__ import annotations

import contextlib
import os
import re
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
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return path
