"""Redlines: two versions of an act as one Word document with tracked changes."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mpdm_cli.cli import main
from mpdm_cli.history.revisions import outcome_at
from mpdm_cli.render.documents import plan
from mpdm_cli.render.docx import DocxOptions, produce
from mpdm_cli.render.docx.model import Block, Paragraph, Row, Span, Table
from mpdm_cli.render.docx.redline import constant, redline
from mpdm_cli.render.docx.word import render
from tests.docx_support import W, body, tracked_text
from tests.gitrepo import GitRepo

FIXTURES = Path(__file__).parent / "fixtures" / "tools" / "conventions"
CONVENTION = "conventions/conventions/cpom-mpdm-2024-2026.yaml"
DELIBERATION = "conventions/deliberations/dm-2023-12-21-mpdm.yaml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git absent")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """v1: the acts without the avenant; v2: the avenant, a convention and a délibération
    edited (words, a number, an article added, a present member replaced)."""
    repo = GitRepo(tmp_path / "depot")
    shutil.copytree(FIXTURES, repo.root / "conventions", ignore=shutil.ignore_patterns("avenants"))
    repo.commit("actes initiaux")
    repo.git("tag", "v1")
    shutil.copytree(FIXTURES / "avenants", repo.root / "conventions" / "avenants")
    repo.edit(
        CONVENTION,
        ("      nombre: 6", "      nombre: 8"),
        ("  fin: 2026-12-31", "  fin: 2027-12-31"),
        ("texte: La convention est conclue pour les années 2024 à 2026.", "texte: Trois ans."),
        ("  - numero: 3\n", "  - numero: 4\n    texte: Évaluation annuelle.\n  - numero: 3\n"),
    )
    repo.edit(
        DELIBERATION,
        ("  pour: 5", "  pour: 4"),
        ("  abstention: 1", "  abstention: 2"),
        ("    - sladana-zivkovic", "    - jean-dupont"),
        ("convocation: 2023-12-13", "convocation: 2023-12-12"),
    )
    repo.commit("v2")
    repo.git("tag", "v2")
    monkeypatch.chdir(repo.root)
    return repo


def _plain_docx(revision: str, stem: str) -> bytes:
    """``stem`` rendered at ``revision`` without tracked changes."""
    outcome = outcome_at(revision, [Path("conventions")], Path.cwd())
    jobs, _ = plan(outcome.repository)
    [job] = [job for job in jobs if job.stem == stem]
    return produce(job, DocxOptions())


def _plain(revision: str, stem: str) -> list[str]:
    return tracked_text(_plain_docx(revision, stem), "none")


def test_accept_all_gives_rev2_and_reject_all_rev1(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", "v1", "v2", "--redline", "revue", "-o", "pr.md"]) == 0
    err = capsys.readouterr().err
    written = sorted(p.name for p in (repo.root / "revue").iterdir())
    assert written == [
        "cpom-mpdm-2024-2026-avenant-1.docx",
        "cpom-mpdm-2024-2026-consolidee.docx",
        "cpom-mpdm-2024-2026.docx",
        "dm-2023-12-21-mpdm.docx",
    ]
    assert "4 document(s) Word avec modifications apparentes dans revue" in err
    for stem in ("cpom-mpdm-2024-2026", "dm-2023-12-21-mpdm"):
        data = (repo.root / "revue" / f"{stem}.docx").read_bytes()
        assert tracked_text(data, "accept") == _plain("v2", stem)
        assert tracked_text(data, "reject") == _plain("v1", stem)
        changes = [e for e in body(data).iter() if e.tag in (W + "ins", W + "del")]
        assert changes, stem
        committed = repo.git("show", "-s", "--format=%cI", "v2").strip()
        when = dt.datetime.fromisoformat(committed).astimezone(dt.UTC)
        assert {(e.get(W + "author"), e.get(W + "date")) for e in changes} == {
            ("mpdm", when.strftime("%Y-%m-%dT%H:%M:%SZ"))
        }
    # Words, not whole paragraphs: "Trois ans." replaces a sentence, the heading stays.
    convention = (repo.root / "revue" / "cpom-mpdm-2024-2026.docx").read_bytes()
    inserted = [e for e in body(convention).iter(W + "ins")]
    texts = ["".join(t.text or "" for t in e.iter(W + "t")) for e in inserted]
    assert "Trois ans" in texts  # one insertion for the rewritten sentence
    assert "Durée" not in "".join(texts)
    # A new avenant is all inserted: rejecting it leaves nothing.
    avenant = (repo.root / "revue" / "cpom-mpdm-2024-2026-avenant-1.docx").read_bytes()
    assert tracked_text(avenant, "reject") == []
    assert tracked_text(avenant, "accept") == _plain("v2", "cpom-mpdm-2024-2026-avenant-1")


def test_an_unreadable_file_is_not_a_deleted_act(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """A YAML error in the working tree hides an act: it is not shown as deleted."""
    path = repo.root / DELIBERATION
    path.write_text(path.read_text(encoding="utf-8") + "\n: : :\n", encoding="utf-8")
    assert main(["diff", "v2", "--redline", "revue", "-o", "pr.md"]) == 0
    assert list((repo.root / "revue").iterdir()) == []
    err = capsys.readouterr().err
    assert "0 document(s) Word" in err
    assert "l'autre a des fichiers invalides, non produit(s) : dm-2023-12-21-mpdm" in err


def test_no_change_no_document(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "v2", "v2", "--redline", "revue"]) == 0
    assert list((repo.root / "revue").iterdir()) == []
    assert "0 document(s) Word" in capsys.readouterr().err


def test_unwritable_folder(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    (repo.root / "revue").write_text("un fichier, pas un dossier", encoding="utf-8")
    assert main(["diff", "v1", "v2", "--redline", "revue"]) == 2
    assert "écriture impossible dans revue" in capsys.readouterr().err


_WORDS = st.lists(
    st.sampled_from(["la", "ville", "verse", "220 000 €", "à", "l’association", "."]), max_size=6
)
_PARAGRAPH = st.builds(
    lambda words, bold, style: Paragraph((Span(" ".join(words), bold=bold),), style),
    _WORDS,
    st.booleans(),
    st.sampled_from(["Normal", "Heading 2"]),
)
_TABLE = st.builds(
    lambda rows: Table(tuple(Row(tuple((p,) for p in row)) for row in rows)),
    st.lists(st.lists(_PARAGRAPH, min_size=2, max_size=2), min_size=1, max_size=3),
)
_BLOCKS = st.lists(st.one_of(_PARAGRAPH, _PARAGRAPH, _TABLE), max_size=6)


@settings(max_examples=40, deadline=None)
@given(_BLOCKS, _BLOCKS)
def test_redline_accepts_to_after_and_rejects_to_before(
    before: list[Block], after: list[Block]
) -> None:
    when = dt.datetime(2025, 1, 1)
    day = when.date()
    tracked = render(redline(before, after, constant("mpdm", when)), "", day)
    assert tracked_text(tracked, "accept") == tracked_text(render(after, "", day), "none")
    assert tracked_text(tracked, "reject") == tracked_text(render(before, "", day), "none")


def _uno_python() -> str:
    """The system Python with LibreOffice's UNO bridge (Debian python3-uno)."""
    python = shutil.which("python3", path="/usr/bin")
    found = shutil.which("soffice") and python
    if found and subprocess.run([found, "-c", "import uno"], capture_output=True).returncode == 0:
        return found
    if os.environ.get("CI"):
        pytest.fail("LibreOffice et python3-uno manquent : .ci/run les installe")
    pytest.skip("LibreOffice or python3-uno absent: apt-get install libreoffice-writer-nogui")


