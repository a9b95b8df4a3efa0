"""Organisations (the parties) and the people who represent them or sit in assemblies."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, WithJsonSchema

from mpdm_cli.models.common import (
    Date,
    Document,
    Id,
    Model,
    OrganisationId,
    PersonId,
    field,
    refused,
)
from mpdm_cli.pipeline.loading import quoted

# Acts print a SIRET in groups ("402 879 225 000 33"), with plain or non-breaking spaces.
_SPACES = " \u00a0\u202f"
# The same, for an editor: the spaces written as escapes, not as invisible characters.
SIRET_PATTERN = r"^[ \u00a0\u202f]*(?:[0-9][ \u00a0\u202f]*){14}$"


def _check_siret(value: str) -> str:
    """The SIRET's 14 digits (spaces removed), or a message that says what is wrong.

    python-stdnum knows the keys: Luhn for the SIREN and the SIRET, and La Poste's
    establishments (a digit sum divisible by 5, except the head office's SIRET).
    """
    # Imported with the first SIRET: stdnum's package imports ssl and pydoc (≈ 10 ms).
    from stdnum.exceptions import InvalidChecksum
    from stdnum.fr import siren, siret

    digits = "".join(char for char in value if char not in _SPACES)
    if not digits.isascii() or not digits.isdigit():
        raise refused(
            "siret",
            "SIRET {value} invalide : 14 chiffres attendus, rien d'autre"
            " (des espaces entre les chiffres sont acceptées)",
            value=quoted(value, 40),
        )
    if len(digits) != 14:
        raise refused(
            "siret",
            "SIRET {value} invalide : 14 chiffres attendus, il en a {count}",
            value=quoted(value, 40),
            count=len(digits),
        )
    try:
        siret.validate(digits)
    except InvalidChecksum:
        if not siren.is_valid(digits[:9]):
            raise refused(
                "siret",
                "SIRET {value} invalide : la clé de contrôle du SIREN (ses 9 premiers"
                " chiffres, {siren}) est fausse ; un chiffre est mal recopié ?",
                value=quoted(value, 40),
                siren=digits[:9],
            ) from None
        raise refused(
            "siret",
            "SIRET {value} invalide : la clé de contrôle est fausse ; un chiffre est mal recopié ?",
            value=quoted(value, 40),
        ) from None
    return digits


Siret = Annotated[
    str,
    AfterValidator(_check_siret),
    WithJsonSchema({"type": "string", "pattern": SIRET_PATTERN}),
]
"""A SIRET as the act prints it, kept as its 14 digits."""


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

    kind_label = "annuaire"
    kind_title = "Annuaire des personnes"

    type: Literal["personnes"] = field("type", "Nature du document.")
    people: list[Person] = field("personnes", "Les personnes.")


class Representative(Model):
    person: PersonId = field("personne", "Identifiant de la personne.")
    office: str = field("fonction", "Fonction (Président, Maire, Préfet de la Côte-d'Or…).")
    since: Date | None = field("depuis", "Date d'entrée en fonction, si connue.", None)


class Organisation(Document):
    kind_label = "organisation"
    kind_title = "Organisation (partie à un acte)"

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
    siret: Siret | None = field(
        "siret",
        "SIRET : 14 chiffres entre guillemets, espaces acceptées (« 402 879 225 00033 »).",
        None,
    )
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
