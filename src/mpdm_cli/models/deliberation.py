"""Délibérations: extracts of a council register, with attendance, decisions and the vote."""

from __future__ import annotations

from typing import Literal

from mpdm_cli.models.common import (
    Amount,
    ConventionId,
    Date,
    Document,
    Id,
    Model,
    OrganisationId,
    PersonId,
    Year,
    field,
)


class Assembly(Model):
    organisation: OrganisationId = field("organisation", "Collectivité dont l'assemblée délibère.")
    name: str = field("nom", "Nom de l'assemblée (ex. Conseil métropolitain).")


class Sitting(Model):
    date: Date = field("date", "Date de la séance.")
    weekday: str | None = field("jour", "Jour de la semaine, tel que l'extrait l'écrit.", None)
    president: PersonId = field("president", "Président de séance (identifiant de personne).")
    secretary: PersonId = field("secretaire", "Secrétaire de séance (identifiant de personne).")


class Membership(Model):
    seats: int = field("composition", "Nombre de membres de l'assemblée.")
    in_office: int = field("en_exercice", "Nombre de membres en exercice.")


class Present(Model):
    person: PersonId = field("personne", "Identifiant de la personne présente.")
    substitute_for: PersonId | None = field(
        "suppleant_de", "Membre titulaire que cette personne supplée.", None
    )
    from_item: str | None = field("a_partir_de", "Présent à partir de la délibération n°…", None)
    until_item: str | None = field("jusqu_a", "Présent jusqu'à la délibération n°…", None)
    proxy_to: PersonId | None = field(
        "procuration_a",
        "Mandataire qui a reçu son pouvoir pour les délibérations où ce membre est absent"
        " (parti avant ou arrivé après).",
        None,
    )


class Absent(Model):
    person: PersonId = field("personne", "Identifiant de la personne absente.")
    proxy_to: PersonId | None = field("procuration_a", "Mandataire qui a reçu son pouvoir.", None)


class Attendance(Model):
    count: int | None = field("nombre", "Nombre déclaré par l'extrait.", None)
    count_at_opening: int | None = field(
        "nombre_ouverture", "Nombre à l'ouverture de la séance, s'il diffère.", None
    )
    members: list[PersonId | Present] = field(
        "liste", "Personnes (identifiant seul, ou table avec précisions).", default_factory=list
    )
    president_counted: bool = field(
        "president_compte_parmi_presents",
        "true si le président de séance est compté dans le nombre de présents sans figurer"
        " dans la liste (l'extrait le nomme à part).",
        False,
    )


class AbsentList(Model):
    count: int | None = field("nombre", "Nombre déclaré par l'extrait.", None)
    members: list[PersonId | Absent] = field(
        "liste", "Personnes (identifiant seul, ou table avec procuration_a).", default_factory=list
    )


class Subject(Model):
    theme: str | None = field("theme", "Thème (en capitales dans l'extrait).", None)
    title: str = field("titre", "Titre de la délibération.")


class Authorisation(Model):
    """Money a decision authorises: compared with what the convention commits."""

    funder: OrganisationId = field("financeur", "Organisation qui verse.")
    beneficiary: OrganisationId = field("beneficiaire", "Organisation qui reçoit.")
    scheme: Id = field("dispositif", "Dispositif financé.")
    nature: Literal["subvention", "cotisation", "dotation"] = field(
        "nature", "Nature du versement."
    )
    amount: Amount = field("montant", "Montant autorisé, en euros.")
    amount_in_words: str | None = field(
        "montant_en_lettres", "Montant en toutes lettres, tel que l'acte l'écrit.", None
    )
    year: Year = field("annee", "Année du versement.")


class Decision(Model):
    verb: str = field("verbe", "Verbe en gras de la décision (ex. d'autoriser, de prélever).")
    text: str = field("texte", "Suite du texte de la décision, telle qu'écrite.")
    authorisation: Authorisation | None = field(
        "versement", "Versement autorisé, s'il y en a un.", None
    )
    convention: ConventionId | None = field(
        "convention", "Convention dont la signature est autorisée.", None
    )
    budget_year: Year | None = field(
        "exercice", "Exercice budgétaire sur lequel la dépense est prélevée.", None
    )


class Vote(Model):
    unanimous: bool = field("unanimite", "true si l'extrait note seulement « unanimité ».", False)
    for_: int | None = field("pour", "Voix pour.", None)
    against: int | None = field("contre", "Voix contre.", None)
    abstention: int | None = field("abstention", "Abstentions.", None)
    not_voting: int | None = field(
        "non_participation", "Ne prend pas part au vote / ne se prononce pas.", None
    )
    not_voting_label: str = field(
        "libelle_non_participation",
        "Libellé de la non-participation dans l'extrait.",
        "NE PREND PAS PART AU VOTE",
    )
    proxies: int | None = field("dont_procurations", "Dont procurations.", None)
    outcome: Literal["adoptee", "rejetee"] | None = field(
        "resultat", "Résultat annoncé (adoptee ou rejetee), si l'extrait l'écrit.", None
    )


class RegisterSignature(Model):
    title: str = field("qualite", "Qualité (Le Président, Le secrétaire…).")
    person: PersonId = field("personne", "Identifiant de la personne.")


class Deliberation(Document):
    kind_label = "délibération"
    kind_title = "Extrait du registre des délibérations"

    type: Literal["deliberation"] = field("type", "Nature du document.")
    number: str | None = field("numero", "Numéro de la délibération, s'il est connu.", None)
    assembly: Assembly = field("assemblee", "Assemblée qui délibère.")
    sitting: Sitting = field("seance", "Séance.")
    convocation: Date | None = field("convocation", "Date d'envoi de la convocation.", None)
    membership: Membership = field("membres", "Composition de l'assemblée.")
    present: Attendance = field("presents", "Membres présents participant au vote.")
    absent: AbsentList = field("absents", "Membres absents, avec leurs procurations.")
    proxies: int | None = field("procurations", "Nombre de procurations déclaré.", None)
    subject: Subject = field("objet", "Objet de la délibération.")
    statement: str = field("expose", "Exposé des motifs (Markdown).")
    decisions: list[Decision] = field("decisions", "Ce que le Conseil décide, dans l'ordre.")
    vote: Vote = field("scrutin", "Résultat du vote.")
    signatures: list[RegisterSignature] = field(
        "signatures", "Signatures de l'extrait.", default_factory=list
    )
