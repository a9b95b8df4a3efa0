"""Redlines between two revisions: each act that changed, as Word tracked changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from mpdm_cli.history.semantic_diff import Side
from mpdm_cli.models import Organisation, People
from mpdm_cli.render.documents import Job, plan
from mpdm_cli.render.docx.content import blocks_of
from mpdm_cli.render.docx.model import document_title
from mpdm_cli.render.docx.redline import constant, redline
from mpdm_cli.render.docx.word import AUTHOR, render


@dataclass
class Redlines:
    """``written``: (file stem, .docx bytes); ``unsure``: documents found on one side only
    while the other side has files that could not be read (the act may be in one of them)."""

    written: list[tuple[str, bytes]] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)


def redlines(before: Side, after: Side, when: dt.datetime) -> Redlines:
    """Every document that differs between the two sides, as it is in ``after`` with every
    change from ``before`` tracked (author mpdm, date ``when``). A document only in
    ``after`` is all inserted, one only in ``before`` all deleted. Consolidated conventions
    are compared too: an avenant changed changes them."""
    old_jobs, new_jobs = _jobs(before), _jobs(after)
    names_changed = _names(before) != _names(after)
    out = Redlines()
    for stem in sorted(old_jobs.keys() | new_jobs.keys()):
        old, new = old_jobs.get(stem), new_jobs.get(stem)
        if old is not None and new is not None and not names_changed and _same(old, new):
            continue
        if (old is None and before.invalid_files) or (new is None and after.invalid_files):
            out.unsure.append(stem)  # not shown as wholly added or deleted on a guess
            continue
        old_blocks = blocks_of(old) if old else []
        new_blocks = blocks_of(new) if new else []
        if old_blocks == new_blocks:
            continue
        blocks = redline(old_blocks, new_blocks, constant(AUTHOR, when))
        job = new or old
        assert job is not None
        data = render(blocks, document_title(new_blocks or old_blocks), job.date)
        out.written.append((stem, data))
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
