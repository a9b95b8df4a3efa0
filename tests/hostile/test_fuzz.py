"""Property-based tests: whatever the input, ``mpdm validate`` answers 0, 1 or 2, never 3.

Four generators: YAML-like documents built from tricky tokens; the seed act with its data
mutated (keys deleted, renamed, retyped, lists duplicated) and dumped back; the seed act's
text mutated (lines deleted, duplicated, re-indented, values replaced, text truncated,
random bytes inserted); and raw random bytes.

Each property runs ``DEFAULT_EXAMPLES`` examples (the whole module takes about 20 s on
2 cores); set ``MPDM_FUZZ_EXAMPLES`` for a long run (see the README).
"""

from __future__ import annotations

import copy
import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mpdm_cli.models import DOCUMENT_TYPES
from mpdm_cli.pipeline.shape import _ALL_KEYS
from tests.hostile.conftest import BASE, HERE, SEED, Mpdm, Run

DEFAULT_EXAMPLES = 120
EXAMPLES = int(os.environ.get("MPDM_FUZZ_EXAMPLES", DEFAULT_EXAMPLES))

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # the input file is rewritten every example
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# Scalars that trip YAML 1.1 loaders, number parsers, date parsers or terminals.
TRICKY = (
    "yes", "no", "on", "off", "y", "n", "Yes", "NO", "~", "null", "true", "False", "",
    "010", "0x1F", "0o17", "1_000", "+5", "-0", "1:30", "12:30:45", "1e3", "1.0e3", ".5",
    "5.", ".nan", ".NaN", "-.inf", "1.005", "220 000", "1,5", "220000 €", "9" * 30,
    "1" * 5000, "2023-02-30", "2023-1-1", "21/12/2023", "2023-01-01T10:00:00",
    "2023-01-01 10:00:00", "0000-01-01", "9999-12-31", "'quoted'", '"dq \\u00e9 \\e \\0"',
    "'it''s'", '"unterminated', "'unterminated", "|", "|-\n  bloc\n  de texte", ">",
    "&a x", "*a", "&a", "*", "!!binary aGk=", "!!python/object:os.system x",
    "!!python/object/apply:os.system ['id']", "!custom v", "!!set {a, b}", "!!omap [a: 1]",
    "!!timestamp 2023-01-01T10:00:00", "!!int 010", "!!float 1e3", "!!str 12", "!<tag:x> 1",
    "[a, b]", "{a: 1}", "[", "{", "]", "}", "[[[[[[", "- x", ": x", "? x", "#commentaire",
    "@x", "`x`", "%YAML 1.1", "---", "...", "a: b: c", "\t", "é", "Île-de-France",
    "\u200b", "\u202e", "\u2028", "\u0085", "\ufeff", "\U0001f600", "ville/dijon",
    "../../etc/passwd", "ville-de-dijon", "metropole", "asso", "mediateurs", "1er", "8 bis",
    "x" * 300,
)  # fmt: skip
KEYS = (*_ALL_KEYS, "<<", "1", "null", "true", "[a]", "? {a: 1}", "clé inconnue", "Type", "")

scalars = st.one_of(
    st.sampled_from(TRICKY),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.text(max_size=30),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(min_size=1, max_size=12))


def _tree(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.lists(children, max_size=4),
        st.lists(st.tuples(keys, children), max_size=6),
    )


trees = st.recursive(scalars, _tree, max_leaves=40)


