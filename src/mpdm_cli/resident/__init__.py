"""The resident process: a warm mpdm that answers the read-only commands in milliseconds.

Importing Python, PyYAML and pydantic and building the validators costs about 0.3 s before
any file is read (more than validating one act), paid again at every commit by the
pre-commit hook. So, as Gradle's daemon or dmypy do, the first run starts a background
process that has done it once; the next runs hand it their arguments, working folder,
environment and standard streams over a Unix socket, and it runs each command in a fork of
itself. It stops after a quarter of an hour without work, or as soon as mpdm or its
libraries change on disk.

This module is imported on every run, before anything else: standard library only.
"""

from __future__ import annotations

import os
import socket
import stat
import sys
import zlib

from mpdm_cli import __version__

# Commands that only read files and write to the standard streams.
COMMANDS = frozenset({"validate", "show", "rules", "explain", "budget"})
IDLE_SECONDS = 15 * 60
_START_UP = ("PYTHON", "LC_", "LANG")
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def wanted(args: list[str]) -> bool:
    """Whether this run may use (and start) the resident process."""
    setting = os.environ.get("MPDM_RESIDENT", "").strip().lower()
    if setting in {"0", "non", "no", "false", "off"}:
        return False
    # On a CI machine every run is the first; a lingering process would only cost memory.
    in_ci = os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}
    return (
        sys.platform.startswith("linux")
        and not in_ci
        and bool(args)
        and args[0] in COMMANDS
        and "--help" not in args
        and "-h" not in args
    )


def socket_path(create: bool = False) -> str | None:
    """Where the resident process of this installation listens, in a folder only this
    user can enter; None when no such folder can be had."""
    base = os.environ.get("XDG_RUNTIME_DIR") or os.environ.get("TMPDIR") or "/tmp"
    folder = os.path.join(base, f"mpdm-{os.getuid()}")
    try:
        if create:
            os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None
    private = (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and not info.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    )
    return os.path.join(folder, f"{fingerprint()}.sock") if private else None


def fingerprint() -> str:
    """Changes whenever mpdm's files, the installed libraries or the interpreter change.

    Stat-based (names, sizes, modification times), about a millisecond: a process started
    from other code must never answer for this one.
    """
    parts = [os.path.realpath(sys.executable), sys.prefix, sys.version, __version__, _PACKAGE]
    # What the interpreter settles once at start-up: flags, file name encoding, locale.
    parts += [str(sys.flags), sys.getfilesystemencoding()]
    parts += sorted(f"{k}={v}" for k, v in os.environ.items() if k.startswith(_START_UP))
    # sys.path[0] is the script's or the working folder: not part of the installation.
    for entry in sys.path[1:]:
        try:
            parts.append(f"{entry}:{os.stat(entry).st_mtime_ns}")
        except OSError:
            continue
    for root, dirs, files in os.walk(_PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            try:
                info = os.stat(os.path.join(root, name))
            except OSError:
                continue
            parts.append(f"{root}/{name}:{info.st_size}:{info.st_mtime_ns}")
    text = "\n".join(parts).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}"


def receive_exactly(connection: socket.socket, size: int) -> bytes:
    """``size`` bytes from ``connection``, or fewer if the other side closed it."""
    data = b""
    while len(data) < size:
        chunk = connection.recv(size - len(data))
        if not chunk:
            break
        data += chunk
    return data
