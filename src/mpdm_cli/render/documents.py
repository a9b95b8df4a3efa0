"""What to render: one job per act (plus consolidated conventions), with its template context."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from mpdm_cli.domain import french
from mpdm_cli.domain.consolidation import avenants_of, consolidate
from mpdm_cli.domain.terms import line_total
from mpdm_cli.models import Avenant, Convention, Deliberation, Organisation
from mpdm_cli.models.common import Party
from mpdm_cli.models.convention import Restatable, Role, Share
from mpdm_cli.models.deliberation import Absent, Present
from mpdm_cli.models.organisation import Person
from mpdm_cli.pipeline.repository import Repository

# Used when an act states no date at all: still a fixed timestamp, never the clock.
_NO_DATE = dt.date(2000, 1, 1)
_SCHEMES = {
    "mediation-sociale": "médiation sociale",
    "prevention-specialisee": "prévention spécialisée",
}


@dataclass(frozen=True)
class Job:
    """One document to produce."""

    template: str  # convention, avenant or deliberation
    stem: str  # output file name without extension
    label: str  # how messages name it, in French
    document_id: str
    files: tuple[str, ...]  # source files whose errors block it
    date: dt.date  # the act's own date, the PDF timestamp
    context: dict[str, Any] = field(hash=False, compare=False)


class Directory:
    """Names of people and organisations, looked up by id, written as the acts write them."""

    def __init__(self, repository: Repository) -> None:
        self._repository = repository

    def person(self, person_id: str) -> Person | None:
        return self._repository.people.get(person_id)

    def full_name(self, person_id: str) -> str:
        """ "Monsieur François REBSAMEN"."""
        person = self.person(person_id)
        if person is None:
            return f"[personne inconnue : {person_id}]"
        return f"{person.civility} {person.first_name} {person.last_name.upper()}"

    def short_name(self, person_id: str) -> str:
        """ "Monsieur REBSAMEN"."""
        person = self.person(person_id)
        if person is None:
            return f"[personne inconnue : {person_id}]"
        return f"{person.civility} {person.last_name.upper()}"

    def organisation(self, organisation_id: str) -> Organisation | None:
        return self._repository.organisation(organisation_id)

    def name(self, organisation_id: str) -> str:
        organisation = self.organisation(organisation_id)
        return organisation.name if organisation else f"[organisation inconnue : {organisation_id}]"

    def designation(self, organisation_id: str) -> str:
        """The name with the article the acts use: "L’État", "La ville de Dijon"."""
        organisation = self.organisation(organisation_id)
        if organisation is None:
            return self.name(organisation_id)
        name = organisation.name
        if organisation.category == "etat" and name in {"État", "Etat"}:
            return "L’État"
        if organisation.category == "commune" and name.startswith("Ville de "):
            return "La ville de " + name.removeprefix("Ville de ")
        if organisation.category == "association" and name.startswith("Association "):
            return "L’" + name
        return name

    def party(self, party: Party) -> str:
        """ "La ville de Dijon, représentée par Monsieur le Maire de Dijon"."""
        organisation = self.organisation(party.organisation)
        masculine = organisation is not None and organisation.category in {"etat", "departement"}
        if party.represented_by is None:
            return self.designation(party.organisation)
        verb = "représenté" if masculine else "représentée"
        text = f"{self.designation(party.organisation)}, {verb} par {party.represented_by}"
        if party.authorisation is not None:
            text += f", agissant en vertu de la délibération du {self._authorised(party)}"
        return text

    def _authorised(self, party: Party) -> str:
        """The date of the délibération a party cites: its sitting, or the date written."""
        cited = party.authorisation
        assert cited is not None
        entry = self._repository.find("deliberation", cited.deliberation or "")
        if entry is not None and isinstance(entry.document, Deliberation):
            return french.format_date(entry.document.sitting.date)
        return french.format_date(cited.date)

    def present(self, member: str | Present) -> str:
        """ "Madame Patricia BEGIN suppléante de M. Laurent GOBET"."""
        if isinstance(member, str):
            return self.full_name(member)
        text = self.full_name(member.person)
        person = self.person(member.person)
        if member.substitute_for is not None:
            civility = person.civility if person else "Monsieur"
            word = french.agree(civility, "suppléant", "suppléante")
            holder = self.person(member.substitute_for)
            short = french.civility_short(holder.civility) if holder else ""
            held = self.full_name(member.substitute_for).split(" ", 1)[-1]
            text += f" {word} de {short} {held}".replace("  ", " ")
        if member.from_item:
            text += f" (à partir de la délibération n° {member.from_item})"
        if member.until_item:
            text += f" (jusqu’à la délibération n° {member.until_item})"
        if member.proxy_to is not None:
            text += f" pouvoir à {self.full_name(member.proxy_to)}"
        return text

    def absent(self, member: str | Absent) -> str:
        """ "Madame Nathalie KOENDERS pouvoir à Monsieur François REBSAMEN"."""
        if isinstance(member, str):
            return self.full_name(member)
        text = self.full_name(member.person)
        if member.proxy_to is not None:
            text += f" pouvoir à {self.full_name(member.proxy_to)}"
        return text

    @staticmethod
    def scheme(scheme_id: str) -> str:
        return _SCHEMES.get(scheme_id, scheme_id.replace("-", " "))

    def breakdown(self, role: Role) -> str:
        """ "Ville de Chenôve : 6 ; Ville de Dijon : 6"."""
        return " ; ".join(self._share(share) for share in role.breakdown)

    @staticmethod
    def headcount(counted: Role | Share) -> str:
        """ "12", "12 (10,5 ETP)" or "2,5 ETP", as the act counts."""
        fte = f"{french.format_fte(counted.fte)} ETP" if counted.fte is not None else ""
        if counted.count is None:
            return fte
        return f"{counted.count} ({fte})" if fte else str(counted.count)

    def _share(self, share: Share) -> str:
        what = self.name(share.commune) if share.commune else share.mission or ""
        count = self.headcount(share)
        text = f"{what} : {count}" if what else count
        if share.detail:
            text += " (" + ", ".join(self._share(part) for part in share.detail) + ")"
        return text

    def funding_total(self, blocks: Restatable) -> Decimal:
        return sum((line_total(line) for line in blocks.funding), Decimal(0))

    @staticmethod
    def years(years: Iterable[int]) -> str:
        values = sorted(years)
        if len(values) > 2 and values == list(range(values[0], values[-1] + 1)):
            return f"{values[0]}-{values[-1]}"
        return ", ".join(str(year) for year in values)


def safe_stem(identifier: str) -> str:
    """A file name from an id: ids are already ``[a-z0-9_-]``, this makes sure of it."""
    stem = re.sub(r"[^a-z0-9_-]+", "-", identifier.lower()).strip("-_.")
    return stem[:100] or "document"


def _convention_date(convention: Convention) -> dt.date:
    if convention.signature and convention.signature.date:
        return convention.signature.date
    return convention.term.first_day if convention.term else _NO_DATE


def _avenant_date(avenant: Avenant) -> dt.date:
    if avenant.signature and avenant.signature.date:
        return avenant.signature.date
    return avenant.period.first_day if avenant.period else _NO_DATE


def plan(repository: Repository, ids: Iterable[str] = ()) -> tuple[list[Job], list[str]]:
    """Jobs for every act (or those named by ``ids``), and the ids of partial conventions.

    A partial convention (known only through other acts) is not rendered, nor consolidated.
    """
    wanted = set(ids)
    directory = Directory(repository)
    jobs: list[Job] = []
    partial: list[str] = []

    def keep(identifier: str) -> bool:
        return not wanted or identifier in wanted

    base = {"directory": directory}
    for entry, convention in repository.of_type(Convention):
        if not keep(convention.id):
            continue
        if convention.partial:
            # Its text is unknown: a document made of what other acts say would mislead.
            partial.append(convention.id)
            continue
        jobs.append(
            Job(
                "convention",
                safe_stem(convention.id),
                f"convention « {convention.id} »",
                convention.id,
                (entry.file.path,),
                _convention_date(convention),
                {**base, "convention": convention, "applied": ()},
            )
        )
        amendments = avenants_of(repository, convention.id)
        if amendments:
            consolidated = consolidate(repository, convention)
            last = max((_avenant_date(a) for a in consolidated.applied), default=_NO_DATE)
            jobs.append(
                Job(
                    "convention",
                    safe_stem(convention.id) + "-consolidee",
                    f"convention consolidée « {convention.id} »",
                    convention.id,
                    (entry.file.path, *(e.file.path for e, _ in amendments)),
                    max(last, _convention_date(convention)),
                    {
                        **base,
                        "convention": consolidated.convention,
                        "applied": consolidated.applied,
                        "original": convention,  # what the avenants changed (Word redline)
                    },
                )
            )
    for entry, avenant in repository.of_type(Avenant):
        if not keep(avenant.id):
            continue
        found = repository.find("convention", avenant.convention)
        amended = found.document if found and isinstance(found.document, Convention) else None
        jobs.append(
            Job(
                "avenant",
                safe_stem(avenant.id),
                f"avenant « {avenant.id} »",
                avenant.id,
                (entry.file.path,),
                _avenant_date(avenant),
                {**base, "avenant": avenant, "convention": amended},
            )
        )
    for entry, deliberation in repository.of_type(Deliberation):
        if not keep(deliberation.id):
            continue
        jobs.append(
            Job(
                "deliberation",
                safe_stem(deliberation.id),
                f"délibération « {deliberation.id} »",
                deliberation.id,
                (entry.file.path,),
                deliberation.sitting.date,
                {**base, "deliberation": deliberation},
            )
        )
    return jobs, partial
