"""Shape errors and references are reported at the offending key or value."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.conftest import check_tree

CONVENTION = """\
    type: convention
    id: conv
    titre: Convention de test
    nature: convention pluriannuelle d'objectifs et de moyens
    parties:
      - organisation: etat
        representee_par: Monsieur le Préfet
      - organisation: asso
        representee_par: Madame la Présidente
    duree:
      debut: 2024-01-01
      fin: 2026-12-31
    financements:
      - financeur: etat
        beneficiaire: asso
        dispositif: mediation-sociale
        nature: subvention
        montant: 220000
        base: annuel
        annees: [2024]
    """


def with_line(line_no: int, new: str) -> str:
    lines = CONVENTION.splitlines()
    lines[line_no - 1] = new
    return "\n".join(lines) + "\n"


def test_valid_repository_has_no_findings(repo: Path) -> None:
    assert check_tree(repo, {"conv.yaml": CONVENTION}) == []


@pytest.mark.parametrize(
    ("line", "replacement", "expected"),
    [
        # a type error at line N is reported at line N
        (18, "        montant: 220000.505", [("S003", 18, 14)]),
        (18, "        montant: '220 000'", [("S003", 18, 14)]),
        (18, "        montant: 2.2e5", [("S003", 18, 14)]),
        (18, "        montant: yes", [("S003", 18, 14)]),
        (19, "        base: no", [("S003", 19, 11)]),
        (20, "        annees: [010]", [("S003", 20, 14)]),
        (11, "      debut: 2024-02-30", [("Y011", 11, 10)]),
        (11, "      debut: 21/12/2023", [("S003", 11, 10)]),
        (3, "    titre: 12", [("S003", 3, 8)]),
        # unknown key: at the key itself
        (4, "    natur: convention", [("S001", 1, 1), ("S002", 4, 1)]),
        # missing field: at the parent mapping
        (6, "      - organisatio: etat", [("S001", 6, 5), ("S002", 6, 5)]),
        (2, "    id: Conv 1", [("S003", 2, 5)]),
        (1, "    type: contrat", [("S004", 1, 7)]),
        # dangling reference: at the id
        (14, "      - financeur: etatt", [("R002", 14, 16)]),
    ],
)
def test_located(
    repo: Path, line: int, replacement: str, expected: list[tuple[str, int, int]]
) -> None:
    found = check_tree(repo, {"conv.yaml": with_line(line, replacement)})
    assert [f[1:] for f in found] == expected


def test_unknown_key_suggests_the_right_one(repo: Path) -> None:
    from mpdm_cli.validation import validate

    check_tree(repo, {"conv.yaml": with_line(4, "    natur: convention")})
    messages = [d.message for d in validate([repo]).diagnostics]
    assert "clé inconnue « natur » ; vouliez-vous dire « nature » ?" in messages


def test_duplicate_ids_across_files(repo: Path) -> None:
    found = check_tree(repo, {"a.yaml": CONVENTION, "b.yaml": CONVENTION})
    assert found == [("b.yaml", "R001", 2, 5)]


def test_person_ids_are_references(repo: Path) -> None:
    signature = "signature:\n  signataires:\n    - personne: inconnu\n      qualite: X\n"
    text = textwrap.dedent(CONVENTION) + signature
    found = check_tree(repo, {"conv.yaml": text})
    assert found == [("conv.yaml", "R002", 23, 17)]


def test_reference_to_a_broken_file_is_not_reported_twice(repo: Path) -> None:
    broken = "type: organisation\nid: autre\nnom: Autre\ncategorie: inconnue\n"
    text = with_line(14, "      - financeur: autre")
    found = check_tree(repo, {"conv.yaml": text, "autre.yaml": broken})
    assert found == [("autre.yaml", "S003", 4, 12)]


def test_siret_key_is_checked(repo: Path) -> None:
    base = "type: organisation\nid: o\nnom: O\ncategorie: association\n"
    assert check_tree(repo, {"o.yaml": base + "siret: '21210231700014'\n"}) == []
    found = check_tree(repo, {"o.yaml": base + "siret: '21210231700015'\n"})
    assert found == [("o.yaml", "S003", 5, 8)]
    found = check_tree(repo, {"o.yaml": base + "siret: 21210231700014\n"})
    assert found == [("o.yaml", "S003", 5, 8)]


def test_siret_la_poste_exception() -> None:
    from mpdm_cli.models.organisation import siret_is_valid

    # La Poste's establishments: the digit sum is a multiple of 5, not a Luhn key.
    assert siret_is_valid("35600000000001")
    assert not siret_is_valid("35600000000002")
    assert not siret_is_valid("2121023170001")
