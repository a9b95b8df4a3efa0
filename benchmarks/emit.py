"""A small block-style YAML writer that remembers where it put every key and value.

The generator needs the exact line and column of the values it corrupts, independently of
mpdm's own loader (a test that asked the loader would only check the loader against itself),
so it writes the YAML text itself and records positions as it goes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

KeyPath = tuple[str | int, ...]
Position = tuple[int, int]

# Plain scalars that mpdm's strict loader reads back as the same string: starts with a
# letter, no ": " or " #", no trailing space, not a keyword.
_PLAIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][^\n:#]*[^\s:]|[A-Za-zÀ-ÖØ-öø-ÿ]")
_KEYWORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}


def scalar(value: Any) -> str:
    """``value`` as a YAML scalar that mpdm's loader reads back unchanged."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        if _PLAIN.fullmatch(value) and value.lower() not in _KEYWORDS and "  " not in value:
            return value
        return json.dumps(value, ensure_ascii=False)
    raise TypeError(f"cannot write {type(value).__name__}")


class Writer:
    """Writes a mapping in block style; ``keys``/``values`` map key paths to (line, column)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.keys: dict[KeyPath, Position] = {}
        self.values: dict[KeyPath, Position] = {}

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def comment(self, text: str) -> None:
        self.lines.append(f"# {text}")

    def mapping(self, data: dict[str, Any], path: KeyPath = (), indent: int = 0) -> None:
        """Write ``data``; the first key goes on a new line at ``indent``."""
        self._mapping(data, path, indent, None)

    def _mapping(
        self, data: dict[str, Any], path: KeyPath, indent: int, first_prefix: str | None
    ) -> None:
        for index, (key, value) in enumerate(data.items()):
            first = index == 0 and first_prefix is not None
            prefix = first_prefix if first and first_prefix is not None else " " * indent
            self._entry(prefix, key, value, (*path, key), indent)

    def _entry(self, prefix: str, key: str, value: Any, path: KeyPath, indent: int) -> None:
        line = len(self.lines) + 1
        self.keys[path] = (line, len(prefix) + 1)
        head = f"{prefix}{key}:"
        if isinstance(value, dict):
            self.lines.append(head)
            self.values[path] = (line + 1, indent + 3)
            self._mapping(value, path, indent + 2, None)
        elif isinstance(value, list):
            self.lines.append(head)
            self.values[path] = (line + 1, indent + 3)
            self._sequence(value, path, indent + 2)
        elif isinstance(value, str) and "\n" in value:
            self.lines.append(f"{head} |-")
            self.values[path] = (line, len(head) + 2)
            self.lines.extend(
                f"{' ' * (indent + 2)}{part}" if part else "" for part in value.split("\n")
            )
        else:
            self.values[path] = (line, len(head) + 2)
            self.lines.append(f"{head} {scalar(value)}")

    def _sequence(self, items: list[Any], path: KeyPath, indent: int) -> None:
        for index, item in enumerate(items):
            item_path = (*path, index)
            prefix = " " * indent + "- "
            if isinstance(item, dict):
                self.values[item_path] = (len(self.lines) + 1, len(prefix) + 1)
                self._mapping(item, item_path, indent + 2, prefix)
            elif isinstance(item, str) and "\n" in item:
                raise ValueError("multi-line strings in lists are not written")
            else:
                self.values[item_path] = (len(self.lines) + 1, len(prefix) + 1)
                self.lines.append(f"{prefix}{scalar(item)}")


def write(data: dict[str, Any], comments: tuple[str, ...] = ()) -> Writer:
    writer = Writer()
    for text in comments:
        writer.comment(text)
    writer.mapping(data)
    return writer
