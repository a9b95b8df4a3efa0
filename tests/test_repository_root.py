"""A file or sub-folder is checked within its whole repository, reported on alone."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from mpdm_cli.cli import main
from mpdm_cli.pipeline.roots import find_root
from tests.conftest import REPO_ROOT, write_tree

TOOLS = Path(__file__).parent / "fixtures" / "tools" / "conventions"
# An organisation that cites an unknown one: an R002 in a folder nobody asked about.
DANGLING = """\
    type: organisation
    id: ville
    nom: Ville
    categorie: commune
    representants:
      - personne: inconnue
        fonction: Maire
    """


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def acts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tools' acts in ``conventions/`` under a temporary folder, which is the current one."""
    shutil.copytree(TOOLS, tmp_path / "conventions")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "conventions"


def test_readme_example_on_the_shipped_acts_has_no_false_reference(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(REPO_ROOT)
    code, out, _ = run(["validate", "conventions/avenants"], capsys)
    assert code == 0, out
    assert "R002" not in out
    total = sum(1 for _ in (REPO_ROOT / "conventions").rglob("*.yaml"))
    assert out.splitlines()[-1].startswith(
        f"1 fichier vérifié (dans le dépôt de {total} fichiers), 1 document valide, 0 erreurs,"
    )


def test_one_deliberation_alone_resolves_its_references(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(REPO_ROOT)
    (path,) = (REPO_ROOT / "conventions" / "deliberations").glob("*.yaml")
    code, out, _ = run(["validate", "--format", "json", str(path)], capsys)
    report = json.loads(out)
    assert code == 0
    assert [d["code"] for d in report["diagnostics"] if d["code"] == "R002"] == []
    assert (report["resume"]["fichiers"], report["resume"]["documents"]) == (1, 1)


def test_findings_of_other_files_are_neither_shown_nor_counted(
    acts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(acts, {"organisations/ville.yaml": DANGLING})
    code, out, _ = run(["validate", "conventions/avenants"], capsys)
    assert code == 0
    assert "ville.yaml" not in out
    assert "0 erreurs" in out.splitlines()[-1]
    # The same finding is reported when its own folder is asked for.
    code, out, _ = run(["validate", "conventions/organisations"], capsys)
    assert code == 1
    assert "conventions/organisations/ville.yaml:6:15: R002" in out
    assert out.splitlines()[-1].startswith("5 fichiers vérifiés (dans le dépôt de 9 fichiers), ")


def test_a_file_is_named_as_the_user_wrote_it(
    acts: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(acts, {"organisations/ville.yaml": DANGLING})
    monkeypatch.chdir(acts / "organisations")
    code, out, _ = run(["validate", "ville.yaml"], capsys)
    assert code == 1
    assert out.startswith("ville.yaml:6:15: R002")


def test_the_whole_repository_keeps_its_summary(
    acts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["validate", "conventions"], capsys)
    assert code == 0
    assert out.splitlines()[-1].startswith("8 fichiers, 8 documents valides, ")
    assert "vérifié" not in out


@pytest.mark.parametrize("marker", ["mpdm.toml", "pyproject.toml"])
def test_a_configuration_file_marks_the_root(tmp_path: Path, marker: str) -> None:
    text = "[tool.mpdm]\n" if marker == "pyproject.toml" else ""
    write_tree(tmp_path, {marker: text, "actes/a/b.yaml": "type: x\n"})
    assert find_root(tmp_path / "actes" / "a" / "b.yaml") == tmp_path


def test_a_pyproject_of_another_tool_is_no_root(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {"pyproject.toml": "[tool.ruff]\n", ".git/HEAD": "", "actes/b.yaml": "type: x\n"},
    )
    assert find_root(tmp_path / "actes" / "b.yaml") is None


def test_the_walk_stops_at_the_version_control_root(tmp_path: Path) -> None:
    write_tree(tmp_path, {"personnes.yaml": "", "projet/.git/HEAD": "", "projet/a.yaml": ""})
    assert find_root(tmp_path / "projet" / "a.yaml") is None
    assert find_root(tmp_path / "a.yaml") == tmp_path


def test_the_root_is_relative_to_the_current_folder(
    acts: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert find_root(Path("conventions/avenants")) == Path("conventions")
    monkeypatch.chdir(acts / "avenants")
    assert find_root(Path("x.yaml")) == Path(os.path.abspath(acts))


@pytest.mark.parametrize("folder", ["vide", "sans-yaml"])
def test_a_folder_without_yaml_is_a_usage_error(
    acts: Path, capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    (acts / "vide").mkdir()
    write_tree(acts, {"sans-yaml/notes.txt": "rien"})
    for command in (["validate"], ["budget"], ["render", "-f", "md"], ["export", "subventions"]):
        code, out, err = run([*command, f"conventions/{folder}"], capsys)
        assert code == 2, command
        assert f"aucun fichier YAML (.yaml, .yml) dans « conventions/{folder} »" in err
        assert out == ""


def test_a_missing_path_is_still_exit_2(acts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["validate", "conventions/avenant"], capsys)
    assert code == 2
    assert "conventions/avenant: chemin introuvable" in out


def test_budget_of_one_convention_counts_its_money_only(
    acts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alone = run(["budget", "conventions", "--format", "csv"], capsys)[1]
    original = acts / "conventions" / "cpom-mpdm-2024-2026.yaml"
    text = original.read_text(encoding="utf-8")
    write_tree(
        acts, {"conventions/autre.yaml": text.replace("id: cpom-mpdm-2024-2026", "id: autre")}
    )
    assert run(["budget", "conventions", "--format", "csv"], capsys)[1] != alone
    code, one, _ = run(
        ["budget", str(original.relative_to(acts.parent)), "--format", "csv"], capsys
    )
    # The other convention is left out; the avenant, in a sibling folder, is applied.
    assert code == 0
    assert one == alone
    assert "2025,dijon-metropole,prevention-specialisee,subvention,300000" in one


def test_render_of_a_sub_folder_produces_its_acts_only(
    acts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code, _, err = run(["render", "conventions/avenants", "-f", "md", "-o", str(out)], capsys)
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["cpom-mpdm-2024-2026-avenant-1.md"]
    # The organisations, in a sibling folder, were read: the parties are named.
    assert "Dijon métropole, représentée par" in (
        out / "cpom-mpdm-2024-2026-avenant-1.md"
    ).read_text(encoding="utf-8")
