"""What an act obliges its parties to do, and when: payments, reports, notice periods."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from mpdm_cli.models.common import (
    Amount,
    ArticleNumber,
    Bound,
    Model,
    OrganisationId,
    field,
    shown,
)


def _percentage(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        value = Decimal(value)
    if not isinstance(value, Decimal) or not value.is_finite() or not 0 < value <= 100:
        raise PydanticCustomError(
            "pourcentage",
            "valeur {value} invalide (pourcentage attendu, plus de 0 et au plus 100, par exemple"
            " 50)",
            {"value": shown(value)},
        )
    return value


def _between(low: int, high: int, what: str) -> Any:
    def check(value: int) -> int:
        if not low <= value <= high:
            raise PydanticCustomError(
                "intervalle",
                "valeur {value} invalide ({what} : attendu un nombre de {low} à {high})",
                {"value": shown(value), "what": what, "low": low, "high": high},
            )
        return value

    return AfterValidator(check)


Percentage = Annotated[
    Decimal, BeforeValidator(_percentage), Field(json_schema_extra={"type": "number"})
]
Month = Annotated[int, _between(1, 12, "mois")]
NoticeMonths = Annotated[int, _between(0, 120, "durée du préavis en mois")]


ReportKind = Literal["compte-rendu-financier", "bilan-activite", "evaluation", "rapport"]


class Instalment(Model):
    """ "Un acompte de 50 % en février, le solde après réception du compte rendu financier"."""

    label: str = field("libelle", "Nom du versement, tel que l'acte l'écrit (acompte, solde…).")
    year: int | None = field(
        "annee",
        "Année financée à laquelle le versement se rapporte ; sans année, il revient chaque"
        " année du financement.",
        None,
    )
    amount: Amount | None = field("montant", "Montant du versement, en euros.", None)
    percentage: Percentage | None = field(
        "pourcentage", "Part du montant de l'année, en pourcent (ex. 50).", None
    )
    date: Bound | None = field(
        "date",
        "Date ou mois (AAAA-MM) du versement, si l'acte la fixe ; avec une année seule"
        " (AAAA), le versement est dû au plus tard le 31 décembre.",
        None,
    )
    month: Month | None = field(
        "mois",
        "Mois (1 à 12) du versement quand il revient chaque année (ex. 2 pour février).",
        None,
    )
    condition: str | None = field(
        "condition", "Condition du versement (ex. après le compte rendu financier).", None
    )
    after: ReportKind | None = field(
        "apres",
        "Document dont la remise déclenche le versement (ex. compte-rendu-financier) : le"
        " versement est listé à la date où ce document est dû pour son année.",
        None,
    )


class Report(Model):
    """A report the convention asks for, at a date it sets."""

    kind: ReportKind = field(
        "nature", "compte-rendu-financier, bilan-activite, evaluation ou rapport."
    )
    due: Bound = field("echeance", "Date (ou mois, ou année) à laquelle le remettre au plus tard.")
    by: OrganisationId = field("par", "Organisation qui doit le remettre.")
    to: list[OrganisationId] = field(
        "destinataires", "Organisations à qui le remettre.", default_factory=list
    )
    year: int | None = field("annee", "Année sur laquelle il porte, s'il y a lieu.", None)
    label: str | None = field("libelle", "Intitulé, tel que l'acte l'écrit.", None)
    article: ArticleNumber | None = field("article", "Article qui le prévoit.", None)


class Notice(Model):
    """ "Chacune des parties peut dénoncer la convention avec un préavis de trois mois"."""

    months: NoticeMonths = field("mois", "Durée du préavis, en mois.")
    article: ArticleNumber | None = field("article", "Article qui fixe le préavis.", None)
