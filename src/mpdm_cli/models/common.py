"""Building blocks shared by every kind of act: ids, amounts, periods, articles, signatures."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from mpdm_cli.pipeline.loading import quoted


class Model(BaseModel):
    """Strict, immutable, and closed: an unknown key is an error, never a dropped figure."""

    # defer_build: validating one convention builds the validators it needs, not all of
    # them (a third of the start-up of ``mpdm validate`` on one file).
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


def _new_list() -> list[Any]:
    return []


def field(alias: str, description: str, default: Any = ..., **extra: Any) -> Any:
    """A model field read from the French YAML key ``alias``."""
    if extra.get("default_factory") is list:
        # The same default, but pydantic reads a Python function's signature at once where
        # ``list``'s must be parsed from its text, at each model build (≈ 10 ms a start).
        extra["default_factory"] = _new_list
    if default is ... and "default_factory" in extra:
        return Field(alias=alias, description=description, **extra)
    return Field(default, alias=alias, description=description, **extra)


def shown(value: Any) -> str:
    """A value as a message names what was found: « x », une liste, une valeur vide…"""
    if value is None:
        return "une valeur vide"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "une table"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dt.date):
        return value.isoformat()
    return quoted(str(value))


def refused(kind: str, message: str, **context: Any) -> PydanticCustomError:
    """An error a model raises with its own French message (what is wrong with the value and
    how to fix it); shape shows that message as it is."""
    return PydanticCustomError(kind, message, context)


_ID_TEXT = r"[a-z0-9]+(?:[-_][a-z0-9]+)*"
_ID = re.compile(_ID_TEXT)
ID_PATTERN = f"^{_ID_TEXT}$"
ID_MAX_LENGTH = 80


# The error kind of a value that is not even text where an id belongs.
ID_TYPE_ERROR = "id_type"


def _id_text(value: Any) -> Any:
    if not isinstance(value, str):
        # Named as an id (shape.py says what was found instead), not as any text.
        raise PydanticCustomError(ID_TYPE_ERROR, "identifiant attendu")
    return value


def _check_id(value: str) -> str:
    if len(value) > ID_MAX_LENGTH or not _ID.fullmatch(value):
        stripped = value.strip()
        if len(stripped) <= ID_MAX_LENGTH and _ID.fullmatch(stripped):
            where = "en fin" if value[-1].isspace() else "en début"
            raise refused(
                "identifiant",
                "identifiant {value} : espace {where} d'identifiant, à supprimer",
                value=quoted(value),
                where=where,
            )
        raise refused(
            "identifiant",
            "identifiant {value} invalide : minuscules sans accents, chiffres et tirets"
            " seulement (ex. « ville-de-dijon »)",
            value=quoted(value, ID_MAX_LENGTH),
        )
    return value


Id = Annotated[
    str,
    BeforeValidator(_id_text),
    AfterValidator(_check_id),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX_LENGTH}),
]
"""An identifier, safe to use in a file name."""


@dataclass(frozen=True)
class Ref:
    """Marks an id field as a reference to a document or person of ``kind``."""

    kind: str


OrganisationId = Annotated[Id, Ref("organisation")]
PersonId = Annotated[Id, Ref("personne")]
ConventionId = Annotated[Id, Ref("convention")]

_AMOUNT_HINT = "un nombre sans guillemets, par exemple 220000 ou 1066.50"


def _to_amount(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        raise refused(
            "montant",
            "montant écrit comme du texte ({value}) : écrivez le nombre seul, sans espace,"
            " sans € et avec un point décimal, par exemple 220000 ou 1066.50",
            value=quoted(value, 40),
        )
    if not isinstance(value, Decimal):
        raise refused(
            "montant",
            "montant en euros attendu ({hint}), trouvé {found}",
            hint=_AMOUNT_HINT,
            found=shown(value),
        )
    exponent = value.as_tuple().exponent
    if not value.is_finite() or not isinstance(exponent, int):
        raise refused("montant", "montant invalide : {hint}", hint=_AMOUNT_HINT)
    if exponent < -2:
        raise refused(
            "montant", "montant {value} : au plus deux décimales (centimes)", value=str(value)
        )
    return value


Amount = Annotated[
    Decimal,
    BeforeValidator(_to_amount),
    # What validate refuses, an editor underlines: cents at most; B003 wants it positive.
    WithJsonSchema({"type": "number", "multipleOf": 0.01, "exclusiveMinimum": 0}),
]
"""Euros, exact: built from the YAML text, never through a binary float."""

_ARTICLE_TEXT = (
    r"(?:1er|[1-9][0-9]*)(?: (?:bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies))?"
)
_ARTICLE = re.compile(_ARTICLE_TEXT)


def _article_number(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and not _ARTICLE.fullmatch(value):
        raise refused(
            "numero_article",
            "numéro d'article {value} invalide : par exemple 1, 1er, 8, 8 bis, 8 ter",
            value=quoted(value, 40),
        )
    return value


ArticleNumber = Annotated[
    str,
    BeforeValidator(_article_number),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1},
                {"type": "string", "pattern": f"^{_ARTICLE_TEXT}$"},
            ]
        }
    ),
]

# Acts of this century and the last: a year outside is a typo (20024, 1024).
FIRST_YEAR, LAST_YEAR = 1900, 2200
_YEAR = r"(?:19[0-9]{2}|2[01][0-9]{2}|2200)"
DATE_PATTERN = rf"^{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$"
_YEAR_OR_MONTH_PATTERN = rf"^{_YEAR}(?:-(?:0[1-9]|1[0-2]))?$"
_DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEAR_OR_MONTH = re.compile(r"([0-9]{4})(?:-(0[1-9]|1[0-2]))?")


def _check_year(year: int, written: Any, what: str = "année") -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise refused(
            "annee",
            "{what} {value} invraisemblable : l'année doit être comprise entre {first} et {last}",
            what=what,
            value=str(written),
            first=FIRST_YEAR,
            last=LAST_YEAR,
        )


def _year(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        _check_year(value, value)
    return value


Year = Annotated[
    int,
    BeforeValidator(_year),
    WithJsonSchema({"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}),
]
"""A calendar year (1900–2200)."""


def _date(value: Any) -> Any:
    if isinstance(value, dt.date):
        _check_year(value.year, value.isoformat(), "date")
    elif isinstance(value, str) and _DATE_TEXT.fullmatch(value.strip()):
        # YAML reads a quoted date as text: say so, instead of "AAAA-MM-JJ attendu".
        raise refused(
            "date",
            "date {value} écrite entre guillemets : enlevez les guillemets"
            " (une date s'écrit AAAA-MM-JJ, sans guillemets)",
            value=quoted(value),
        )
    return value


Date = Annotated[
    dt.date,
    BeforeValidator(_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DATE_PATTERN}),
]
"""A day, written AAAA-MM-JJ without quotes, in 1900–2200."""


def _bound(value: Any) -> Any:
    if isinstance(value, dt.date) or (isinstance(value, int) and not isinstance(value, bool)):
        return _date(value) if isinstance(value, dt.date) else _year(value)
    if isinstance(value, str):
        match = _YEAR_OR_MONTH.fullmatch(value)
        if match is not None:
            _check_year(int(match.group(1)), value, "mois" if match.group(2) else "année")
            # "2027" and 2027 name the same year, as "2027-01" and 2027-01 the same month.
            return value if match.group(2) else int(value)
        _date(value)
    raise refused(
        "echeance",
        "date (AAAA-MM-JJ), mois (AAAA-MM) ou année (AAAA) attendu, trouvé {found}",
        found=shown(value),
    )


Bound = Annotated[
    dt.date | int | str,
    BeforeValidator(_bound),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR},
                {"type": "string", "pattern": _YEAR_OR_MONTH_PATTERN},
                {"type": "string", "format": "date", "pattern": DATE_PATTERN},
            ]
        }
    ),
]
"""A period bound as precise as the act states it: a day, a month or a year (quotes
optional for a month or a year, never for a day)."""

_BOUND_HELP = (
    "date (AAAA-MM-JJ, sans guillemets), mois (AAAA-MM) ou année (AAAA), tel que l'acte"
    " l'écrit ; « 2024 » vaut 2024."
)


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
    start: Bound = field("debut", f"Début : {_BOUND_HELP}")
    end: Bound = field("fin", f"Fin : {_BOUND_HELP}")

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
    date: Date | None = field(
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
    """Fields every kind of document has.

    Each kind also says, once, what it is called: ``kind_label`` within a sentence
    (« délibération », in ``mpdm diff``), ``kind_title`` as a title (its JSON Schema).
    """

    kind_label: ClassVar[str]
    kind_title: ClassVar[str]

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
