"""Reading Word documents back: with python-docx, and with tracked changes accepted or
rejected the way Word does it, over the XML."""

from __future__ import annotations

import io
import zipfile
from typing import Literal
from xml.etree import ElementTree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data: bytes) -> str:
    """Paragraphs and table cells in reading order, as python-docx reads them."""
    import docx
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            lines += [cell.text for row in item.rows for cell in row.cells]
        else:
            lines.append(item.text)
    return "\n".join(lines)


def body(data: bytes) -> ElementTree.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = ElementTree.fromstring(package.read("word/document.xml"))
    found = root.find(f"{W}body")
    assert found is not None
    return found


def tracked_text(data: bytes, mode: Literal["accept", "reject", "none"]) -> list[str]:
    """The non-empty paragraphs once every change is accepted (insertions kept, deletions
    dropped) or rejected (the reverse); ``none`` asserts there is no tracked change."""
    root = body(data)
    parents = {child: parent for parent in root.iter() for child in parent}
    if mode == "none":
        assert not any(e.tag in (W + "ins", W + "del") for e in root.iter()), "tracked change"
    dropped = W + ("del" if mode == "accept" else "ins")

    def ancestors(node: ElementTree.Element) -> list[ElementTree.Element]:
        found = []
        while node in parents:
            node = parents[node]
            found.append(node)
        return found

    lines: list[str] = []
    for paragraph in root.iter(f"{W}p"):
        rows = [e for e in ancestors(paragraph) if e.tag == W + "tr"]
        if rows and rows[0].find(f"{W}trPr/{dropped}") is not None:
            continue  # a row inserted (rejected) or deleted (accepted) goes whole
        text = "".join(
            node.text or ""
            for node in paragraph.iter()
            if node.tag in (W + "t", W + "delText")
            and not any(e.tag == dropped for e in ancestors(node))
        )
        if paragraph.find(f"{W}pPr/{W}rPr/{dropped}") is not None:
            assert not text, "a paragraph whose mark goes keeps no text"
            continue
        if text.strip():
            lines.append(text)
    return lines
