"""``mpdm new``: valid skeletons, next avenant number, never over an existing file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mpdm_cli.cli import main
from mpdm_cli.models.schemas import schema_line
from mpdm_cli.pipeline.diagnostics import Severity
from mpdm_cli.pipeline.loading import load_file
from mpdm_cli.pipeline.validation import validate
from tests.conftest import REPO_ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "tools" / "conventions"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURES, tmp_path / "conventions")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _blocking(path: Path) -> list[str]:
    """Load, shape and reference errors about ``path`` (rule warnings are fine)."""
    outcome = validate([Path("conventions")])
    return [
        str(d)
        for d in outcome.diagnostics
        if d.location.file == str(path) and d.code[0] in "YSR" and d.severity is Severity.ERROR
    ]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["convention", "--id", "cpom-test"], "conventions/conventions/cpom-test.yaml"),
        (
            ["avenant", "--convention", "cpom-mpdm-2024-2026"],
            "conventions/avenants/cpom-mpdm-2024-2026-avenant-2.yaml",
        ),
        (
            ["deliberation", "--id", "dm-test", "--convention", "cpom-mpdm-2024-2026"],
            "conventions/deliberations/dm-test.yaml",
        ),
        (["deliberation", "--id", "dm-vide"], "conventions/deliberations/dm-vide.yaml"),
    ],
)
def test_skeleton_is_valid(repo: Path, args: list[str], expected: str) -> None:
    assert main(["new", *args]) == 0
    path = Path(expected)
    assert path.exists()
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == schema_line(path, args[0], repo)
    assert _blocking(path) == []
    assert load_file(path).data["type"] == args[0]


def test_avenant_number_and_parent(repo: Path) -> None:
    assert main(["new", "avenant", "--convention", "cpom-mpdm-2024-2026"]) == 0
    data = load_file(Path("conventions/avenants/cpom-mpdm-2024-2026-avenant-2.yaml")).data
    assert data["convention"] == "cpom-mpdm-2024-2026"
    assert data["numero"].startswith("2-")
    assert data["titre"].startswith(f"Avenant n° {data['numero']} à la convention")
    assert main(["new", "avenant", "--convention", "cpom-mpdm-2024-2026"]) == 0
    data = load_file(Path("conventions/avenants/cpom-mpdm-2024-2026-avenant-3.yaml")).data
    assert data["numero"].startswith("3-")


def test_never_overwrites(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = repo / "sortie" / "cpom-x.yaml"
    target.parent.mkdir()
    target.write_text("mon travail\n", encoding="utf-8")
    assert main(["new", "convention", "--id", "cpom-x", "--output", "sortie"]) == 1
    assert "existe déjà" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "mon travail\n"


def test_refuses_a_taken_id_or_unknown_convention(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "convention", "--id", "cpom-mpdm-2024-2026"]) == 1
    assert "déjà utilisé" in capsys.readouterr().err
    # What the command line names wrongly is a usage error.
    assert main(["new", "avenant", "--convention", "inconnue"]) == 2
    assert "« inconnue » introuvable" in capsys.readouterr().err
    assert main(["new", "avenant"]) == 2
    assert "--convention" in capsys.readouterr().err


@pytest.mark.parametrize(
    "identifier",
    ["../../../x", "../evasion", "{absolute}", "Bad Id", "majuscules-A", "fin-", "x/y", "é"],
)
def test_an_id_follows_the_rule_of_the_files_and_never_leaves_the_folder(
    repo: Path, capsys: pytest.CaptureFixture[str], identifier: str
) -> None:
    identifier = identifier.format(absolute=repo / "absolu")
    before = sorted(p for p in repo.parent.rglob("*") if p.is_file())
    assert main(["new", "convention", "--id", identifier]) == 2
    err = capsys.readouterr().err
    assert f"--id : identifiant « {identifier} » invalide" in err
    assert sorted(p for p in repo.parent.rglob("*") if p.is_file()) == before


def test_a_convention_given_must_be_an_id(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "avenant", "--convention", "../x"]) == 2
    assert "--convention : identifiant « ../x » invalide" in capsys.readouterr().err


def test_an_unwritable_folder_is_said_in_french(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = repo / "fichier"
    blocker.write_text("", encoding="utf-8")
    # The output folder would have to be made inside a file.
    assert main(["new", "convention", "--id", "cpom-x", "--output", "fichier/sortie"]) == 2
    err = capsys.readouterr().err
    assert "écriture impossible dans fichier/sortie/cpom-x.yaml" in err
    assert "un élément du chemin n'est pas un dossier" in err


def test_new_organisation_and_person(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "conventions"
    shutil.copytree(REPO_ROOT / "conventions", root)
    before = (root / "personnes.yaml").read_text(encoding="utf-8")
    args = ["new", "organisation", "--nom", "Ville de Talant", "--categorie", "commune"]
    assert main([*args, "--depot", str(root)]) == 0
    written = (root / "organisations" / "ville-de-talant.yaml").read_text(encoding="utf-8")
    assert 'nom: "Ville de Talant"\ncategorie: commune\n' in written
    person = ["new", "personne", "--prenom", "Gérard", "--nom", "DUPONT", "--civilite", "Monsieur"]
    assert main([*person, "--depot", str(root)]) == 0
    after = (root / "personnes.yaml").read_text(encoding="utf-8")
    # Appended as the last person, indented as the others; nothing else of the file changed.
    added = (
        '  - id: gerard-dupont\n    civilite: "Monsieur"\n    prenom: "Gérard"\n    nom: "DUPONT"\n'
    )
    assert after == before + added
    assert main(["validate", str(root)]) == 0
    capsys.readouterr()
    # The same person again: refused, nothing written.
    assert main([*person, "--depot", str(root)]) == 1
    assert "déjà utilisé" in capsys.readouterr().err
    assert (root / "personnes.yaml").read_text(encoding="utf-8") == after
    assert main(["new", "personne", "--depot", str(root)]) == 2
