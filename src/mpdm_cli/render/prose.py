"""The small Markdown of the YAML prose fields, parsed once and written as Markdown or Typst.

Supported: paragraphs (blank line between), ``- `` lists, ``*emphasis*``, ``**bold**`` and
backslash escapes. Anything else (headings, numbered lists, HTML, links, code) is text and
comes out literally in both formats.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from mpdm_cli.domain.french import typographic
from mpdm_cli.render.typst import escape_typst

# Inline nodes: plain text, or ("em" | "strong", children).
Inline = str | tuple[str, "list[Inline]"]


@dataclass(frozen=True)
class Block:
    """A paragraph, or a list item, as a list of lines of inline nodes."""

    kind: str  # "paragraph" or "item"
    lines: tuple[list[Inline], ...]


_ITEM = re.compile(r"[ \t]{0,3}- (.*)")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.DOTALL)
_EMPH = re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*", re.DOTALL)
_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
# Private-use stand-ins for escaped characters while emphasis is matched.
_STANDIN = {c: chr(0xE000 + i) for i, c in enumerate(_PUNCT)}
_BACK = {v: k for k, v in _STANDIN.items()}


def parse(text: str) -> list[Block]:
    blocks: list[Block] = []
    current: list[str] = []
    kind = "paragraph"

    def flush() -> None:
        if current:
            blocks.append(Block(kind, tuple(_inline(line) for line in current)))
            current.clear()

    for raw in line_breaks_as_newlines(text).split("\n"):
        line = raw.strip()
        item = _ITEM.fullmatch(raw.rstrip())
        if not line:
            flush()
            kind = "paragraph"
        elif item:
            flush()
            kind = "item"
            current.append(item.group(1).strip())
        else:
            current.append(line)
    flush()
    return blocks


def _hide_escapes(text: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", lambda m: _STANDIN[m.group(1)], text)


def _restore(text: str) -> str:
    return "".join(_BACK.get(c, c) for c in text)


def _inline(text: str) -> list[Inline]:
    return _nodes(_hide_escapes(text))


def _nodes(text: str) -> list[Inline]:
    result: list[Inline] = []
    while text:
        strong = _STRONG.search(text)
        emph = _EMPH.search(text)
        candidates = [m for m in (strong, emph) if m is not None]
        if not candidates:
            break
        match = min(candidates, key=lambda m: (m.start(), m is not strong))
        if match.start():
            result.append(_restore(text[: match.start()]))
        result.append(("strong" if match is strong else "em", _nodes(match.group(1))))
        text = text[match.end() :]
    if text:
        result.append(_restore(text))
    return result


def _write(nodes: list[Inline], text: Callable[[str], str], em: str, strong: str) -> str:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(text(node))
        else:
            inner = _write(node[1], text, em, strong)
            out.append((strong if node[0] == "strong" else em).format(inner))
    return "".join(out)


def typst_text(text: str) -> str:
    """Text for Typst markup: French typography, then every special character escaped."""
    return escape_typst(typographic(text))


def to_typst(text: str) -> str:
    """Typst markup; every piece of text is escaped, so the prose can never be code."""
    blocks = parse(text)
    parts: list[str] = []
    for block in blocks:
        lines = [_write(line, typst_text, "#emph[{}]", "#strong[{}]") for line in block.lines]
        body = " ".join(lines)
        parts.append(f"- {body}" if block.kind == "item" else body)
    return _join(parts, [b.kind for b in blocks])


def to_markdown(text: str) -> str:
    """The same prose as safe Markdown: only the supported constructs keep a meaning."""
    blocks = parse(text)
    parts: list[str] = []
    for block in blocks:
        lines = [_write(line, escape_markdown_inline, "*{}*", "**{}**") for line in block.lines]
        lines = [protect_line_start(line) for line in lines]
        if block.kind == "item":
            parts.append("- " + "\n  ".join(lines))
        else:
            parts.append("\n".join(lines))
    return _join(parts, [b.kind for b in blocks])


def _join(parts: list[str], kinds: list[str]) -> str:
    """Blank lines between blocks, single newlines between the items of one list."""
    out: list[str] = []
    for index, part in enumerate(parts):
        if index:
            tight = kinds[index] == "item" and kinds[index - 1] == "item"
            out.append("\n" if tight else "\n\n")
        out.append(part)
    return "".join(out)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=>]|[0-9]+[.)])")
# What a Markdown renderer (GitHub's included) would turn into a link without brackets.
_AUTOLINK = re.compile(r"(?i)(?<![\w\\])(?:(https?|ftp|mailto|file)(:)|(www)(\.))|(@)")
# Every line break a reader may honour: CommonMark's (\r, \n) and Unicode's.
_LINE_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
# Characters that act on a display instead of showing: C0 and C1 controls (tab and line
# breaks apart), DEL, bidirectional embeddings, overrides and isolates.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")


def line_breaks_as_newlines(text: str) -> str:
    """Every kind of line break as ``\\n``, and controls shown as U+FFFD, not obeyed."""
    return _CONTROLS.sub("\ufffd", _LINE_BREAKS.sub("\n", text))


def escape_markdown_inline(text: str) -> str:
    """Text whose every Markdown meaning (emphasis, code, HTML, links, tables) is escaped."""
    escaped = _MD_SPECIAL.sub(r"\\\1", _CONTROLS.sub("\ufffd", text))
    return _AUTOLINK.sub(_break_autolink, escaped)


def _break_autolink(match: re.Match[str]) -> str:
    if match.group(5):
        return "\\@"
    word, mark = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
    return f"{word}\\{mark}"


def protect_line_start(line: str) -> str:
    """Escape what would start a heading, list, quote or rule at the start of a line."""
    match = _MD_LINE_START.match(line)
    if not match:
        return line
    marker = match.group(2)
    escaped = marker[:-1] + "\\" + marker[-1]
    return match.group(1) + escaped + line[match.end() :]


def escape_markdown(text: str) -> str:
    """A plain one-line value, safe anywhere in a Markdown line: line breaks become spaces."""
    return protect_line_start(escape_markdown_inline(" ".join(_LINE_BREAKS.split(text))))
