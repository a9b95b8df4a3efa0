"""People and organisations named in an act, as ids: matched to the repository's, or new."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mpdm_cli.domain.french import fold, slug

if TYPE_CHECKING:
    from mpdm_cli.pipeline.repository import Repository

CIVILITY = r"(?:Monsieur|Madame|Mademoiselle|Mme\.?|Mlle\.?|M\.)"
_CIVILITIES = {"monsieur": "Monsieur", "m.": "Monsieur", "madame": "Madame", "mme": "Madame"}
_CIVILITIES |= {"mme.": "Madame", "mademoiselle": "Madame", "mlle": "Madame", "mlle.": "Madame"}
_LEADING_CIVILITY = re.compile(rf"^\s*({CIVILITY})(?:\s+|$)")


@dataclass(frozen=True)
class Name:
    verbatim: str
    civility: str | None
    first: str
    last: str
    surname_first: bool  # written "NOM Prénom"


def _is_upper(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def parse_name(text: str) -> Name:
    """« Madame Marie-Hélène JUILLARD- RANDRIAN », « M. DUPONT Jean », « Mme Anne Roy »."""
    verbatim = " ".join(text.split()).strip(" ,;.")
    civility = None
    rest = verbatim
    match = _LEADING_CIVILITY.match(rest)
    if match:
        civility = _CIVILITIES[match[1].casefold()]
        rest = rest[match.end() :]
    # A compound name cut at a line end and joined with a space: "JUILLARD- RANDRIAN".
    rest = re.sub(r"(?<=\w)- (?=\w)", "-", rest)
    tokens = rest.split()
    upper = [_is_upper(t) for t in tokens]
    if tokens and all(upper):
        return Name(verbatim, civility, " ".join(tokens[:-1]), tokens[-1], False)
    if tokens and upper[0]:
        cut = upper.index(False)
        return Name(verbatim, civility, " ".join(tokens[cut:]), " ".join(tokens[:cut]), True)
    cut = upper.index(True) if True in upper else len(tokens) - 1
    return Name(verbatim, civility, " ".join(tokens[:cut]), " ".join(tokens[cut:]), False)


def _key(first: str, last: str) -> str:
    return re.sub(r"[^a-z0-9|]", "", fold(f"{first}|{last}"))


@dataclass
class People:
    """The repository's people plus those an import adds; one id per person."""

    known: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → record
    new: dict[str, dict[str, Any]] = field(default_factory=dict)
    _by_key: dict[str, str] = field(default_factory=dict)
    _by_surname: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, repository: Repository) -> People:
        people = cls()
        for person in repository.people.values():
            record = {"civilite": person.civility, "prenom": person.first_name}
            people._index(person.id, {**record, "nom": person.last_name})
            for spelling in person.spellings:
                variant = parse_name(spelling)
                people._by_key.setdefault(_key(variant.first, variant.last), person.id)
        return people

    def _index(self, identifier: str, record: dict[str, Any], new: bool = False) -> None:
        (self.new if new else self.known)[identifier] = record
        self._by_key.setdefault(_key(record["prenom"], record["nom"]), identifier)
        self._by_surname.setdefault(_key("", record["nom"]), set()).add(identifier)

    def resolve(self, name: Name) -> tuple[str, str | None]:
        """The person's id, and a remark when the act spells them otherwise."""
        found = self._by_key.get(_key(name.first, name.last))
        if found:
            record = self.known.get(found) or self.new[found]
            canonical = f"{record['prenom']} {record['nom']}"
            written = _LEADING_CIVILITY.sub("", name.verbatim)
            if name.surname_first or written != canonical:
                return found, f"« {name.verbatim} » : même personne que {canonical} ({found})"
            return found, None
        identifier = slug(f"{name.first} {name.last}")
        base, suffix = identifier, 2
        while identifier in self.known or identifier in self.new:
            identifier, suffix = f"{base}-{suffix}", suffix + 1
        record = {"civilite": name.civility, "prenom": name.first, "nom": name.last}
        self._index(identifier, record, new=True)
        return identifier, None

    def by_surname(self, name: Name, among: list[str]) -> str | None:
        """« Monsieur REBSAMEN »: the one person of that name in ``among``, else in the
        repository; None when nobody or several fit."""
        matches = self._by_surname.get(_key("", name.last), set())
        local = [i for i in among if i in matches]
        if len(set(local)) == 1:
            return local[0]
        if not local and len(matches) == 1:
            return next(iter(matches))
        return None


