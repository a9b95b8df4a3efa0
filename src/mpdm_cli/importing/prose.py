"""Paragraphs and lists rebuilt from extracted lines (Markdown, as the models store prose)."""

from __future__ import annotations

import re

from mpdm_cli.importing.cleanup import Line

BULLET = re.compile(r"^\s*(?:[-–—•o\uf0b7\u2022\u25aa\u27a2]|\*(?!\*))\s*(?=\S)")
_SENTENCE_END = re.compile(r"[.;:!?»)]\s*$")


def prose(lines: list[Line], spaced: bool | None = None) -> str:
    """Join lines into paragraphs; a bullet starts a list item (``- ``).

    A line continues the previous one unless the previous ends a sentence and this one
    starts like a new paragraph (a capital or a bullet), or a blank line separates two
    paragraphs in a text whose lines are not all spaced by blank lines (``spaced``: as
    measured on the whole text, since a short passage says little).
    """
    if spaced is None:
        spaced = every_line_spaced(lines)
    blocks: list[list[str]] = []  # each block: lines of one paragraph or one list
    current: list[str] = []
    blank = False
    for line in lines:
        text = line.text.strip().replace("**", "")
        if not text:
            blank = True
            continue
        bullet = BULLET.match(text)
        if bullet:
            item = "- " + text[bullet.end() :]
            if current and current[-1].startswith("- "):
                current.append(item)
            else:
                _push(blocks, current)
                current = [item]
        elif current and _continues(current[-1], text, blank and not spaced):
            current[-1] += " " + text
        else:
            _push(blocks, current)
            current = [text]
        blank = False
    _push(blocks, current)
    return "\n\n".join("\n".join(block) for block in blocks)


def _continues(previous: str, text: str, paragraph_break: bool) -> bool:
    if paragraph_break:
        return False
    ends = bool(_SENTENCE_END.search(previous))
    if previous.startswith("- "):
        # A list item goes on until a line that ends a sentence is followed by a capital.
        return not (ends and text[0].isupper())
    return not (ends and (text[0].isupper() or text[0].isdigit()))


def _push(blocks: list[list[str]], current: list[str]) -> None:
    if current:
        blocks.append(list(current))
        current.clear()


def every_line_spaced(lines: list[Line]) -> bool:
    """True when blank lines separate nearly every line (some PDF extractions): they then
    say nothing about paragraphs."""
    filled = sum(1 for line in lines if line.text.strip())
    blanks = sum(1 for line in lines if not line.text.strip())
    return filled > 4 and blanks >= 0.7 * filled
