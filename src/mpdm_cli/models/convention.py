"""Conventions and the blocks an avenant can restate: financing, staffing, governance."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from mpdm_cli.models.common import (
    Amount,
    Article,
    ArticleNumber,
    Bound,
    Date,
    Document,
    Id,
    Model,
    OrganisationId,
    Party,
    Period,
    Signature,
    Year,
    field,
)
from mpdm_cli.models.obligations import Instalment, Notice, Report


def _to_fte(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        value = Decimal(value)
    if not isinstance(value, Decimal) or not value.is_finite() or value <= 0:
        raise PydanticCustomError(
            "etp", "équivalents temps plein attendus : un nombre positif, par exemple 2.5"
        )
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise PydanticCustomError(
            "etp", "{value} ETP : au plus deux décimales (ex. 0.75)", {"value": str(value)}
        )
    return value


FullTimeEquivalent = Annotated[
    Decimal, BeforeValidator(_to_fte), Field(json_schema_extra={"type": "number"})
]
"""Full-time equivalents (ETP), exact: 2.5 is two and a half posts, never a binary float."""


class PostEnvelope(Model):
    """ "Une enveloppe évaluée, sur 12 mois, à 468 000 € pour les 12 postes"."""

    role: Id = field("role", "Rôle des postes financés (identifiant d'un rôle des effectifs).")
    count: int = field("nombre", "Nombre de postes couverts par l'enveloppe.")
    months: int = field("mois", "Durée couverte, en mois.", 12)
    per: Literal["mois", "trimestre", "annee"] = field(
        "par",
        "Période de l'enveloppe par poste : mois, trimestre ou annee (ex. adultes-relais"
        " financés par poste et par trimestre).",
        "mois",
    )


class FundingLine(Model):
    funder: OrganisationId = field("financeur", "Organisation qui verse.")
    beneficiary: OrganisationId = field("beneficiaire", "Organisation qui reçoit.")
    scheme: Id = field(
        "dispositif", "Dispositif financé (ex. mediation-sociale, prevention-specialisee)."
    )
    nature: Literal["subvention", "cotisation", "dotation"] = field(
        "nature", "Nature du versement : subvention, cotisation ou dotation."
    )
    amount: Amount = field("montant", "Montant en euros (nombre exact, au plus deux décimales).")
    amount_in_words: str | None = field(
        "montant_en_lettres", "Montant en toutes lettres, tel que l'acte l'écrit.", None
    )
    basis: Literal["annuel", "total"] = field(
        "base", "annuel : montant versé chaque année ; total : montant pour toutes les années."
    )
    years: list[Year] = field("annees", "Années concernées.")
    article: ArticleNumber | None = field("article", "Article qui stipule ce financement.", None)
    posts: PostEnvelope | None = field("postes", "Postes couverts, si l'acte le précise.", None)
    label: str | None = field("libelle", "Libellé libre.", None)
    instalments: list[Instalment] = field(
        "versements", "Échéancier des versements, si l'acte le fixe.", default_factory=list
    )


class DeclaredTotal(Model):
    """A total the act writes down, to be checked against the sum of its lines."""

    amount: Amount = field("montant", "Total annoncé, en euros.")
    amount_in_words: str | None = field(
        "montant_en_lettres", "Total en toutes lettres, tel que l'acte l'écrit.", None
    )
    funder: OrganisationId | None = field("financeur", "Limité à ce financeur, sinon tous.", None)
    year: Year | None = field("annee", "Limité à cette année, sinon toutes.", None)
    article: ArticleNumber | None = field("article", "Article qui annonce ce total.", None)


def _counted(model: Any) -> Any:
    """A role or a share states its head count, its full-time equivalents, or both."""
    if model.count is None and model.fte is None:
        raise PydanticCustomError(
            "effectif",
            "effectif attendu : « nombre » (personnes), « etp » (temps plein) ou les deux",
        )
    return model


class Share(Model):
    """One part of a breakdown: by commune, by mission, or both."""

    count: int | None = field(
        "nombre",
        "Nombre de personnes ou de postes (ou seulement etp, si l'acte compte ainsi).",
        None,
    )
    fte: FullTimeEquivalent | None = field(
        "etp", "Équivalents temps plein de cette part (ex. 1.5).", None
    )
    commune: OrganisationId | None = field("commune", "Commune (identifiant d'organisation).", None)
    mission: str | None = field("mission", "Mission.", None)
    article: ArticleNumber | None = field("article", "Article qui énonce cette part.", None)
    detail: list[Share] = field("detail", "Sous-répartition de cette part.", default_factory=list)

    _counted = model_validator(mode="after")(_counted)


class Role(Model):
    id: Id = field("id", "Identifiant du rôle (ex. educateurs-de-rue).")
    label: str = field("libelle", "Libellé tel que l'acte l'écrit.")
    count: int | None = field(
        "nombre",
        "Effectif annoncé pour ce rôle (ou seulement etp, si l'acte le compte en temps plein).",
        None,
    )
    fte: FullTimeEquivalent | None = field(
        "etp", "Équivalents temps plein annoncés pour ce rôle (ex. 2.5).", None
    )
    contracts: list[str] = field(
        "contrats", "Types de contrat (PEC, adulte-relais…).", default_factory=list
    )
    breakdown: list[Share] = field(
        "repartition", "Répartition de l'effectif.", default_factory=list
    )
    article: ArticleNumber | None = field("article", "Article qui énonce cet effectif.", None)

    _counted = model_validator(mode="after")(_counted)


class Staffing(Model):
    ceiling: int | None = field("plafond", "Effectif maximal (« jusqu'à N »).", None)
    total: int | None = field("total", "Effectif total annoncé, s'il est exact.", None)
    fte_total: FullTimeEquivalent | None = field(
        "total_etp", "Total annoncé en équivalents temps plein (ex. 7.5).", None
    )
    article: ArticleNumber | None = field("article", "Article qui énonce le volume.", None)
    roles: list[Role] = field("roles", "Les rôles et leur effectif.", default_factory=list)


class Recruitment(Model):
    """ "L'association s'engage à recruter 12 éducateurs de rue"."""

    role: Id = field("role", "Rôle (identifiant d'un rôle des effectifs).")
    count: int = field("nombre", "Nombre de recrutements promis.")
    by: OrganisationId | None = field("par", "Organisation qui recrute.", None)
    article: ArticleNumber | None = field("article", "Article de l'engagement.", None)


class FundedPosts(Model):
    """ "Un financement à 100 % des 6 postes de médiateurs sociaux"."""

    funder: OrganisationId = field("financeur", "Organisation qui finance les postes.")
    role: Id = field("role", "Rôle des postes (identifiant d'un rôle des effectifs).")
    count: int = field("nombre", "Nombre de postes financés.")
    commune: OrganisationId | None = field("commune", "Commune où les postes sont affectés.", None)
    conditional: bool = field(
        "conditionnel", "true si l'engagement ne vaut que si la possibilité est utilisée.", False
    )
    article: ArticleNumber | None = field("article", "Article de l'engagement.", None)


class Commitment(Model):
    party: OrganisationId = field("partie", "Organisation qui s'engage.")
    article: ArticleNumber = field("article", "Article qui énonce ses engagements.")


class BodyMember(Model):
    title: str = field("qualite", "Qualité du membre, telle que l'acte l'écrit.")
    organisation: OrganisationId | None = field(
        "organisation", "Organisation représentée, si elle est partie.", None
    )


class Body(Model):
    """A governance body (comité de pilotage, comité technique)."""

    name: str = field("nom", "Nom de l'instance.")
    article: ArticleNumber | None = field("article", "Article qui l'institue.", None)
    members: list[BodyMember] = field("membres", "Membres.", default_factory=list)
    frequency: str | None = field(
        "frequence", "Fréquence des réunions, telle que l'acte l'écrit.", None
    )
    duties: list[str] = field("attributions", "Ce que l'instance détermine.", default_factory=list)


class Territory(Model):
    name: str = field("nom", "Nom du quartier ou du territoire.")
    commune: OrganisationId | None = field("commune", "Commune (identifiant d'organisation).", None)
    label: str | None = field("qualification", "Qualification (QPV, QRR…).", None)


class Public(Model):
    age_min: int | None = field("age_min", "Âge minimal du public visé.", None)
    age_max: int | None = field("age_max", "Âge maximal du public visé.", None)
    description: str | None = field("description", "Description du public visé.", None)


class Termination(Model):
    """The convention was terminated (dénoncée) before its end."""

    by: list[OrganisationId] = field("par", "Organisations qui l'ont dénoncée.")
    effective: Bound = field(
        "effet",
        "Date (AAAA-MM-JJ), mois (AAAA-MM) ou année (AAAA) à partir de laquelle elle cesse.",
    )
    date: Date | None = field("date", "Date de la dénonciation, si connue.", None)
    source: str | None = field("source", "Acte qui en fait état.", None)


class Restatable(Model):
    """What a convention states and an avenant may restate (replacing the convention's)."""

    funding: list[FundingLine] = field("financements", "Financements.", default_factory=list)
    totals: list[DeclaredTotal] = field(
        "totaux", "Totaux annoncés par l'acte.", default_factory=list
    )
    staffing: Staffing | None = field("effectifs", "Effectifs.", None)
    recruitments: list[Recruitment] = field(
        "recrutements", "Engagements de recrutement.", default_factory=list
    )
    funded_posts: list[FundedPosts] = field(
        "postes_finances", "Postes dont le financement est promis.", default_factory=list
    )
    commitments: list[Commitment] = field(
        "engagements", "Engagements de chaque partie.", default_factory=list
    )
    bodies: list[Body] = field("instances", "Instances de gouvernance.", default_factory=list)
    territories: list[Territory] = field(
        "territoires", "Territoires d'intervention.", default_factory=list
    )
    public: Public | None = field("public", "Public visé.", None)
    reports: list[Report] = field(
        "rapports",
        "Comptes rendus, bilans et évaluations à remettre aux dates que l'acte fixe.",
        default_factory=list,
    )
    notice: Notice | None = field(
        "preavis_denonciation", "Préavis pour dénoncer la convention, si l'acte en fixe un.", None
    )


class Convention(Document, Restatable):
    kind_label = "convention"
    kind_title = "Convention"

    type: Literal["convention"] = field("type", "Nature du document.")
    title: str = field("titre", "Intitulé complet.")
    kind: str = field(
        "nature", "Nature de la convention (ex. convention pluriannuelle d'objectifs et de moyens)."
    )
    schemes: list[Id] = field(
        "dispositifs", "Dispositifs couverts (ex. mediation-sociale).", default_factory=list
    )
    visas: list[str] = field("visas", "Lignes « VU … », sans le mot VU.", default_factory=list)
    parties: list[Party] = field("parties", "Parties et leurs représentants.")
    preamble: str | None = field("preambule", "Préambule (Markdown).", None)
    term: Period | None = field("duree", "Durée de la convention.", None)
    articles: list[Article] = field("articles", "Articles numérotés.", default_factory=list)
    signature: Signature | None = field("signature", "Lieu, date et signataires.", None)
    termination: Termination | None = field("denonciation", "Dénonciation anticipée.", None)
    partial: bool = field(
        "partielle",
        "true si l'acte n'est connu que par ce qu'en disent d'autres actes : les règles qui"
        " exigent son contenu complet ne s'y appliquent pas.",
        False,
    )
    source: str | None = field(
        "source", "D'où viennent les informations (pour un acte partiel).", None
    )
