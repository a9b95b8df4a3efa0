"""Skeletons of new acts: valid YAML to fill in, linked to what the repository already holds."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from mpdm_cli.domain.consolidation import avenants_of, consolidate
from mpdm_cli.domain.french import slug
from mpdm_cli.models import Convention, Organisation, People
from mpdm_cli.models.common import Party
from mpdm_cli.pipeline.repository import Repository

TODO = "À compléter"
FOLDERS = {
    "convention": "conventions",
    "avenant": "avenants",
    "deliberation": "deliberations",
    "organisation": "organisations",
}


class SkeletonError(Exception):
    """A skeleton cannot be made (unknown convention…): the message is for the user;
    ``usage``: the command line asked for it (exit 2)."""

    def __init__(self, message: str, *, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


def id_problem(identifier: str) -> str | None:
    """Why ``identifier`` cannot be an act's id (the rule the files follow), or None.

    The id names the new file: a valid one cannot lead outside its folder.
    """
    from pydantic import TypeAdapter, ValidationError

    from mpdm_cli.models.common import Id

    try:
        TypeAdapter(Id).validate_python(identifier, strict=True)
    except ValidationError as error:
        return str(error.errors()[0]["msg"])
    return None


@dataclass(frozen=True)
class Skeleton:
    id: str
    text: str  # without the schema line, which depends on where the file goes


def _text(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _parties(parties: list[Party]) -> list[str]:
    if not parties:
        return [
            "parties: []",
            "# parties:",
            "#   - organisation: identifiant-de-l-organisation",
            '#     representee_par: "son Président"',
        ]
    lines = ["parties:"]
    for party in parties:
        lines.append(f"  - organisation: {party.organisation}")
        if party.represented_by:
            lines.append(f"    representee_par: {_text(party.represented_by)}")
        if party.representative:
            lines.append(f"    representant: {party.representative}")
    return lines


def convention(repository: Repository, identifier: str | None, today: dt.date) -> Skeleton:
    start = dt.date(today.year + 1, 1, 1)
    ident = identifier or f"convention-{start.year}-{start.year + 2}"
    lines = [
        "type: convention",
        f"id: {ident}",
        f"titre: {_text(TODO)}",
        f"nature: {_text('convention pluriannuelle d’objectifs et de moyens')}",
        "dispositifs: []",
        *_parties([]),
        "duree:",
        f"  debut: {start.isoformat()}",
        f"  fin: {dt.date(start.year + 2, 12, 31).isoformat()}",
        "articles:",
        "  - numero: 1",
        f"    titre: {_text('Objet de la convention')}",
        f"    texte: {_text(TODO + '.')}",
        "financements: []",
        "# financements:",
        "#   - financeur: identifiant-du-financeur",
        "#     beneficiaire: identifiant-du-beneficiaire",
        "#     dispositif: mediation-sociale",
        "#     nature: subvention",
        "#     montant: 100000",
        "#     base: annuel",
        f"#     annees: [{start.year}, {start.year + 1}, {start.year + 2}]",
        "signature:",
        "  lieu: Dijon",
        "  date:  # à compléter à la signature (AAAA-MM-JJ)",
        "  signataires: []",
    ]
    return Skeleton(ident, "\n".join(lines) + "\n")


_NUMBER = re.compile(r"([0-9]+)(-[0-9]{4})?")


def next_avenant_number(repository: Repository, convention_id: str, today: dt.date) -> str:
    """One more than the highest number so far; ``N-AAAA`` unless the others are plain."""
    found = [
        match
        for _, avenant in avenants_of(repository, convention_id)
        if (match := _NUMBER.fullmatch(avenant.number))
    ]
    number = max((int(m.group(1)) for m in found), default=0) + 1
    plain = bool(found) and all(m.group(2) is None for m in found)
    return str(number) if plain else f"{number}-{today.year}"


def _convention(repository: Repository, convention_id: str | None, kind: str) -> Convention:
    if convention_id is None:
        raise SkeletonError(f"un {kind} a besoin de --convention IDENTIFIANT", usage=True)
    entry = repository.find("convention", convention_id)
    if entry is None or not isinstance(entry.document, Convention):
        raise SkeletonError(f"convention « {convention_id} » introuvable dans le dépôt", usage=True)
    return entry.document


def avenant(
    repository: Repository, identifier: str | None, convention_id: str | None, today: dt.date
) -> Skeleton:
    parent = _convention(repository, convention_id, "avenant")
    number = next_avenant_number(repository, parent.id, today)
    ident = identifier or f"{parent.id}-avenant-{number.split('-')[0]}"
    current = consolidate(repository, parent).convention
    lines = [
        "type: avenant",
        f"id: {ident}",
        f"numero: {_text(number)}",
        f"convention: {parent.id}",
        f"titre: {_text(_avenant_title(number, parent.title))}",
        *_parties(list(current.parties)),
        "articles:",
        "  - numero: 1",
        f"    titre: {_text('Objet de l’avenant')}",
        f"    texte: {_text(TODO + '.')}",
        "# Pour modifier la durée : nouvelle_duree (debut, fin) et prolonge_duree: true.",
        "# Pour modifier les financements ou les effectifs, recopiez ici le bloc entier",
        "# (financements, effectifs…) tel qu'il sera après l'avenant : il remplace celui de",
        "# la convention.",
        "signature:",
        "  lieu: Dijon",
        "  date:  # à compléter à la signature (AAAA-MM-JJ)",
        "  signataires: []",
    ]
    return Skeleton(ident, "\n".join(lines) + "\n")


def _avenant_title(number: str, title: str) -> str:
    if title.lower().startswith("convention"):
        return f"Avenant n° {number} à la c{title[1:]}"
    return f"Avenant n° {number} : {title}"


def deliberation(
    repository: Repository, identifier: str | None, convention_id: str | None, today: dt.date
) -> Skeleton:
    parent = _convention(repository, convention_id, "délibération") if convention_id else None
    assembly, name, president = _assembly(repository)
    ident = identifier or f"deliberation-{today.isoformat()}"
    lines = [
        "type: deliberation",
        f"id: {ident}",
        "assemblee:",
        f"  organisation: {assembly}",
        f"  nom: {_text(name)}",
        "seance:",
        f"  date: {today.isoformat()}",
        f"  president: {president}",
        f"  secretaire: {president}  # à remplacer par le secrétaire de séance",
        "convocation:  # date d'envoi (AAAA-MM-JJ), cinq jours francs avant la séance",
        "# Effectifs à reprendre de l'extrait ; ceux-ci ne comptent que le président.",
        "membres:",
        "  composition: 1",
        "  en_exercice: 1",
        "presents:",
        "  nombre: 1",
        "  liste:",
        f"    - {president}",
        "absents:",
        "  nombre: 0",
        "  liste: []",
        "procurations: 0",
        "objet:",
        f"  titre: {_text(parent.title if parent else TODO)}",
        f"expose: {_text(TODO + '.')}",
        "decisions:",
    ]
    if parent is None:
        lines += ["  - verbe: d'approuver", f"    texte: {_text(TODO + '.')}"]
    else:
        lines += [
            "  - verbe: d'autoriser",
            f"    texte: {_text('Monsieur le Président à signer la convention annexée.')}",
            f"    convention: {parent.id}",
        ]
        lines += _payments(parent, assembly)
    lines += [
        "scrutin:",
        "  pour: 1",
        "  contre: 0",
        "  abstention: 0",
        "  non_participation: 0",
        "  dont_procurations: 0",
        "signatures:",
        "  - qualite: Le Président",
        f"    personne: {president}",
    ]
    return Skeleton(ident, "\n".join(lines) + "\n")


def _payments(parent: Convention, funder: str) -> list[str]:
    """The payments of the convention's first year that the assembly's collectivity makes."""
    lines: list[str] = []
    for line in parent.funding:
        if line.funder != funder or line.nature != "subvention" or line.basis != "annuel":
            continue
        year = min(line.years)
        lines += [
            "  - verbe: d'autoriser",
            f"    texte: {_text(f'Monsieur le Président à verser la subvention {year}.')}",
            "    versement:",
            f"      financeur: {line.funder}",
            f"      beneficiaire: {line.beneficiary}",
            f"      dispositif: {line.scheme}",
            "      nature: subvention",
            f"      montant: {format(line.amount, 'f')}",
            f"      annee: {year}",
        ]
    return lines


def _assembly(repository: Repository) -> tuple[str, str, str]:
    """(organisation, assembly name, president): the first organisation with an assembly."""
    organisations = [org for _, org in repository.of_type(Organisation)]
    chosen = next((org for org in organisations if org.assembly), None)
    chosen = chosen or next(
        (
            org
            for org in organisations
            if org.category in {"metropole", "intercommunalite", "commune"}
        ),
        None,
    )
    if chosen is None:
        raise SkeletonError("aucune collectivité (organisation) dans le dépôt")
    person = chosen.representatives[0].person if chosen.representatives else None
    if person is None:
        directory = next((doc for _, doc in repository.of_type(People) if doc.people), None)
        if directory is None:
            raise SkeletonError("aucune personne dans le dépôt pour présider la séance")
        person = directory.people[0].id
    return chosen.id, chosen.assembly or "Conseil", person


CATEGORIES = ("association", "commune", "intercommunalite", "metropole", "departement", "etat")


def organisation(
    repository: Repository, identifier: str | None, name: str | None, category: str
) -> Skeleton:
    """A new organisation: its name and category; SIRET, address and representatives to add."""
    if identifier is None and name is None:
        raise SkeletonError("indiquez --id ou --nom de l'organisation", usage=True)
    identifier = identifier or slug(name or "")
    lines = [
        "type: organisation",
        f"id: {identifier}",
        f"nom: {_text(name or TODO)}",
        f"categorie: {category}",
        '# siret: "000 000 000 00000"',
        "# adresse: À compléter",
        "# representants:",
        "#   - personne: identifiant-de-la-personne",
        "#     fonction: Président",
        "",
    ]
    return Skeleton(identifier, "\n".join(lines))


def person_entry(
    identifier: str | None, civility: str | None, first: str | None, last: str | None
) -> tuple[str, list[str]]:
    """The id and the lines of one person of ``personnes.yaml`` (one list item)."""
    if not (identifier or (first and last)):
        raise SkeletonError("indiquez --prenom et --nom de la personne (ou --id)", usage=True)
    identifier = identifier or slug(f"{first} {last}")
    lines = [f"- id: {identifier}"]
    if civility:
        lines.append(f"  civilite: {_text(civility)}")
    lines.append(f"  prenom: {_text(first or TODO)}")
    lines.append(f"  nom: {_text(last or TODO)}")
    return identifier, lines


def with_person(text: str, lines: list[str]) -> str:
    """``text`` (a directory of people) with one more person at the end of its list, indented
    as the others; the rest of the file, comments included, unchanged."""
    import yaml

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    people = next(
        (value for key, value in getattr(root, "value", []) if key.value == "personnes"), None
    )
    if not isinstance(people, yaml.SequenceNode) or not people.value:
        raise SkeletonError("la liste « personnes » de l'annuaire est vide ou introuvable")
    last = people.value[-1]
    if not isinstance(last, yaml.MappingNode) or not last.value:
        raise SkeletonError("la dernière personne de l'annuaire n'est pas une table de clés")
    indent = " " * (last.start_mark.column - 2)
    # After the line where the last person's last value ends: comments below stay below.
    end = last.value[-1][1].end_mark.index
    cut = text.find("\n", end)
    cut = len(text) if cut == -1 else cut + 1
    prefix = text[:cut] if text[:cut].endswith("\n") else text[:cut] + "\n"
    return prefix + "".join(f"{indent}{line}\n" for line in lines) + text[cut:]
