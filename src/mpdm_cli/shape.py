"""Shape validation: loaded data → a model, or French diagnostics at the offending lines."""

from __future__ import annotations

from typing import Any, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core.core_schema import ErrorType

from mpdm_cli.diagnostics import MAX_DIAGNOSTICS, Diagnostic, make, untold_message
from mpdm_cli.loading import KeyPath, LoadedFile, quoted
from mpdm_cli.models import DOCUMENT_TYPES, AnyDocument
from mpdm_cli.models.common import sub_models

_TYPES = ", ".join(DOCUMENT_TYPES)
# Pydantic's own error types; the models raise others (PydanticCustomError) in French.
_PYDANTIC_ERRORS = frozenset(get_args(ErrorType))


def validate_shape(loaded: LoadedFile) -> tuple[AnyDocument | None, list[Diagnostic]]:
    data = loaded.data
    assert isinstance(data, dict)
    kind = data.get("type")
    model = DOCUMENT_TYPES.get(kind) if isinstance(kind, str) else None
    if model is None:
        found = "absent" if kind is None else _show(kind)
        where = loaded.locate(("type",)) if "type" in data else loaded.locate(())
        return None, [make("S004", f"type de document {found} ; attendu : {_TYPES}", where)]
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        return None, _translate(error, loaded, model)


def _translate(
    error: ValidationError, loaded: LoadedFile, model: type[BaseModel]
) -> list[Diagnostic]:
    found: dict[tuple[KeyPath, str], Diagnostic] = {}
    untold: list[tuple[str, KeyPath]] = []
    for item in error.errors(include_url=False):
        path, exact = _data_path(loaded.data, item["loc"])
        value = _get(loaded.data, path)
        if item["type"] in {"string_type", "identifiant"} and isinstance(value, dict | list):
            continue  # the other branch of an "id or table" union explains the problem
        if len(found) >= MAX_DIAGNOSTICS:
            untold.append((item["type"], path))
            continue
        code, message, on_key = _describe(item, path, exact, value)
        location = loaded.locate(path, key=on_key)
        found.setdefault((path, message), make(code, message, location))
    if untold:
        kind, path = untold[0]
        code = "S002" if kind == "extra_forbidden" else "S001" if kind == "missing" else "S003"
        message = untold_message(len(untold), " de forme")
        location = loaded.locate(path, key=kind == "extra_forbidden")
        found[(path, message)] = make(code, message, location)
    return sorted(found.values())


def _data_path(data: Any, loc: tuple[int | str, ...]) -> tuple[KeyPath, bool]:
    """Pydantic's loc with union-branch names dropped; whether it reached a real value."""
    path: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        if isinstance(current, dict) and isinstance(part, str):
            if part in current:
                current = current[part]
                path.append(part)
                continue
            if index == len(loc) - 1:
                path.append(part)
                return tuple(path), False
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
            path.append(part)
    return tuple(path), True


def _get(data: Any, path: KeyPath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _show(value: Any) -> str:
    if value is None:
        return "une valeur vide"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "une table"
    if isinstance(value, list):
        return "une liste"
    return quoted(str(value))


def _describe(item: Any, path: KeyPath, exact: bool, value: Any) -> tuple[str, str, bool]:
    """(code, message, point at the key rather than the value)."""
    kind = item["type"]
    key = path[-1] if path else ""
    if kind == "missing":
        return "S001", f"champ obligatoire « {key} » manquant", False
    if kind == "extra_forbidden":
        import difflib  # only for a misspelt key

        # No model key is long: comparing a huge key with each of them would only cost time.
        close = (
            difflib.get_close_matches(str(key), _ALL_KEYS, n=1, cutoff=0.75)
            if len(str(key)) <= 60
            else []
        )
        hint = f" ; vouliez-vous dire « {close[0]} » ?" if close else ""
        return "S002", f"clé inconnue {_show(key)}{hint}", True
    shown = _show(value)
    if kind == "string_type":
        hint = " (mettez-la entre guillemets)" if isinstance(value, int | float) else ""
        return "S003", f"texte attendu, trouvé {shown}{hint}", False
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return "S003", f"nombre entier attendu, trouvé {shown}", False
    if kind == "bool_type":
        return "S003", f"true ou false attendu, trouvé {shown}", False
    if kind in {"date_type", "date_parsing", "date_from_datetime_parsing"}:
        return "S003", f"date attendue au format AAAA-MM-JJ, trouvé {shown}", False
    if kind == "literal_error":
        expected = str(item.get("ctx", {}).get("expected", ""))
        expected = expected.replace("'", "").replace(" or ", " ou ")
        return "S003", f"valeur {shown} non permise ; valeurs possibles : {expected}", False
    if kind == "list_type":
        return "S003", f"liste attendue, trouvé {shown}", False
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return "S003", f"table (clés et valeurs) attendue, trouvé {shown}", False
    if kind not in _PYDANTIC_ERRORS:  # raised by a model, with its French message
        return "S003", item["msg"], False
    return "S003", f"valeur {shown} invalide ({item['msg']})", False


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
