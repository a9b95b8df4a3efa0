"""Shape errors and references are reported at the offending key or value."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from mpdm_cli.pipeline.validation import selected_rules
from tests.conftest import check_tree, write_tree

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
    from mpdm_cli.pipeline.validation import validate

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


ORGANISATION = "type: organisation\nid: o\nnom: O\ncategorie: association\n"


@pytest.mark.parametrize(
    "siret",
    [
        "40287922500033",
        "402 879 225 00033",  # as acts print it
        "402 879 225 000 33",
        "402\u00a0879\u00a0225\u00a000033",  # non-breaking spaces, from a word processor
        "35600000000048",  # La Poste's head office: a Luhn key
        "35600000000001",  # another La Poste establishment: digit sum divisible by 5
    ],
)
def test_siret_accepted(repo: Path, siret: str) -> None:
    assert check_tree(repo, {"o.yaml": ORGANISATION + f'siret: "{siret}"\n'}) == []


def test_siret_is_kept_as_its_14_digits(repo: Path) -> None:
    from mpdm_cli.models import Organisation
    from mpdm_cli.pipeline.validation import validate

    write_tree(repo, {"o.yaml": ORGANISATION + 'siret: "402 879 225 000 33"\n'})
    outcome = validate([repo])
    organisation = outcome.repository.find("organisation", "o")
    assert organisation is not None and isinstance(organisation.document, Organisation)
    assert organisation.document.siret == "40287922500033"


@pytest.mark.parametrize(
    ("siret", "message"),
    [
        (
            "'21210231700014'",  # Luhn-valid as 14 digits, but its SIREN's key is wrong
            "SIRET « 21210231700014 » invalide : la clé de contrôle du SIREN (ses 9 premiers"
            " chiffres, 212102317) est fausse ; un chiffre est mal recopié ?",
        ),
        (
            "'40287922500034'",
            "SIRET « 40287922500034 » invalide : la clé de contrôle est fausse ; un chiffre"
            " est mal recopié ?",
        ),
        (
            "'35600000000002'",
            "SIRET « 35600000000002 » invalide : la clé de contrôle est"
            " fausse ; un chiffre est mal recopié ?",
        ),
        (
            "'402 879 225 0003'",
            "SIRET « 402 879 225 0003 » invalide : 14 chiffres attendus, il en a 13",
        ),
        (
            "'402-879-225-00033'",
            "SIRET « 402-879-225-00033 » invalide : 14 chiffres attendus, rien d'autre"
            " (des espaces entre les chiffres sont acceptées)",
        ),
        (
            "40287922500033",
            "texte attendu, trouvé « 40287922500033 » (mettez-la entre guillemets)",
        ),
    ],
)
def test_siret_refused_with_the_reason(repo: Path, siret: str, message: str) -> None:
    write_tree(repo, {"o.yaml": ORGANISATION + f"siret: {siret}\n"})
    assert _shape_messages(repo) == [("S003", 5, 8, message)]


def _shape_messages(repo: Path) -> list[tuple[str, int, int, str]]:
    from mpdm_cli.pipeline.validation import validate

    return [
        (d.code, d.location.line, d.location.column, d.message)
        for d in validate([repo], selected_rules(("R",))).diagnostics
    ]


@pytest.mark.parametrize(
    ("line", "replacement", "expected"),
    [
        # A list or a table where one value belongs: an error at that value, never a
        # document dropped without one (it was "13 documents valides, 0 erreurs").
        (
            15,
            "        beneficiaire: [asso, etat]",
            (
                "S003",
                15,
                19,
                "identifiant attendu, trouvé une liste ; une seule valeur est permise ici",
            ),
        ),
        (
            14,
            "      - financeur: [etat]",
            (
                "S003",
                14,
                16,
                "identifiant attendu, trouvé une liste ; une seule valeur est permise ici",
            ),
        ),
        (
            6,
            "      - organisation: {id: etat}",
            ("S003", 6, 19, "identifiant attendu, trouvé une table"),
        ),
        (
            3,
            "    titre: [a, b]",
            ("S003", 3, 8, "texte attendu, trouvé une liste ; une seule valeur est permise ici"),
        ),
        (
            18,
            "        montant: [120000]",
            (
                "S003",
                18,
                14,
                "montant en euros attendu (un nombre sans guillemets, par exemple"
                " 220000 ou 1066.50), trouvé une liste",
            ),
        ),
        (
            18,
            "        montant: ~",
            (
                "S003",
                18,
                14,
                "montant en euros attendu (un nombre sans guillemets, par exemple"
                " 220000 ou 1066.50), trouvé une valeur vide",
            ),
        ),
        (
            17,
            "        nature: [subvention]",
            (
                "S003",
                17,
                13,
                "une valeur parmi subvention, cotisation ou dotation attendue,"
                " trouvé une liste ; une seule valeur est permise ici",
            ),
        ),
        (
            20,
            "        annees: 2024",
            ("S003", 20, 13, "liste attendue, trouvé « 2024 »"),
        ),
        (
            20,
            "        annees: ['2024']",
            ("S003", 20, 14, "nombre entier attendu, trouvé « 2024 » (enlevez les guillemets)"),
        ),
        # Spaces around an id are named as such.
        (
            15,
            "        beneficiaire: 'asso '",
            ("S003", 15, 19, "identifiant « asso  » : espace en fin d'identifiant, à supprimer"),
        ),
        (
            2,
            "    id: ' conv'",
            ("S003", 2, 5, "identifiant «  conv » : espace en début d'identifiant, à supprimer"),
        ),
        # A quoted date is text to YAML: the message says to remove the quotes.
        (
            11,
            '      debut: "2024-01-15"',
            (
                "S003",
                11,
                10,
                "date « 2024-01-15 » écrite entre guillemets : enlevez les"
                " guillemets (une date s'écrit AAAA-MM-JJ, sans guillemets)",
            ),
        ),
        # Years, months and days outside 1900–2200 are typos.
        (
            11,
            "      debut: 1899-01-01",
            (
                "S003",
                11,
                10,
                "date 1899-01-01 invraisemblable : l'année doit être comprise entre 1900 et 2200",
            ),
        ),
        (
            11,
            "      debut: 1899",
            (
                "S003",
                11,
                10,
                "année 1899 invraisemblable : l'année doit être comprise entre 1900 et 2200",
            ),
        ),
        (
            20,
            "        annees: [20224]",
            (
                "S003",
                20,
                14,
                "année 20224 invraisemblable : l'année doit être comprise entre 1900 et 2200",
            ),
        ),
        (
            11,
            "      debut: [2024]",
            (
                "S003",
                11,
                10,
                "date (AAAA-MM-JJ), mois (AAAA-MM) ou année (AAAA) attendu, trouvé une liste",
            ),
        ),
        (
            1,
            "    type: [convention]",
            (
                "S004",
                1,
                7,
                "type de document attendu, trouvé une liste ; types possibles :"
                " organisation, personnes, convention, avenant, deliberation, calendrier",
            ),
        ),
    ],
)
def test_refused_value_is_told_in_french_where_it_is(
    repo: Path, line: int, replacement: str, expected: tuple[str, int, int, str]
) -> None:
    write_tree(repo, {"conv.yaml": with_line(line, replacement)})
    assert _shape_messages(repo) == [expected]


@pytest.mark.parametrize(
    ("start", "end"),
    [("2024", "2026"), ("'2024'", "'2026'"), ("2024-01", "2026-12"), ("'2024-01'", "'2026-12'")],
)
def test_period_years_and_months_are_read_with_or_without_quotes(
    repo: Path, start: str, end: str
) -> None:
    from mpdm_cli.models import Convention
    from mpdm_cli.pipeline.validation import validate

    text = with_line(11, f"      debut: {start}")
    text = "\n".join(
        f"      fin: {end}" if i == 11 else row for i, row in enumerate(text.splitlines())
    )
    write_tree(repo, {"conv.yaml": text + "\n"})
    outcome = validate([repo], selected_rules(("R", "D001")))
    assert [str(d) for d in outcome.diagnostics] == []
    entry = outcome.repository.find("convention", "conv")
    assert entry is not None and isinstance(entry.document, Convention)
    term = entry.document.term
    assert term is not None
    assert (term.first_day.isoformat(), term.last_day.isoformat()) == ("2024-01-01", "2026-12-31")


def test_a_list_where_one_value_belongs_is_never_a_silent_pass(repo: Path) -> None:
    """The issue's case: the file is counted, has an error, and the run fails."""
    from mpdm_cli.cli import main

    write_tree(repo, {"conv.yaml": with_line(15, "        beneficiaire: [asso, etat]")})
    assert main(["validate", str(repo)]) == 1


