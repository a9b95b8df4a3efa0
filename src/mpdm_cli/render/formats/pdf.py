"""PDF/A output (``.pdf``): the ``.typ.j2`` templates, every value escaped as Typst markup,
compiled by Typst into reproducible bytes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mpdm_cli.render.formats.base import OutputFormat

if TYPE_CHECKING:
    from mpdm_cli.render.documents import Job
    from mpdm_cli.render.formats.tools import Produced, Syntax, Tools


def syntax() -> Syntax:
    from mpdm_cli.render.formats.tools import Syntax
    from mpdm_cli.render.prose import to_typst, typst_text
    from mpdm_cli.render.typst import string_literal

    return Syntax("typ", typst_text, to_typst, {"string": lambda text: string_literal(str(text))})


def produce(job: Job, tools: Tools, draft: bool) -> Produced:
    from mpdm_cli.render.formats.tools import Produced

    compiler = tools.compiler()
    data = compiler.compile(tools.source(job, "typ", draft), job.date)
    return Produced(data, tuple(compiler.warnings))


FORMAT = OutputFormat("pdf", ".pdf", syntax, produce, parallel=True)
