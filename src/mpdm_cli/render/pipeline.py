"""Rendering run: which jobs may be produced, then templates → Markdown / Typst → PDF → files."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mpdm_cli.diagnostics import Diagnostic, Severity
from mpdm_cli.oserrors import os_reason
from mpdm_cli.parallel import fork_count, map_chunks
from mpdm_cli.render.documents import Job
from mpdm_cli.render.environment import Format, build_environment
from mpdm_cli.render.typst import PdfCompiler
from mpdm_cli.render.writer import write_atomic
from mpdm_cli.validation import Outcome

if TYPE_CHECKING:
    from jinja2 import Environment

    from mpdm_cli.render.docx import DocxOptions

# Word output is not a template format: "docx" runs no Jinja environment (see ``run``'s docx).
FORMATS: dict[str, tuple[Format, ...]] = {
    "md": ("md",),
    "pdf": ("typ",),
    "all": ("md", "typ"),
    "docx": (),
}
# From how many jobs worker processes pay for themselves, measured on 2 cores: with PDFs
# (~30 ms each) 16 render ~15 % faster, fewer gain 10 % at most; Markdown alone (~3 ms each)
# gains from about 50.
PARALLEL_FROM = {"pdf": 16, "md": 50}


@dataclass
class Result:
    written: list[tuple[Job, Path]] = field(default_factory=list)
    failed: list[tuple[Job, str]] = field(default_factory=list)
    warnings: list[tuple[Job, str]] = field(default_factory=list)


@dataclass
class Selection:
    """Which jobs run; which are refused for their errors; which files are no act at all."""

    ready: list[Job] = field(default_factory=list)
    refused: list[tuple[Job, list[Diagnostic]]] = field(default_factory=list)
    unusable: list[str] = field(default_factory=list)


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
        else:
            selection.ready.append(job)
    return selection


def render_markdown(job: Job, templates: Path | None = None, draft: bool = False) -> str:
    return _source(build_environment("md", templates), job, "md", draft)


def render_typst(job: Job, templates: Path | None = None, draft: bool = False) -> str:
    return _source(build_environment("typ", templates), job, "typ", draft)


def _source(environment: Environment, job: Job, output: Format, draft: bool) -> str:
    return environment.get_template(f"{job.template}.{output}.j2").render(
        **job.context, draft=draft
    )


@dataclass
class _Batch:
    """What every job of a run is rendered with."""

    jobs: list[Job]
    output: Path
    draft: bool
    environments: dict[Format, Environment]
    docx: DocxOptions | None = None


@dataclass
class _Done:
    """What rendering one job gave: the files written, layout warnings, the failure if any."""

    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failure: str | None = None


# The batch of the current parallel run: the forked workers inherit it and get only indices.
_inherited: _Batch | None = None


def run(
    jobs: list[Job],
    formats: tuple[Format, ...],
    output: Path,
    templates: Path | None = None,
    draft: bool = False,
    advance: Callable[[Job], None] = lambda job: None,
    parallel_from: int | None = None,
    docx: DocxOptions | None = None,
) -> Result:
    """Render every job in every format into ``output``; a failing job does not stop the rest.

    From ``parallel_from`` jobs on (default: ``PARALLEL_FROM``), with more than one core and
    where it is safe to fork, every core renders: worker processes do chunks of jobs, the
    answers come back in job order, so the result and the files are those of a run in one
    process. ``advance`` is called once per job rendered. With ``docx``, each job is also
    written as a Word document.
    """
    environments = {fmt: build_environment(fmt, templates) for fmt in formats}
    batch = _Batch(jobs, output, draft, environments, docx)
    threshold = parallel_from or PARALLEL_FROM["pdf" if "typ" in formats else "md"]
    forks = fork_count(len(jobs), threshold)
    if forks > 0:
        done = _render_in_parallel(batch, forks, advance)
    else:
        done = _render_chunk(batch, range(len(jobs)), advance)
    result = Result()
    for job, rendered in zip(jobs, done, strict=True):
        result.written.extend((job, path) for path in rendered.written)
        result.warnings.extend((job, warning) for warning in rendered.warnings)
        if rendered.failure is not None:
            result.failed.append((job, rendered.failure))
    return result


def _render_in_parallel(batch: _Batch, workers: int, advance: Callable[[Job], None]) -> list[_Done]:
    """Jobs in chunks over ``workers`` forked processes and this one; answers in job order."""
    global _inherited
    count = len(batch.jobs)
    # At most 8 jobs (~250 ms of PDFs) a chunk, so that the processes finish together; a
    # PdfCompiler a chunk (~5 ms) then costs little.
    size = max(1, min(8, -(-count // ((workers + 1) * 4))))
    chunks = [range(start, min(start + size, count)) for start in range(0, count, size)]

    def received(chunk: range) -> None:
        for index in chunk:
            advance(batch.jobs[index])

    _inherited = batch
    try:
        answers = map_chunks(
            _render_inherited,
            chunks,
            workers,
            here=lambda chunk: _render_chunk(batch, chunk, advance),
            received=received,
        )
    finally:
        _inherited = None
    return [done for answer in answers for done in answer]


def _render_inherited(chunk: range) -> list[_Done]:
    """In a forked worker: render jobs of the batch it inherited."""
    assert _inherited is not None
    return _render_chunk(_inherited, chunk)


def _render_chunk(
    batch: _Batch, chunk: range, advance: Callable[[Job], None] = lambda job: None
) -> list[_Done]:
    """Render the jobs at the indices ``chunk``, with one PdfCompiler: in one process or many."""
    compiler = PdfCompiler() if "typ" in batch.environments else None
    try:
        done = []
        for index in chunk:
            done.append(_render_one(batch, batch.jobs[index], compiler))
            advance(batch.jobs[index])
        return done
    finally:
        if compiler is not None:
            compiler.close()


def _render_one(batch: _Batch, job: Job, compiler: PdfCompiler | None) -> _Done:
    """Render ``job`` in every format and write its files; a failure is reported, not raised."""
    from jinja2 import TemplateError

    done = _Done()
    try:
        for output, environment in batch.environments.items():
            text = _source(environment, job, output, batch.draft)
            if compiler is not None and output == "typ":
                data = compiler.compile(text, job.date)
                done.warnings.extend(compiler.warnings)
                name = f"{job.stem}.pdf"
            else:
                data, name = text.encode("utf-8"), f"{job.stem}.md"
            done.written.append(write_atomic(batch.output, name, data))
        if batch.docx is not None:
            done.written.append(_write_docx(batch, job, batch.docx))
    except TemplateError as error:
        done.failure = f"modèle de document : {error.message or error}"
    except RuntimeError as error:  # typst.TypstError
        done.failure = f"composition du PDF : {_typst_message(error)}"
    except OSError as error:  # a full or read-only output folder: not an internal error
        done.failure = f"écriture impossible dans {batch.output} : {os_reason(error)}"
    return done


def _write_docx(batch: _Batch, job: Job, options: DocxOptions) -> Path:
    from mpdm_cli.render import docx

    data = docx.produce(job, options, batch.draft)
    return write_atomic(batch.output, job.stem + docx.SUFFIX, data)


def _typst_message(error: RuntimeError) -> str:
    message = getattr(error, "message", None) or str(error)
    return str(message).strip().splitlines()[0] if str(message).strip() else repr(error)
