"""Reference rules: ids are unique across the repository and every id named exists."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from mpdm_cli.checks.base import Finding, rule
from mpdm_cli.checks.context import acts
from mpdm_cli.domain.consolidation import avenant_order
from mpdm_cli.models import DOCUMENT_TYPES, Avenant, Convention
from mpdm_cli.models.common import Ref, sub_models
from mpdm_cli.pipeline.loading import KeyPath
from mpdm_cli.pipeline.repository import Entry, Repository
from mpdm_cli.pipeline.suggestions import did_you_mean


def _kind_name(kind: str) -> str:
    """What a reference points at, in French: a document kind's label, or « personne »."""
    model = DOCUMENT_TYPES.get(kind)
    return model.kind_label if model is not None else kind


@rule("R001", "identifiant-unique")
def unique_ids(repository: Repository) -> Iterator[Finding]:
    """Chaque identifiant (document ou personne) est déclaré une seule fois dans le dépôt.

    Deux fichiers qui déclarent le même `id` rendent ambiguë toute référence à cet id.
    Exemple : deux fichiers `id: ville-de-dijon`.
    """
    entries = {id(entry.file): entry for entry in repository.entries}
    for identifier, declarations in repository.declarations.items():
        if len(declarations) < 2:
            continue
        first = declarations[0]
        for other in declarations[1:]:
            entry = entries[id(other.file)]
            yield Finding(
                entry,
                other.path,
                f"identifiant « {identifier} » déjà déclaré dans {first.file.path}"
                f" (ligne {first.file.locate(first.path).line})",
                ((entries[id(first.file)], first.path, "première déclaration"),),
            )


@rule("R002", "reference-connue")
def known_references(repository: Repository) -> Iterator[Finding]:
    """Tout identifiant cité (organisation, personne, convention) existe dans le dépôt.

    Les liens se font par identifiant, jamais par le nom écrit : une graphie différente
    ne casse rien, une faute de frappe dans l'identifiant est signalée, avec les
    identifiants déclarés les plus proches.
    Exemple : `financeur: ville-de-dijonn` alors que l'organisation est `ville-de-dijon`.
    """
    known: dict[str, list[str]] = {}  # ids declared, by kind: built on the first miss
    for entry in repository.entries:
        # Most documents cite only what exists: their references are first listed without
        # paths, cheaper, and listed again with them only if one is missing.
        if all(
            repository.declares(kind, value) or value in repository.unreadable_ids
            for _, kind, value in references(entry.document, with_paths=False)
        ):
            continue
        for path, kind, value in references(entry.document):
            if repository.declares(kind, value) or value in repository.unreadable_ids:
                continue
            other = [d.kind for d in repository.declarations.get(value, [])]
            if other:
                hint = f" (c'est un identifiant de {other[0]})"
            else:
                if not known:
                    known = _declared_ids(repository)
                hint = did_you_mean(value, known.get(kind, []))
            yield Finding(entry, path, f"{_kind_name(kind)} « {value} » introuvable{hint}")


def _declared_ids(repository: Repository) -> dict[str, list[str]]:
    ids: dict[str, list[str]] = defaultdict(list)
    for entry in repository.entries:
        ids[entry.document.type].append(entry.document.id)
    ids["personne"] = list(repository.people)
    return ids


def references(model: BaseModel, *, with_paths: bool = True) -> list[tuple[KeyPath, str, str]]:
    """Every (path, kind, id) that ``model`` cites, found from the ``Ref`` markers; each
    path empty unless ``with_paths``."""
    found: list[tuple[KeyPath, str, str]] = []
    _collect(model, () if with_paths else None, found)
    return found


def _collect(model: BaseModel, path: KeyPath | None, found: list[tuple[KeyPath, str, str]]) -> None:
    # Appending, not nested generators: every id would otherwise climb through each level
    # (a délibération cites ~100 people; 10 000 acts, a second). ``path`` None: not built.
    for name, alias, kind in _fields(type(model)):
        # The field's kind already covers its list items: no annotation to look into again.
        _walk(getattr(model, name), None if path is None else (*path, alias), kind, found)