def render(node: Any, indent: int, step: int) -> list[str]:
    """Block-style YAML-ish lines for a tree of (key, value) lists, lists and raw scalars."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(node, str):
        return [pad + node]
    for item in node:
        if isinstance(item, tuple):
            key, value = item
            if isinstance(value, str):
                lines.append(f"{pad}{key}: {value}")
            else:
                lines.append(f"{pad}{key}:")
                lines.extend(render(value, indent + step, step))
        elif isinstance(item, str):
            lines.append(f"{pad}- {item}")
        else:
            lines.append(f"{pad}-")
            lines.extend(render(item, indent + step, step))
    return lines


@st.composite
def yaml_like_documents(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from([*DOCUMENT_TYPES, "inconnu"]))
    body = draw(st.lists(st.tuples(keys, trees), max_size=8))
    step = draw(st.sampled_from([2, 2, 2, 1, 3, 4]))
    lines = [f"type: {kind}", f"id: {draw(st.sampled_from(TRICKY[-8:]))}"]
    lines += render(body, 0, step)
    if draw(st.booleans()):
        lines.insert(draw(st.integers(0, len(lines))), "---")
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\r\n"]))


# --- data mutations of the seed act -----------------------------------------------------

SEED_DATA = yaml.safe_load(SEED)

values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(allow_nan=True, allow_infinity=True),
        st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
        st.text(max_size=40),
        st.sampled_from(TRICKY),
        st.dates(min_value=dt.date(1, 1, 1)),
        st.sampled_from(["x" * 100_000, "\x00\x1b\u202e", "ville-de-dijon"]),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), children, max_size=4),
    ),
    max_leaves=12,
)


def _containers(node: Any, found: list[Any]) -> list[Any]:
    if isinstance(node, dict | list):
        found.append(node)
        for child in node.values() if isinstance(node, dict) else node:
            _containers(child, found)
    return found


@st.composite
def mutated_seed_data(draw: st.DrawFn) -> str:
    data = yaml.safe_load(SEED)
    for _ in range(draw(st.integers(1, 6))):
        containers = _containers(data, [])
        target = draw(st.sampled_from(containers))
        keys_or_indexes = list(target) if isinstance(target, dict) else list(range(len(target)))
        if not keys_or_indexes:
            continue
        where = draw(st.sampled_from(keys_or_indexes))
        operation = draw(st.sampled_from(["delete", "retype", "rename", "duplicate", "move"]))
        if operation == "delete":
            del target[where]
        elif operation == "retype":
            target[where] = draw(values)
        elif operation == "rename" and isinstance(target, dict):
            target[draw(st.sampled_from(KEYS))] = target.pop(where)
        elif operation == "duplicate" and isinstance(target, list):
            target.append(target[where])  # the dumper writes an anchor and an alias
        elif operation == "move":
            other = draw(st.sampled_from(containers))
            moved = copy.deepcopy(target[where])  # a copy: never a cycle
            if isinstance(other, dict):
                other[draw(st.sampled_from(KEYS))] = moved
            else:
                other.append(moved)
            del target[where]
    text: str = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
    return text


# --- text mutations of the seed act -----------------------------------------------------


@st.composite
def mutated_seed_bytes(draw: st.DrawFn) -> bytes:
    lines = SEED.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.sampled_from(["delete", "duplicate", "indent", "value", "swap", "key"]))
        line = lines[index]
        if operation == "delete":
            del lines[index]
        elif operation == "duplicate":
            lines.insert(index, line)
        elif operation == "indent":
            shift = draw(st.integers(-4, 4))
            stripped = line.lstrip(" ")
            lines[index] = " " * max(0, len(line) - len(stripped) + shift) + stripped
        elif operation == "value" and ":" in line:
            head = line.split(":", 1)[0]
            lines[index] = f"{head}: {draw(scalars)}\n"
        elif operation == "key" and ":" in line:
            indent = line[: len(line) - len(line.lstrip(" -"))]
            lines[index] = f"{indent}{draw(keys)}:{line.split(':', 1)[1]}"
        elif operation == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
    raw = "".join(lines).encode()
    if draw(st.booleans()):
        raw = raw[: draw(st.integers(0, len(raw)))]
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    return raw


# --- the properties ---------------------------------------------------------------------


def check(run: Run, target: Path) -> None:
    """Exit code 0/1/2, never an internal error, and consistent with the report."""
    assert run.err == "", run.err
    assert run.code in (0, 1, 2)
    report = run.report
    unreadable = report["introuvables"] or any(d["code"] == "Y009" for d in report["diagnostics"])
    expected = 2 if unreadable else 1 if report["resume"]["erreurs"] else 0
    assert run.code == expected
    for diagnostic in report["diagnostics"]:
        assert diagnostic["ligne"] >= 1 and diagnostic["colonne"] >= 1
        assert diagnostic["message"] and len(diagnostic["message"]) < 2000
    assert run.found(BASE) == []
    assert all(d["fichier"] == str(target) for d in report["diagnostics"])


@pytest.fixture
def target(tmp_path: Path) -> Path:
    return tmp_path / "acte.yaml"


@FUZZ
@given(text=yaml_like_documents())
def test_yaml_like_documents(text: str, target: Path, mpdm: Mpdm) -> None:
    target.write_text(text, encoding="utf-8", newline="")
    check(mpdm(BASE, target), target)


@FUZZ
@given(text=mutated_seed_data())
def test_mutated_seed_data(text: str, target: Path, mpdm: Mpdm) -> None:
    target.write_text(text, encoding="utf-8")
    check(mpdm(BASE, target), target)


@FUZZ
@given(raw=mutated_seed_bytes())
def test_mutated_seed_text(raw: bytes, target: Path, mpdm: Mpdm) -> None:
    target.write_bytes(raw)
    check(mpdm(BASE, target), target)


@FUZZ
@given(raw=st.binary(max_size=3000))
def test_random_bytes(raw: bytes, target: Path, mpdm: Mpdm) -> None:
    target.write_bytes(raw)
    check(mpdm(BASE, target), target)


def test_seed_data_round_trips_cleanly(target: Path, mpdm: Mpdm) -> None:
    """The mutations start from a valid act: dumped unchanged, it still validates."""
    assert isinstance(SEED_DATA, dict) and SEED_DATA["type"] == "convention"
    target.write_text(yaml.safe_dump(SEED_DATA, allow_unicode=True, sort_keys=False))
    run = mpdm(BASE, target)
    assert (run.code, run.report["resume"]["erreurs"]) == (0, 0)


def test_readme_documents_the_long_run() -> None:
    readme = (HERE.parent.parent / "README.md").read_text(encoding="utf-8")
    assert "MPDM_FUZZ_EXAMPLES" in readme
