"""Validation of a whole repository where some files are read from an editor's buffers."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from mpdm_cli.pipeline.loading import load_file, load_text
from mpdm_cli.pipeline.repository import discover
from mpdm_cli.pipeline.roots import find_root
from mpdm_cli.pipeline.validation import Outcome, check


def repository_root(path: Path) -> Path:
    """The absolute folder of the repository of acts ``path`` belongs to, else its folder."""
    root = find_root(path)
    if root is None:
        root = path if path.is_dir() else path.parent
    return Path(os.path.abspath(root))


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