@pytest.mark.parametrize(
    ("line", "replacement", "message"),
    [
        (
            14,
            "      - financeur: etatt",
            "organisation « etatt » introuvable ; vouliez-vous dire « etat » ?",
        ),
        (
            14,
            "      - financeur: ass",
            "organisation « ass » introuvable ; vouliez-vous dire « asso » ?",
        ),
        (14, "      - financeur: prefecture", "organisation « prefecture » introuvable"),
        (
            14,
            "      - financeur: jeanne-martin",
            "organisation « jeanne-martin » introuvable (c'est un identifiant de personne)",
        ),
    ],
)
def test_unknown_reference_names_the_closest_declared_ids(
    repo: Path, line: int, replacement: str, message: str
) -> None:
    write_tree(repo, {"conv.yaml": with_line(line, replacement)})
    assert _shape_messages(repo) == [("R002", 14, 16, message)]


def test_unknown_person_names_the_closest_people(repo: Path) -> None:
    signature = "signature:\n  signataires:\n    - personne: jeane-martin\n      qualite: X\n"
    write_tree(repo, {"conv.yaml": textwrap.dedent(CONVENTION) + signature})
    assert _shape_messages(repo) == [
        (
            "R002",
            23,
            17,
            "personne « jeane-martin » introuvable ; vouliez-vous dire « jeanne-martin » ?",
        )
    ]


