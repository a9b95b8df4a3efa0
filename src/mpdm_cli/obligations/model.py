"""One dated obligation: what is due, by whom, to whom, and where the act says so."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from mpdm_cli.pipeline.diagnostics import Location
from mpdm_cli.pipeline.loading import KeyPath
from mpdm_cli.pipeline.repository import Entry

if TYPE_CHECKING:
    from mpdm_cli.checks.context import Act

# The kinds a user filters on (``--type``), in French, with their heading.
KINDS: dict[str, str] = {
    "versement": "versement",
    "compte-rendu-financier": "compte rendu financier",
    "bilan-activite": "bilan d'activité",
    "evaluation": "évaluation",
    "rapport": "rapport",
    "fin-de-duree": "fin de durée",
    "denonciation": "dénonciation",
    "preavis": "préavis de dénonciation",
    "renouvellement": "renouvellement",
    "a-completer": "à compléter",
}

# Loi n° 2000-321 du 12 avril 2000, art. 10 (6th paragraph): the compte rendu financier of a
# subsidy for a given purpose is filed within six months of the end of the financed year;
# its form is set by the arrêté du 11 octobre 2006 (CERFA n° 15059).
CRF_SOURCE = (
    "délai légal : loi n° 2000-321 du 12 avril 2000, art. 10 (six mois après la fin de"
    " l'exercice) ; formulaire : arrêté du 11 octobre 2006 (CERFA n° 15059)"
)


@dataclass(frozen=True, order=True)
class Obligation:
    """Ordered by date, then act and key, so every output lists them in the same order."""

    date: dt.date
    act: str  # id of the act that creates it
    kind: str  # one of KINDS
    key: str  # what tells it apart from the act's other obligations of this kind
    title: str  # French wording
    # Where the act says it (or the value it is derived from), located only when shown:
    # locating reloads a file's positions, and most obligations fall outside the window.
    source: tuple[Entry, KeyPath] = field(compare=False)
    debtor: tuple[str, ...] = ()  # organisation ids that owe it
    creditors: tuple[str, ...] = ()  # organisation ids it is owed to
    schemes: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    article: str | None = None
    amount: Decimal | None = None
    year: int | None = None  # the financed year a report or an instalment is about
    derived_from: str | None = None  # the legal source when the act does not state it
    pending: bool = False  # a blank to fill: listed until it is filled, however old

    @functools.cached_property
    def location(self) -> Location:
        entry, path = self.source
        return entry.at(*path)

    @property
    def uid(self) -> str:
        """Stable across edits of the act: its id, the kind and the key, never a line."""
        return f"{self.act}.{self.kind}.{self.key}@mpdm"

    def status(self, today: dt.date) -> str:
        if self.date < today:
            return "en retard" if self.pending else "passée"
        return "aujourd'hui" if self.date == today else "à venir"


class Maker:
    """What every obligation of one act repeats: its id, schemes and parties."""

    def __init__(self, act: Act, names: dict[str, str]) -> None:
        self.act = act
        self.names = names
        self.schemes = tuple(sorted(act.schemes()))
        self.parties = tuple(sorted(act.parties()))

    def make(self, entry: Entry, path: tuple[str | int, ...], **values: object) -> Obligation:
        return Obligation(
            act=self.act.convention.id,
            source=(entry, path),
            schemes=self.schemes,
            parties=self.parties,
            **values,  # type: ignore[arg-type]
        )
