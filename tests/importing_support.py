"""Support for the import tests: the seeds as PDF (Typst) and DOCX (python-docx), the measures."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from pathlib import Path

from mpdm_cli.render.typst import PdfCompiler, escape_typst

ROOT = Path(__file__).resolve().parent.parent
IMPORT_FIXTURES = ROOT / "tests" / "fixtures" / "import"
SEEDS = IMPORT_FIXTURES / "seeds"


def seed_typst(text: str) -> str:
    """Typst source of a text act: lines with tab-separated cells become a grid with one
    column per cell (the attendance lists of a register, in two or three columns)."""
    parts = ['#set page(paper: "a4", margin: 2cm)', '#set text(lang: "fr", size: 10pt)']
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            width = max(len(row) for row in rows)
            cells = ", ".join(
                f"[{escape_typst(cell.strip())}]"
                for row in rows
                for cell in row + [""] * (width - len(row))
            )
            parts.append(f"#grid(columns: {width}, column-gutter: 1em, row-gutter: 0.4em, {cells})")
            rows.clear()

    # Word's private-use bullet has no glyph in the embedded fonts: print it as a bullet.
    for line in text.replace("\uf0b7", "•").splitlines():
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        flush()
        if line.strip():
            parts.append(escape_typst(line.replace("**", "")) + "\n")
        else:
            parts.append("")
    flush()
    return "\n".join(parts)


def seed_pdf(text: str) -> bytes:
    with PdfCompiler() as compiler:
        return compiler.compile(seed_typst(text), dt.date(2024, 1, 1))


def seed_docx(text: str, path: Path) -> None:
    """A Word file of the text: one paragraph a line, tab-separated cells as a table."""
    import docx

    document = docx.Document()
    table_rows: list[list[str]] = []

    def flush() -> None:
        if table_rows:
            width = max(len(row) for row in table_rows)
            table = document.add_table(rows=len(table_rows), cols=width)
            for r, row in enumerate(table_rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell.strip()
            table_rows.clear()

    for line in text.splitlines():
        if "\t" in line:
            table_rows.append(line.split("\t"))
            continue
        flush()
        if line.strip():
            document.add_paragraph(line.replace("**", ""))
    flush()
    document.save(str(path))


def words(text: str) -> list[str]:
    """Words folded for comparison: no accents, no case, no markup or punctuation."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.findall(r"[a-z0-9]+", text)


def words_in_order(source: str, produced: str) -> float:
    """Share of the source's words found in the produced text in the same order (the
    longest common subsequence of words, as difflib's matching blocks approximate it)."""
    expected, found = words(source), words(produced)
    matcher = difflib.SequenceMatcher(None, expected, found, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched / len(expected) if expected else 1.0
