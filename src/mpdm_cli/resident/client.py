"""Hand a run to the resident process, or start one for the next run."""

from __future__ import annotations

import marshal
import os
import signal
import socket
import sys

from mpdm_cli.cli import EXIT_INTERNAL
from mpdm_cli.resident import receive_exactly, socket_path, wanted

# How long a busy machine may take to fork the resident's worker before this run goes on
# by itself; past this the worker gives up without having run anything.
HANDSHAKE_SECONDS = 5.0


def forward(args: list[str]) -> int | None:
    """Run ``args`` in the resident process; its exit code, or None if none could take it.

    None always means that nothing ran, so the caller can run the command itself.
    """
    if not wanted(args):
        return None
    path = socket_path()
    request = _request(args)
    if path is None or request is None:
        return None
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        try:
            connection.settimeout(HANDSHAKE_SECONDS)
            connection.connect(path)
            size = len(request).to_bytes(4, "big")
            socket.send_fds(connection, [size], [0, 1, 2])
            connection.sendall(request)
            pid = int.from_bytes(receive_exactly(connection, 4), "big") or None
            if pid is None:
                return None
            # From this byte on, the worker runs the command: no way back.
            connection.sendall(b"!")
            connection.settimeout(None)
        except (OSError, ValueError):  # no resident, a stale socket, a timeout
            return None
        return _wait(connection, pid)


def _request(args: list[str]) -> bytes | None:
    streams = (sys.stdin, sys.stdout, sys.stderr)
    try:
        for fd in (0, 1, 2):
            os.fstat(fd)
        cwd = os.getcwd()
    except OSError:  # a closed standard stream, a deleted working folder: run here
        return None
    layout = [
        (s.encoding, s.errors, s.line_buffering, getattr(s, "write_through", False))
        if s is not None
        else None
        for s in streams
    ]
    return marshal.dumps((args, cwd, dict(os.environ), layout))


def _wait(connection: socket.socket, pid: int) -> int:
    """The worker's exit code; Ctrl-C here is passed on to it, as if it ran here."""
    while True:
        try:
            answer = receive_exactly(connection, 4)
        except KeyboardInterrupt:
            import contextlib  # here: every import costs the common case its start-up

            with contextlib.suppress(ProcessLookupError):  # it just finished
                os.kill(pid, signal.SIGINT)
            continue
        if len(answer) == 4:
            return int.from_bytes(answer, "big", signed=True)
        print(
            "mpdm : erreur interne (le processus résident s'est arrêté en cours de route)."
            " Relancez avec MPDM_RESIDENT=0 et signalez-la.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def start(args: list[str]) -> None:
    """Start a resident process in the background for the next runs, if none is there."""
    if not wanted(args):
        return
    path = socket_path(create=True)
    if path is None:
        return
    import contextlib
    import subprocess

    with contextlib.suppress(OSError):
        # Its own session, no inherited streams: nothing waits for it, Ctrl-C spares it.
        subprocess.Popen(
            [sys.executable, "-m", "mpdm_cli.resident", path],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd="/",
            start_new_session=True,
        )
