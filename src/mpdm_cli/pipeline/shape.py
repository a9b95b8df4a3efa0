"""Shape validation: loaded data → a model, or French diagnostics at the offending lines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from pydantic_core.core_schema import ErrorType

from mpdm_cli.models import DOCUMENT_TYPES, AnyDocument
from mpdm_cli.models.common import ID_TYPE_ERROR, shown, sub_models
from mpdm_cli.pipeline.diagnostics import MAX_DIAGNOSTICS, Diagnostic, make, untold_message
from mpdm_cli.pipeline.loading import KeyPath, LoadedFile
from mpdm_cli.pipeline.suggestions import did_you_mean

_TYPES = ", ".join(DOCUMENT_TYPES)
# Pydantic's own error types; the models raise others (PydanticCustomError) in French.
_PYDANTIC_ERRORS = frozenset(get_args(ErrorType))


def validate_shape(loaded: LoadedFile) -> tuple[AnyDocument | None, list[Diagnostic]]:
    data = loaded.data
    assert isinstance(data, dict)
    kind = data.get("type")
    model = DOCUMENT_TYPES.get(kind) if isinstance(kind, str) else None
    if model is None:
        if "type" not in data:
            message = f"champ « type » manquant ; types possibles : {_TYPES}"
            return None, [make("S004", message, loaded.locate(()))]
        described = (
            f"{shown(kind)} inconnu" if isinstance(kind, str) else f"attendu, trouvé {shown(kind)}"
        )
        message = f"type de document {described} ; types possibles : {_TYPES}"
        return None, [make("S004", message, loaded.locate(("type",)))]
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        return None, _translate(error, loaded)


@dataclass(frozen=True)
class _Problem:
    """One pydantic error, placed in the data."""

    kind: str
    path: KeyPath
    in_union: bool  # raised by one branch of an "id or table" union
    item: ErrorDetails

    @property
    def mismatch(self) -> tuple[str, bool] | None:
        """What was expected (noun, feminine), when the problem is the value's type."""
        return _EXPECTED.get(self.kind)


# Pydantic's error kinds that say "a value of this type was expected": that type, and
# whether its noun is feminine (« date attendue », « texte attendu »).
_EXPECTED = {
    ID_TYPE_ERROR: ("identifiant", False),
    "string_type": ("texte", False),
    "int_type": ("nombre entier", False),
    "int_parsing": ("nombre entier", False),
    "int_from_float": ("nombre entier", False),
    "bool_type": ("true ou false", False),
    "date_type": ("date (AAAA-MM-JJ)", True),
    "date_parsing": ("date (AAAA-MM-JJ)", True),
    "date_from_datetime_parsing": ("date (AAAA-MM-JJ)", True),
    "list_type": ("liste", True),
    "model_type": ("table (clés et valeurs)", True),
    "dict_type": ("table (clés et valeurs)", True),
    "model_attributes_type": ("table (clés et valeurs)", True),
}


def _translate(error: ValidationError, loaded: LoadedFile) -> list[Diagnostic]:
    found: dict[tuple[KeyPath, str], Diagnostic] = {}
    untold: list[_Problem] = []
    groups = _by_value(error, loaded.data)
    # Values with a problem inside them: a table branch of a union looked into it.
    containing = {path[:end] for path, _ in groups for end in range(len(path))}
    for path, problems in groups:
        value = _get(loaded.data, path)
        for problem, told in _told(problems, value, explained=path in containing):
            if len(found) >= MAX_DIAGNOSTICS:
                untold.append(problem)  # described only if told: a file can hold 100 000
                continue
            code, text, on_key = _describe(problem, value) if told is None else told
            location = loaded.locate(path, key=on_key)
            found.setdefault((path, text), make(code, text, location))
    if untold:
        first = untold[0]
        kind = first.kind
        code = "S002" if kind == "extra_forbidden" else "S001" if kind == "missing" else "S003"
        message = untold_message(len(untold), " de forme")
        location = loaded.locate(first.path, key=kind == "extra_forbidden")
        found[(first.path, message)] = make(code, message, location)
    return sorted(found.values())


def _by_value(error: ValidationError, data: Any) -> list[tuple[KeyPath, list[_Problem]]]:
    """The problems grouped by the value they are about, in pydantic's order."""
    groups: dict[KeyPath, list[_Problem]] = {}
    for item in error.errors(include_url=False):
        path, in_union = _data_path(data, item["loc"], item["type"] == "missing")
        groups.setdefault(path, []).append(_Problem(item["type"], path, in_union, item))
    return list(groups.items())


