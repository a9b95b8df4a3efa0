"""Blocks → a .docx file, with python-docx, in deterministic bytes.

Paragraphs and tables are written as WordprocessingML elements so that spans can be tracked
changes (``w:ins``/``w:del``), which python-docx has no API for. The styles, page setup,
header and footer come from the reference document (python-docx's own template by default);
its body is dropped. The only field is the page number we put in the footer.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from mpdm_cli.render.docx.model import Align, Block, Cell, Change, Paragraph, Row, Span, Table

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

AUTHOR = "mpdm"
# Every zip entry gets this timestamp (the zip format's earliest): no clock in the bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Characters XML 1.0 cannot carry; whitespace controls become spaces as in the Markdown.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"[\t\n\r]+")
# Styles added when the reference document lacks them: (size in points, bold).
_ADDED = {f"Heading {level}": (16 - 2 * level, True) for level in (1, 2, 3)}
# The text of ruled tables (annexes, votes): smaller, so that six columns fit a page; a
# reference document may define it.
TABLE_STYLE = "Table Text"
BULLET_STYLE = "List Bullet"
_ADDED[TABLE_STYLE] = (9, False)


class UnusableReference(ValueError):
    """The reference document is not a Word document python-docx can open."""


def open_document(reference: bytes | None = None) -> WordDocument:
    """The reference document (its bytes), or python-docx's own template."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if reference is None:
        return docx.Document()
    try:
        return docx.Document(io.BytesIO(reference))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise UnusableReference(
            "ce n’est pas un document Word (.docx) lisible ; un modèle (.dotx ou .doc)"
            " s’enregistre d’abord sous le format .docx"
        ) from error


def render(
    blocks: Iterable[Block], title: str, date: dt.date, reference: bytes | None = None
) -> bytes:
    """The .docx bytes of ``blocks``; ``date`` stamps the document properties."""
    document = open_document(reference)
    body = document.element.body
    for child in list(body):
        if child.tag != _qn("w:sectPr"):
            body.remove(child)
    body.get_or_add_sectPr()  # the page setup, kept from the reference
    if reference is None:
        _french_defaults(document)
    writer = _Writer(document)
    previous: Block | None = None
    for block in blocks:
        if isinstance(previous, Table) and isinstance(block, Table):
            # Two tables in a row would be read as one (the second's borders for both).
            body.sectPr.addprevious(writer.paragraph(Paragraph(())))
        body.sectPr.addprevious(writer.block(block))
        previous = block
    writer.page_number_footer()
    _properties(document, title, date)
    buffer = io.BytesIO()
    document.save(buffer)
    return deterministic_zip(buffer.getvalue())


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def _element(tag: str, **attributes: str) -> Any:
    from docx.oxml import OxmlElement

    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(_qn(f"w:{name}"), value)
    return element


def _child(parent: Any, tag: str, **attributes: str) -> Any:
    element = _element(tag, **attributes)
    parent.append(element)
    return element


def clean(text: str) -> str:
    """Span text as Word will hold it: one line, only characters XML allows."""
    return _NOT_XML.sub("\ufffd", _BREAKS.sub(" ", text))


def _french_defaults(document: WordDocument) -> None:
    """Without a reference document: A4 with 2.5 cm margins (python-docx's template is US
    Letter), and French as the language of the text (hyphenation, spelling)."""
    from docx.shared import Cm

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.5)
    normal = document.styles["Normal"].element
    _child(normal.get_or_add_rPr(), "w:lang", val="fr-FR")


