"""Reference rules: ids are unique across the repository and every id named exists."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from mpdm_cli.checks.base import Finding, rule
from mpdm_cli.loading import KeyPath
from mpdm_cli.models.common import Ref
from mpdm_cli.repository import Repository

_KIND_NAMES = {"organisation": "organisation", "personne": "personne", "convention": "convention"}


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
    ne casse rien, une faute de frappe dans l'identifiant est signalée.
    Exemple : `financeur: ville-de-dijonn` alors que l'organisation est `ville-de-dijon`.
    """
    for entry in repository.entries:
        for path, kind, value in references(entry.document):
            if repository.declares(kind, value) or value in repository.unreadable_ids:
                continue
            other = [d.kind for d in repository.declarations.get(value, [])]
            found = f" (c'est un identifiant de {other[0]})" if other else ""
            yield Finding(entry, path, f"{_KIND_NAMES[kind]} « {value} » introuvable{found}")


def references(model: BaseModel, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str, str]]:
    """Every (path, kind, id) that ``model`` cites, found from the ``Ref`` markers."""
    for name, alias, kind in _fields(type(model)):
        # The field's kind already covers its list items: no annotation to look into again.
        yield from _walk(getattr(model, name), (*path, alias), kind, None)


@functools.cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, str, str | None], ...]:
    """(attribute, YAML key, Ref kind) of the fields that can hold a reference.

    Read once per model class, not per value; fields that are neither references nor
    models (titles, texts, amounts, dates) are left out.
    """
    found = []
    for name, info in model.model_fields.items():
        kind = _ref_kind(info.metadata) or _ref_kind_in(info.annotation)
        if kind is not None or _holds_models(info.annotation):
            found.append((name, str(info.alias), kind))
    return tuple(found)


def _holds_models(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_models(arg) for arg in get_args(annotation))


def _walk(
    value: Any, path: KeyPath, kind: str | None, annotation: Any
) -> Iterator[tuple[KeyPath, str, str]]:
    if isinstance(value, BaseModel):
        yield from references(value, path)
    elif isinstance(value, list):
        item_kind = kind or _ref_kind_in(annotation)
        for index, item in enumerate(value):
            if isinstance(item, str):  # most items (members of an assembly): no recursion
                if item_kind is not None:
                    yield (*path, index), item_kind, item
            else:
                yield from _walk(item, (*path, index), item_kind, None)
    elif isinstance(value, str) and kind is not None:
        yield path, kind, value


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
