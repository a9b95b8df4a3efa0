"""The output formats, one module each; ``render --format`` offers what is registered here.

A new format is a module declaring its ``FORMAT`` (name, suffix, template syntax, how bytes
are produced), added to ``FORMATS``, plus its templates if it has a syntax.
"""

from __future__ import annotations

from mpdm_cli.render.formats import docx, markdown, pdf
from mpdm_cli.render.formats.base import OutputFormat

FORMATS: dict[str, OutputFormat] = {f.name: f for f in (markdown.FORMAT, pdf.FORMAT, docx.FORMAT)}

# ``--format all``: every format written from the templates.
ALL = "all"


def choices() -> dict[str, tuple[OutputFormat, ...]]:
    """What ``--format`` accepts, in this order: the template formats, ``all`` (those
    together), then the others."""
    templated = [f for f in FORMATS.values() if f.syntax is not None]
    others = [f for f in FORMATS.values() if f.syntax is None]
    return {
        **{f.name: (f,) for f in templated},
        ALL: tuple(templated),
        **{f.name: (f,) for f in others},
    }