class _Writer:
    def __init__(self, document: WordDocument) -> None:
        self.document = document
        self._ids: Iterator[int] = itertools.count(1)
        self._style_ids: dict[str, str] = {}
        # A reference document without a "List Bullet" style gets one without numbering
        # (python-docx cannot add a list definition): its items then start with a bullet.
        self._drawn_bullets = False
        section = document.sections[0]
        width = section.page_width or 0
        margins = (section.left_margin or 0) + (section.right_margin or 0)
        self._text_width = max(int((width - margins) / 635), 2000)  # EMU → twentieths of a point

    def style_id(self, name: str) -> str:
        """The id of the paragraph style ``name``, added (plain or as a heading) if missing."""
        if name not in self._style_ids:
            from docx.enum.style import WD_STYLE_TYPE
            from docx.shared import Cm, Pt

            styles = self.document.styles
            try:
                style = styles[name]
            except KeyError:
                style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
                style.base_style = styles["Normal"]
                if name in _ADDED:
                    size, bold = _ADDED[name]
                    style.font.size, style.font.bold = Pt(size), bold
                if name == TABLE_STYLE:
                    style.paragraph_format.space_before = style.paragraph_format.space_after = 0
                if name == BULLET_STYLE:
                    style.paragraph_format.left_indent = Cm(0.63)
                    style.paragraph_format.first_line_indent = Cm(-0.63)
                    self._drawn_bullets = True
            self._style_ids[name] = style.style_id
        return self._style_ids[name]

    def _change(self, change: Change) -> Any:
        return _element(
            f"w:{change.kind}",
            id=str(next(self._ids)),
            author=change.author,
            date=change.date.strftime("%Y-%m-%dT%H:%M:%SZ"),
        )

    def _run(self, span: Span) -> Any:
        run = _element("w:r")
        if span.bold or span.italic:
            properties = _child(run, "w:rPr")
            if span.bold:
                _child(properties, "w:b")
            if span.italic:
                _child(properties, "w:i")
        deleted = span.change is not None and span.change.kind == "del"
        text = _child(run, "w:delText" if deleted else "w:t")
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        text.text = clean(span.text)
        if span.change is None:
            return run
        tracked = self._change(span.change)
        tracked.append(run)
        return tracked

    def paragraph(self, paragraph: Paragraph) -> Any:
        p = _element("w:p")
        properties = _child(p, "w:pPr")
        _child(properties, "w:pStyle", val=self.style_id(paragraph.style))
        if paragraph.align != "left":
            _child(properties, "w:jc", val=paragraph.align)
        if paragraph.mark is not None:
            _child(properties, "w:rPr").append(self._change(paragraph.mark))
        if paragraph.style == BULLET_STYLE and self._drawn_bullets:
            p.append(self._run(Span("•\u00a0\u00a0", change=paragraph.mark)))
        for span in paragraph.spans:
            if span.text:
                p.append(self._run(span))
        return p

    def block(self, block: Block) -> Any:
        return self.paragraph(block) if isinstance(block, Paragraph) else self.table(block)

    def table(self, table: Table) -> Any:
        tbl = _element("w:tbl")
        properties = _child(tbl, "w:tblPr")
        _child(properties, "w:tblW", w="5000", type="pct")
        borders = _child(properties, "w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            if table.ruled:
                _child(borders, f"w:{side}", val="single", sz="4", space="0", color="auto")
            else:
                _child(borders, f"w:{side}", val="nil")
        _child(properties, "w:tblLayout", type="fixed")
        widths = self._widths(table)
        grid = _child(tbl, "w:tblGrid")
        for width in widths:
            _child(grid, "w:gridCol", w=str(width))
        for index, row in enumerate(table.rows):
            tbl.append(self._row(row, table, widths, header=table.header and index == 0))
        return tbl

    def _widths(self, table: Table) -> list[int]:
        """Column widths after their texts: each column fits its longest word and its
        longest text on two lines (bounded), so that a name is not cut a letter a line."""
        columns = max(table.columns, 1)
        if not table.ruled:  # signatures side by side: even halves
            return [self._text_width // columns] * columns
        weights = [
            max(_weight(row.cells[column]) for row in table.rows if column < len(row.cells))
            for column in range(columns)
        ]
        return [self._text_width * weight // sum(weights) for weight in weights]

    def _row(self, row: Row, table: Table, widths: list[int], header: bool) -> Any:
        tr = _element("w:tr")
        if header or row.change is not None:
            properties = _child(tr, "w:trPr")
            if header:
                _child(properties, "w:tblHeader")
            if row.change is not None:
                properties.append(self._change(row.change))
        for column, cell in enumerate(row.cells):
            tc = _child(tr, "w:tc")
            _child(_child(tc, "w:tcPr"), "w:tcW", w=str(widths[column]), type="dxa")
            paragraphs = cell or (Paragraph(()),)
            for paragraph in paragraphs:
                style = TABLE_STYLE if table.ruled and paragraph.style == "Normal" else None
                align: Align = "right" if column in table.right else paragraph.align
                shaped = replace(paragraph, style=style or paragraph.style, align=align)
                tc.append(self.paragraph(shaped))
        return tr

    def page_number_footer(self) -> None:
        """ "Page N" centred in the footer, unless the reference's footer numbers pages."""
        footer = self.document.sections[0].footer
        footer.is_linked_to_previous = False
        root = footer.part.element
        if any("PAGE" in (node.text or "") for node in root.iter(_qn("w:instrText"))) or any(
            "PAGE" in (node.get(_qn("w:instr")) or "") for node in root.iter(_qn("w:fldSimple"))
        ):
            return
        p = _child(root, "w:p")
        _child(_child(p, "w:pPr"), "w:jc", val="center")
        label = _child(_child(p, "w:r"), "w:t")
        label.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        label.text = "Page "
        _child(_child(p, "w:r"), "w:fldChar", fldCharType="begin")
        instruction = _child(_child(p, "w:r"), "w:instrText")
        instruction.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        instruction.text = " PAGE "
        _child(_child(p, "w:r"), "w:fldChar", fldCharType="separate")
        _child(_child(p, "w:r"), "w:t").text = "1"
        _child(_child(p, "w:r"), "w:fldChar", fldCharType="end")


def _weight(cell: Cell) -> int:
    # Split at plain spaces only: "220 000 €" (narrow no-break spaces) stays one word.
    longest = max((len(word) for p in cell for word in p.text.split(" ")), default=0)
    full = max((len(p.text) for p in cell), default=0)
    return max(longest * 3 // 2 + 2, min(full // 3, 30), 4)  # + 2: the cell margins


def _properties(document: WordDocument, title: str, date: dt.date) -> None:
    """Fixed document properties: nothing from the clock, the machine or the reference.

    The thumbnail goes: it pictures the template's (or the reference's) first page, not
    this document's.
    """
    package = document.part.package
    for key, relationship in list(package.rels.items()):
        if relationship.reltype.endswith("/metadata/thumbnail"):
            package.rels.pop(key)
    stamp = dt.datetime(date.year, date.month, date.day)
    core = document.core_properties
    core.author = core.last_modified_by = AUTHOR
    core.title = clean(title)[:255]
    core.subject = core.keywords = core.comments = core.category = ""
    core.content_status = core.identifier = core.version = ""
    core.created = core.modified = stamp
    core.last_printed = stamp
    core.revision = 1


def deterministic_zip(data: bytes) -> bytes:
    """The same package with sorted entries, fixed timestamps and attributes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(source.namelist()):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()
