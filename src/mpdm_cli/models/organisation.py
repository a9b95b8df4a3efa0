"""Organisations (the parties) and the people who represent them or sit in assemblies."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from mpdm_cli.models.common import Document, Id, Model, OrganisationId, PersonId, field

# La Poste's establishments share this SIREN; their SIRET keys follow another rule.
_LA_POSTE_SIREN = "356000000"


def siret_is_valid(siret: str) -> bool:
    """14 digits with a Luhn key (INSEE), or La Poste's digit sum divisible by 5."""
    if len(siret) != 14 or not siret.isdigit():
        return False
    if siret.startswith(_LA_POSTE_SIREN):
        return sum(int(c) for c in siret) % 5 == 0
    total = 0
    for index, char in enumerate(reversed(siret)):
        digit = int(char) * (2 if index % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return total % 10 == 0


def _check_siret(value: str) -> str:
    if not siret_is_valid(value):
        raise PydanticCustomError(
            "siret",
            "SIRET « {value} » invalide : 14 chiffres dont la clé de contrôle doit être juste",
            {"value": value[:20]},
        )
    return value


Siret = Annotated[str, AfterValidator(_check_siret)]


class Person(Model):
    id: Id = field("id", "Identifiant unique de la personne (ex. francois-rebsamen).")
    civility: Literal["Monsieur", "Madame"] = field("civilite", "Monsieur ou Madame.")
    first_name: str = field("prenom", "Prénom, tel qu'il s'écrit.")
    last_name: str = field(
        "nom", "Nom de famille, tel qu'il s'écrit (les actes l'écrivent en capitales)."
    )
    spellings: list[str] = field(
        "graphies",
        "Autres graphies du nom rencontrées dans les actes (ex. « LEFEBVRE François »).",
        default_factory=list,
    )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class People(Document):
    """A directory of people, referenced by id from every act."""

    type: Literal["personnes"] = field("type", "Nature du document.")
    people: list[Person] = field("personnes", "Les personnes.")


class Representative(Model):
    person: PersonId = field("personne", "Identifiant de la personne.")
    office: str = field("fonction", "Fonction (Président, Maire, Préfet de la Côte-d'Or…).")
    since: dt.date | None = field("depuis", "Date d'entrée en fonction, si connue.", None)


class Organisation(Document):
    type: Literal["organisation"] = field("type", "Nature du document.")
    name: str = field("nom", "Nom officiel.")
    short_name: str | None = field("sigle", "Sigle ou nom court (ex. MPDM).", None)
    category: Literal[
        "etat", "metropole", "commune", "departement", "association", "intercommunalite"
    ] = field(
        "categorie",
        "Catégorie : etat, metropole, commune, departement, association, ou intercommunalite"
        " (communauté de communes, d'agglomération, urbaine).",
    )
    siret: Siret | None = field("siret", "SIRET (14 chiffres, entre guillemets).", None)
    address: str | None = field("adresse", "Adresse du siège.", None)
    representatives: list[Representative] = field(
        "representants", "Représentants légaux et leurs fonctions.", default_factory=list
    )
    assembly: str | None = field(
        "assemblee", "Nom de l'assemblée délibérante (ex. Conseil métropolitain).", None
    )
    population: int | None = field(
        "population",
        "Population (municipale, dernier recensement) : fixe le délai de convocation d'une"
        " commune (3 jours francs sous 3 500 habitants, 5 à partir de 3 500).",
        None,
    )
    member_communes: list[OrganisationId] = field(
        "communes_membres",
        "Communes membres d'une intercommunalité (identifiants d'organisation, avec leur"
        " population) : une commune de 3 500 habitants ou plus impose 5 jours francs.",
        default_factory=list,
    )
