"""``mpdm validate --watch``: check again whenever an act changes on disk."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from mpdm_cli.pipeline.repository import YAML_SUFFIXES

CLEAR = "\x1b[2J\x1b[H"


def watch(paths: Iterable[Path], check: Callable[[], object], stream: TextIO) -> None:
    """Run ``check`` now, then after every change of a YAML file under ``paths``, clearing
    the terminal first so that only the new state shows. Ends with Ctrl-C."""
    from watchfiles import watch as changes

    folders = sorted({path if path.is_dir() else path.parent for path in paths})
    check()
    _waiting(stream)
    for _ in changes(*folders, watch_filter=_is_act, raise_interrupt=True):
        if stream.isatty():
            stream.write(CLEAR)
        else:
            stream.write("\n")
        check()
        _waiting(stream)


def _is_act(_change: object, path: str) -> bool:
    name = Path(path).name
    return name.endswith(YAML_SUFFIXES) and not name.startswith(".")


def _waiting(stream: TextIO) -> None:
    stream.write("En attente de modifications (Ctrl-C pour arrêter)…\n")
    stream.flush()
