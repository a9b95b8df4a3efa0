"""The Word document as data: paragraphs of formatted spans, and tables.

Built from the acts (``content``), compared between two versions (``redline``), written by
``word``. A ``Change`` on a span, a paragraph mark or a table row makes it a tracked change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal


@dataclass(frozen=True)
class Change:
    """A tracked insertion or deletion, as Word shows it: who and when."""

    kind: Literal["ins", "del"]
    author: str
    date: dt.datetime


Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Span:
    """A run of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    change: Change | None = None


@dataclass(frozen=True)
class Paragraph:
    """``style`` is a Word style name (``Normal``, ``Heading 1``, ``List Bullet``…);
    ``mark`` tracks the paragraph mark itself (a whole paragraph inserted or deleted)."""

    spans: tuple[Span, ...]
    style: str = "Normal"
    align: Align = "left"
    mark: Change | None = None

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    def tracked(self, change: Change) -> Paragraph:
        """The whole paragraph inserted or deleted."""
        spans = tuple(replace(span, change=change) for span in self.spans)
        return replace(self, spans=spans, mark=change)


Cell = tuple[Paragraph, ...]


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    change: Change | None = None

    @property
    def text(self) -> str:
        return " | ".join("\n".join(p.text for p in cell) for cell in self.cells)

    def tracked(self, change: Change) -> Row:
        cells = tuple(tuple(p.tracked(change) for p in cell) for cell in self.cells)
        return Row(cells, change)


@dataclass(frozen=True)
class Table:
    """``header``: the first row repeats on each page and is bold; ``ruled``: cell borders
    (a signature table has none); ``right``: indices of right-aligned columns (amounts)."""

    rows: tuple[Row, ...]
    header: bool = True
    ruled: bool = True
    right: frozenset[int] = frozenset()

    @property
    def columns(self) -> int:
        return max((len(row.cells) for row in self.rows), default=0)


Block = Paragraph | Table


def para(text: str, style: str = "Normal", bold: bool = False, italic: bool = False) -> Paragraph:
    """A paragraph of one span."""
    return Paragraph((Span(text, bold, italic),), style)


def document_title(blocks: list[Block]) -> str:
    """The first level-1 heading's text: the document's title property."""
    headings = (b for b in blocks if isinstance(b, Paragraph) and b.style == "Heading 1")
    return next((b.text for b in headings), "")
