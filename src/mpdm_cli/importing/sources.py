"""The text of an act: a PDF's text layer (pypdf), a Word file (python-docx) or plain text."""

from __future__ import annotations

import io
from pathlib import Path

from mpdm_cli.pipeline.oserrors import os_reason


class SourceError(Exception):
    """A file whose text cannot be read; the message is French and names the file."""


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(f"{path} : lecture impossible ({os_reason(error)})") from error
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return _pdf_text(path, data)
    if suffix == ".docx":
        return _docx_text(path, data)
    return _plain_text(path, data)


def _plain_text(path: Path, data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise SourceError(f"{path} : fichier binaire ; attendu un PDF, un DOCX ou du texte")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older archives are often Windows-1252. The five bytes it leaves undefined become
        # U+FFFD, which the importer counts and reports (never a silent loss).
        return data.decode("cp1252", errors="replace")


def _pdf_text(path: Path, data: bytes) -> str:
    # pypdf, not pdfplumber: on the multi-column attendance lists the tests print with
    # Typst, pypdf keeps each cell's words together and in order (0.999 of the words in
    # order against 0.994) and reads a page 4 to 8 times faster.
    import logging

    from pypdf import PdfReader

    # pypdf reports what it repairs through logging, in English: the user gets our
    # French message when the file cannot be read, and nothing when it can.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise SourceError(f"{path} : PDF chiffré, son texte ne peut pas être lu")
        pages = [page.extract_text() or "" for page in reader.pages]
    except SourceError:
        raise
    except Exception as error:
        # A damaged PDF fails deep inside pypdf with many kinds of error (its own, but
        # also KeyError, ValueError, zlib's…): each is the file's fault, not mpdm's.
        raise SourceError(f"{path} : PDF illisible ({error})") from error
    text = "\f".join(pages)
    if not text.strip():
        raise SourceError(
            f"{path} : ce PDF n'a pas de texte (document scanné ?) ; passez-le d'abord"
            " dans un logiciel de reconnaissance de caractères"
        )
    return text


def _docx_text(path: Path, data: bytes) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                # A row is one line of tab-separated cells, as pdftotext gives columns.
                lines.extend("\t".join(cell.text for cell in row.cells) for row in block.rows)
    except Exception as error:
        # Not a zip, a zip without a document, broken XML: the file's fault, as for PDFs.
        raise SourceError(f"{path} : fichier Word illisible ({error})") from error
    return "\n".join(lines)
