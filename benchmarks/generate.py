"""A seeded generator of a realistic synthetic mpdm repository, valid by construction.

``generate(n)`` returns ``n`` acts (conventions, avenants, délibérations) plus the people
directory and the organisations they cite, in the shape of the real acts of Dijon métropole
(see ../shared/DOMAIN.md): multi-year conventions with financing lines, staffing broken down
by commune and French articles; avenants that restate the financing; délibérations of an
86-seat council with proxies and a vote. Every rule of DOMAIN.md "What must be checked"
holds by construction: totals add up, breakdowns sum, counts match, dates are ordered,
the quorum is met, every mandant is absent and every mandataire present with one proxy
at most, the amounts a délibération authorises are those the consolidated convention
commits, and every subsidy over 23 000 € a year has a convention and a délibération.

``generate(n, planted=True)`` corrupts a few files and lists, for each corruption, the
file, line, column and diagnostic code it must produce (``Planted``).

Command line: ``python -m benchmarks.generate DIR -n 1000 [--planted] [--seed 2023]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import random
import shutil
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from stdnum import luhn

from benchmarks.emit import Writer, write

SEED = 2023
COUNCIL_SEATS = 86
TERM_YEARS = 3
SLOTS_PER_ASSOCIATION = 5  # successive, non-overlapping conventions per association
FIRST_YEAR = 2012
SMALL_SUBSIDY = 23_000  # loi n° 2000-321, art. 10: above it, a convention and a délibération

_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]

_FIRST = [
    "Adèle",
    "Agnès",
    "Alain",
    "André",
    "Anne",
    "Antoine",
    "Bernard",
    "Brigitte",
    "Camille",
    "Catherine",
    "Céline",
    "Chantal",
    "Christian",
    "Christine",
    "Claire",
    "Claude",
    "Danielle",
    "Denis",
    "Didier",
    "Dominique",
    "Élise",
    "Emmanuel",
    "Éric",
    "Fabienne",
    "Françoise",
    "François",
    "Frédéric",
    "Gérard",
    "Hélène",
    "Hervé",
    "Isabelle",
    "Jacques",
    "Jean",
    "Joëlle",
    "Julien",
    "Karine",
    "Laurence",
    "Laurent",
    "Léa",
    "Léo",
    "Lionel",
    "Louise",
    "Lucie",
    "Marc",
    "Marie",
    "Martine",
    "Michel",
    "Monique",
    "Nadia",
    "Nathalie",
    "Nicolas",
    "Noémie",
    "Olivier",
    "Pascal",
    "Patricia",
    "Patrick",
    "Philippe",
    "Pierre",
    "Rachid",
    "Rémi",
    "Sabine",
    "Samuel",
    "Sandrine",
    "Sophie",
    "Stéphane",
    "Stéphanie",
    "Sylvie",
    "Thierry",
    "Valérie",
    "Véronique",
    "Yasmina",
    "Yves",
    "Zoé",
]
_FEMININE = set(
    [
        "Adèle",
        "Agnès",
        "Anne",
        "Brigitte",
        "Camille",
        "Catherine",
        "Céline",
        "Chantal",
        "Christine",
        "Claire",
        "Danielle",
        "Élise",
        "Fabienne",
        "Françoise",
        "Hélène",
        "Isabelle",
        "Joëlle",
        "Karine",
        "Laurence",
        "Léa",
        "Louise",
        "Lucie",
        "Marie",
        "Martine",
        "Monique",
        "Nadia",
        "Nathalie",
        "Noémie",
        "Patricia",
        "Sabine",
        "Sandrine",
        "Sophie",
        "Stéphanie",
        "Sylvie",
        "Valérie",
        "Véronique",
        "Yasmina",
        "Zoé",
    ]
)
_LAST = [
    "Aubert",
    "Barbier",
    "Baudouin",
    "Benoît",
    "Berthier",
    "Blanc",
    "Bonnet",
    "Bourgeois",
    "Boyer",
    "Brun",
    "Carpentier",
    "Chevalier",
    "Clément",
    "Colin",
    "Daniel",
    "David",
    "Denis",
    "Dubois",
    "Dufour",
    "Dumont",
    "Dupont",
    "Durand",
    "Fabre",
    "Faure",
    "Fontaine",
    "Fournier",
    "Gaillard",
    "Garnier",
    "Gauthier",
    "Gérard",
    "Girard",
    "Guerin",
    "Guillaume",
    "Henry",
    "Hubert",
    "Jacquet",
    "Joly",
    "Lacroix",
    "Lambert",
    "Laurent",
    "Leclerc",
    "Lefebvre",
    "Legrand",
    "Lemaire",
    "Leroy",
    "Lucas",
    "Marchand",
    "Martin",
    "Masson",
    "Mathieu",
    "Mercier",
    "Meyer",
    "Michel",
    "Morel",
    "Moulin",
    "Muller",
    "Noël",
    "Perrin",
    "Petit",
    "Picard",
    "Renaud",
    "Rey",
    "Robert",
    "Robin",
    "Roche",
    "Rousseau",
    "Roussel",
    "Roux",
    "Schmitt",
    "Vidal",
    "Vincent",
]

# Communes of the métropole with their priority neighbourhoods (QPV).
_COMMUNES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("ville-de-dijon", "Dijon", ("Les Grésilles", "Fontaine d'Ouche", "Le Belvédère")),
    ("ville-de-chenove", "Chenôve", ("Le Mail",)),
    ("ville-de-talant", "Talant", ("Le Belvédère",)),
    ("ville-de-quetigny", "Quetigny", ("Le Centre-ville",)),
    ("ville-de-longvic", "Longvic", ("Le Bief du Moulin",)),
    ("ville-de-fontaine-les-dijon", "Fontaine-lès-Dijon", ()),
    ("ville-de-chevigny-saint-sauveur", "Chevigny-Saint-Sauveur", ()),
    ("ville-de-saint-apollinaire", "Saint-Apollinaire", ()),
)
_WITH_QPV = tuple(c for c in _COMMUNES if c[2])

_SCHEMES = {
    "mediation-sociale": ("médiation sociale", "mediateurs-sociaux", "médiateurs sociaux"),
    "prevention-specialisee": (
        "prévention spécialisée",
        "educateurs-de-rue",
        "éducateurs de rue",
    ),
}
_ASSOCIATION_KINDS = (
    "Association de médiation",
    "Association de prévention",
    "Maison de quartier",
    "Centre social",
    "Association jeunesse et citoyenneté",
)
_VISAS = (
    "le code général des collectivités territoriales, et notamment son article L.5217-2 ;",
    "la loi n° 2000-321 du 12 avril 2000 relative aux droits des citoyens dans leurs"
    " relations avec les administrations, et notamment son article 10 ;",
    "la loi n° 2014-173 du 21 février 2014 de programmation pour la ville et la cohésion urbaine ;",
    "le décret n° 2001-495 du 6 juin 2001 pris pour l'application de l'article 10 de la loi"
    " n° 2000-321 ;",
    "la charte de référence de la médiation sociale du 1er octobre 2001 ;",
)


def slug(text: str) -> str:
    """``"Fontaine d'Ouche"`` → ``"fontaine-d-ouche"``: an mpdm id."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    parts = "".join(c if c.isalnum() else " " for c in ascii_text.lower()).split()
    return "-".join(parts)


