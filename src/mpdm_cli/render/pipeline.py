"""Rendering run: each job in each output format → files, PDFs on a thread per core."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Collection
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mpdm_cli.pipeline.diagnostics import Diagnostic, Location, Severity, make
from mpdm_cli.pipeline.oserrors import os_reason
from mpdm_cli.render.documents import Job
from mpdm_cli.render.environment import build_environment
from mpdm_cli.render.formats.base import OutputFormat
from mpdm_cli.render.formats.tools import Tools
from mpdm_cli.render.writer import write_atomic

if TYPE_CHECKING:
    from jinja2 import Environment

    from mpdm_cli.render.docx import DocxOptions


@dataclass
class Result:
    """The files written, and the problems met (G001 a document not produced, G002 a layout
    warning), located at the act's file like every other diagnostic."""

    written: list[tuple[Job, Path]] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def failed(self) -> list[Diagnostic]:
        return [problem for problem in self.problems if problem.code == "G001"]


def template_text(
    output: OutputFormat, job: Job, templates: Path | None = None, draft: bool = False
) -> str:
    """The text ``output``'s templates give for ``job`` (Markdown, Typst markup)."""
    if output.syntax is None:
        raise ValueError(f"{output.name} is not written from templates")
    syntax = output.syntax()
    tools = Tools({syntax.name: build_environment(syntax, templates)})
    return tools.source(job, syntax.name, draft)


@dataclass
class _Batch:
    """What every job of a run is rendered with."""

    jobs: list[Job]
    output: Path
    drafts: Collection[str]  # stems of the jobs to mark as unvalidated drafts
    formats: tuple[OutputFormat, ...]
    environments: dict[str, Environment]  # by template syntax, shared by every thread
    docx: DocxOptions | None = None

    def tools(self) -> Tools:
        """What one thread produces with (its own PDF compiler): close it after use."""
        return Tools(self.environments, self.docx)


@dataclass
class _Done:
    """What rendering one job gave: the files written, layout warnings, the failure if any."""

    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failure: str | None = None


def run(
    jobs: list[Job],
    formats: tuple[OutputFormat, ...],
    output: Path,
    templates: Path | None = None,
    drafts: Collection[str] = (),
    advance: Callable[[Job], None] = lambda job: None,
    threads: int | None = None,
    docx: DocxOptions | None = None,
) -> Result:
    """Render every job in every format into ``output``; a failing job does not stop the rest.

    With a ``parallel`` format (PDF), jobs run on ``threads`` threads (default: one per
    core), each with its own compiler: Typst releases the GIL while it compiles. The result
    lists the jobs in their order and the files are those of a serial run. Other formats
    alone are rendered in this thread (templates hold the GIL). ``advance`` is called, in
    this thread, once per job rendered; the jobs whose stem is in ``drafts`` are marked
    "PROJET — NON VALIDÉ". ``docx``: the Word options, for the docx format.
    """
    syntaxes = [output.syntax() for output in formats if output.syntax is not None]
    environments = {syntax.name: build_environment(syntax, templates) for syntax in syntaxes}
    batch = _Batch(jobs, output, frozenset(drafts), formats, environments, docx)
    parallel = any(output.parallel for output in formats)
    wanted = threads if threads is not None else (_cores() if parallel else 1)
    workers = max(1, min(wanted, len(jobs)))
    done = _render_serially(batch, advance) if workers == 1 else _render(batch, workers, advance)
    result = Result()
    for job, rendered in zip(jobs, done, strict=True):
        result.written.extend((job, path) for path in rendered.written)
        where = Location(job.files[0], 1, 1)
        result.problems.extend(
            make("G002", f"{job.label} : mise en page : {warning}", where, Severity.WARNING)
            for warning in rendered.warnings
        )
        if rendered.failure is not None:
            result.problems.append(
                make("G001", f"{job.label} non produit : {rendered.failure}", where)
            )
    return result


def _cores() -> int:
    """How many cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _render_serially(batch: _Batch, advance: Callable[[Job], None]) -> list[_Done]:
    tools = batch.tools()
    try:
        done = []
        for job in batch.jobs:
            done.append(_render_one(batch, job, tools))
            advance(job)
        return done
    finally:
        tools.close()


def _render(batch: _Batch, workers: int, advance: Callable[[Job], None]) -> list[_Done]:
    """The jobs over ``workers`` threads, their own tools each; answers in job order.

    An unexpected exception (a bug) is raised here once the jobs already started end; the
    jobs not started are cancelled.
    """
    own = threading.local()
    every: list[Tools] = []
    lock = threading.Lock()

    def render(job: Job) -> _Done:
        tools: Tools | None = getattr(own, "tools", None)
        if tools is None:
            tools = own.tools = batch.tools()
            with lock:
                every.append(tools)
        return _render_one(batch, job, tools)

    done: dict[int, _Done] = {}
    try:
        with ThreadPoolExecutor(workers, thread_name_prefix="mpdm-render") as pool:
            futures: dict[Future[_Done], int] = {
                pool.submit(render, job): index for index, job in enumerate(batch.jobs)
            }
            try:
                for future in as_completed(futures):
                    index = futures[future]
                    done[index] = future.result()
                    advance(batch.jobs[index])
            except BaseException:
                pool.shutdown(cancel_futures=True)
                raise
    finally:
        for tools in every:
            tools.close()
    return [done[index] for index in range(len(batch.jobs))]


def _render_one(batch: _Batch, job: Job, tools: Tools) -> _Done:
    """Render ``job`` in every format and write its files; a failure is reported, not raised."""
    from jinja2 import TemplateError
    from jinja2.exceptions import SecurityError
    from typst import TypstError

    done = _Done()
    draft = job.stem in batch.drafts
    try:
        for output in batch.formats:
            produced = output.produce(job, tools, draft)
            done.warnings.extend(produced.warnings)
            done.written.append(write_atomic(batch.output, job.stem + output.suffix, produced.data))
    except SecurityError:
        done.failure = (
            "modèle de document refusé : il accède à l'intérieur de Python (attribut réservé"
            " comme __class__) ou modifie les données ; un modèle ne fait que lire les actes"
        )
    except TemplateError as error:
        done.failure = f"modèle de document : {error.message or error}"
    except TypstError as error:  # only Typst's: any other error is a bug, not a G001
        done.failure = f"composition du PDF : {_typst_message(error)}"
    except OSError as error:  # a full or read-only output folder: not an internal error
        done.failure = f"écriture impossible dans {batch.output} : {os_reason(error)}"
    return done


def _typst_message(error: RuntimeError) -> str:
    message = getattr(error, "message", None) or str(error)
    return str(message).strip().splitlines()[0] if str(message).strip() else repr(error)
