"""The pieces of ``mpdm import``: extraction artefacts undone, names, amounts and dates read,
drafts written as YAML the loader accepts, and no input that makes the importer crash."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mpdm_cli.importing.cleanup import clean
from mpdm_cli.importing.draft import Draft, to_yaml
from mpdm_cli.importing.french_text import amounts, month_bound, parse_date
from mpdm_cli.importing.importer import ImportFailure, draft_of
from mpdm_cli.importing.parties import Known, parse_name
from mpdm_cli.pipeline.loading import load_file
from mpdm_cli.pipeline.repository import Repository
from tests.importing_support import IMPORT_FIXTURES


def _texts(source: str) -> list[str]:
    return [line.text for line in clean(source).lines]


def test_hyphenation_ligatures_and_spaces() -> None:
    source = (
        "la mise en œuvre de l’exécu-\ntion du dispositif\n"
        "Madame Dominique MARTIN-\nGENDRE\nla ﬁnance\u00a0ﬂottante"
    )
    assert _texts(source) == [
        "la mise en œuvre de l’exécution du dispositif",
        "Madame Dominique MARTIN-GENDRE",
        "la finance flottante",
    ]


def test_hyphenated_word_across_spaced_lines() -> None:
    assert _texts("une exécu-\n\ntion") == ["une exécution"]


def test_page_furniture_is_removed_and_kept_aside() -> None:
    source = (
        "Ville de X – conseil du 3 mai 2023\nArticle 1 : Objet\nTexte.\n2/3\n\f"
        "Ville de X – conseil du 3 mai 2023\nAccusé de réception en préfecture\n"
        "ID : 021-212101662-20230503-DEL\nSuite.\n- 3 -\n\f"
        "Ville de X – conseil du 3 mai 2023\nFin."
    )
    cleaned = clean(source)
    assert [line.text for line in cleaned.lines if line.text] == [
        "Article 1 : Objet",
        "Texte.",
        "Suite.",
        "Fin.",
    ]
    assert [line.number for line in cleaned.removed] == [1, 4, 5, 6, 7, 9, 10]


def test_repeated_list_items_are_not_furniture() -> None:
    source = "\n".join(["- d'autoriser le Président ;"] * 4 + ["POUR : 3"] * 3)
    assert len(clean(source).lines) == 7


@pytest.mark.parametrize(
    ("written", "civility", "first", "last", "reversed_"),
    [
        ("Monsieur François REBSAMEN", "Monsieur", "François", "REBSAMEN", False),
        (
            "Madame Marie-Hélène JUILLARD- RANDRIAN",
            "Madame",
            "Marie-Hélène",
            "JUILLARD-RANDRIAN",
            False,
        ),
        ("M. DUPONT Jean-Pierre", "Monsieur", "Jean-Pierre", "DUPONT", True),
        ("Mme Anne CARRELET DE LOISY", "Madame", "Anne", "CARRELET DE LOISY", False),
        ("BONNARD Michel", None, "Michel", "BONNARD", True),
        ("Monsieur Massar N'DIAYE", "Monsieur", "Massar", "N'DIAYE", False),
        ("Monsieur REBSAMEN", "Monsieur", "", "REBSAMEN", False),
    ],
)
def test_names(written: str, civility: str | None, first: str, last: str, reversed_: bool) -> None:
    name = parse_name(written)
    assert (name.civility, name.first, name.last, name.surname_first) == (
        civility,
        first,
        last,
        reversed_,
    )


def test_spelling_variants_are_the_same_person() -> None:
    from mpdm_cli.pipeline.validation import validate

    known = Known.of(validate([Path("conventions")], rules=()).repository)
    for written in ("Madame Marie-Hélène JUILLARD- RANDRIAN", "Mme JUILLARD-RANDRIAN Marie-Hélène"):
        identifier, remark = known.people.resolve(parse_name(written))
        assert identifier == "marie-helene-juillard-randrian"
        assert remark is not None and "même personne" in remark
    assert known.people.resolve(parse_name("Monsieur Léo LACHAMBRE")) == ("leo-lachambre", None)
    assert not known.people.new


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("une subvention de 220 000 € et 36.750 €", [Decimal(220000), Decimal(36750)]),
        ("soit 1 066,50 euros", [Decimal("1066.50")]),
        ("128 500 €", [Decimal(128500)]),
        ("en 2024, 12 postes", []),
    ],
)
def test_amounts(text: str, expected: list[Decimal]) -> None:
    assert amounts(text) == expected


def test_dates() -> None:
    assert parse_date("signée le 1er décembre 2021") == dt.date(2021, 12, 1)
    assert parse_date("Séance du jeudi 21 décembre 2023") == dt.date(2023, 12, 21)
    assert parse_date("convocation du 26/09/2023") == dt.date(2023, 9, 26)
    assert parse_date("le 31 février 2023") is None
    assert month_bound("de janvier 2023 à décembre 2023") == "2023-01"


def test_footer_on_every_page_stays_out_of_the_statement() -> None:
    draft = draft_of(IMPORT_FIXTURES / "textes" / "commune-fleurey.txt", Known.of(Repository()))
    assert "page" not in (draft.data["expose"] or "")
    assert any("Retiré du texte : 3 ligne(s)" in comment for comment in draft.comments)


def test_draft_yaml_is_read_back_exactly(tmp_path: Path) -> None:
    draft = Draft("deliberation")
    draft.data = {
        "numero": "8",
        "mois": "2023-01",
        "texte": "Premier : deux.\n\n- un\n- « deux »",
        "montant": Decimal("1066.50"),
        "date": dt.date(2023, 12, 21),
        "vide": None,
        "liste": [{"personne": "a-b", "procuration_a": "c-d"}, "e-f"],
    }
    draft.check(("liste", 0, "procuration_a"), "mandataire douteux", 12)
    path = tmp_path / "brouillon.yaml"
    path.write_text(to_yaml(draft, ["en-tête"]), encoding="utf-8")
    loaded = load_file(path)
    assert loaded.data == draft.data
    assert "# à vérifier : mandataire douteux (ligne 12 du texte)" in path.read_text(
        encoding="utf-8"
    )


_LINES = st.lists(
    st.one_of(
        st.text(max_size=80),
        st.sampled_from(
            [
                "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS du Conseil municipal de X",
                "Membres présents :",
                "Membres absents :",
                "Madame A B pouvoir à Monsieur",
                "OBJET : **",
                "POUR : 3 CONTRE :",
                "Article 8 [bis] :",
                "Entre :",
                "Fait à , le",
                "Avenant n° 1-2023",
                "VU",
                "- d'autoriser 12 € à l'association",
                "Le Président,",
                "\f",
            ]
        ),
    ),
    max_size=40,
)


@settings(
    max_examples=int(os.environ.get("MPDM_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(lines=_LINES)
def test_any_text_gives_a_draft_or_a_french_refusal(tmp_path: Path, lines: list[str]) -> None:
    """Whatever the text, a draft whose YAML mpdm reads back, or ImportFailure: no crash."""
    source = tmp_path / "acte.txt"
    source.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    known = Known.of(Repository())
    try:
        draft = draft_of(source, known)
    except ImportFailure as failure:
        assert str(source) in str(failure)
        return
    written = tmp_path / "brouillon.yaml"
    written.write_text(to_yaml(draft, []), encoding="utf-8", errors="surrogatepass")
    loaded = load_file(written)
    assert not [d for d in loaded.diagnostics if d.code.startswith("Y")], loaded.diagnostics


_SEED_LINES = [
    line
    for seed in sorted((IMPORT_FIXTURES / "seeds").glob("*.txt"))
    for line in seed.read_text(encoding="utf-8").splitlines()
]


@settings(
    max_examples=int(os.environ.get("MPDM_FUZZ_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    picks=st.lists(st.integers(0, len(_SEED_LINES) - 1), max_size=120),
    cut=st.integers(0, 40),
)
def test_seed_lines_in_any_order_give_a_readable_draft(
    tmp_path: Path, picks: list[int], cut: int
) -> None:
    """Real lines of the two acts, picked, repeated, reordered and cut: the importer never
    crashes, and what it writes mpdm reads back."""
    lines = [_SEED_LINES[i][cut:] if i % 3 == 0 else _SEED_LINES[i] for i in picks]
    source = tmp_path / "acte.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    try:
        draft = draft_of(source, Known.of(Repository()))
    except ImportFailure as failure:
        assert str(source) in str(failure)
        return
    written = tmp_path / "brouillon.yaml"
    written.write_text(to_yaml(draft, []), encoding="utf-8")
    loaded = load_file(written)
    assert not [d for d in loaded.diagnostics if d.code.startswith("Y")], loaded.diagnostics


_HOSTILE = {
    # Each made a pattern quadratic or exponential before its bound (tens of seconds to
    # forever at these sizes); all are read in well under a second now.
    "quartiers": "Convention X\nEntre :\nA, représentée par B,\nArticle 1 : T\nles quartiers "
    + "mot " * 20000,
    "présents": "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS du Conseil municipal de X\n"
    "Membres présents :\n" + "Monsieur A B pouvoir à " * 5000,
    "signature": "Convention X\nArticle 1 : T\nx\nFait à Dijon, le 1er mai 2024\nMonsieur "
    + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" * 40
    + " x",
    "durée": "Convention X\nArticle 1 : Durée\n" + "du 1er janvier " * 10000,
    "postes": "Convention X\nArticle 1 : T\n" + "financement " * 10000,
    "colonnes": "Convention X\nArticle 1 : T\nx\nFait à Dijon, le 1er mai 2024\nLe Maire    "
    + "AB-" * 3000
    + "x",
}


@pytest.mark.parametrize("name", sorted(_HOSTILE))
def test_long_hostile_lines_stay_linear(tmp_path: Path, name: str) -> None:
    import time

    source = tmp_path / "acte.txt"
    source.write_text(_HOSTILE[name], encoding="utf-8")
    started = time.perf_counter()
    draft_of(source, Known.of(Repository()))
    # A guard against catastrophic backtracking (minutes), not a speed target.
    assert time.perf_counter() - started < 30


def test_many_blank_lines_stay_linear() -> None:
    import time

    started = time.perf_counter()
    cuts = [("exécu", "tion"), ("parti", "cipation"), ("finan", "cement")]
    cleaned = clean("".join(f"{a}-\n" + "\n" * 40000 + f"{b}\n" for a, b in cuts))
    assert time.perf_counter() - started < 30  # a blow-up guard, not a speed target
    assert [line.text for line in cleaned.lines if line.text] == [
        "exécution",
        "participation",
        "financement",
    ]


def test_a_repeated_sentence_without_page_breaks_is_kept() -> None:
    source = "\n".join(["Vu l'avis de la commission.", "Sans objet.", "x"] * 3)
    assert [line.text for line in clean(source).lines].count("Sans objet.") == 3
    body = ["Premier alinéa.", "Deuxième alinéa.", "Troisième alinéa."]
    footers = "\n".join(f"{text}\nVille de X – page {i}" for i, text in enumerate(body, 1))
    assert [line.text for line in clean(footers).lines] == body


def test_funded_posts_it_cannot_place_are_marked_for_checking() -> None:
    from mpdm_cli.importing.staffing import _funded_posts

    draft = Draft("convention")
    articles = [{"numero": "5", "texte": "Il est prévu de financer les 3 postes de jardiniers."}]
    staffing = {"roles": [{"id": "mediateurs", "libelle": "médiateurs"}]}
    assert _funded_posts(articles, staffing, Known.of(Repository()), draft) == []
    [note] = draft.notes[("effectifs",)]
    assert note.startswith("à vérifier : article 5 : « financer les 3 postes de jardiniers »")
    assert "financeur inconnu" in note


def test_unreadable_characters_of_the_source_are_reported(tmp_path: Path) -> None:
    text = (IMPORT_FIXTURES / "textes" / "commune-fleurey.txt").read_text(encoding="utf-8")
    source = tmp_path / "acte.txt"
    # Windows-1252 with a byte it leaves undefined (0x81): read, and the loss said.
    source.write_bytes(text.encode("cp1252", errors="replace") + b"\x81\n")
    draft = draft_of(source, Known.of(Repository()))
    assert any("1 caractère(s) illisible(s)" in comment for comment in draft.comments)
