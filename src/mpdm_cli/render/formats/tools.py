"""What formats produce documents with: template syntaxes, per-thread tools, bytes made."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Environment

    from mpdm_cli.render.documents import Job
    from mpdm_cli.render.docx import DocxOptions
    from mpdm_cli.render.typst import PdfCompiler


@dataclass(frozen=True)
class Syntax:
    """A template language: templates ``<kind>.<name>.j2``, whose inserted values go through
    ``escape`` and whose acts' prose (Markdown in the YAML) through ``prose``.
    ``markup_filters`` give text already in this language (``string``: a Typst literal)."""

    name: str
    escape: Callable[[str], str]
    prose: Callable[[str], str]
    markup_filters: Mapping[str, Callable[[Any], str]] = field(default_factory=dict)


@dataclass
class Tools:
    """What one thread produces documents with: the Jinja environments (one per syntax),
    the Word options, and its own PDF compiler, made on first use (one per thread: Typst
    releases the GIL while it compiles, so threads compile side by side)."""

    environments: Mapping[str, Environment]
    docx: DocxOptions | None = None
    _compiler: PdfCompiler | None = None

    def source(self, job: Job, syntax: str, draft: bool) -> str:
        """The text of ``job`` from its template in ``syntax``."""
        template = self.environments[syntax].get_template(f"{job.template}.{syntax}.j2")
        return template.render(**job.context, draft=draft)

    def compiler(self) -> PdfCompiler:
        if self._compiler is None:
            from mpdm_cli.render.typst import PdfCompiler

            self._compiler = PdfCompiler()
        return self._compiler

    def close(self) -> None:
        if self._compiler is not None:
            self._compiler.close()
            self._compiler = None


@dataclass(frozen=True)
class Produced:
    """A document's bytes, and the layout warnings met while making them."""

    data: bytes
    warnings: tuple[str, ...] = ()
