"""The sitting calendar of an assembly: when it meets, so renewals can be planned."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from mpdm_cli.models.common import Document, Model, OrganisationId, field


class CalendarAssembly(Model):
    organisation: OrganisationId = field("organisation", "Collectivité dont l'assemblée siège.")
    name: str = field("nom", "Nom de l'assemblée (ex. Conseil métropolitain).")


class SittingCalendar(Document):
    """ "Calendrier des séances du Conseil métropolitain", one file per assembly."""

    kind_label = "calendrier"
    kind_title = "Calendrier des séances"

    type: Literal["calendrier"] = field("type", "Nature du document.")
    assembly: CalendarAssembly = field("assemblee", "Assemblée dont ce sont les séances.")
    sittings: list[dt.date] = field("seances", "Dates des séances prévues ou tenues.")
