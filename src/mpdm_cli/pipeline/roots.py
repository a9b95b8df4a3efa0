"""Where the acts' repository of a path starts: the folder that holds the directory of people
or of organisations, or mpdm's configuration (``mpdm.toml``, ``[tool.mpdm]`` in
``pyproject.toml``). A file or sub-folder is checked in the context of that repository, as
linters do with a project root."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

PEOPLE_FILES = ("personnes.yaml", "personnes.yml")
ORGANISATIONS_FOLDER = "organisations"
CONFIG_FILE = "mpdm.toml"


def find_root(path: Path) -> Path | None:
    """The nearest folder, from ``path`` up, that is an acts' repository; None if the walk
    reaches a version-control boundary (``.git``) or the file system's root first.

    The result is relative to the current folder when it lies under it (messages then name
    files as the user does), absolute otherwise.
    """
    start = Path(os.path.abspath(path))
    if not _is_dir(start):
        start = start.parent
    for folder in (start, *start.parents):
        if is_root(folder):
            return _as_given(folder)
        if exists(folder / ".git"):
            return None
    return None


def is_root(folder: Path) -> bool:
    return (
        any(exists(folder / name) for name in PEOPLE_FILES)
        or _is_dir(folder / ORGANISATIONS_FOLDER)
        or exists(folder / CONFIG_FILE)
        or declares_mpdm(folder / "pyproject.toml")
    )


def same_file(path: Path) -> str:
    """A key that is equal for two spellings of one path (``a/../b``, ``./b``, absolute)."""
    return os.path.abspath(path)


def _as_given(folder: Path) -> Path:
    try:
        return folder.relative_to(Path.cwd()) if folder != Path.cwd() else Path(".")
    except (ValueError, OSError):
        return folder


def declares_mpdm(pyproject: Path) -> bool:
    """Whether ``pyproject`` has mpdm's settings (``[tool.mpdm]``)."""
    try:
        with pyproject.open("rb") as stream:
            settings = tomllib.load(stream)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False  # not a marker; a broken file of another tool is not ours to report
    tool = settings.get("tool")
    return isinstance(tool, dict) and "mpdm" in tool


def exists(path: Path) -> bool:
    """Whether ``path`` exists; a path the system refuses to look at does not."""
    try:
        return path.exists()
    except OSError:
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False
