"""``mpdm import``: drafts from the seed acts (text, PDF, DOCX) and from texts in other layouts,
compared fact by fact with what a person transcribed; never over an existing file."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from mpdm_cli.cli import main
from mpdm_cli.importing.draft import to_yaml
from mpdm_cli.importing.importer import draft_of
from mpdm_cli.importing.parties import Known
from mpdm_cli.pipeline.validation import validate
from tests.importing_support import (
    IMPORT_FIXTURES,
    ROOT,
    SEEDS,
    seed_docx,
    seed_pdf,
    words_in_order,
)
from tests.render_support import jobs_of, markdown, markdown_text

TEXTS = IMPORT_FIXTURES / "textes"
# Each seed, the shipped transcription of it, and the facts the issue asks to compare.
SEED_ACTS = {
    "deliberation-dm-2023-12-21": "deliberations/dm-2023-12-21-mpdm-convention-2024-2026.yaml",
    "avenant-bataillon-1-2023": "avenants/bataillon-prevention-avenant-1-2023.yaml",
}
# What validation finds in each seed's draft: the contradictions of the signed act, that
# the shipped transcription declares as accepted anomalies (anomalies_acceptees).
SIGNED_CONTRADICTIONS = {
    "deliberation-dm-2023-12-21": set(),
    "avenant-bataillon-1-2023": {"P001", "P004", "D005"},
}
COMPARED = {
    # attendance, proxies, counts, votes, amounts, dates, officers, decisions
    "deliberation": {
        "numero",
        "assemblee",
        "seance",
        "convocation",
        "membres",
        "presents",
        "absents",
        "procurations",
        "objet",
        "decisions",
        "scrutin",
        "signatures",
    },
    # parties, article numbers and titles, term, amounts, signature
    "avenant": {
        "numero",
        "convention",
        "parties",
        "periode",
        "articles",
        "financements",
        "signature",
    },
    "convention": {"nature", "visas", "parties", "duree", "articles", "financements", "signature"},
}
# Long prose is compared by the words-in-order measure, not as facts.
PROSE = {"texte", "expose", "preambule", "libelle", "titre"}


def facts(document: dict[str, Any], keys: set[str]) -> set[tuple[Any, ...]]:
    """Leaves of the compared blocks, list items named by their person, number or party
    (so that order does not count: a flattened column list keeps its names, not its order)."""
    found: set[tuple[Any, ...]] = set()

    def walk(value: Any, path: tuple[Any, ...]) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in PROSE and path and path[0] != "objet" and key != "titre":
                    continue
                if key == "texte":
                    continue
                walk(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                name = index
                if isinstance(item, dict):
                    name = next(
                        (
                            item[k]
                            for k in ("personne", "numero", "organisation", "qualite")
                            if k in item
                        ),
                        index,
                    )
                elif isinstance(item, str | int):
                    found.add((*path, item))
                    continue
                walk(item, (*path, name))
        elif value is not None:
            found.add((*path, str(value)))

    for key in keys & document.keys():
        walk(document[key], (key,))
    return found


def recall(expected: dict[str, Any], produced: dict[str, Any]) -> tuple[float, set[Any]]:
    wanted = facts(expected, COMPARED[expected["type"]])
    got = facts(produced, COMPARED[expected["type"]])
    return len(wanted & got) / len(wanted), wanted - got


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped acts without the two transcriptions of the seeds."""
    shutil.copytree(ROOT / "conventions", tmp_path / "conventions")
    for shipped in SEED_ACTS.values():
        (tmp_path / "conventions" / shipped).unlink()
    monkeypatch.chdir(tmp_path)
    return tmp_path / "conventions"


def _import(repo: Path, source: Path, *args: str) -> tuple[int, Path]:
    before = set(repo.rglob("*.yaml"))
    code = main(["import", "--depot", str(repo), str(source), *args])
    written = list(set(repo.rglob("*.yaml")) - before)
    drafts = [p for p in written if p.parent.name in ("deliberations", "avenants", "conventions")]
    assert len(drafts) == 1, written
    return code, drafts[0]


