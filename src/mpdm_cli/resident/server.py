"""The resident process: import and build everything once, then fork a worker per run."""

from __future__ import annotations

import contextlib
import fcntl
import gc
import io
import marshal
import os
import signal
import socket
import struct
import sys
import time
from typing import Any, NoReturn

from mpdm_cli.resident import IDLE_SECONDS, fingerprint, receive_exactly

# How often an idle resident looks at the clock and at the files it was started from.
CHECK_SECONDS = 30.0
_REQUEST_SECONDS = 10.0


def serve(path: str, idle: float = IDLE_SECONDS) -> None:
    """Listen on ``path`` until ``idle`` seconds pass without a run, or the code changes."""
    key = fingerprint()
    if os.path.basename(path) != f"{key}.sock":
        return  # started for other code or another environment: never answer for it
    # One resident per socket: a second one started at the same moment leaves at once.
    lock = open(path + ".lock", "a")  # noqa: SIM115 -- held for the life of the process
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return
    os.ftruncate(lock.fileno(), 0)
    lock.write(f"{os.getpid()}\n")  # who to stop, for whoever wants to
    lock.flush()
    _warm_up()
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    bound = os.stat(path).st_ino
    listener.listen(64)
    listener.settimeout(min(CHECK_SECONDS, idle))
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped by the system
    # Workers then share the warm objects' memory instead of copying it as the collector
    # touches them.
    gc.freeze()
    last_run = time.monotonic()
    try:
        while True:
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                if time.monotonic() - last_run >= idle or not _still_current(path, bound, key):
                    return
                continue
            last_run = time.monotonic()
            with connection:
                if not _same_user(connection):
                    continue
                try:
                    worker = os.fork()
                except OSError:  # out of processes: the caller runs the command itself
                    continue
                if worker == 0:
                    listener.close()
                    lock.close()
                    _work(connection)
    finally:
        with contextlib.suppress(OSError):
            if os.stat(path).st_ino == bound:  # not a newer resident's socket
                os.unlink(path)
        lock.close()


def _still_current(path: str, bound: int, key: str) -> bool:
    """Whether clients still reach this process: its socket is in place, its code unchanged."""
    try:
        return os.stat(path).st_ino == bound and fingerprint() == key
    except OSError:
        return False


def _warm_up() -> None:
    """Import and build what the resident commands need, so that no worker does it again."""
    import tempfile

    import rich.console  # terminal output
    import rich.table  # noqa: F401 -- rules, budget, show

    from mpdm_cli import cli, report_formats  # noqa: F401
    from mpdm_cli.shape import build_validators

    build_validators()
    # One run on an empty folder fills the lazy imports and typer's per-option caches.
    with tempfile.TemporaryDirectory() as empty:
        cli.main(["validate", empty])


def _same_user(connection: socket.socket) -> bool:
    """The socket's folder is private already; this is the second lock on the door."""
    credentials = connection.getsockopt(
        socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i")
    )
    _pid, uid, _gid = struct.unpack("3i", credentials)
    return bool(uid == os.getuid())


def _work(connection: socket.socket) -> NoReturn:
    """In the forked worker: become the caller's process, run its command, report the code."""
    try:
        connection.settimeout(_REQUEST_SECONDS)
        head, fds, _flags, _address = socket.recv_fds(connection, 4, 3)
        head += receive_exactly(connection, 4 - len(head))
        args, cwd, environment, layout = marshal.loads(
            receive_exactly(connection, int.from_bytes(head, "big"))
        )
        if len(fds) != 3:
            os._exit(0)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(environment)
        _reopen_streams(layout)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        connection.sendall(os.getpid().to_bytes(4, "big"))
        if receive_exactly(connection, 1) != b"!":
            os._exit(0)  # the caller gave up waiting and runs the command itself
        connection.settimeout(None)
        code = _run(args)
        connection.sendall(code.to_bytes(4, "big", signed=True))
    except BaseException:  # the caller reports a lost worker; nothing may escape a fork
        pass
    os._exit(0)


def _run(args: list[str]) -> int:
    from mpdm_cli import cli

    try:
        code = cli.main(args)
    except KeyboardInterrupt:  # Ctrl-C passed on before main was listening
        print("mpdm : interrompu.", file=sys.stderr)
        code = cli.EXIT_INTERRUPTED
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    return code


def _reopen_streams(layout: list[Any]) -> None:
    """Standard streams like the caller's: same encoding, error handling and buffering."""
    for fd, (name, mode) in enumerate((("stdin", "r"), ("stdout", "w"), ("stderr", "w"))):
        if layout[fd] is None:
            continue
        encoding, errors, line_buffering, write_through = layout[fd]
        stream = io.TextIOWrapper(
            open(fd, mode + "b", closefd=False),  # noqa: SIM115 -- the stream owns it
            encoding=encoding,
            errors=errors,
            newline="\n",
            line_buffering=line_buffering,
            write_through=write_through,
        )
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)
