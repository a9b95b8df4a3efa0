"""``mpdm schema``: committed schemas match the models; YAML files name their schema."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from mpdm_cli.cli import main
from mpdm_cli.loading import load_file
from mpdm_cli.models import DOCUMENT_TYPES
from mpdm_cli.repository import discover
from mpdm_cli.schemas import SCHEMA_LINE_PREFIX, render, schema_file_name, schema_line

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "tools" / "conventions"


@pytest.mark.parametrize("kind", list(DOCUMENT_TYPES))
def test_committed_schema_matches_the_models(kind: str) -> None:
    committed = (ROOT / "schemas" / schema_file_name(kind)).read_text(encoding="utf-8")
    assert committed == render(kind), "schémas périmés : lancez « mpdm schema »"


@pytest.mark.parametrize("kind", list(DOCUMENT_TYPES))
def test_schema_is_draft_07_with_french_descriptions(kind: str) -> None:
    schema = json.loads(render(kind))
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    text = json.dumps(schema)
    assert "$defs" not in text
    assert schema["properties"]["id"]["description"] == "Identifiant unique dans tout le dépôt."


def test_command_writes_every_kind(tmp_path: Path) -> None:
    assert main(["schema", "--output", str(tmp_path / "out")]) == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(schema_file_name(kind) for kind in DOCUMENT_TYPES)


def _as_editor_sees_it(value: Any) -> Any:
    """Dates are strings and amounts plain numbers to a YAML language server."""
    if isinstance(value, dict):
        return {k: _as_editor_sees_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees_it(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def _yaml_files(root: Path) -> list[Path]:
    return discover([root])[0] if root.is_dir() else []


@pytest.mark.parametrize("path", _yaml_files(FIXTURES), ids=lambda p: p.name)
def test_valid_documents_satisfy_their_schema(path: Path) -> None:
    data = load_file(path).data
    schema = json.loads(render(data["type"]))
    jsonschema.Draft7Validator(schema).validate(_as_editor_sees_it(data))


@pytest.mark.parametrize("root", [ROOT / "conventions", FIXTURES], ids=["conventions", "fixtures"])
def test_every_yaml_file_names_its_schema_on_its_first_line(root: Path) -> None:
    problems = []
    for path in _yaml_files(root):
        data = load_file(path).data
        kind = data.get("type") if isinstance(data, dict) else None
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        if kind not in DOCUMENT_TYPES:
            problems.append(f"{path}: type inconnu")
        elif first != schema_line(path, kind, ROOT):
            problems.append(f"{path}: première ligne {first!r}")
    assert not problems, "\n".join(problems)


def test_schema_line_is_relative_to_the_file(tmp_path: Path) -> None:
    line = schema_line(tmp_path / "conventions" / "avenants" / "a.yaml", "avenant", tmp_path)
    assert line == SCHEMA_LINE_PREFIX + "../../schemas/avenant.schema.json"


def test_an_output_that_cannot_be_written_is_a_located_error_not_an_internal_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocking = tmp_path / "fichier"
    blocking.write_text("")
    assert main(["schema", "--output", str(blocking / "schemas")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"mpdm : écriture impossible dans {blocking / 'schemas'} : ")
    assert "erreur interne" not in err
