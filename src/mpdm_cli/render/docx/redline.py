"""Two versions of a document as one, the changes between them as tracked changes.

Blocks are aligned first (difflib on paragraph style and text, table rows on their text),
then each pair of paragraphs is compared word by word. Accepting every change gives the new
version's text exactly; rejecting every change gives the old one's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from typing import Literal

from mpdm_cli.render.docx.model import Block, Change, Paragraph, Row, Span, Table

# Who made the change at a position of the new version (index of its block), and when.
Stamp = Callable[[int], tuple[str, dt.datetime]]

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
_WORD = re.compile(r"\w")


def constant(author: str, when: dt.datetime) -> Stamp:
    return lambda index: (author, when)


def redline(before: Sequence[Block], after: Sequence[Block], stamp: Stamp) -> list[Block]:
    """``after`` with what changed since ``before`` as tracked insertions and deletions."""
    out: list[Block] = []

    def change(kind: Literal["ins", "del"], index: int) -> Change:
        author, when = stamp(min(index, len(after) - 1) if after else 0)
        return Change(kind, author, when)

    pairs = SequenceMatcher(None, [_key(b) for b in before], [_key(b) for b in after], False)
    for tag, i1, i2, j1, j2 in pairs.get_opcodes():
        if tag == "equal":
            out += after[j1:j2]
            continue
        old, new = list(before[i1:i2]), list(after[j1:j2])
        paired = 0
        while paired < min(len(old), len(new)) and _comparable(old[paired], new[paired]):
            out.append(
                _pair(
                    old[paired], new[paired], change(_INS, j1 + paired), change(_DEL, j1 + paired)
                )
            )
            paired += 1
        out += [_whole(block, change(_DEL, j1 + paired)) for block in old[paired:]]
        out += [_whole(block, change(_INS, j1 + k)) for k, block in enumerate(new[paired:], paired)]
    return out


_INS: Literal["ins"] = "ins"
_DEL: Literal["del"] = "del"


def _key(block: Block) -> tuple[object, ...]:
    if isinstance(block, Paragraph):
        return ("p", block.style, block.text)
    return ("t", block.columns, block.header, block.ruled, tuple(row.text for row in block.rows))


def _comparable(old: Block, new: Block) -> bool:
    if isinstance(old, Paragraph) and isinstance(new, Paragraph):
        return True
    return isinstance(old, Table) and isinstance(new, Table) and old.columns == new.columns


def _whole(block: Block, change: Change) -> Block:
    if isinstance(block, Paragraph):
        return block.tracked(change)
    return Table(
        tuple(row.tracked(change) for row in block.rows), block.header, block.ruled, block.right
    )


def _pair(old: Block, new: Block, inserted: Change, deleted: Change) -> Block:
    if isinstance(old, Paragraph) and isinstance(new, Paragraph):
        return Paragraph(words(old.spans, new.spans, inserted, deleted), new.style, new.align)
    assert isinstance(old, Table) and isinstance(new, Table)
    return Table(_rows(old.rows, new.rows, inserted, deleted), new.header, new.ruled, new.right)


def _rows(
    old: tuple[Row, ...], new: tuple[Row, ...], inserted: Change, deleted: Change
) -> tuple[Row, ...]:
    out: list[Row] = []
    matcher = SequenceMatcher(None, [r.text for r in old], [r.text for r in new], False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += new[j1:j2]
            continue
        before, after = old[i1:i2], new[j1:j2]
        paired = 0
        while paired < min(len(before), len(after)) and len(before[paired].cells) == len(
            after[paired].cells
        ):
            cells = tuple(
                tuple(_cell(a, b, inserted))
                for a, b in zip(before[paired].cells, after[paired].cells, strict=True)
            )
            out.append(Row(cells))
            paired += 1
        out += [row.tracked(deleted) for row in before[paired:]]
        out += [row.tracked(inserted) for row in after[paired:]]
    return tuple(out)


def _cell(
    old: tuple[Paragraph, ...], new: tuple[Paragraph, ...], inserted: Change
) -> list[Paragraph]:
    blocks = redline(old, new, constant(inserted.author, inserted.date))
    return [block for block in blocks if isinstance(block, Paragraph)]


def _tokens(spans: Sequence[Span]) -> list[Span]:
    return [Span(token, s.bold, s.italic) for s in spans for token in _TOKEN.findall(s.text)]


def words(
    old: Sequence[Span], new: Sequence[Span], inserted: Change, deleted: Change
) -> tuple[Span, ...]:
    """``new`` with the words that differ from ``old`` as tracked deletions and insertions.

    Spaces and punctuation alone between two changes are not kept as common ground, so a
    rewritten sentence reads as one deletion and one insertion, not a word salad.
    """
    a, b = _tokens(old), _tokens(new)
    opcodes = SequenceMatcher(None, a, b, False).get_opcodes()
    out: list[Span] = []
    removed: list[Span] = []
    added: list[Span] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        inner = 0 < index < len(opcodes) - 1
        if tag == "equal" and not (inner and not any(_WORD.search(t.text) for t in b[j1:j2])):
            out += [Span(t.text, t.bold, t.italic, deleted) for t in removed]
            out += [Span(t.text, t.bold, t.italic, inserted) for t in added]
            removed, added = [], []
            out += b[j1:j2]
            continue
        removed += a[i1:i2]
        added += b[j1:j2]
    out += [Span(t.text, t.bold, t.italic, deleted) for t in removed]
    out += [Span(t.text, t.bold, t.italic, inserted) for t in added]
    return tuple(_merge(out))


def _merge(spans: list[Span]) -> list[Span]:
    """Adjacent tokens of the same formatting and change as one span."""
    merged: list[Span] = []
    for span in spans:
        last = merged[-1] if merged else None
        if last is not None and (last.bold, last.italic, last.change) == (
            span.bold,
            span.italic,
            span.change,
        ):
            merged[-1] = Span(last.text + span.text, span.bold, span.italic, span.change)
        else:
            merged.append(span)
    return merged
