"""Building blocks shared by every kind of act: ids, amounts, periods, articles, signatures."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError


class Model(BaseModel):
    """Strict, immutable, and closed: an unknown key is an error, never a dropped figure."""

    # defer_build: validating one convention builds the validators it needs, not all of
    # them (a third of the start-up of ``mpdm validate`` on one file).
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


def field(alias: str, description: str, default: Any = ..., **extra: Any) -> Any:
    """A model field read from the French YAML key ``alias``."""
    if default is ... and "default_factory" in extra:
        return Field(alias=alias, description=description, **extra)
    return Field(default, alias=alias, description=description, **extra)


_ID = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


def _check_id(value: str) -> str:
    if len(value) > 80 or not _ID.fullmatch(value):
        raise PydanticCustomError(
            "identifiant",
            "identifiant « {value} » invalide : minuscules sans accents, chiffres et tirets"
            " seulement (ex. « ville-de-dijon »)",
            {"value": value[:80]},
        )
    return value


Id = Annotated[str, AfterValidator(_check_id)]
"""An identifier, safe to use in a file name."""


@dataclass(frozen=True)
class Ref:
    """Marks an id field as a reference to a document or person of ``kind``."""

    kind: str


OrganisationId = Annotated[Id, Ref("organisation")]
PersonId = Annotated[Id, Ref("personne")]
ConventionId = Annotated[Id, Ref("convention")]


def _to_amount(value: Any) -> Any:
    if isinstance(value, bool | float):
        raise PydanticCustomError(
            "montant", "montant attendu en euros, par exemple 220000 ou 1066.50"
        )
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        raise PydanticCustomError(
            "montant",
            "montant écrit comme du texte (« {value} ») : écrivez le nombre seul, sans espace,"
            " sans € et avec un point décimal, par exemple 220000 ou 1066.50",
            {"value": value[:40]},
        )
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        if not value.is_finite() or not isinstance(exponent, int):
            raise PydanticCustomError("montant", "montant invalide")
        if exponent < -2:
            raise PydanticCustomError(
                "montant",
                "montant {value} : au plus deux décimales (centimes)",
                {"value": str(value)},
            )
    return value


Amount = Annotated[
    Decimal, BeforeValidator(_to_amount), Field(json_schema_extra={"type": "number"})
]
"""Euros, exact: built from the YAML text, never through a binary float."""

_ARTICLE = re.compile(
    r"(?:1er|[1-9][0-9]*)(?: (?:bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies))?"
)


def _article_number(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and not _ARTICLE.fullmatch(value):
        raise PydanticCustomError(
            "numero_article",
            "numéro d'article « {value} » invalide : par exemple 1, 1er, 8, 8 bis, 8 ter",
            {"value": value[:40]},
        )
    return value


ArticleNumber = Annotated[
    str, BeforeValidator(_article_number), Field(json_schema_extra={"type": ["string", "integer"]})
]

_MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")


def _bound(value: Any) -> Any:
    if isinstance(value, dt.date) or (isinstance(value, int) and not isinstance(value, bool)):
        if isinstance(value, int) and not 1900 <= value <= 2200:
            raise PydanticCustomError("annee", "année {value} invraisemblable", {"value": value})
        return value
    if isinstance(value, str) and _MONTH.fullmatch(value):
        return value
    raise PydanticCustomError(
        "echeance",
        "attendu une date (AAAA-MM-JJ), un mois (AAAA-MM) ou une année (AAAA)",
    )


Bound = Annotated[
    dt.date | int | str,
    BeforeValidator(_bound),
    Field(json_schema_extra={"type": ["string", "integer"]}),
]
"""A period bound as precise as the act states it: a day, a month or a year."""


def first_day(bound: dt.date | int | str) -> dt.date:
    if isinstance(bound, dt.date):
        return bound
    if isinstance(bound, int):
        return dt.date(bound, 1, 1)
    year, month = (int(part) for part in bound.split("-"))
    return dt.date(year, month, 1)


def last_day(bound: dt.date | int | str) -> dt.date:
    if isinstance(bound, dt.date):
        return bound
    if isinstance(bound, int):
        return dt.date(bound, 12, 31)
    year, month = (int(part) for part in bound.split("-"))
    return dt.date(year, month, calendar.monthrange(year, month)[1])


class Period(Model):
    start: Bound = field(
        "debut", "Début : date, mois (AAAA-MM) ou année (AAAA), tel que l'acte l'écrit."
    )
    end: Bound = field("fin", "Fin : date, mois (AAAA-MM) ou année (AAAA), tel que l'acte l'écrit.")

    @property
    def first_day(self) -> dt.date:
        return first_day(self.start)

    @property
    def last_day(self) -> dt.date:
        return last_day(self.end)


class Article(Model):
    number: ArticleNumber = field("numero", "Numéro : 1, 1er, 8, 8 bis, 8 ter…")
    title: str | None = field("titre", "Intitulé de l'article.", None)
    text: str = field(
        "texte", "Texte de l'article, tel que signé (Markdown : paragraphes, listes)."
    )


class AuthorisingAct(Model):
    """ "Autorisé par délibération du …": a délibération of the repository, or a bare date."""

    deliberation: Annotated[Id, Ref("deliberation")] | None = field(
        "deliberation", "Identifiant de la délibération, si elle est dans le dépôt.", None
    )
    date: dt.date | None = field(
        "date", "Date de la délibération ; vide si l'acte la laisse en blanc.", None
    )


class Party(Model):
    organisation: OrganisationId = field(
        "organisation", "Identifiant de l'organisation partie à l'acte."
    )
    represented_by: str | None = field(
        "representee_par",
        "Qualité du représentant, telle que l'acte l'écrit ; à omettre seulement si l'acte"
        " n'est connu que par un autre acte qui ne la donne pas (convention partielle).",
        None,
    )
    representative: PersonId | None = field(
        "representant", "Identifiant de la personne qui représente l'organisation.", None
    )
    authorisation: AuthorisingAct | None = field(
        "autorisation",
        "Délibération qui autorise le représentant à signer (« autorisé par délibération"
        " du … ») : son identifiant, ou sa date, ou `date: null` si l'acte la laisse en blanc.",
        None,
    )


class Signatory(Model):
    person: PersonId | None = field("personne", "Identifiant de la personne qui signe.", None)
    title: str = field(
        "qualite", "Qualité du signataire, telle qu'écrite au-dessus de la signature."
    )
    on_behalf_of: list[OrganisationId] = field(
        "pour", "Organisations engagées par cette signature.", default_factory=list
    )
    delegated_by: PersonId | None = field(
        "par_delegation_de",
        "Personne qui a délégué sa signature (« pour le président et par délégation »).",
        None,
    )


class Signature(Model):
    place: str | None = field("lieu", "Lieu de signature (« Fait à … »).", None)
    date: dt.date | None = field(
        "date", "Date de signature ; vide si l'acte la laisse en blanc.", None
    )
    signatories: list[Signatory] = field(
        "signataires", "Signataires, dans l'ordre des blocs de signature.", default_factory=list
    )


class Acknowledgement(Model):
    """A known finding on a signed act, accepted with a written reason."""

    rule: str = field("regle", "Code de la règle (ex. P001).")
    path: str = field("chemin", "Chemin de la valeur visée (ex. effectifs.roles[1].repartition).")
    reason: str = field("motif", "Pourquoi l'anomalie est acceptée (ex. l'acte est signé).")


class Document(Model):
    """Fields every kind of document has."""

    id: Id = field("id", "Identifiant unique dans tout le dépôt.")
    acknowledgements: list[Acknowledgement] = field(
        "anomalies_acceptees",
        "Anomalies connues de l'acte signé, acceptées avec leur motif.",
        default_factory=list,
    )


def sub_models(annotation: Any) -> list[type[BaseModel]]:
    """The models a field's annotation may hold (``Role``, ``list[Role]``, ``Role | None``…)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) for m in sub_models(arg)]
