"""A consolidated convention with what its avenants changed shown as tracked changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from mpdm_cli.domain import french
from mpdm_cli.models import Avenant, Convention
from mpdm_cli.render.documents import Job
from mpdm_cli.render.docx.content import DRAFT, convention_blocks
from mpdm_cli.render.docx.model import Block, Paragraph, para
from mpdm_cli.render.docx.redline import redline
from mpdm_cli.render.docx.word import AUTHOR


def consolidation_redline(job: Job, consolidated: list[Block], draft: bool) -> list[Block]:
    """``consolidated`` (the blocks of a consolidated convention's job) with every change
    from the convention as signed tracked, "Accept all" giving the consolidated text and
    "Reject all" the signed one.

    Each change is authored by the avenant that made it and dated by it: in an article, the
    last avenant that restated this article; in the annex, the last that restated the
    financing, the staffing or the term; anything else, the last avenant.
    """
    original: Convention = job.context["original"]
    applied: tuple[Avenant, ...] = job.context["applied"]
    base = convention_blocks(original, applied, job.context["directory"])
    if draft:
        base = [para(DRAFT, bold=True), *base]
    owners = _section_owners(applied)
    section: list[Avenant] = []
    for block in consolidated:
        owner = None
        if isinstance(block, Paragraph) and block.style in ("Heading 2", "Heading 3"):
            owner = owners.get(block.text, applied[-1])
        elif isinstance(block, Paragraph) and block.text.startswith("Durée :"):
            owner = owners["Durée"]
        section.append(owner or (section[-1] if section else applied[-1]))

    def stamp(index: int) -> tuple[str, dt.datetime]:
        avenant = section[index]
        return f"{AUTHOR}, avenant n° {avenant.number}", _when(avenant, job.date)

    return redline(base, consolidated, stamp)


def _section_owners(applied: tuple[Avenant, ...]) -> dict[str, Avenant]:
    """The avenant responsible for each heading's section (and the term's line)."""

    def last(restates: Callable[[Avenant], object]) -> Avenant:
        return next((a for a in reversed(applied) if restates(a)), applied[-1])

    owners = {
        "Financements": last(lambda a: a.funding),
        "Effectifs": last(lambda a: a.staffing),
        "Durée": last(lambda a: a.new_term),
    }
    for avenant in applied:
        for article in avenant.convention_articles:
            heading = french.article_heading(article.number, article.title)
            owners[french.typographic(heading)] = avenant
    return owners


def _when(avenant: Avenant, default: dt.date) -> dt.datetime:
    """The avenant's signature date, else the start of its period."""
    day = avenant.signature.date if avenant.signature and avenant.signature.date else None
    if day is None and avenant.period is not None:
        day = avenant.period.first_day
    day = day or default
    return dt.datetime(day.year, day.month, day.day)
