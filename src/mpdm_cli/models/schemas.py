"""JSON Schemas (draft-07) of each document kind, generated from the models, for editors."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from mpdm_cli.models import DOCUMENT_TYPES

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
SCHEMA_DIR = "schemas"


def schema_file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def json_schema(kind: str) -> dict[str, Any]:
    """The draft-07 schema of one document kind, with the models' French field descriptions."""
    model = DOCUMENT_TYPES[kind]
    raw = model.model_json_schema(by_alias=True, mode="validation")
    converted = _convert(raw)
    definitions = converted.pop("$defs", {})
    schema: dict[str, Any] = {
        "$schema": DRAFT_07,
        "title": f"mpdm : {model.kind_title}",
    }
    schema.update(converted)
    if definitions:
        schema["definitions"] = definitions
    return schema


def _convert(node: Any, in_properties: bool = False) -> Any:
    """Draft 2020-12 → draft-07: ``$defs`` → ``definitions``, ``$ref`` without siblings.

    Class docstrings (English, for developers) and generated titles are dropped: an editor
    shows the French field descriptions instead.
    """
    if isinstance(node, list):
        return [_convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    if in_properties:
        return {key: _convert(value) for key, value in node.items()}
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key == "title" or (key == "description" and "properties" in node):
            continue
        if key == "$ref" and isinstance(value, str):
            value = value.replace("#/$defs/", "#/definitions/")
        result[key] = _convert(value, in_properties=key in {"properties", "$defs"})
    if "const" in result and result.get("enum") == [result["const"]]:
        # Older pydantic releases write a one-value Literal both ways: the same schema.
        del result["enum"]
    if "$ref" in result and len(result) > 1:
        # Draft-07 ignores the siblings of $ref; allOf keeps the description visible.
        result = {"allOf": [{"$ref": result.pop("$ref")}], **result}
    return result


def render(kind: str) -> str:
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"


def write_all(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in DOCUMENT_TYPES:
        path = directory / schema_file_name(kind)
        path.write_text(render(kind), encoding="utf-8")
        written.append(path)
    return written


SCHEMA_LINE_PREFIX = "# yaml-language-server: $schema="


def schema_line(file: Path, kind: str, root: Path) -> str:
    """The first line that tells an editor which schema ``file`` (under ``root``) follows."""
    target = root.resolve() / SCHEMA_DIR / schema_file_name(kind)
    relative = os.path.relpath(target, file.resolve().parent)
    return SCHEMA_LINE_PREFIX + Path(relative).as_posix()