def euros(amount: int | Decimal) -> str:
    """``220000`` → ``"220 000 €"`` with the narrow no-break space and no-break space."""
    whole = int(amount)
    text = f"{whole:,}".replace(",", "\u202f")
    cents = Decimal(amount) - whole
    if cents:
        text += "," + f"{cents:.2f}"[2:]
    return f"{text}\u00a0€"


def long_date(day: dt.date) -> str:
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {_MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Planted:
    """A corruption the planted variant makes, and the diagnostic it must produce.

    ``code`` is None for a corruption whose rule is not in this repository yet: it must then
    produce no diagnostic outside its file; ``later`` names the rule written for it on the
    ``checks`` branch (which reports it at this line and column).
    """

    file: str
    line: int
    column: int
    code: str | None
    what: str
    later: str | None = None


@dataclass
class Repo:
    """Generated files (relative path → YAML text) and, for the planted variant, the list."""

    files: dict[str, str] = field(default_factory=dict)
    planted: list[Planted] = field(default_factory=list)
    acts: int = 0

    def write(self, root: Path) -> None:
        """Write the files under ``root``, which is emptied first."""
        if root.exists():
            shutil.rmtree(root)
        for relative, text in self.files.items():
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


@dataclass
class _Person:
    id: str
    civility: str
    first: str
    last: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last.upper()}"


@dataclass
class _Sitting:
    date: dt.date
    present: list[str]
    substitute: tuple[str, str] | None  # (substitute, titular member replaced)
    absent: list[tuple[str, str | None]]  # (member, mandataire)
    secretary: str
    number: int = 0


