"""Which kind of act a text is: délibération, convention or avenant."""

from __future__ import annotations

import re

from mpdm_cli.domain.french import fold
from mpdm_cli.importing.cleanup import Line

KINDS = ("deliberation", "convention", "avenant")


def kind_of(lines: list[Line]) -> str | None:
    """From the first lines: a register extract, an avenant's title, a convention's title."""
    head = fold(" ".join(line.text for line in lines[:40] if line.text.strip()))
    opening = fold(" ".join(line.text for line in lines[:12] if line.text.strip()))
    if re.search(r"registre des deliberations|extrait du proces-verbal|deliberation n", head):
        return "deliberation"
    if re.search(r"\bavenant\b", opening):
        return "avenant"
    if re.search(r"\bconvention\b", opening):
        return "convention"
    if re.search(r"\bconseil (municipal|metropolitain|communautaire|departemental)\b", head):
        return "deliberation"
    return None
