"""Word output (.docx): the acts as Word documents, and redlines between two versions.

One output format, shaped as the others will be: its suffix, how text is made safe (it is
never markup: every value is the text of a run, see ``word.clean``) and how bytes are
produced from a job (``produce``).
"""

from __future__ import annotations

from dataclasses import dataclass

from mpdm_cli.render.documents import Job
from mpdm_cli.render.docx.consolidated import consolidation_redline
from mpdm_cli.render.docx.content import blocks_of
from mpdm_cli.render.docx.model import document_title
from mpdm_cli.render.docx.word import UnusableReference, clean, open_document, render

__all__ = [
    "SUFFIX",
    "DocxOptions",
    "UnusableReference",
    "clean",
    "document_title",
    "open_document",
    "produce",
]

SUFFIX = ".docx"


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