@functools.cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, str, str | None], ...]:
    """(attribute, YAML key, Ref kind) of the fields that can hold a reference.

    Read once per model class, not per value; fields that are neither references nor
    models (titles, texts, amounts, dates) are left out.
    """
    found = []
    for name, info in model.model_fields.items():
        kind = _ref_kind(info.metadata) or _ref_kind_in(info.annotation)
        if kind is not None or sub_models(info.annotation):
            found.append((name, str(info.alias), kind))
    return tuple(found)


def _walk(
    value: Any, path: KeyPath | None, kind: str | None, found: list[tuple[KeyPath, str, str]]
) -> None:
    if isinstance(value, BaseModel):
        _collect(value, path, found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            inner = None if path is None else (*path, index)
            if isinstance(item, str):  # most items (members of an assembly): no recursion
                if kind is not None:
                    found.append((inner or (), kind, item))
            else:
                _walk(item, inner, kind, found)
    elif isinstance(value, str) and kind is not None:
        found.append((path or (), kind, value))


def _ref_kind(metadata: list[Any]) -> str | None:
    return next((m.kind for m in metadata if isinstance(m, Ref)), None)


def _ref_kind_in(annotation: Any) -> str | None:
    """The Ref kind inside ``list[...]``, ``X | None`` or ``Annotated[...]`` annotations."""
    if annotation is None:
        return None
    metadata = getattr(annotation, "__metadata__", ())
    found = _ref_kind(list(metadata))
    if found:
        return found
    if get_origin(annotation) is not None or get_args(annotation):
        for arg in get_args(annotation):
            found = _ref_kind_in(arg)
            if found:
                return found
    return None


_ORDINALS = "bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies"
_NUMBER = rf"(?:1er|[0-9]+)(?:\s+(?:{_ORDINALS})\b)?"
_CITATION = re.compile(
    rf"\barticles?\s+({_NUMBER}(?:\s*(?:,|et|à|ou)\s*{_NUMBER})*)", re.IGNORECASE
)
# "l'article 10 de la loi …", "article 3 du décret …": another text's article, not this act's.
_ELSEWHERE = re.compile(
    # Each run of spaces is matched by one quantifier only: no quadratic backtracking.
    r"(?:\s*,\s*alinéas?\s+[0-9]+(?:\s*,)?)?\s*(?:du|de\s+la|de\s+l['’]|des)\s+(?!présente?s?\b)",
    re.IGNORECASE,
)


def _normal(number: str) -> str:
    """``1er`` and ``1`` name the same article; spacing and case do not matter."""
    parts = number.casefold().split()
    if parts and parts[0] == "1er":
        parts[0] = "1"
    return " ".join(parts)


def cited_articles(text: str) -> Iterator[str]:
    """Article numbers ``text`` cites as this act's ("article 8", "articles 3 et 8 bis")."""
    for number, _ in citations(text):
        yield number


def citations(text: str) -> Iterator[tuple[str, int]]:
    """Each article number cited as this act's, with where its citation starts in ``text``."""
    for match in _CITATION.finditer(text):
        if _ELSEWHERE.match(text, match.end()):
            continue
        for number in re.findall(_NUMBER, match.group(1), flags=re.IGNORECASE):
            yield number, match.start()


@rule("R003", "article-cite-existe")
def cited_articles_exist(repository: Repository) -> Iterator[Finding]:
    """Un article cité dans le texte d'un acte (« article 8 », « article 8 bis ») existe.

    Les citations sont cherchées dans le préambule et le texte des articles ; les articles
    d'un autre texte (« l'article 10 de la loi … », « article L.5217-2 du code … ») sont
    ignorés. Pour un avenant, ses articles, ceux qu'il remplace et ceux de la convention
    comptent, avec ceux que les avenants précédents lui ont ajoutés. Un acte sans articles
    n'est pas vérifié.
    Exemple : « comme prévu par l'article 7, alinéa 5 » dans un acte sans article 7.
    """
    conventions = acts(repository)
    for entry in repository.entries:
        document = entry.document
        if isinstance(document, Convention):
            numbers = {_normal(a.number) for a in document.articles}
            texts = document.articles
        elif isinstance(document, Avenant):
            act = conventions.get(document.convention)
            numbers = {
                _normal(a.number) for a in [*document.articles, *document.convention_articles]
            }
            if act is not None:
                numbers.update(_normal(a.number) for a in act.convention.articles)
                for earlier_entry, earlier in act.avenants:  # what they added is the act's
                    if earlier_entry is entry:
                        break
                    numbers.update(_normal(a.number) for a in earlier.convention_articles)
            texts = document.articles
        else:
            continue
        if not numbers:
            continue
        sources: list[tuple[KeyPath, str]] = []
        if document.preamble:
            sources.append((("preambule",), document.preamble))
        sources += [(("articles", i, "texte"), a.text) for i, a in enumerate(texts)]
        if isinstance(document, Avenant):
            sources += [
                (("articles_convention", i, "texte"), a.text)
                for i, a in enumerate(document.convention_articles)
            ]
        for path, text in sources:
            first: dict[str, int] = {}
            for number, start in citations(text):
                first.setdefault(number, start)
            for number, start in first.items():
                if _normal(number) not in numbers:
                    yield Finding(
                        entry,
                        path,
                        f"le texte cite l'article {number}, qui n'existe pas dans l'acte",
                        within=(text, start),
                    )


@rule("R004", "numero-avenant")
def avenant_numbers(repository: Repository) -> Iterator[Finding]:
    """Les avenants d'une convention sont numérotés une seule fois et sans trou (1, 2, 3…).

    Le numéro d'ordre est le premier nombre du numéro (`1-2023` est l'avenant n° 1). De deux
    avenants du même numéro, le plus récent est signalé : celui signé le plus tard ; un
    avenant sans signature (un projet) est plus récent que tout avenant signé, un avenant
    signé dont la date est laissée en blanc plus ancien que tout avenant daté ; à égalité,
    celui qui vient après dans l'ordre des fichiers.
    Exemple : deux avenants n° 2 à la même convention, ou un avenant n° 3 sans avenant n° 2.
    """
    by_convention: dict[str, list[tuple[int, tuple[int, dt.date, int], Entry, Avenant]]]
    by_convention = defaultdict(list)
    for position, (entry, avenant) in enumerate(repository.of_type(Avenant)):
        order = avenant_order(avenant)
        if order is not None:
            age = (*_signed(avenant), position)
            by_convention[avenant.convention].append((order, age, entry, avenant))
    for convention, numbered in by_convention.items():
        # Of two avenants with one number, the newer is reported (entries in file order).
        numbered.sort(key=lambda item: item[:2])
        first: dict[int, Entry] = {}
        expected = 1
        for order, _, entry, avenant in numbered:
            if order in first:
                yield Finding(
                    entry,
                    ("numero",),
                    f"avenant n° {order} à « {convention} » déjà déclaré",
                    ((first[order], ("numero",), "autre avenant de ce numéro"),),
                )
                continue
            first[order] = entry
            if order != expected:
                missing = ", ".join(str(n) for n in range(expected, order))
                yield Finding(
                    entry,
                    ("numero",),
                    f"avenant n° {avenant.number} à « {convention} » : il manque l'avenant"
                    f" n° {missing}",
                )
            expected = order + 1


def _signed(avenant: Avenant) -> tuple[int, dt.date]:
    """How old an avenant is by its signature: signed ones first, a blank date first of them
    (the act was signed, its date not transcribed), drafts without signature last."""
    signature = avenant.signature
    if signature is None:
        return (1, dt.date.max)
    return (0, signature.date or dt.date.min)
