"""Word output (.docx): the acts as Word documents, and redlines between two versions.

One output format, shaped as the others will be: its suffix, how text is made safe (it is
never markup: every value is the text of a run, see ``word.clean``) and how bytes are
produced from a job (``produce``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mpdm_cli import french
from mpdm_cli.models import Avenant, Convention
from mpdm_cli.render.documents import Job
from mpdm_cli.render.docx.content import DRAFT, blocks_of, convention_blocks
from mpdm_cli.render.docx.model import Block, Paragraph, document_title, para
from mpdm_cli.render.docx.redline import redline
from mpdm_cli.render.docx.word import AUTHOR, UnusableReference, clean, open_document, render

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
    footer are used; ``track_changes``: consolidated conventions show each avenant's changes as
    tracked changes."""

    reference: bytes | None = None
    track_changes: bool = False


def produce(job: Job, options: DocxOptions, draft: bool = False) -> bytes:
    """The .docx bytes of ``job``."""
    blocks = blocks_of(job, draft)
    if options.track_changes and job.context.get("applied"):
        blocks = _consolidation_redline(job, blocks, draft)
    return render(blocks, document_title(blocks), job.date, options.reference)


def _when(avenant: Avenant, default: dt.date) -> dt.datetime:
    day = avenant.signature.date if avenant.signature and avenant.signature.date else None
    if day is None and avenant.period is not None:
        day = avenant.period.first_day
    day = day or default
    return dt.datetime(day.year, day.month, day.day)


def _consolidation_redline(job: Job, consolidated: list[Block], draft: bool) -> list[Block]:
    """The consolidated convention with what its avenants changed as tracked changes.

    A change inside an article is the last avenant's that restated this article; any other
    (annex tables, term, a new article) the last avenant's. Each avenant is named as the
    author of its changes, dated by its signature.
    """
    original: Convention = job.context["original"]
    applied: tuple[Avenant, ...] = job.context["applied"]
    directory = job.context["directory"]
    base = convention_blocks(original, applied, directory)
    if draft:
        base = [para(DRAFT, bold=True), *base]

    def who(avenant: Avenant) -> tuple[str, dt.datetime]:
        return f"{AUTHOR}, avenant n° {avenant.number}", _when(avenant, job.date)

    owners: dict[str, Avenant] = {}
    for avenant in applied:
        for article in avenant.convention_articles:
            heading = french.article_heading(article.number, article.title)
            owners[french.typographic(heading)] = avenant
    section: list[Avenant] = []
    for block in consolidated:
        if isinstance(block, Paragraph) and block.style == "Heading 2":
            section.append(owners.get(block.text, applied[-1]))
        else:
            section.append(section[-1] if section else applied[-1])
    return redline(base, consolidated, lambda index: who(section[index]))
