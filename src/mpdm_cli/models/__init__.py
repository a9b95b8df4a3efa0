"""Pydantic models of the acts: shape only; sums and cross-field rules are checks."""

from mpdm_cli.models.avenant import Avenant
from mpdm_cli.models.calendar import SittingCalendar
from mpdm_cli.models.convention import Convention
from mpdm_cli.models.deliberation import Deliberation
from mpdm_cli.models.organisation import Organisation, People

AnyDocument = Organisation | People | Convention | Avenant | Deliberation | SittingCalendar

DOCUMENT_TYPES: dict[str, type[AnyDocument]] = {
    "organisation": Organisation,
    "personnes": People,
    "convention": Convention,
    "avenant": Avenant,
    "deliberation": Deliberation,
    "calendrier": SittingCalendar,
}

__all__ = [
    "DOCUMENT_TYPES",
    "AnyDocument",
    "Avenant",
    "Convention",
    "Deliberation",
    "Organisation",
    "People",
    "SittingCalendar",
]
