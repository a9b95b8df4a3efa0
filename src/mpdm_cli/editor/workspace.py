"""Validation of a whole repository where some files are read from an editor's buffers."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from mpdm_cli.loading import load_file, load_text
from mpdm_cli.repository import discover
from mpdm_cli.validation import Outcome, check

# What marks the folder that holds a repository of acts.
ROOT_MARKERS = ("personnes.yaml", "organisations")


def repository_root(path: Path) -> Path:
    """The nearest folder above ``path`` that holds a repository of acts, else its folder."""
    start = path if path.is_dir() else path.parent
    for folder in (start, *start.parents):
        if any((folder / marker).exists() for marker in ROOT_MARKERS):
            return folder
    return start


def validate_with_buffers(root: Path, buffers: Mapping[Path, str]) -> Outcome:
    """Every YAML file of the repository at ``root``, unsaved ``buffers`` taking the place of
    the files on disk (so an edit is checked against every other act as it is typed)."""
    files, _ = discover([root])
    unsaved = [path for path in buffers if path not in set(files) and _inside(path, root)]
    outcome = Outcome()
    for path in [*files, *unsaved]:
        text = buffers.get(path)
        outcome.files.append(load_file(path) if text is None else load_text(text, str(path)))
    return check(outcome)


def _inside(path: Path, root: Path) -> bool:
    return path.suffix in (".yaml", ".yml") and path.is_relative_to(root)