@pytest.mark.parametrize("seed", sorted(SEED_ACTS))
@pytest.mark.parametrize("fmt", ["txt", "pdf", "docx"])
def test_seed_imports_end_to_end(
    repo: Path, tmp_path: Path, seed: str, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (SEEDS / f"{seed}.txt").read_text(encoding="utf-8")
    source = tmp_path / f"{seed}.{fmt}"
    if fmt == "txt":
        source.write_text(text, encoding="utf-8")
    elif fmt == "pdf":
        source.write_bytes(seed_pdf(text))
    else:
        seed_docx(text, source)
    code, draft = _import(repo, source)
    out = capsys.readouterr().out
    assert "Vérification du dépôt avec les brouillons" in out
    shipped = yaml.safe_load((ROOT / "conventions" / SEED_ACTS[seed]).read_text(encoding="utf-8"))
    produced = yaml.safe_load(draft.read_text(encoding="utf-8"))
    share, missing = recall(shipped, produced)
    print(f"{seed}.{fmt}: {share:.3f} des faits ; manquent {sorted(map(str, missing))[:10]}")
    assert share >= 0.95, sorted(map(str, missing))
    # The draft is an act of the repository: validation reads it, the contradictions of
    # the signed act show at once (those the shipped transcription accepts), it renders
    # and holds the seed's words.
    found = {line.split(" ")[1] for line in out.splitlines() if ": " in line and "[" in line}
    assert found == SIGNED_CONTRADICTIONS[seed], out
    assert code == (1 if "P001" in found else 0), out
    job = jobs_of(repo)[draft.stem]
    kept = words_in_order(text, markdown_text(markdown(job, draft=True)))
    print(f"{seed}.{fmt}: {kept:.3f} des mots dans l'ordre")
    assert kept >= 0.95


@pytest.mark.parametrize("name", sorted(p.stem for p in TEXTS.glob("*.txt")))
def test_other_layouts(repo: Path, name: str) -> None:
    known = Known.of(validate([repo], rules=()).repository)
    draft = draft_of(TEXTS / f"{name}.txt", known)
    expected = yaml.safe_load((TEXTS / f"{name}.attendu.yaml").read_text(encoding="utf-8"))
    produced = yaml.safe_load(to_yaml(draft, []))
    assert draft.kind == expected["type"]
    share, missing = recall(expected, produced)
    print(f"{name}: {share:.3f} des faits ; manquent {sorted(map(str, missing))}")
    assert share >= 0.9, sorted(map(str, missing))


def test_never_over_an_existing_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = TEXTS / "commune-fleurey.txt"
    assert main(["import", "--depot", str(repo), str(source), "--id", "fleurey"]) == 1
    draft = repo / "deliberations" / "fleurey.yaml"
    first = draft.read_text(encoding="utf-8")
    assert "# à vérifier" in first or "À vérifier" in first or "Retiré du texte" in first
    # New people are added at the end of the directory, marked for checking.
    directory = (repo / "personnes.yaml").read_text(encoding="utf-8")
    shipped = (ROOT / "conventions" / "personnes.yaml").read_text(encoding="utf-8")
    assert directory.startswith(shipped)
    assert "  - id: odile-perrin  # ajoutée par mpdm import (fleurey) : à vérifier\n" in directory
    assert not list(repo.glob("personnes-*.yaml"))
    capsys.readouterr()
    assert main(["import", "--depot", str(repo), str(source), "--id", "fleurey"]) == 2
    assert "existe déjà" in capsys.readouterr().err or "déjà utilisé" in capsys.readouterr().err
    assert draft.read_text(encoding="utf-8") == first


def test_unreadable_or_unknown_input(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "liste.txt"
    junk.write_text("courses : pain, lait\n", encoding="utf-8")
    broken = tmp_path / "acte.pdf"
    broken.write_bytes(b"%PDF-1.7 pas un vrai pdf")
    missing = tmp_path / "absent.docx"
    folder = tmp_path / "dossier.txt"
    folder.mkdir()
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00")
    sources = [junk, broken, missing, folder, binary]
    assert main(["import", "--depot", str(repo), *map(str, sources)]) == 2
    err = capsys.readouterr().err
    assert err.count("mpdm : ") == len(sources), err
    assert "type d'acte non reconnu" in err and "acte.pdf : PDF illisible" in err
    assert "absent.docx : lecture impossible" in err and "fichier binaire" in err
    assert "Traceback" not in err
    assert not list((repo / "deliberations").glob("*.yaml"))


def test_type_given_when_the_text_does_not_say(repo: Path, tmp_path: Path) -> None:
    source = tmp_path / "extrait.txt"
    source.write_text(
        "Séance du 2 mai 2024\nPrésents : M. Jean DUPONT, Mme Anne ROY\nOBJET : Adhésion\n"
        "Le Conseil, après en avoir délibéré, décide :\n- d'adhérer à l'association.\n"
        "Adopté à l'unanimité.\n",
        encoding="utf-8",
    )
    assert main(["import", "--depot", str(repo), str(source)]) == 2
    assert main(["import", "--depot", str(repo), str(source), "--type", "deliberation"]) == 1
    (draft,) = (repo / "deliberations").glob("*.yaml")
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["presents"]["liste"] == ["jean-dupont", "anne-roy"]
    assert data["scrutin"] == {"unanimite": True, "resultat": "adoptee"}
    assert data["assemblee"] == {"organisation": None, "nom": None}
    assert "# à vérifier : assemblée délibérante non trouvée" in draft.read_text(encoding="utf-8")


@pytest.mark.parametrize("identifier", ["../hors-depot", "Mon Acte", "acte/1", ""])
def test_id_is_a_plain_file_name(
    repo: Path, identifier: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = TEXTS / "ville-quetigny.txt"
    before = sorted(repo.parent.rglob("*"))
    assert main(["import", "--depot", str(repo), str(source), "--id", identifier]) == 2
    assert "identifiant" in capsys.readouterr().err
    assert sorted(repo.parent.rglob("*")) == before
