"""Word documents of the acts, and redlines between two versions: what the docx output
format (``render/formats/docx.py``) produces. Text is never markup: every value is the text
of a run (``word.clean``)."""

from __future__ import annotations

from dataclasses import dataclass

from mpdm_cli.render.documents import Job
from mpdm_cli.render.docx.consolidated import consolidation_redline
from mpdm_cli.render.docx.content import blocks_of
from mpdm_cli.render.docx.model import document_title
from mpdm_cli.render.docx.word import UnusableReference, clean, open_document, render

__all__ = [
    "DocxOptions",
    "UnusableReference",
    "clean",
    "document_title",
    "open_document",
    "produce",
]


@dataclass(frozen=True)
class DocxOptions:
    """``reference``: the bytes of the user's Word file whose styles, page setup, header and
    footer are used; ``track_changes``: consolidated conventions show each avenant's changes
    as tracked changes."""

    reference: bytes | None = None
    track_changes: bool = False


def produce(job: Job, options: DocxOptions, draft: bool = False) -> bytes:
    """The .docx bytes of ``job``."""
    blocks = blocks_of(job, draft)
    if options.track_changes and job.context.get("applied"):
        blocks = consolidation_redline(job, blocks, draft)
    return render(blocks, document_title(blocks), job.date, options.reference)