CATEGORIES = (
    ("communaute d'agglomeration", "intercommunalite"),
    ("communaute de communes", "intercommunalite"),
    ("communaute urbaine", "intercommunalite"),
    ("association", "association"),
    ("ville de", "commune"),
    ("commune de", "commune"),
    ("metropole", "metropole"),
    ("departement", "departement"),
    ("conseil departemental", "departement"),
    ("etat", "etat"),
)
_ARTICLE = re.compile(r"^(?:l'|la |le |les )", re.IGNORECASE)


def _org_key(name: str) -> str:
    folded = _ARTICLE.sub("", fold(name))
    return re.sub(r"^commune de ", "ville de ", folded).strip(" ,.")


@dataclass
class Organisations:
    known: dict[str, str] = field(default_factory=dict)  # key → id
    short: dict[str, str] = field(default_factory=dict)  # sigle → id
    new: dict[str, dict[str, Any]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # id → name
    categories: dict[str, str] = field(default_factory=dict)  # id → category

    @classmethod
    def of(cls, repository: Repository) -> Organisations:
        from mpdm_cli.models.organisation import Organisation

        organisations = cls()
        for _, organisation in repository.of_type(Organisation):
            organisations.known[_org_key(organisation.name)] = organisation.id
            organisations.names[organisation.id] = organisation.name
            organisations.categories[organisation.id] = organisation.category
            if organisation.short_name:
                organisations.short[fold(organisation.short_name)] = organisation.id
        return organisations

    def category(self, identifier: str) -> str | None:
        if identifier in self.new:
            return self.new[identifier].get("categorie")
        return self.categories.get(identifier)

    def name(self, identifier: str) -> str:
        if identifier in self.new:
            return str(self.new[identifier]["nom"])
        return self.names.get(identifier, identifier)

    def resolve(self, name: str, category: str | None = None) -> tuple[str, bool]:
        """Id of the organisation called ``name``; True when it is new (``category``, when
        the caller knows it, e.g. from the name of the assembly)."""
        key = _org_key(name)
        found = self.known.get(key) or self.short.get(key) or self.mentioned(name)
        if found:
            return found, False
        identifier = slug(key)
        if identifier not in self.new:
            category = next((c for word, c in CATEGORIES if word in key), category)
            written = _ARTICLE.sub("", name.strip(" ,."))
            self.new[identifier] = {"nom": written[:1].upper() + written[1:], "categorie": category}
            self.known[key] = identifier
        return identifier, True

    def all_mentioned(self, text: str) -> list[str]:
        """Every organisation ``text`` names, in order; « les communes de Chenôve et de
        Dijon » names the Ville de Chenôve and the Ville de Dijon."""
        found: list[str] = []
        plural = re.search(r"communes\s+(.+)$", text, re.IGNORECASE)
        parts = re.split(r",\s*|\s+et\s+", plural[1]) if plural else [text]
        for part in parts:
            name = re.sub(r"^(?:de|d['’])\s*", "", part.strip()) if plural else part
            identifier = self.mentioned(f"ville de {name}" if plural else name)
            if identifier and identifier not in found:
                found.append(identifier)
        return found

    def mentioned(self, text: str) -> str | None:
        """The organisation ``text`` names, by full name or by sigle (the longest found)."""
        folded = _ARTICLE.sub("", fold(text))
        folded = re.sub(r"\bcommune de ", "ville de ", folded)
        best: tuple[int, str] | None = None
        for key, identifier in [*self.known.items(), *self.short.items()]:
            longer = best is None or len(key) > best[0]
            if longer and re.search(rf"(?<![\w]){re.escape(key)}(?![\w])", folded):
                best = (len(key), identifier)
        return best[1] if best else None


@dataclass
class Known:
    """What the repository already holds that an act may name."""

    people: People
    organisations: Organisations
    conventions: dict[str, str]  # folded title → id

    @classmethod
    def of(cls, repository: Repository) -> Known:
        from mpdm_cli.models.convention import Convention

        conventions = {fold(c.title): c.id for _, c in repository.of_type(Convention)}
        return cls(People.of(repository), Organisations.of(repository), conventions)

    def convention_named(self, text: str) -> str | None:
        """The convention whose title ``text`` contains or is contained in (20 letters or more)."""
        folded = fold(text)
        for title, identifier in self.conventions.items():
            if len(title) >= 20 and len(folded) >= 20 and (title in folded or folded in title):
                return identifier
        return None
