"""``mpdm render``: what gets written where, refusals, drafts, ids, template overrides."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from mpdm_cli.cli import main
from mpdm_cli.render.writer import UnsafeOutputName, write_atomic
from tests.render_support import FIXTURES, ROOT, markdown_text


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "actes"
    shutil.copytree(FIXTURES, root)
    return root


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_renders_every_act_in_both_formats(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code, stdout, _ = run(["render", str(repo), "--output", str(out)], capsys)
    assert code == 0
    stems = ["conv-test-2024", "conv-test-2024-consolidee", "conv-test-2024-avenant-1"]
    expected = {f"{stem}.{ext}" for stem in [*stems, "delib-test-2023"] for ext in ("md", "pdf")}
    assert {p.name for p in out.iterdir()} == expected  # no temporary file left behind
    assert "4 document(s) produit(s), 8 fichier(s) écrit(s)" in stdout


def test_ids_select_documents(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo.parent)
    repo.rename(repo.parent / "conventions")
    out = tmp_path / "out"
    code, _, _ = run(["render", "delib-test-2023", "-f", "md", "-o", str(out)], capsys)
    assert code == 0
    assert [p.name for p in out.iterdir()] == ["delib-test-2023.md"]
    code, _, err = run(["render", "pas-un-acte", "-o", str(out)], capsys)
    assert code == 2
    assert "pas-un-acte" in err


def test_act_with_errors_is_refused_unless_draft(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    avenant = repo / "avenant.yaml"
    avenant.write_text(
        avenant.read_text(encoding="utf-8").replace(
            "personne: paul-durand", "personne: personne-inconnue"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code, stdout, err = run(["render", str(repo), "-f", "md", "-o", str(out)], capsys)
    assert code == 1
    assert "avenant « conv-test-2024-avenant-1 » non produit" in err
    assert "convention consolidée « conv-test-2024 » non produit" in err
    assert "--draft" in err
    assert {p.name for p in out.iterdir()} == {"conv-test-2024.md", "delib-test-2023.md"}
    assert "2 refusé(s) pour erreurs de validation" in stdout

    code, stdout, _ = run(["render", str(repo), "--draft", "-o", str(out)], capsys)
    assert code == 0
    text = (out / "conv-test-2024-avenant-1.md").read_text(encoding="utf-8")
    assert text.startswith("> **PROJET — NON VALIDÉ**")
    assert "[personne inconnue : personne-inconnue]" in markdown_text(text)
    assert "dont 2 projet(s) non validé(s)" in stdout
    # Only the acts with errors are drafts: the valid délibération is not marked.
    for valid in ("delib-test-2023.md", "conv-test-2024.md"):
        assert "PROJET" not in (out / valid).read_text(encoding="utf-8"), valid
    assert (out / "conv-test-2024-consolidee.md").read_text("utf-8").startswith("> **PROJET")


def test_file_that_is_not_a_valid_act_is_reported(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "avenant.yaml").write_text("type: avenant\nid: cassé\n", encoding="utf-8")
    code, stdout, err = run(["render", str(repo), "-f", "md", "-o", str(tmp_path / "o")], capsys)
    assert code == 1
    assert "avenant.yaml non produit : ce fichier n'a pas pu être lu comme un acte" in err
    assert "1 fichier(s) illisible(s)" in stdout
    assert (tmp_path / "o" / "conv-test-2024.md").exists()
    assert run(["render", str(repo), "--draft", "-o", str(tmp_path / "o")], capsys)[0] == 1


def test_templates_override_one_file_and_fall_back(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    custom = tmp_path / "modeles"
    custom.mkdir()
    (custom / "deliberation.md.j2").write_text(
        "Délibération {{ deliberation.id }} : {{ deliberation.subject.title }}\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    args = ["render", str(repo), "-f", "md", "-o", str(out), "--templates", str(custom)]
    assert run(args, capsys)[0] == 0
    assert (out / "delib-test-2023.md").read_text(encoding="utf-8") == (
        "Délibération delib-test-2023 : Convention 2024-2026 avec l'association Médiation Test\n"
    )
    assert (out / "conv-test-2024.md").read_text(encoding="utf-8").startswith("# Convention")


def test_broken_user_template_is_reported(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    custom = tmp_path / "modeles"
    custom.mkdir()
    (custom / "deliberation.md.j2").write_text("{{ deliberation.inconnu }}\n", encoding="utf-8")
    args = ["render", str(repo), "-f", "md", "-o", str(tmp_path / "o"), "--templates", str(custom)]
    code, _, err = run(args, capsys)
    assert code == 1
    assert "délibération « delib-test-2023 » non produit : modèle de document" in err


@pytest.mark.parametrize(
    "template",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ deliberation.__class__.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{% set x = deliberation.decisions.append(1) %}{{ x }}",
        "{{ deliberation.model_config.update({'x': 1}) }}",
    ],
)
def test_user_template_runs_in_a_sandbox(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], template: str
) -> None:
    custom = tmp_path / "modeles"
    custom.mkdir()
    (custom / "deliberation.md.j2").write_text(template + "\n", encoding="utf-8")
    out = tmp_path / "o"
    args = ["render", str(repo), "-f", "md", "-o", str(out), "--templates", str(custom)]
    code, _, err = run(args, capsys)
    assert code == 1
    assert "délibération « delib-test-2023 » non produit : modèle de document refusé" in err
    assert "Traceback" not in err and "uid=" not in err
    assert not (out / "delib-test-2023.md").exists()
    assert (out / "conv-test-2024.md").exists()  # the other acts are still produced


def test_writer_stays_inside_output(tmp_path: Path) -> None:
    for name in ["../x.md", "/etc/x", "a/b.md", "..", ".hidden", "", "x\0.md"]:
        with pytest.raises(UnsafeOutputName):
            write_atomic(tmp_path, name, b"x")
    outside = tmp_path / "outside.txt"
    outside.write_text("intact", encoding="utf-8")
    (tmp_path / "out").mkdir()
    os.symlink(outside, tmp_path / "out" / "doc.md")
    write_atomic(tmp_path / "out", "doc.md", b"nouveau")
    assert outside.read_text(encoding="utf-8") == "intact"
    assert (tmp_path / "out" / "doc.md").read_bytes() == b"nouveau"
    assert not (tmp_path / "out" / "doc.md").is_symlink()


def test_build_ships_every_template(tmp_path: Path) -> None:
    """A non-editable install must find the templates: the build copies them in the package."""
    import subprocess
    import sys

    build = tmp_path / "lib"
    subprocess.run(
        [sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(build)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    shipped = {p.name for p in (build / "mpdm_cli" / "templates").iterdir()}
    assert shipped == {p.name for p in (ROOT / "templates").glob("*.j2")}
    assert "graft templates" in (ROOT / "MANIFEST.in").read_text(encoding="utf-8")


def test_file_names_reach_the_terminal_as_text(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "a\x1b[2J\r.yaml").write_text("type: avenant\nid: cassé\n", encoding="utf-8")
    avenant = repo / "avenant.yaml"
    renamed = avenant.rename(repo / "avenant\x1b]0;x\x07.yaml")
    renamed.write_text(
        renamed.read_text(encoding="utf-8").replace("personne: paul-durand", "personne: x"),
        encoding="utf-8",
    )
    code, out, err = run(["render", str(repo), "-f", "md", "-o", str(tmp_path / "o")], capsys)
    assert code == 1
    assert "\\u001b[2J\\u000d.yaml non produit" in err
    assert "\\u001b]0;x\\u0007.yaml" in err
    assert not [c for c in out + err if ord(c) < 32 and c != "\n"]
