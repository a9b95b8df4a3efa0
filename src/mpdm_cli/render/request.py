"""What ``mpdm render`` is asked for: the acts validated within their whole repository
(references, avenants), the documents named by path or id, and which may be produced."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from mpdm_cli.pipeline.diagnostics import Diagnostic, Severity
from mpdm_cli.pipeline.validation import Outcome, validate
from mpdm_cli.render.documents import Job, plan


class RequestError(Exception):
    """A path or id that names nothing: the French message is for the user (a usage error)."""


@dataclass
class Request:
    """The jobs selected, and the ids of the partial conventions, which are not produced."""

    selection: Selection
    partial: list[str]


def prepare(paths: list[Path], ids: list[str], draft: bool) -> Request:
    """Validate ``paths`` (in their repository) and select the jobs of what was asked for:
    the acts of the files named, or of the ``ids``, or every act."""
    outcome = validate(paths)
    if outcome.missing:
        raise RequestError("introuvable : " + ", ".join(str(p) for p in outcome.missing))
    jobs, partial = plan(outcome.repository, ids)
    if outcome.asked is not None and not ids:
        asked = outcome.asked
        jobs = [job for job in jobs if job.files[0] in asked]
        named = {e.document.id for e in outcome.repository.entries if e.file.path in asked}
        partial = [identifier for identifier in partial if identifier in named]
    known = {job.document_id for job in jobs} | {
        entry.document.id for entry in outcome.repository.entries
    }
    unknown = [identifier for identifier in ids if identifier not in known]
    if unknown:
        raise RequestError("ni fichier ni identifiant d'acte connu : " + ", ".join(unknown))
    # A file that did not even become a document (YAML or shape errors) cannot be rendered.
    selection = select(outcome, jobs, draft, every_file=not ids)
    if outcome.asked is not None:
        selection.unusable = [path for path in selection.unusable if path in outcome.asked]
    return Request(selection, partial)


@dataclass
class Selection:
    """Which jobs run; which are refused for their errors; which files are no act at all.

    ``drafts`` are the stems of the ready jobs that have errors (run with ``--draft``): only
    those are marked "PROJET — NON VALIDÉ".
    """

    ready: list[Job] = field(default_factory=list)
    refused: list[tuple[Job, list[Diagnostic]]] = field(default_factory=list)
    unusable: list[str] = field(default_factory=list)
    drafts: set[str] = field(default_factory=set)


def select(outcome: Outcome, jobs: list[Job], draft: bool, every_file: bool = True) -> Selection:
    """Refuse jobs whose sources have errors (unless ``draft``) and note unreadable files."""
    selection = Selection()
    if every_file:
        documents = {entry.file.path for entry in outcome.repository.entries}
        selection.unusable = [f.path for f in outcome.files if f.path not in documents]
    # The non-acknowledged errors, by file: a job is refused for those of its own files.
    errors_in: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in outcome.diagnostics:
        if d.fails and d.severity is Severity.ERROR:
            errors_in[d.location.file].append(d)
    for job in jobs:
        errors = sorted(d for file in dict.fromkeys(job.files) for d in errors_in.get(file, ()))
        if errors and not draft:
            selection.refused.append((job, errors))
            continue
        selection.ready.append(job)
        if errors:
            selection.drafts.add(job.stem)
    return selection
