"""What an output format is: a name, a file suffix, its escaping, and how bytes are made.

Only this is read when the command line starts (``render --format`` offers the registered
names); what producing needs is in ``tools.py``, imported when a format is used.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from mpdm_cli.render.documents import Job
    from mpdm_cli.render.formats.tools import Produced, Syntax, Tools


class OutputFormat(NamedTuple):
    """One ``--format``. ``syntax`` gives its template language (imported when used, so that
    listing the formats costs nothing at start-up), None when its bytes are not written
    from templates; ``produce`` makes the bytes of a job; ``parallel``: worth a thread per
    core (its work releases the GIL)."""

    name: str
    suffix: str
    syntax: Callable[[], Syntax] | None
    produce: Callable[[Job, Tools, bool], Produced]
    parallel: bool = False