def _told(
    problems: list[_Problem], value: Any, explained: bool
) -> list[tuple[_Problem, tuple[str, str, bool] | None]]:
    """The problems about one value worth a message, with the message when it is not
    the problem's own (code, message, on the key).

    A value refused by every branch of a union (``PersonId | Present``) gets one message:
    the branch that got furthest explains it when there is one (the table's missing key,
    the id's spelling: ``explained`` when the problems are inside the value), otherwise
    every type the union accepts is named.
    """
    mismatches = [p for p in problems if p.in_union and p.mismatch]
    if not mismatches:
        return [(p, None) for p in problems]
    rest = [p for p in problems if p not in mismatches]
    if rest or explained:
        return [(p, None) for p in rest]
    nouns = dict.fromkeys(p.mismatch[0] for p in mismatches if p.mismatch)
    feminine = len(nouns) == 1 and all(p.mismatch and p.mismatch[1] for p in mismatches)
    return [(mismatches[0], ("S003", _mismatch(" ou ".join(nouns), feminine, value), False))]


def _data_path(data: Any, loc: tuple[int | str, ...], missing: bool) -> tuple[KeyPath, bool]:
    """Pydantic's loc with union-branch names dropped, and whether it went through a union
    branch. Only a ``missing`` key ends outside the data: any other name absent from it is
    a branch (``Present``, ``function-before[…]``)."""
    path: list[str | int] = []
    current = data
    in_union = False
    for index, part in enumerate(loc):
        if isinstance(current, dict) and isinstance(part, str):
            if part in current:
                current = current[part]
                path.append(part)
                continue
            if missing and index == len(loc) - 1:
                path.append(part)
                return tuple(path), in_union
            in_union = True
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
            path.append(part)
        else:
            in_union = True
    return tuple(path), in_union


def _get(data: Any, path: KeyPath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _mismatch(expected: str, feminine: bool, value: Any) -> str:
    message = f"{expected} attendu{'e' * feminine}, trouvé {shown(value)}"
    if isinstance(value, list) and "liste" not in expected:
        message += " ; une seule valeur est permise ici"
    return message


def _describe(problem: _Problem, value: Any) -> tuple[str, str, bool]:
    """(code, message, point at the key rather than the value)."""
    kind = problem.kind
    key = problem.path[-1] if problem.path else ""
    if kind == "missing":
        return "S001", f"champ obligatoire « {key} » manquant", False
    if kind == "extra_forbidden":
        hint = did_you_mean(str(key), _ALL_KEYS, count=1, cutoff=0.75)
        return "S002", f"clé inconnue {shown(key)}{hint}", True
    if kind not in _PYDANTIC_ERRORS and problem.mismatch is None:
        return "S003", problem.item["msg"], False  # raised by a model, in French
    if kind == "literal_error":
        expected = str(problem.item.get("ctx", {}).get("expected", ""))
        expected = expected.replace("'", "").replace(" or ", " ou ")
        if isinstance(value, dict | list) or value is None:
            return "S003", _mismatch(f"une valeur parmi {expected}", True, value), False
        return "S003", f"valeur {shown(value)} non permise ; valeurs possibles : {expected}", False
    if problem.mismatch is None:
        # Not expected from these models; still French, still located.
        return "S003", f"valeur {shown(value)} refusée", False
    wanted, feminine = problem.mismatch
    message = _mismatch(wanted, feminine, value)
    if kind in {"string_type", ID_TYPE_ERROR} and isinstance(value, int | float):
        message += " (mettez-la entre guillemets)"
    elif wanted == "nombre entier" and isinstance(value, str) and value.strip().isdigit():
        message += " (enlevez les guillemets)"
    return "S003", message, False


def _all_keys() -> list[str]:
    seen: set[str] = set()
    stack: list[type[BaseModel]] = list(DOCUMENT_TYPES.values())
    visited: set[type[BaseModel]] = set()
    while stack:
        model = stack.pop()
        if model in visited:
            continue
        visited.add(model)
        for info in model.model_fields.values():
            seen.add(str(info.alias))
            stack.extend(sub_models(info.annotation))
    return sorted(seen)


_ALL_KEYS = _all_keys()
