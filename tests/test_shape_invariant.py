"""Nothing malformed passes, nothing is lost: the shipped acts with values retyped.

Hypothesis changes the type of values at random paths of one shipped act (a scalar into a
list, a table or null and back, numbers into text and text into numbers, dates into text)
and runs ``mpdm validate`` on the whole copy of ``conventions/``. Whatever the change:

- every file is counted, and is either a valid document or has at least one error (one
  file is changed, so the count of valid documents tells which);
- the summary's counts are those of the diagnostics listed;
- exit 0 only without errors, 1 with errors, never an internal error;
- every message is French (no pydantic text).

``DEFAULT_EXAMPLES`` examples by default (a few seconds); ``MPDM_SHAPE_EXAMPLES`` sets the
number for a long run (see the README).
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mpdm_cli.cli import main
from mpdm_cli.pipeline.loading import KeyPath, LoadedFile, load_file
from mpdm_cli.pipeline.repository import discover
from mpdm_cli.pipeline.shape import _ALL_KEYS

SHIPPED = Path(__file__).resolve().parents[1] / "conventions"
FILES = discover([SHIPPED])[0]
DEFAULT_EXAMPLES = 120
EXAMPLES = int(os.environ.get("MPDM_SHAPE_EXAMPLES", DEFAULT_EXAMPLES))

# Words of pydantic's own messages: none may reach a user.
ENGLISH = re.compile(
    r"\b(?:Input|should|valid|must|required|instance|Value error|Extra inputs|permitted)\b"
)


class _Dumper(yaml.SafeDumper):
    """Writes the loader's values back: exact decimals, and every repeat written out."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_Dumper.add_representer(
    Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:float", str(value))
)


def _paths(node: Any, path: KeyPath = ()) -> Iterator[KeyPath]:
    """Every value's path, the document itself excluded."""
    if path:
        yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


def _retyped(value: Any, how: str, key: str) -> Any:
    """``value`` with its type changed ``how``."""
    if how == "liste":
        return [value]
    if how == "liste de deux":
        return [value, value]
    if how == "table":
        return {key: value}
    if how == "null":
        return None
    if how == "premier élément" and isinstance(value, list | dict) and value:
        return next(iter(value.values())) if isinstance(value, dict) else value[0]
    if how == "texte":
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value) if not isinstance(value, list | dict) else "x"
    if how == "nombre":
        if isinstance(value, str) and value.strip().isdigit():
            return int(value)
        return 0 if isinstance(value, str) else 1
    if how == "décimal":
        return Decimal("1.5")
    if how == "booléen":
        return True
    return value


HOW = (
    "liste",
    "liste de deux",
    "table",
    "null",
    "premier élément",
    "texte",
    "nombre",
    "décimal",
    "booléen",
)


@dataclass(frozen=True)
class Mutation:
    file: Path
    text: str
    changes: tuple[tuple[KeyPath, str], ...]

    def __repr__(self) -> str:  # what a failing example shows: the file and the changes
        return f"Mutation({self.file.name}, {self.changes})"


@functools.cache
def _shipped(file: Path) -> Any:
    return load_file(file).data


@st.composite
def mutations(draw: st.DrawFn) -> Mutation:
    file = draw(st.sampled_from(FILES))
    data = copy.deepcopy(_shipped(file))
    changes = []
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(data))
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        how = draw(st.sampled_from(HOW))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = _retyped(parent[path[-1]], how, draw(st.sampled_from(_ALL_KEYS)))
        changes.append((path, how))
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)
    return Mutation(file, text, tuple(changes))


@pytest.fixture(scope="module")
def acts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("actes") / "conventions"
    shutil.copytree(SHIPPED, target)
    return target


def _validate(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any], str]:
    capsys.readouterr()
    code = main(["validate", "--format", "json", str(root)])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out else {}, err


def test_the_shipped_acts_are_all_valid(acts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report, _ = _validate(acts, capsys)
    assert (code, report["resume"]["fichiers"], report["resume"]["documents"]) == (0, 14, 14)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutation=mutations())
def test_every_document_is_valid_or_has_an_error(
    mutation: Mutation, acts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = acts / mutation.file.relative_to(SHIPPED)
    original = target.read_text(encoding="utf-8")
    target.write_text(mutation.text, encoding="utf-8")
    try:
        code, report, err = _validate(acts, capsys)
    finally:
        target.write_text(original, encoding="utf-8")
    assert err == "" and code in (0, 1), (code, err, mutation.changes)
    summary = report["resume"]
    diagnostics = report["diagnostics"]
    failing = [d for d in diagnostics if d["acceptee"] is None]
    errors = [d for d in failing if d["gravite"] == "erreur"]
    # Every file is counted; the one changed is a valid document or has an error.
    assert summary["fichiers"] == len(FILES)
    changed_has_error = any(d["fichier"] == str(target) for d in errors)
    assert summary["documents"] in (len(FILES), len(FILES) - 1)
    if summary["documents"] < len(FILES):
        assert changed_has_error, mutation.changes
    # The counts are those of the diagnostics listed; exit 0 only without errors.
    assert summary["erreurs"] == len(errors)
    assert summary["avertissements"] == len(failing) - len(errors)
    assert summary["acceptees"] == len(diagnostics) - len(failing)
    assert code == (1 if errors else 0)
    for diagnostic in diagnostics:
        assert not ENGLISH.search(diagnostic["message"]), diagnostic["message"]


def test_a_file_dropped_without_an_error_is_an_internal_error(
    acts: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pipeline's own guard: were shape to lose a document's errors again, the run
    would stop with exit 3, never say "0 erreurs"."""
    from mpdm_cli.pipeline.shape import validate_shape

    def losing_errors(loaded: LoadedFile) -> Any:
        document, problems = validate_shape(loaded)
        return (None, []) if loaded.path.endswith("etat.yaml") else (document, problems)

    monkeypatch.setattr("mpdm_cli.pipeline.validation.validate_shape", losing_errors)
    code, _, err = _validate(acts, capsys)
    assert code == 3
    assert "etat.yaml : ni document ni erreur" in err


def test_readme_documents_the_long_run() -> None:
    readme = (SHIPPED.parent / "README.md").read_text(encoding="utf-8")
    assert "MPDM_SHAPE_EXAMPLES=" in readme
