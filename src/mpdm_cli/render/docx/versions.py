"""Redlines between two revisions: each act that changed, as Word tracked changes."""

from __future__ import annotations

import datetime as dt

from mpdm_cli.models import Organisation, People
from mpdm_cli.render.documents import Job, plan
from mpdm_cli.render.docx.content import blocks_of
from mpdm_cli.render.docx.model import document_title
from mpdm_cli.render.docx.redline import constant, redline
from mpdm_cli.render.docx.word import AUTHOR, render
from mpdm_cli.semantic_diff import Side


def redlines(before: Side, after: Side, when: dt.datetime) -> list[tuple[str, bytes]]:
    """(file stem, .docx bytes) of every document that differs between the two sides: the
    document as in ``after`` with every change from ``before`` tracked (author mpdm, date
    ``when``). A document only in ``after`` is all inserted, one only in ``before`` deleted.
    Consolidated conventions are compared too: an avenant changed changes them."""
    old_jobs, new_jobs = _jobs(before), _jobs(after)
    names_changed = _names(before) != _names(after)
    out = []
    for stem in sorted(old_jobs.keys() | new_jobs.keys()):
        old, new = old_jobs.get(stem), new_jobs.get(stem)
        if old is not None and new is not None and not names_changed and _same(old, new):
            continue
        old_blocks = blocks_of(old) if old else []
        new_blocks = blocks_of(new) if new else []
        if old_blocks == new_blocks:
            continue
        blocks = redline(old_blocks, new_blocks, constant(AUTHOR, when))
        job = new or old
        assert job is not None
        out.append((stem, render(blocks, document_title(new_blocks or old_blocks), job.date)))
    return out


def _jobs(side: Side) -> dict[str, Job]:
    jobs, _ = plan(side.repository)
    return {job.stem: job for job in jobs}


def _names(side: Side) -> list[object]:
    """What the documents take names from: people and organisations."""
    return [
        entry.document
        for entry in side.repository.entries
        if isinstance(entry.document, People | Organisation)
    ]


def _same(old: Job, new: Job) -> bool:
    """The same acts behind both jobs (names apart, compared once for all)."""
    keys = (old.context.keys() | new.context.keys()) - {"directory"}
    return all(old.context.get(key) == new.context.get(key) for key in keys)
