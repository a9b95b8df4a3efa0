"""Every rule against its fixtures: the exact (file, line, code) set written as comments.

Each ``tests/fixtures/rules/<CODE>/declenche`` and ``…/conforme`` folder is a small repository,
loaded together with ``_commun`` (organisations and people). A line that must be reported
carries ``# attendu: CODE`` (several codes separated by spaces); a ``conforme`` folder has none.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from mpdm_cli.checks import RULES
from mpdm_cli.pipeline.validation import validate

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
COMMON = FIXTURES / "_commun"
KINDS = ("declenche", "conforme")
_MARKER = re.compile(r"#\s*attendu\s*:\s*([A-Z0-9 ]+?)\s*$")

Found = set[tuple[str, int, str]]


def _cases() -> list[Path]:
    return [
        folder / kind
        for folder in sorted(FIXTURES.iterdir())
        if folder.is_dir() and not folder.name.startswith("_")
        for kind in KINDS
        if (folder / kind).is_dir()
    ]


def _relative(path: str | Path) -> str:
    return Path(os.path.relpath(path, FIXTURES)).as_posix()


def expected(case: Path) -> Found:
    """The (file, line, code) triples that the ``# attendu:`` comments announce."""
    found: Found = set()
    for path in sorted(case.rglob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = _MARKER.search(line)
            if match:
                found.update((_relative(path), number, code) for code in match.group(1).split())
    return found


def reported(case: Path) -> Found:
    """What validation reports (acknowledged findings excepted) for the case and _commun."""
    outcome = validate([COMMON, case])
    return {
        (_relative(d.location.file), d.location.line, d.code)
        for d in outcome.diagnostics
        if d.fails
    }


@pytest.mark.parametrize("case", _cases(), ids=lambda case: f"{case.parent.name}-{case.name}")
def test_rule_fixture(case: Path) -> None:
    wanted = expected(case)
    if case.name == "declenche":
        assert case.parent.name in {code for _, _, code in wanted}, "aucun marqueur attendu"
    else:
        assert not wanted, "un cas conforme n'annonce aucun diagnostic"
    assert reported(case) == wanted


def test_common_fixtures_are_clean() -> None:
    assert reported(COMMON) == set()


def test_registry_is_complete() -> None:
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes)), "codes en double"
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names)), "noms en double"
    for rule in RULES:
        assert re.fullmatch(r"[ABDPRV][0-9]{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.name), rule.name
        assert rule.summary.endswith("."), (
            f"{rule.code} : énoncé sur une ligne, terminé par un point"
        )
        assert "Exemple" in rule.documentation, f"{rule.code} : docstring sans exemple"
        for kind in KINDS:
            assert (FIXTURES / rule.code / kind).is_dir(), f"{rule.code} : pas de cas {kind}"
    folders = {f.name for f in FIXTURES.iterdir() if f.is_dir() and not f.name.startswith("_")}
    assert folders <= set(codes), f"dossiers sans règle : {sorted(folders - set(codes))}"