def test_libreoffice_accepts_and_rejects_the_redline(
    repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The real consumer: LibreOffice's own "accept all" gives the text it reads from the
    act at REV2, its "reject all" the text at REV1; the same for --track-changes."""
    from mpdm_cli.render.docx.content import convention_blocks
    from tests.render_support import FIXTURES as RENDER_FIXTURES
    from tests.render_support import jobs_of

    python = _uno_python()
    assert main(["diff", "v1", "v2", "--redline", "revue", "-o", "pr.md"]) == 0
    # name → the act before, after, and the document with the changes tracked
    cases = {
        stem: (
            _plain_docx("v1", stem),
            _plain_docx("v2", stem),
            (repo.root / "revue" / f"{stem}.docx").read_bytes(),
        )
        for stem in ("cpom-mpdm-2024-2026", "dm-2023-12-21-mpdm")
    }
    job = jobs_of(RENDER_FIXTURES)["conv-test-2024-consolidee"]
    context = job.context
    signed = convention_blocks(context["original"], context["applied"], context["directory"])
    cases["consolidee"] = (
        render(signed, "", job.date),
        produce(job, DocxOptions()),
        produce(job, DocxOptions(track_changes=True)),
    )
    work = tmp_path / "lo"
    work.mkdir()
    jobs: list[str] = []
    for name, documents in cases.items():
        for version, data in zip(("v1", "v2", "tracked"), documents, strict=True):
            (work / f"{name}-{version}.docx").write_bytes(data)
        for mode, version in (("keep", "v1"), ("keep", "v2")):
            jobs += [
                mode,
                str(work / f"{name}-{version}.docx"),
                str(work / f"{name}-{version}.txt"),
            ]
        for mode in ("accept", "reject"):
            jobs += [mode, str(work / f"{name}-tracked.docx"), str(work / f"{name}-{mode}.txt")]
    script = Path(__file__).parent / "libreoffice_changes.py"
    done = subprocess.run(
        [python, str(script), str(work / "profil"), *jobs],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for name in cases:
        text = {
            result: (work / f"{name}-{result}.txt").read_text(encoding="utf-8-sig")
            for result in ("v1", "v2", "accept", "reject")
        }
        assert text["v1"] != text["v2"], name
        assert text["accept"] == text["v2"], name
        assert text["reject"] == text["v1"], name
