"""The timeline SVG on one A4 landscape PDF/A page, through the project's Typst compiler."""

from __future__ import annotations

import datetime as dt

from mpdm_cli.render.typst import PdfCompiler, string_literal


def timeline_pdf(pages: list[str], today: dt.date) -> bytes:
    """Each SVG page travels as a Typst string literal (escaped), never as markup; ``today``
    stamps the PDF so the same acts give the same bytes."""
    images = "\n#pagebreak()\n".join(
        f'#image(bytes({string_literal(svg)}), format: "svg", width: 100%, height: 100%)'
        for svg in pages
    )
    source = (
        '#set document(title: "Frise des conventions")\n'
        '#set page(paper: "a4", flipped: true, margin: 0mm)\n'
        '#set text(lang: "fr")\n'
        f"{images}\n"
    )
    with PdfCompiler() as compiler:
        return compiler.compile(source, today)
