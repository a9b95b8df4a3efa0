"""Undo what extraction does to a text: page furniture, hyphenation, ligatures, odd spaces.

Every kept line remembers its number in the extracted text, so that a ``# à vérifier``
comment can send the reader back to it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, in the extracted text
    text: str


@dataclass(frozen=True)
class Cleaned:
    lines: list[Line]
    removed: list[Line]  # page numbers, stamps, running headers and footers


_LIGATURES = str.maketrans(
    {"ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
_SPACES = re.compile(r"[\u00a0\u202f\u2007\u2009\u0085\u2028\u2029]")
# Control characters (a PDF's stray escapes) carry no text and YAML refuses them.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_PAGE_NUMBER = re.compile(
    r"(?:page\s*)?[-–]?\s*\d{1,3}\s*(?:(?:/|sur)\s*\d{1,3})?\s*[-–]?", re.IGNORECASE
)
# Stamps of the prefecture's electronic receipt (ACTES) and of publication.
_STAMP = re.compile(
    r"accus[ée] de r[ée]ception|re[çc]u en pr[ée]fecture|date de t[ée]l[ée]transmission"
    r"|date de r[ée]ception pr[ée]fecture|affich[ée] le\s*:|publi[ée] le\s*:"
    r"|^\s*ID\s*:\s*\d{3}-",
    re.IGNORECASE,
)
# Lines that may legitimately repeat: never taken for a running header or footer.
_STRUCTURAL = re.compile(
    r"^\s*(?:article|vu\b|monsieur|madame|m\.|mme|[-–•o\uf0b7]\s|pour\b|contre\b|le |la )",
    re.IGNORECASE,
)
_HYPHEN_END = re.compile(r"(\w)-\s*$")


def clean(text: str) -> Cleaned:
    raw = [
        Line(number, _SPACES.sub(" ", _CONTROLS.sub("", line.translate(_LIGATURES))).rstrip())
        for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1)
    ]
    pages = _split_pages(raw)
    furniture = _running_lines(pages)
    kept: list[Line] = []
    removed: list[Line] = []
    for page in pages:
        for line in page:
            body = line.text.replace("\f", "").strip()
            if (
                _STAMP.search(body)
                or (body and _PAGE_NUMBER.fullmatch(body))
                or (body and _mask(body) in furniture)
            ):
                removed.append(line)
            else:
                kept.append(Line(line.number, line.text.replace("\f", "")))
    return Cleaned(_join_hyphenated(kept), removed)


def _split_pages(lines: list[Line]) -> list[list[Line]]:
    pages: list[list[Line]] = [[]]
    for line in lines:
        if "\f" in line.text:
            before, _, after = line.text.partition("\f")
            if before.strip():
                pages[-1].append(Line(line.number, before))
            pages.append([Line(line.number, after)])
        else:
            pages[-1].append(line)
    return pages


def _mask(text: str) -> str:
    return re.sub(r"\d+", "#", text.casefold())


def _running_lines(pages: list[list[Line]]) -> set[str]:
    """Short lines repeated on three pages or more (digits aside): headers and footers.

    With page breaks known, only each page's first and last three lines are candidates;
    without them (a pasted text), any short line with a number repeated three times that
    does not look like a list item, an article or a vote.
    """
    candidates: list[str] = []
    for page in pages:
        filled = [line.text.strip() for line in page if line.text.strip()]
        if len(pages) == 1:
            # No page breaks: only lines that carry a number (a page, a date) are taken
            # for furniture; a sentence repeated three times in an act stays.
            candidates.extend(_mask(t) for t in filled if len(t) <= 120 and "#" in _mask(t))
        else:  # once per page: a header is repeated across pages, not within one
            edges = filled[:3] + filled[-3:]
            candidates.extend(dict.fromkeys(_mask(t) for t in edges if len(t) <= 120))
    counts = Counter(candidates)
    return {
        text
        for text, count in counts.items()
        if count >= 3 and not _STRUCTURAL.match(text) and re.search(r"[a-z]", text)
    }


def _join_hyphenated(lines: list[Line]) -> list[Line]:
    """``exécu-`` + ``tion`` → ``exécution``; ``MARTIN-`` + ``GENDRE`` → ``MARTIN-GENDRE``.

    Blank lines between the two halves (an extraction that spaces every line) are dropped.
    """
    joined: list[Line] = []
    last = -1  # index in ``joined`` of the last line with text
    for line in lines:
        head = line.text.lstrip()
        if head and head[0].isalpha() and last >= 0 and _HYPHEN_END.search(joined[last].text):
            previous = joined[last]
            stem = previous.text.rstrip()
            # A lower-case continuation is a word cut by the line end: the hyphen goes;
            # a capital continues a compound name (MARTIN-GENDRE): the hyphen stays.
            text = stem[:-1] + head if head[0].islower() else stem + head
            del joined[last:]
            joined.append(Line(previous.number, text))
            continue
        joined.append(line)
        if head:
            last = len(joined) - 1
    return joined
