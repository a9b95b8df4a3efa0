"""Rendering run: which jobs may be produced, then templates → Markdown / Typst → PDF → files."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mpdm_cli.diagnostics import Diagnostic, Severity
from mpdm_cli.oserrors import os_reason
from mpdm_cli.render.documents import Job
from mpdm_cli.render.environment import Format, build_environment
from mpdm_cli.render.typst import PdfCompiler
from mpdm_cli.render.writer import write_atomic
from mpdm_cli.validation import Outcome

FORMATS: dict[str, tuple[Format, ...]] = {"md": ("md",), "pdf": ("typ",), "all": ("md", "typ")}


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
    for job in jobs:
        errors = blocking(job, outcome.diagnostics)
        if errors and not draft:
            selection.refused.append((job, errors))
        else:
            selection.ready.append(job)
    return selection


def blocking(job: Job, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The non-acknowledged errors found in the files a job is made from."""
    return [
        d
        for d in diagnostics
        if d.fails and d.severity is Severity.ERROR and d.location.file in job.files
    ]


def render_markdown(job: Job, templates: Path | None = None, draft: bool = False) -> str:
    env = build_environment("md", templates)
    return env.get_template(f"{job.template}.md.j2").render(**job.context, draft=draft)


def render_typst(job: Job, templates: Path | None = None, draft: bool = False) -> str:
    env = build_environment("typ", templates)
    return env.get_template(f"{job.template}.typ.j2").render(**job.context, draft=draft)


def run(
    jobs: list[Job],
    formats: tuple[Format, ...],
    output: Path,
    templates: Path | None = None,
    draft: bool = False,
    advance: Callable[[Job], None] = lambda job: None,
) -> Result:
    """Render every job in every format into ``output``; a failing job does not stop the rest."""
    from jinja2 import TemplateError

    result = Result()
    environments = {fmt: build_environment(fmt, templates) for fmt in formats}
    compiler = PdfCompiler() if "typ" in formats else None
    try:
        for job in jobs:
            try:
                if "md" in formats:
                    text = (
                        environments["md"]
                        .get_template(f"{job.template}.md.j2")
                        .render(**job.context, draft=draft)
                    )
                    path = write_atomic(output, f"{job.stem}.md", text.encode("utf-8"))
                    result.written.append((job, path))
                if compiler is not None:
                    source = (
                        environments["typ"]
                        .get_template(f"{job.template}.typ.j2")
                        .render(**job.context, draft=draft)
                    )
                    pdf = compiler.compile(source, job.date)
                    result.warnings.extend((job, warning) for warning in compiler.warnings)
                    path = write_atomic(output, f"{job.stem}.pdf", pdf)
                    result.written.append((job, path))
            except TemplateError as error:
                result.failed.append((job, f"modèle de document : {error.message or error}"))
            except RuntimeError as error:  # typst.TypstError
                result.failed.append((job, f"composition du PDF : {_typst_message(error)}"))
            except OSError as error:  # a full or read-only output folder: not an internal error
                result.failed.append(
                    (job, f"écriture impossible dans {output} : {os_reason(error)}")
                )
            advance(job)
    finally:
        if compiler is not None:
            compiler.close()
    return result


def _typst_message(error: RuntimeError) -> str:
    message = getattr(error, "message", None) or str(error)
    return str(message).strip().splitlines()[0] if str(message).strip() else repr(error)