def test_suggestions_list_several_names() -> None:
    from mpdm_cli.pipeline.suggestions import did_you_mean

    known = ["ville-de-dijon", "ville-de-chenove", "ville-de-dole", "etat"]
    assert did_you_mean("ville-de-dijonn", known) == (
        " ; vouliez-vous dire « ville-de-dijon » ou « ville-de-dole » ?"
    )
    assert did_you_mean("x" * 200, known) == ""
    assert did_you_mean("prefecture", known) == ""
    assert did_you_mean("ville-inconnue", known) == ""  # "ville-" alone is no likeness


def test_budget_refuses_a_convention_it_could_not_read(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`mpdm budget` stops instead of leaving out the money of a document shape refused."""
    from mpdm_cli.cli import main

    write_tree(repo, {"conv.yaml": with_line(15, "        beneficiaire: [asso, etat]")})
    assert main(["budget", str(repo)]) == 1
    assert "les actes ne sont pas valides (1 erreur(s))" in capsys.readouterr().err


def test_a_role_states_a_head_count_or_full_time_equivalents(repo: Path) -> None:
    staffing = (
        "    effectifs:\n      roles:\n        - id: mediateurs\n          libelle: médiateurs\n"
    )
    text = CONVENTION.replace("    financements:", staffing + "    financements:", 1)
    write_tree(repo, {"conv.yaml": text})
    [(code, line, _, message)] = _shape_messages(repo)
    assert (code, message) == (
        "S003",
        "effectif attendu : « nombre » (personnes), « etp » (temps plein) ou les deux",
    )
    assert textwrap.dedent(text).splitlines()[line - 1].strip() == "- id: mediateurs"
