"""Markdown output (``.md``): the ``.md.j2`` templates, every value escaped as Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mpdm_cli.render.formats.base import OutputFormat

if TYPE_CHECKING:
    from mpdm_cli.render.documents import Job
    from mpdm_cli.render.formats.tools import Produced, Syntax, Tools


def syntax() -> Syntax:
    from mpdm_cli.render.formats.tools import Syntax
    from mpdm_cli.render.prose import escape_markdown, to_markdown

    return Syntax("md", escape_markdown, to_markdown)


def produce(job: Job, tools: Tools, draft: bool) -> Produced:
    from mpdm_cli.render.formats.tools import Produced

    return Produced(tools.source(job, "md", draft).encode("utf-8"))


FORMAT = OutputFormat("md", ".md", syntax, produce)