class _Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.people: list[_Person] = []
        self.ids: set[str] = set()
        self.writers: dict[str, Writer] = {}
        self.sittings: dict[dt.date, _Sitting] = {}

    # -- people and organisations -------------------------------------------------------

    def person(self) -> _Person:
        first = self.rng.choice(_FIRST)
        last = self.rng.choice(_LAST)
        base = slug(f"{first} {last}")
        identifier, number = base, 1
        while identifier in self.ids:
            number += 1
            identifier = f"{base}-{number}"
        self.ids.add(identifier)
        civility = "Madame" if first in _FEMININE else "Monsieur"
        found = _Person(identifier, civility, first, last.upper())
        self.people.append(found)
        return found

    def setup(self, associations: int) -> None:
        self.council = [self.person() for _ in range(COUNCIL_SEATS)]
        self.president = self.council[0]
        self.substitutes = [self.person() for _ in range(4)]
        self.prefect = self.person()
        # The président of the métropole is also the maire of Dijon; other maires sit too.
        self.mayors = {cid: self.council[i] for i, (cid, _, _) in enumerate(_COMMUNES)}
        self.associations: list[tuple[str, str, _Person]] = []
        used: set[str] = set()
        for index in range(associations):
            kind = _ASSOCIATION_KINDS[index % len(_ASSOCIATION_KINDS)]
            _, commune, quarters = _WITH_QPV[index % len(_WITH_QPV)]
            place = quarters[(index // len(_WITH_QPV)) % len(quarters)]
            name = f"{kind} {place} {commune}"
            identifier = slug(name)[:40].strip("-")
            if identifier in used:
                identifier = f"{identifier}-{index + 1}"
            used.add(identifier)
            self.associations.append((identifier, name, self.person()))

    def write_file(
        self, relative: str, data: dict[str, Any], comments: tuple[str, ...] = ()
    ) -> None:
        if relative in self.writers:
            raise AssertionError(f"two generated files at {relative}")
        self.writers[relative] = write(data, comments)

    def directory(self) -> None:
        self.write_file(
            "personnes.yaml",
            {
                "type": "personnes",
                "id": "personnes",
                "personnes": [
                    {"id": p.id, "civilite": p.civility, "prenom": p.first, "nom": p.last}
                    for p in self.people
                ],
            },
            ("Annuaire des personnes nommées dans les actes (données synthétiques).",),
        )

    def organisations(self) -> None:
        orgs: list[dict[str, Any]] = [
            {
                "type": "organisation",
                "id": "etat",
                "nom": "État",
                "categorie": "etat",
                "representants": [
                    {"personne": self.prefect.id, "fonction": "Préfet de la Côte-d'Or"}
                ],
            },
            {
                "type": "organisation",
                "id": "dijon-metropole",
                "nom": "Dijon métropole",
                "categorie": "metropole",
                "adresse": "40 avenue du Drapeau, 21000 Dijon",
                "representants": [{"personne": self.president.id, "fonction": "Président"}],
                "assemblee": "Conseil métropolitain",
            },
        ]
        for cid, name, _ in _COMMUNES:
            orgs.append(
                {
                    "type": "organisation",
                    "id": cid,
                    "nom": f"Ville de {name}",
                    "categorie": "commune",
                    "representants": [{"personne": self.mayors[cid].id, "fonction": "Maire"}],
                    "assemblee": "Conseil municipal",
                }
            )
        for aid, name, president in self.associations:
            orgs.append(
                {
                    "type": "organisation",
                    "id": aid,
                    "nom": name,
                    "categorie": "association",
                    "siret": _siret(self.rng),
                    "representants": [{"personne": president.id, "fonction": "Président"}],
                }
            )
        for org in orgs:
            self.write_file(f"organisations/{org['id']}.yaml", org)

    # -- sittings ----------------------------------------------------------------------

    def sitting(self, day: dt.date) -> _Sitting:
        found = self.sittings.get(day)
        if found is not None:
            return found
        rng = self.rng
        members = [p.id for p in self.council]
        others = members[1:]
        rng.shuffle(others)
        absent_count = rng.randint(12, 24)
        absent = others[:absent_count]
        present = [members[0], *others[absent_count:]]
        substitute: tuple[str, str] | None = None
        if rng.random() < 0.5:
            # A substitute sits for a titular member: the member is in neither list.
            replaced = absent.pop()
            substitute = (rng.choice(self.substitutes).id, replaced)
        holders = present.copy()
        rng.shuffle(holders)
        with_proxy = int(len(absent) * rng.uniform(0.5, 0.9))
        absences = [
            (member, holders[i] if i < with_proxy else None) for i, member in enumerate(absent)
        ]
        sitting = _Sitting(day, present, substitute, absences, rng.choice(present[1:]))
        self.sittings[day] = sitting
        return sitting

    # -- one convention and its acts --------------------------------------------------

    def group(self, index: int, budget: int) -> int:
        """Write one convention with its avenants and délibérations; at most ``budget`` acts."""
        rng = self.rng
        association_id, association_name, association_head = self.associations[
            index // SLOTS_PER_ASSOCIATION
        ]
        slot = index % SLOTS_PER_ASSOCIATION
        start = FIRST_YEAR + TERM_YEARS * slot
        years = list(range(start, start + TERM_YEARS))
        scheme = rng.choice(list(_SCHEMES))
        scheme_label, role_id, role_label = _SCHEMES[scheme]
        commune_ids = [c[0] for c in rng.sample(_WITH_QPV, rng.choice((1, 1, 2)))]
        posts = rng.randint(4, 14)
        # Per post and per month in whole cents (rule B002): multiples of 12 cents.
        per_post = rng.choice((36_000, 38_400, 39_000, 41_250, 42_000))
        commune_amount = {cid: rng.randrange(8_000, SMALL_SUBSIDY + 1, 500) for cid in commune_ids}
        state_amount = rng.randrange(10_000, SMALL_SUBSIDY + 1, 250)
        # Avenants raise the per-post amount from their first year on.
        avenant_years = sorted(rng.sample(years[1:], rng.choice((0, 1, 1, 1, 2))))
        avenant_years = avenant_years[: max(0, budget - 2)]
        raises = {year: rng.choice((600, 1_200, 1_500)) for year in avenant_years}

        def metro_amount(year: int, as_of: int) -> int:
            bonus = sum(r for y, r in raises.items() if y <= min(year, as_of))
            return posts * (per_post + bonus)

        convention_id = f"cpom-{association_id}-{years[0]}-{years[-1]}"
        signed = dt.date(start, 1, rng.randint(10, 31))
        approving_sitting = _thursday(dt.date(start - 1, 12, rng.choice((1, 8, 15))))
        yearly_sitting = {y: _thursday(dt.date(y, 2, rng.choice((1, 8, 15)))) for y in years[1:]}

        split = self._split(posts, commune_ids)
        coordinators = rng.randint(1, 2)
        contract = self._convention(
            convention_id=convention_id,
            association=(association_id, association_name, association_head),
            years=years,
            scheme=scheme,
            scheme_label=scheme_label,
            role=(role_id, role_label),
            commune_ids=commune_ids,
            posts=posts,
            split=split,
            coordinators=coordinators,
            funding=self._funding(
                association_id,
                scheme,
                role_id,
                posts,
                years,
                lambda y: metro_amount(y, years[0]),
                commune_amount,
                state_amount,
            ),
            signed=signed,
        )
        self.write_file(
            f"conventions/{convention_id}.yaml",
            contract,
            (f"Convention pluriannuelle {years[0]}-{years[-1]} (données synthétiques).",),
        )
        acts = 1
        deliberation = self._deliberation(
            approving_sitting,
            association_id,
            association_name,
            scheme,
            scheme_label,
            years[0],
            metro_amount(years[0], years[0]),
            convention_id,
            (years[0], years[-1]),
            None,
        )
        self.write_file(f"deliberations/{deliberation['id']}.yaml", deliberation)
        acts += 1
        for number, year in enumerate(avenant_years, start=1):
            avenant = self._avenant(
                convention_id,
                contract,
                number,
                year,
                years,
                association_id,
                scheme,
                role_id,
                posts,
                functools.partial(_as_of, metro_amount, as_of=year),
                commune_amount,
                state_amount,
                per_post + sum(r for y, r in raises.items() if y <= year),
            )
            self.write_file(f"avenants/{avenant['id']}.yaml", avenant)
            acts += 1
        for year in years[1:]:
            if acts >= budget:
                break
            approves = avenant_years.index(year) + 1 if year in avenant_years else None
            deliberation = self._deliberation(
                yearly_sitting[year],
                association_id,
                association_name,
                scheme,
                scheme_label,
                year,
                metro_amount(year, years[-1]),
                None,
                (years[0], years[-1]),
                approves,
            )
            self.write_file(f"deliberations/{deliberation['id']}.yaml", deliberation)
            acts += 1
        return acts

    def _split(self, posts: int, commune_ids: list[str]) -> list[int]:
        if len(commune_ids) == 1:
            return [posts]
        first = self.rng.randint(1, posts - 1)
        return [first, posts - first]

    def _funding(
        self,
        association_id: str,
        scheme: str,
        role_id: str,
        posts: int,
        years: list[int],
        metro: Any,
        commune_amount: dict[str, int],
        state_amount: int,
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        lines: list[dict[str, Any]] = []
        # One line per run of years with the same métropole amount.
        runs: list[tuple[int, list[int]]] = []
        for year in years:
            amount = metro(year)
            if runs and runs[-1][0] == amount:
                runs[-1][1].append(year)
            else:
                runs.append((amount, [year]))
        for amount, run in runs:
            lines.append(
                {
                    "financeur": "dijon-metropole",
                    "beneficiaire": association_id,
                    "dispositif": scheme,
                    "nature": "subvention",
                    "montant": amount,
                    "base": "annuel",
                    "annees": run,
                    "article": "5",
                    "postes": {"role": role_id, "nombre": posts, "mois": 12},
                }
            )
        for cid, amount in commune_amount.items():
            lines.append(
                {
                    "financeur": cid,
                    "beneficiaire": association_id,
                    "dispositif": scheme,
                    "nature": "subvention",
                    "montant": amount,
                    "base": "annuel",
                    "annees": years,
                    "article": "5",
                }
            )
        lines.append(
            {
                "financeur": "etat",
                "beneficiaire": association_id,
                "dispositif": scheme,
                "nature": "subvention",
                "montant": state_amount,
                "base": "annuel",
                "annees": years,
                "article": "5",
                "libelle": "Aide au poste adulte-relais",
            }
        )
        totals = [
            {
                "montant": sum(line["montant"] for line in lines if year in line["annees"]),
                "annee": year,
                "article": "5",
            }
            for year in years
        ]
        return lines, totals

    def _parties(self, association: tuple[str, str, _Person], commune_ids: list[str]) -> Any:
        aid, _, head = association
        parties = [
            {
                "organisation": "etat",
                "representee_par": "Monsieur le Préfet de la Côte-d'Or",
                "representant": self.prefect.id,
            },
            {
                "organisation": "dijon-metropole",
                "representee_par": "Monsieur le Président",
                "representant": self.president.id,
            },
        ]
        for cid in commune_ids:
            mayor = self.mayors[cid]
            title = "Madame le Maire" if mayor.civility == "Madame" else "Monsieur le Maire"
            parties.append(
                {
                    "organisation": cid,
                    "representee_par": f"{title} de {_commune_name(cid)}",
                    "representant": mayor.id,
                }
            )
        title = "Madame la Présidente" if head.civility == "Madame" else "Monsieur le Président"
        parties.append({"organisation": aid, "representee_par": title, "representant": head.id})
        return parties

    def _signature(self, parties: list[dict[str, Any]], day: dt.date) -> dict[str, Any]:
        return {
            "lieu": "Dijon",
            "date": day,
            "signataires": [
                {
                    "personne": party["representant"],
                    "qualite": party["representee_par"],
                    "pour": [party["organisation"]],
                }
                for party in parties
            ],
        }

    def _convention(
        self,
        *,
        convention_id: str,
        association: tuple[str, str, _Person],
        years: list[int],
        scheme: str,
        scheme_label: str,
        role: tuple[str, str],
        commune_ids: list[str],
        posts: int,
        split: list[int],
        coordinators: int,
        funding: tuple[list[dict[str, Any]], list[dict[str, Any]]],
        signed: dt.date,
    ) -> dict[str, Any]:
        rng = self.rng
        aid, name, _ = association
        role_id, role_label = role
        lines, totals = funding
        parties = self._parties(association, commune_ids)
        communes = " et ".join(_commune_name(c) for c in commune_ids)
        quarters = [
            {"nom": q, "commune": cid, "qualification": "QPV"}
            for cid in commune_ids
            for q in dict((c[0], c[2]) for c in _COMMUNES)[cid]
        ]
        metro_first = lines[0]["montant"]
        articles = [
            _article(
                "1er",
                "Objet de la convention",
                f"La présente convention a pour objet de définir les objectifs et les moyens du"
                f" dispositif de {scheme_label} mis en œuvre par l'association {name} sur le"
                f" territoire de {communes}.\n\nElle précise les engagements de chacune des"
                " parties et les modalités de suivi et d'évaluation du dispositif.",
            ),
            _article(
                "2",
                "Durée",
                f"La présente convention est conclue pour une durée de trois ans, du 1er janvier"
                f" {years[0]} au 31 décembre {years[-1]}.",
            ),
            _article(
                "3",
                "Territoires et public",
                "Le dispositif intervient dans les quartiers prioritaires suivants : "
                + ", ".join(q["nom"] for q in quarters)
                + ".\n\nIl s'adresse prioritairement aux jeunes de 9 à 15 ans et à leurs"
                " familles.",
            ),
            _article(
                "4",
                "Moyens humains",
                f"L'association s'engage à recruter {posts} {role_label}, répartis ainsi :\n\n"
                + "\n".join(
                    f"- {count} pour la ville de {_commune_name(cid)} ;"
                    for cid, count in zip(commune_ids, split, strict=True)
                )
                + f"\n\nL'équipe est encadrée par {coordinators} coordinateur"
                + ("s" if coordinators > 1 else "")
                + ".",
            ),
            _article(
                "5",
                "Financement",
                f"Dijon métropole verse à l'association une subvention annuelle de"
                f" {euros(metro_first)} pour le financement des {posts} postes de {role_label}."
                "\n\nLes communes et l'État complètent ce financement dans les conditions"
                " fixées en annexe. Les versements interviennent après le vote du budget de"
                " chaque exercice.",
            ),
            _article(
                "6",
                "Engagements de l'association",
                "L'association s'engage à mettre en œuvre le dispositif décrit à l'article 1er,"
                " à rendre compte de son activité au comité de pilotage prévu à l'article 8 et"
                " à produire chaque année un bilan qualitatif et financier.",
            ),
            _article(
                "7",
                "Engagements de Dijon métropole",
                "Dijon métropole s'engage à verser la subvention prévue à l'article 5 et à"
                " veiller à la qualité des liens avec les services sociaux de droit commun.",
            ),
            _article(
                "7 bis",
                "Engagements des communes",
                f"Les communes de {communes} s'engagent à participer aux réunions de"
                " coordination et au comité de pilotage et à faciliter l'accès des équipes aux"
                " équipements municipaux.",
            ),
            _article(
                "8",
                "Comité de pilotage",
                "Un comité de pilotage, réunissant les signataires ou leurs représentants, se"
                " réunit au moins deux fois par an. Il détermine les orientations du dispositif"
                " et en évalue les résultats.",
            ),
            _article(
                "9",
                "Évaluation",
                "Un bilan annuel est présenté au comité de pilotage. Il comporte des"
                " indicateurs d'activité et de résultat arrêtés d'un commun accord.",
            ),
            _article(
                "10",
                "Dénonciation",
                "La présente convention peut être dénoncée par l'une des parties par lettre"
                " recommandée avec accusé de réception, moyennant un préavis de trois mois.",
            ),
            _article(
                "11",
                "Litiges",
                "Les litiges relatifs à la présente convention relèvent du tribunal"
                " administratif de Dijon, après recherche d'une solution amiable.",
            ),
        ]
        return {
            "type": "convention",
            "id": convention_id,
            "titre": f"Convention pluriannuelle d'objectifs et de moyens {years[0]}-{years[-1]}"
            f" relative au dispositif de {scheme_label} ({name})",
            "nature": "convention pluriannuelle d'objectifs et de moyens",
            "dispositifs": [scheme],
            "visas": list(rng.sample(_VISAS, 3)),
            "parties": parties,
            "preambule": (
                f"Dijon métropole exerce de plein droit la compétence politique de la ville."
                f" Elle a confié à l'association {name} la mise en œuvre d'un dispositif de"
                f" {scheme_label} dans les quartiers prioritaires de {communes}.\n\n"
                "Les parties ont souhaité inscrire leur partenariat dans une convention"
                " pluriannuelle d'objectifs et de moyens."
            ),
            "duree": {"debut": dt.date(years[0], 1, 1), "fin": dt.date(years[-1], 12, 31)},
            "articles": articles,
            "financements": lines,
            "totaux": totals,
            "effectifs": {
                "plafond": posts + coordinators + rng.randint(0, 3),
                "total": posts + coordinators,
                "article": "4",
                "roles": [
                    {
                        "id": role_id,
                        "libelle": role_label,
                        "nombre": posts,
                        "contrats": ["CDI"],
                        "repartition": [
                            {"nombre": count, "commune": cid, "article": "4"}
                            for cid, count in zip(commune_ids, split, strict=True)
                        ],
                        "article": "4",
                    },
                    {
                        "id": "coordinateurs",
                        "libelle": "coordinateurs",
                        "nombre": coordinators,
                        "article": "4",
                    },
                ],
            },
            "recrutements": [{"role": role_id, "nombre": posts, "par": aid, "article": "4"}],
            "postes_finances": [
                {"financeur": "dijon-metropole", "role": role_id, "nombre": posts, "article": "5"}
            ],
            "engagements": [
                {"partie": aid, "article": "6"},
                {"partie": "dijon-metropole", "article": "7"},
                *({"partie": cid, "article": "7 bis"} for cid in commune_ids),
            ],
            "instances": [
                {
                    "nom": "Comité de pilotage",
                    "article": "8",
                    "membres": [
                        {"qualite": party["representee_par"], "organisation": party["organisation"]}
                        for party in parties
                    ],
                    "frequence": "au moins deux fois par an",
                    "attributions": ["les orientations du dispositif", "l'évaluation annuelle"],
                }
            ],
            "territoires": quarters,
            "public": {"age_min": 9, "age_max": 15, "description": "jeunes et leurs familles"},
            "signature": self._signature(parties, signed),
        }

    def _avenant(
        self,
        convention_id: str,
        contract: dict[str, Any],
        number: int,
        year: int,
        years: list[int],
        association_id: str,
        scheme: str,
        role_id: str,
        posts: int,
        metro: Any,
        commune_amount: dict[str, int],
        state_amount: int,
        per_post: int,
    ) -> dict[str, Any]:
        lines, totals = self._funding(
            association_id, scheme, role_id, posts, years, metro, commune_amount, state_amount
        )
        # The avenant's own articles are 1 and 2: its lines name no convention article.
        for item in (*lines, *totals):
            del item["article"]
        new_amount = metro(year)
        label = f"{number}-{year}"
        return {
            "type": "avenant",
            "id": f"{convention_id}-avenant-{number}",
            "numero": label,
            "convention": convention_id,
            "titre": f"Avenant n° {label} à la {contract['titre'][0].lower()}"
            f"{contract['titre'][1:]}",
            "visas": [
                *contract["visas"],
                f"la convention signée le {long_date(contract['signature']['date'])}",
            ],
            "parties": contract["parties"],
            "preambule": (
                f"Le présent avenant a pour objet de revaloriser, à compter du 1er janvier"
                f" {year}, le financement par poste du dispositif."
            ),
            "periode": {"debut": dt.date(year, 1, 1), "fin": dt.date(years[-1], 12, 31)},
            "articles": [
                _article(
                    "1",
                    "Objet de l'avenant",
                    "Les dispositions financières de la convention sont modifiées à compter"
                    f" du 1er janvier {year}.",
                ),
                _article(
                    "2",
                    "Autres dispositions",
                    "Les autres dispositions de la convention demeurent inchangées.",
                ),
            ],
            "articles_convention": [
                _article(
                    "5",
                    "Financement",
                    f"À compter de {year}, Dijon métropole verse à l'association une subvention"
                    f" annuelle de {euros(new_amount)}, soit {euros(per_post)} pour chacun des"
                    f" {posts} postes.",
                )
            ],
            "financements": lines,
            "totaux": totals,
            "signature": self._signature(
                contract["parties"], dt.date(year, 3, self.rng.randint(1, 28))
            ),
        }

    def _deliberation(
        self,
        day: dt.date,
        association_id: str,
        association_name: str,
        scheme: str,
        scheme_label: str,
        year: int,
        amount: int,
        convention_id: str | None,
        term: tuple[int, int],
        avenant_number: int | None,
    ) -> dict[str, Any]:
        rng = self.rng
        sitting = self.sitting(day)
        sitting.number += 1
        present: list[Any] = [p for p in sitting.present]
        if sitting.substitute is not None:
            who, replaced = sitting.substitute
            present.insert(1, {"personne": who, "suppleant_de": replaced})
        absent = [
            {"personne": member, "procuration_a": holder} if holder else member
            for member, holder in sitting.absent
        ]
        proxies = sum(1 for _, holder in sitting.absent if holder)
        voters = len(present) + proxies
        decisions: list[dict[str, Any]] = []
        if convention_id is not None:
            decisions.append(
                {
                    "verbe": "d'approuver",
                    "texte": f"la convention pluriannuelle d'objectifs et de moyens {term[0]}-"
                    f"{term[1]} avec l'association {association_name} ;",
                }
            )
            decisions.append(
                {
                    "verbe": "d'autoriser",
                    "texte": "Monsieur le Président à signer la convention annexée à la présente"
                    " délibération ;",
                    "convention": convention_id,
                }
            )
        if avenant_number is not None:
            decisions.append(
                {
                    "verbe": "d'approuver",
                    "texte": f"l'avenant n° {avenant_number}-{year} à la convention {term[0]}-"
                    f"{term[1]} et d'autoriser Monsieur le Président à le signer ;",
                }
            )
        decisions.append(
            {
                "verbe": "d'autoriser",
                "texte": f"Monsieur le Président à verser la subvention {year} de {euros(amount)}"
                f" à l'association {association_name} pour le dispositif de {scheme_label} ;",
                "versement": {
                    "financeur": "dijon-metropole",
                    "beneficiaire": association_id,
                    "dispositif": scheme,
                    "nature": "subvention",
                    "montant": amount,
                    "annee": year,
                },
            }
        )
        decisions.append(
            {
                "verbe": "de prélever",
                "texte": f"les sommes sur le budget {year} ;",
                "exercice": year,
            }
        )
        vote: dict[str, Any]
        if rng.random() < 0.3:
            vote = {"unanimite": True, "dont_procurations": proxies, "resultat": "adoptee"}
        else:
            against, abstention, not_voting = (rng.randint(0, 4) for _ in range(3))
            vote = {
                "pour": voters - against - abstention - not_voting,
                "contre": against,
                "abstention": abstention,
                "non_participation": not_voting,
                "dont_procurations": proxies,
                "resultat": "adoptee",
            }
        identifier = f"dm-{day.isoformat()}-{sitting.number:03d}"
        return {
            "type": "deliberation",
            "id": identifier,
            "numero": f"DM{day:%Y%m%d}{sitting.number:03d}",
            "assemblee": {"organisation": "dijon-metropole", "nom": "Conseil métropolitain"},
            "seance": {
                "date": day,
                "jour": _WEEKDAYS[day.weekday()],
                "president": self.president.id,
                "secretaire": sitting.secretary,
            },
            "convocation": day - dt.timedelta(days=8),
            "membres": {"composition": COUNCIL_SEATS, "en_exercice": COUNCIL_SEATS},
            "presents": {"nombre": len(present), "liste": present},
            "absents": {"nombre": len(absent), "liste": absent},
            "procurations": proxies,
            "objet": {
                "theme": "DÉVELOPPEMENT ÉCONOMIQUE, ATTRACTIVITÉ ET SOLIDARITÉS",
                "titre": f"{association_name} - dispositif de {scheme_label} - subvention {year}",
            },
            "expose": (
                "Dijon métropole exerce de plein droit, en lieu et place des communes membres,"
                " la compétence politique de la ville (article L.5217-2 du code général des"
                f" collectivités territoriales).\n\nL'association {association_name} met en"
                f" œuvre le dispositif de {scheme_label} dans le cadre de la convention"
                f" pluriannuelle {term[0]}-{term[1]}.\n\nIl est proposé au Conseil de lui"
                f" attribuer pour {year} une subvention de {euros(amount)}."
            ),
            "decisions": decisions,
            "scrutin": vote,
            "signatures": [
                {"qualite": "Le secrétaire de séance", "personne": sitting.secretary},
                {"qualite": "Le Président", "personne": self.president.id},
            ],
        }

    def standalone(self) -> None:
        """A délibération with no money: fills the last act when a group would not fit."""
        association_id, name, _ = self.associations[0]
        year = FIRST_YEAR + 1
        deliberation = self._deliberation(
            _thursday(dt.date(year, 6, 20)), association_id, name, "mediation-sociale",
            "médiation sociale", year, 0, None, (year, year), None,
        )  # fmt: skip
        deliberation["decisions"] = [
            {
                "verbe": "de prendre acte",
                "texte": f"du rapport d'activité de l'association {name} ;",
            }
        ]
        deliberation["objet"]["titre"] = f"{name} - rapport d'activité"
        deliberation["expose"] = f"Le rapport d'activité de l'association {name} est présenté."
        self.write_file(f"deliberations/{deliberation['id']}.yaml", deliberation)


def _thursday(day: dt.date) -> dt.date:
    """Councils sit on weekdays: the first Thursday on or after ``day``."""
    return day + dt.timedelta(days=(3 - day.weekday()) % 7)


def _as_of(amount: Any, year: int, *, as_of: int) -> int:
    result: int = amount(year, as_of)
    return result


def _article(number: str, title: str, text: str) -> dict[str, Any]:
    return {"numero": number, "titre": title, "texte": text}


def _commune_name(commune_id: str) -> str:
    return next(name for cid, name, _ in _COMMUNES if cid == commune_id)


def _siret(rng: random.Random) -> str:
    """A random SIRET with valid keys: its SIREN's, then the whole number's (Luhn)."""
    # 13 draws, as many as the digits drawn before the SIREN's key was kept right: the
    # rest of a seeded repository stays the same.
    digits = "".join(str(rng.randint(0, 9)) for _ in range(13))
    siren = digits[:8] + luhn.calc_check_digit(digits[:8])
    siret = siren + digits[9:13]
    return siret + luhn.calc_check_digit(siret)


def generate(acts: int, *, seed: int = SEED, planted: bool = False) -> Repo:
    """A repository of ``acts`` acts plus its directory and organisations."""
    generator = _Generator(seed)
    # About 4.7 acts per convention; one association holds successive conventions.
    groups = max(1, -(-acts // 4))
    generator.setup(-(-groups // SLOTS_PER_ASSOCIATION))
    written = 0
    index = 0
    while written < acts:
        remaining = acts - written
        if remaining < 2 or index >= groups:
            generator.standalone()
            written += 1
            continue
        written += generator.group(index, remaining)
        index += 1
    generator.directory()
    generator.organisations()
    repo = Repo(acts=written)
    if planted:
        repo.planted = _plant(generator)
    repo.files = {name: writer.text() for name, writer in sorted(generator.writers.items())}
    return repo


def _plant(generator: _Generator) -> list[Planted]:
    """Corrupt a few files in place (their writers' lines); return what each must produce."""
    writers = generator.writers
    planted: list[Planted] = []
    names = sorted(writers)
    conventions = [n for n in names if n.startswith("conventions/")]
    deliberations = [n for n in names if n.startswith("deliberations/")]
    # Yearly délibérations (no convention decision): corrupting one loses no authorisation
    # of a convention's first year.
    yearly = [n for n in deliberations if ("decisions", 0, "convention") not in writers[n].values]
    yearly = [n for n in yearly if ("decisions", 1, "convention") not in writers[n].values]

    def replace(name: str, path: tuple[str | int, ...], new: str, *, key: bool = False) -> None:
        """Overwrite the value at ``path`` (to the end of its line), or rename its key."""
        writer = writers[name]
        line, column = (writer.keys if key else writer.values)[path]
        text = writer.lines[line - 1]
        rest = text[column - 1 + len(str(path[-1])) :] if key else ""
        writer.lines[line - 1] = text[: column - 1] + new + rest

    # 1. Duplicate key: the title written twice (same value, so nothing else changes).
    name = conventions[0]
    writer = writers[name]
    line, column = writer.keys[("titre",)]
    writer.lines.insert(line, writer.lines[line - 1])
    _shift(writer, line)
    planted.append(Planted(name, line + 1, column, "Y002", "clé « titre » en double"))

    # 2. Impossible date: a convocation on 30 February.
    name = yearly[0]
    line, column = writers[name].values[("convocation",)]
    replace(name, ("convocation",), "2023-02-30")
    planted.append(Planted(name, line, column, "Y011", "date impossible"))

    # 3. A proxy given to someone who is in no directory.
    name = yearly[1]
    writer = writers[name]
    path = _first_proxy(writer)
    line, column = writer.values[path]
    replace(name, path, "personne-inconnue")
    planted.append(Planted(name, line, column, "R002", "mandataire inconnu de l'annuaire"))

    # 4. A misspelt optional key.
    name = yearly[2]
    line, column = writers[name].keys[("seance", "jour")]
    replace(name, ("seance", "jour"), "jours", key=True)
    planted.append(Planted(name, line, column, "S002", "clé inconnue « jours »"))

    # 5. An amount with three decimals.
    name = yearly[3]
    writer = writers[name]
    path = next(p for p in writer.values if p[-2:] == ("versement", "montant"))
    line, column = writer.values[path]
    replace(name, path, writer.lines[line - 1][column - 1 :] + ".125")
    planted.append(Planted(name, line, column, "S003", "montant à trois décimales"))

    # 6. An id declared twice: a copy of an organisation under another name.
    source = "organisations/etat.yaml"
    copy = "organisations/zz-etat-copie.yaml"
    writers[copy] = write(
        {"type": "organisation", "id": "etat", "nom": "État", "categorie": "etat"}
    )
    line, column = writers[copy].values[("id",)]
    planted.append(Planted(copy, line, column, "R001", f"id « etat » déjà déclaré ({source})"))

    # 7. A breakdown that does not add up to its role's count (rule pending).
    name = conventions[1]
    writer = writers[name]
    path = ("effectifs", "roles", 0, "repartition", 0, "nombre")
    line, column = writer.values[path]
    count = int(writer.lines[line - 1][column - 1 :])
    replace(name, path, str(count + 1))
    line, column = writer.values[("effectifs", "roles", 0, "nombre")]
    what = "répartition qui ne totalise pas l'effectif du rôle"
    planted.append(Planted(name, line, column, None, what, "P001"))

    # 8. A proxy given to an absent member (rule pending).
    name = yearly[4]
    writer = writers[name]
    path = _first_proxy(writer)
    line, column = writer.values[path]
    absent = next(
        writer.lines[v[0] - 1][v[1] - 1 :]
        for p, v in writer.values.items()
        if len(p) == 3 and p[:2] == ("absents", "liste") and p not in writer.keys
        and not writer.lines[v[0] - 1][v[1] - 1 :].startswith("personne")
    )  # fmt: skip
    replace(name, path, absent)
    planted.append(Planted(name, line, column, None, "mandataire absent", "V004"))
    return sorted(planted, key=lambda p: (p.file, p.line, p.column))


def _first_proxy(writer: Writer) -> tuple[str | int, ...]:
    return next(p for p in writer.values if p[-1:] == ("procuration_a",))


def _shift(writer: Writer, after: int) -> None:
    """Positions on lines past ``after`` move down one line (a line was inserted)."""
    for table in (writer.keys, writer.values):
        for path, (line, column) in table.items():
            if line > after:
                table[path] = (line + 1, column)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("directory", type=Path)
    parser.add_argument("-n", "--acts", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--planted", action="store_true")
    args = parser.parse_args(argv)
    repo = generate(args.acts, seed=args.seed, planted=args.planted)
    repo.write(args.directory)
    print(f"{len(repo.files)} fichiers ({repo.acts} actes) écrits dans {args.directory}")
    for item in repo.planted:
        code = item.code or f"({item.later}, à venir)"
        print(f"{item.file}:{item.line}:{item.column}: {code} {item.what}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
