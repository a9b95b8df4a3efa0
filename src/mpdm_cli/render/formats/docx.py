"""Word output (``.docx``), built in Python from the job (``render/docx/``), not from
templates: no value is ever markup, each is the text of a run (``render.docx.word.clean``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mpdm_cli.render.formats.base import OutputFormat

if TYPE_CHECKING:
    from mpdm_cli.render.documents import Job
    from mpdm_cli.render.formats.tools import Produced, Tools


def produce(job: Job, tools: Tools, draft: bool) -> Produced:
    from mpdm_cli.render import docx
    from mpdm_cli.render.formats.tools import Produced

    return Produced(docx.produce(job, tools.docx or docx.DocxOptions(), draft))


FORMAT = OutputFormat("docx", ".docx", None, produce)
