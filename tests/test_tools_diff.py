"""``mpdm diff``: meaning-level changes between real commits of a throw-away repository."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from mpdm_cli.cli import main
from mpdm_cli.domain.french import format_bound
from tests.gitrepo import GitRepo
from tests.render_support import markdown_text

FIXTURES = Path(__file__).parent / "fixtures" / "tools" / "conventions"
CONVENTION = "conventions/conventions/cpom-mpdm-2024-2026.yaml"
DELIBERATION = "conventions/deliberations/dm-2023-12-21-mpdm.yaml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git absent")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """Commit 1: the acts without the avenant; commit 2: the avenant and edits."""
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
        ("      montant: 280000", "      montant: 290000"),
    )
    repo.commit("avenant 1")
    monkeypatch.chdir(repo.root)
    return repo


def test_diff_between_two_commits(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "v1", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Changements des actes : v1 → HEAD\n")
    assert "- ajouté : avenant `cpom-mpdm-2024-2026-avenant-1`" in out
    assert "- modifié : convention `cpom-mpdm-2024-2026`" in out
    nnbsp, nbsp = "\u202f", "\u00a0"
    # The avenant raises prévention spécialisée for 2025 and 2026; 2024 is unchanged.
    assert (
        f"| Dijon métropole | prevention-specialisee | 2025 | 280{nnbsp}000{nbsp}€ |"
        f" 300{nnbsp}000{nbsp}€ | +20{nnbsp}000{nbsp}€ |"
    ) in out
    assert "| prevention-specialisee | 2026 |" in out
    assert "| prevention-specialisee | 2024 | 280" not in out.split("### Délibération")[0]
    assert "| éducateurs de rue | 6 | 8 | +2 |" in out
    assert (
        "- durée : 1er janvier 2024 – 31 décembre 2026 → 1er janvier 2024 – 31 décembre 2027" in out
    )
    assert "- ajouté : article 4" in out
    assert "- modifié : article 2 « Durée »" in out
    assert "| pour | 5 | 4 |" in out and "| abstention | 1 | 2 |" in out
    assert "- présents ajoutés : Jean DUPONT" in out
    assert "- présents retirés : Sladana ZIVKOVIC" in out
    assert "- convocation : 13 décembre 2023 → 12 décembre 2023" in out
    # The délibération authorises 10 000 € more for 2024.
    assert f"| 2024 | 280{nnbsp}000{nbsp}€ | 290{nnbsp}000{nbsp}€ | +10{nnbsp}000{nbsp}€ |" in out


def test_working_tree_is_the_default_and_stays_untouched(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.edit(DELIBERATION, ("  contre: 0", "  contre: 1"))
    status = repo.git("status", "--porcelain")
    assert main(["diff", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "HEAD → arbre de travail" in out
    assert "| contre | 0 | 1 |" in out
    assert repo.git("status", "--porcelain") == status
    assert "contre: 1" in (repo.root / DELIBERATION).read_text(encoding="utf-8")


def test_no_change(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "HEAD", "HEAD", "--output", "pr.md"]) == 0
    assert "Aucun changement" in (repo.root / "pr.md").read_text(encoding="utf-8")


def test_unknown_revision(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "nulle-part"]) == 2  # named on the command line: a usage error
    err = capsys.readouterr().err
    assert "révision git « nulle-part » inconnue (branche, étiquette ou commit attendu)" in err
    assert "fatal" not in err


def test_outside_git_is_a_usage_error_in_french(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIT_CEILING_DIRECTORIES: git must not find a repository above the temporary folder.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.chdir(tmp_path)
    assert main(["diff", "HEAD"]) == 2
    err = capsys.readouterr().err
    assert f"le dossier {tmp_path} n'est pas dans un dépôt git" in err
    assert "not a git repository" not in err


def test_avenant_dates_and_articles(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit(
        "conventions/avenants/cpom-mpdm-2024-2026-avenant-1.yaml",
        ("  date: 2024-12-20", "  date: 2024-12-23"),
        ("à 300 000 €.", "à 300 000 € à compter de 2025."),
    )
    assert main(["diff", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "### Avenant `cpom-mpdm-2024-2026-avenant-1` (n° 1-2025)" in out
    assert "- signature : 20 décembre 2024 → 23 décembre 2024" in out
    assert "- modifié : article 1 « Objet »" in out
    assert "### Convention" not in out


def test_invalid_files_are_announced(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.write("conventions/casse.yaml", "type: convention\nid: [\n")
    assert main(["diff", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "1 fichier(s) non valide(s) dans arbre de travail" in out


def test_french_dates() -> None:
    assert format_bound(dt.date(2021, 12, 1)) == "1er décembre 2021"
    assert format_bound(dt.date(2023, 8, 21)) == "21 août 2023"
    assert format_bound("2024-03") == "mars 2024"
    assert format_bound(2024) == "2024"


def test_file_invalid_at_one_revision_is_said_invalid_not_deleted(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.edit(CONVENTION, ("    montant: 220000", "    montant: deux cent vingt mille"))
    assert main(["diff", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert (
        "- non valide dans arbre de travail : convention `cpom-mpdm-2024-2026`"
        f" ({CONVENTION}), non comparé : ligne 39 : montant écrit comme du texte"
    ) in out
    assert "- non comparée : convention" not in out
    assert "supprimé" not in out and "−" not in out and "**Montants**" not in out
    # The other way round: invalid before, valid now.
    repo.commit("convention cassée")
    repo.edit(CONVENTION, ("    montant: deux cent vingt mille", "    montant: 220000"))
    assert main(["diff", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "- non valide dans HEAD : convention `cpom-mpdm-2024-2026`" in out
    assert "ajouté" not in out and "**Montants**" not in out


def test_invalid_avenant_leaves_its_convention_uncompared(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    avenant = "conventions/avenants/cpom-mpdm-2024-2026-avenant-1.yaml"
    repo.edit(avenant, ("  date: 2024-12-20", "  date: 2024-12-32"))
    assert main(["diff", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "- non valide dans arbre de travail : avenant `cpom-mpdm-2024-2026-avenant-1`" in out
    assert "- non comparée : convention `cpom-mpdm-2024-2026`" in out
    assert "**Montants**" not in out and "−" not in out


HOSTILE_TITLE = "Convention <img src=x onerror=alert(1)> [lien](https://x.fr) `code`\\r<!--"


def test_markdown_escapes_everything_from_the_acts(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    from markdown_it import MarkdownIt

    repo.edit(
        CONVENTION,
        (
            "titre: Convention pluriannuelle d'objectifs et de moyens 2024-2026 avec"
            " l'association MPDM",
            f'titre: "{HOSTILE_TITLE}"',
        ),
        ("    titre: Durée", '    titre: "Durée\\u2028# faux titre | x"'),
    )
    avenant = "conventions/avenants/cpom-mpdm-2024-2026-avenant-1.yaml"
    repo.edit(avenant, ("    montant: 300000", "    montant: 990000"))
    repo.edit(
        DELIBERATION,
        ("  pour: 4", "  pour: 3"),
        ("  abstention: 2", "  abstention: 3"),
        ("      montant: 290000", "      montant: 295000"),
    )
    deliberation = (repo.root / DELIBERATION).read_text(encoding="utf-8")
    title = deliberation.split("\n  titre: ", 1)[1].split("\n", 1)[0]
    repo.edit(DELIBERATION, (f"  titre: {title}", '  titre: "<!-- *délibération* <b>"'))
    assert main(["diff", "HEAD"]) == 0
    out = capsys.readouterr().out
    tokens = MarkdownIt("commonmark").enable("table").parse(out)
    kinds = {token.type for token in tokens}
    inline = [child for token in tokens for child in token.children or []]
    assert not kinds & {"html_block", "html_inline"}
    assert not [t for t in inline if t.type in {"html_inline", "link_open", "image"}]
    headings = [
        tokens[index + 1].content for index, t in enumerate(tokens) if t.type == "heading_open"
    ]
    assert headings == [
        "Changements des actes : HEAD → arbre de travail",
        "Documents",
        "Convention `cpom-mpdm-2024-2026` (avenants appliqués)",
        "Délibération `dm-2023-12-21-mpdm`",
    ]
    strong = [
        inline[index + 1].content for index, t in enumerate(inline) if t.type == "strong_open"
    ]
    assert strong.count("Montants") == 2 and "Présences et vote" in strong
    assert "Articles" in strong
    seen = markdown_text(out)
    assert "Convention <img src=x onerror=alert(1)> [lien](https://x.fr) `code` <!--" in seen
    assert "modifié : article 2 « Durée # faux titre | x »" in seen
    assert "<!-- *délibération* <b>" in seen
    assert "\r" not in out and "\u2028" not in out
    assert [t.type for t in tokens].count("table_open") == 3
