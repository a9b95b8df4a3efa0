"""A draft act: its data, the comments that go with it, and its YAML text."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml

Path = tuple[str | int, ...]
_NUMERIC = re.compile(r"[0-9][0-9 .:-]*")


@dataclass
class Draft:
    """What a recogniser found. ``notes`` are ``# à vérifier`` comments, by key path."""

    kind: str
    data: dict[str, Any] = field(default_factory=dict)
    notes: dict[Path, list[str]] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)  # general, at the top of the file
    unplaced: list[tuple[int, str]] = field(default_factory=list)

    def check(self, path: Path, message: str, line: int | None = None) -> None:
        where = f" (ligne {line} du texte)" if line else ""
        self.notes.setdefault(path, []).append(f"à vérifier : {message}{where}")

    def remark(self, path: Path, message: str) -> None:
        """A comment that is not a doubt (a spelling variant recognised, a source)."""
        self.notes.setdefault(path, []).append(message)

    @property
    def checks(self) -> int:
        counted = sum(1 for found in self.notes.values() for n in found if n.startswith("à v"))
        general = sum(1 for comment in self.comments if comment.startswith("à v"))
        return counted + general + len(self.unplaced)


def to_yaml(draft: Draft, header: list[str]) -> str:
    lines = [f"# {text}" for text in [*header, *draft.comments]]
    _mapping(draft.data, (), 0, draft.notes, lines)
    if draft.unplaced:
        lines.append("# Texte non placé, à reporter à la main s'il compte :")
        for number, text in draft.unplaced:
            lines.append(f"# à vérifier : « {_one_line(text)} » (ligne {number} du texte)")
    if draft.checks:
        lines.append(f"# À vérifier : {draft.checks} point(s), marqués « à vérifier » ci-dessus.")
    return "\n".join(lines) + "\n"


def _comments(notes: dict[Path, list[str]], path: Path, indent: int, out: list[str]) -> None:
    out.extend(f"{' ' * indent}# {_one_line(note)}" for note in notes.get(path, ()))


def _mapping(data: dict[str, Any], path: Path, indent: int, notes: Any, out: list[str]) -> None:
    pad = " " * indent
    for key, value in data.items():
        here = (*path, key)
        _comments(notes, here, indent, out)
        _entry(f"{pad}{key}:", value, here, indent, notes, out)


def _entry(head: str, value: Any, path: Path, indent: int, notes: Any, out: list[str]) -> None:
    if isinstance(value, dict) and value:
        out.append(head)
        _mapping(value, path, indent + 2, notes, out)
    elif isinstance(value, list) and value:
        out.append(head)
        for index, item in enumerate(value):
            _comments(notes, (*path, index), indent + 2, out)
            _item(item, (*path, index), indent + 2, notes, out)
    else:
        out.append(f"{head} {_scalar(value, indent + 2)}".rstrip())


def _item(item: Any, path: Path, indent: int, notes: Any, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(item, dict) and item:
        first = True
        for key, value in item.items():
            here = (*path, key)
            _comments(notes, here, indent + 2, out)
            prefix = f"{pad}- " if first else f"{pad}  "
            _entry(f"{prefix}{key}:", value, here, indent + 2, notes, out)
            first = False
    else:
        out.append(f"{pad}- {_scalar(item, indent + 2)}".rstrip())


def _scalar(value: Any, indent: int) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    text = str(value)
    if "\n" in text:
        pad = " " * indent
        body = [line.strip() for line in text.split("\n")]
        return "|-\n" + "\n".join(f"{pad}{line}" if line else "" for line in body)
    if _NUMERIC.fullmatch(text):  # "2023-01", "8": strings, whatever a reader guesses
        return '"' + text + '"'
    dumped = yaml.safe_dump(text, allow_unicode=True, width=1 << 30, default_style=None)
    return dumped.removesuffix("\n").removesuffix("\n...")


def _one_line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 300 else flat[:297] + "…"
