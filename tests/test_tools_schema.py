"""``mpdm schema``: committed schemas match the models; YAML files name their schema."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from mpdm_cli.cli import main
from mpdm_cli.models import DOCUMENT_TYPES
from mpdm_cli.models.schemas import SCHEMA_LINE_PREFIX, render, schema_file_name, schema_line
from mpdm_cli.pipeline.loading import load_file
from mpdm_cli.pipeline.repository import discover

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


@pytest.mark.parametrize("kind", list(DOCUMENT_TYPES))
def test_every_kind_declares_its_french_names(kind: str) -> None:
    """Declared on the kind's own class: a new kind cannot inherit another's, or none."""
    model = DOCUMENT_TYPES[kind]
    assert isinstance(vars(model).get("kind_label"), str) and model.kind_label
    assert isinstance(vars(model).get("kind_title"), str) and model.kind_title
    assert json.loads(render(kind))["title"] == f"mpdm : {model.kind_title}"
    assert "kind_label" not in model.model_fields


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


def _exact_multiple_of(
    validator: Any, multiple: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[jsonschema.ValidationError]:
    if validator.is_type(instance, "number") and Fraction(str(instance)) % Fraction(str(multiple)):
        yield jsonschema.ValidationError(f"{instance} n'est pas un multiple de {multiple}")


# Editors (vscode-json-languageservice, under yaml-language-server) compare decimals
# exactly; the jsonschema library divides floats, and 0.07 / 0.01 is not 7 there.
EditorValidator = jsonschema.validators.extend(
    jsonschema.Draft7Validator, {"multipleOf": _exact_multiple_of}
)


def _editor_problems(data: Any) -> list[str]:
    """What an editor underlines in ``data``, by the committed schema of its type."""
    schema = json.loads((ROOT / "schemas" / schema_file_name(data["type"])).read_text("utf-8"))
    validator = EditorValidator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return [error.message for error in validator.iter_errors(_as_editor_sees_it(data))]


@pytest.mark.parametrize(
    "path", _yaml_files(FIXTURES) + _yaml_files(ROOT / "conventions"), ids=lambda p: p.name
)
def test_valid_documents_satisfy_their_schema(path: Path) -> None:
    assert _editor_problems(load_file(path).data) == []


CONVENTION = "conventions/cpom-mpdm-2024-2026.yaml"


@pytest.mark.parametrize(
    ("file", "line", "replacement"),
    [
        (CONVENTION, "    montant: 220000", "    montant: 120000.001"),
        (CONVENTION, "    montant: 220000", "    montant: -5"),
        (CONVENTION, "    montant: 220000", "    montant: 0"),
        (CONVENTION, "  debut: 2024-01-01", "  debut: 2030-02-30"),
        (CONVENTION, "  debut: 2024-01-01", "  debut: 1899-01-01"),
        (CONVENTION, "  debut: 2024-01-01", "  debut: 1899"),
        (CONVENTION, "  debut: 2024-01-01", "  debut: 2024-13"),
        (CONVENTION, "    annees: [2024, 2025, 2026]", "    annees: [2024, 20025]"),
        (CONVENTION, "id: cpom-mpdm-2024-2026", 'id: "Bad Id"'),
        (CONVENTION, "id: cpom-mpdm-2024-2026", 'id: "cpom-mpdm-2024-2026 "'),
        (CONVENTION, "  - financeur: dijon-metropole", '  - financeur: "mpdm "'),
        (CONVENTION, "  - financeur: dijon-metropole", "  - financeur: Dijon Métropole"),
        (CONVENTION, "  - numero: 1", '  - numero: "8 bis bis"'),
        (CONVENTION, "  - numero: 1", "  - numero: 0"),
        ("organisations/mpdm.yaml", 'siret: "80000000200017"', 'siret: "8000000020001"'),
        ("avenants/cpom-mpdm-2024-2026-avenant-1.yaml", 'numero: "1-2025"', 'numero: "un"'),
    ],
)
def test_editor_and_validate_refuse_the_same_values(
    tmp_path: Path, file: str, line: str, replacement: str
) -> None:
    """The editor underlines what ``mpdm validate`` refuses, at the same line."""
    from mpdm_cli.pipeline.validation import validate

    acts = tmp_path / "conventions"
    shutil.copytree(FIXTURES, acts)
    target = acts / file
    text = target.read_text(encoding="utf-8")
    assert f"\n{line}\n" in text
    target.write_text(text.replace(f"\n{line}\n", f"\n{replacement}\n", 1), encoding="utf-8")
    number = text[: text.index(f"\n{line}\n")].count("\n") + 2
    assert _editor_problems(load_file(target).data) != []
    refused = [
        d
        for d in validate([acts]).diagnostics
        if d.fails and d.severity.value == "erreur" and d.location.file == str(target)
    ]
    assert number in [d.location.line for d in refused], [str(d) for d in refused]


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
