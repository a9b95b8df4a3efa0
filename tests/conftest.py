"""Shared helpers for the tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from mpdm_cli.pipeline.validation import Outcome, selected_rules, validate

REPO_ROOT = Path(__file__).resolve().parent.parent

# A minimal valid repository the foundation tests add documents to.
BASE_FILES = {
    "personnes.yaml": """\
        type: personnes
        id: personnes
        personnes:
          - id: jeanne-martin
            civilite: Madame
            prenom: Jeanne
            nom: MARTIN
        """,
    "etat.yaml": """\
        type: organisation
        id: etat
        nom: État
        categorie: etat
        """,
    "asso.yaml": """\
        type: organisation
        id: asso
        nom: Association
        categorie: association
        representants:
          - personne: jeanne-martin
            fonction: Présidente
        """,
}


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_tree(tmp_path, BASE_FILES)


def findings(outcome: Outcome) -> list[tuple[str, str, int, int]]:
    """(file name, code, line, column) of every diagnostic."""
    return [
        (Path(d.location.file).name, d.code, d.location.line, d.location.column)
        for d in outcome.diagnostics
    ]


def check_tree(root: Path, files: dict[str, str]) -> list[tuple[str, str, int, int]]:
    """Shape and reference findings only: the other rules have their own fixtures."""
    write_tree(root, files)
    return findings(validate([root], selected_rules(("R",))))
