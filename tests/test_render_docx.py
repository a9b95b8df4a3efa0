"""Word output: the acts as .docx read back with python-docx and opened by LibreOffice."""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from mpdm_cli.cli import main
from mpdm_cli.render.documents import Job
from mpdm_cli.render.docx import DocxOptions, produce
from tests.docx_support import W, body, docx_text, tracked_text
from tests.render_support import (
    FIXTURES,
    SHIPPED,
    jobs_of,
    markdown,
    markdown_text,
    words_in_order,
)

SEEDS = Path("/work/shared/seeds")
SEED_OF = {
    "dm-2023-12-21-mpdm-convention-2024-2026": "000_c3f000709faef5b9.txt",
    "bataillon-prevention-avenant-1-2023": "004_ccc472b85ed1c16e.txt",
}
KINDS = [
    "conv-test-2024",
    "conv-test-2024-consolidee",
    "conv-test-2024-avenant-1",
    "delib-test-2023",
]


@pytest.fixture(scope="module")
def shipped() -> dict[str, Job]:
    return jobs_of(SHIPPED)


@pytest.fixture(scope="module")
def fixtures() -> dict[str, Job]:
    return jobs_of(FIXTURES)


def _xml(data: bytes, name: str = "word/document.xml") -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name).decode("utf-8")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed acts absent")
@pytest.mark.parametrize("stem", sorted(SEED_OF))
def test_seed_words_in_order(stem: str, shipped: dict[str, Job]) -> None:
    """The Word document holds the signed act's words in order, as the Markdown does."""
    seed = (SEEDS / SEED_OF[stem]).read_text(encoding="utf-8")
    job = shipped[stem]
    assert words_in_order(seed, docx_text(produce(job, DocxOptions()))) >= 0.95
    assert words_in_order(seed, markdown_text(markdown(job))) >= 0.95


def test_two_renders_give_identical_bytes(fixtures: dict[str, Job]) -> None:
    for stem in KINDS:
        first = produce(fixtures[stem], DocxOptions())
        assert produce(fixtures[stem], DocxOptions()) == first, stem
        with zipfile.ZipFile(io.BytesIO(first)) as package:
            names = package.namelist()
            assert names == sorted(names)
            assert not any("thumbnail" in name for name in names)
            assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    core = _xml(produce(fixtures["conv-test-2024-avenant-1"], DocxOptions()), "docProps/core.xml")
    assert "<dc:creator>mpdm</dc:creator>" in core
    assert "<cp:lastModifiedBy>mpdm</cp:lastModifiedBy>" in core
    assert "<cp:revision>1</cp:revision>" in core
    assert ">2025-01-01T00:00:00Z</dcterms:created>" in core  # the avenant's start
    assert "python-docx" not in core


def test_word_structure(fixtures: dict[str, Job]) -> None:
    import docx

    data = produce(fixtures["conv-test-2024"], DocxOptions())
    document = docx.Document(io.BytesIO(data))
    styled = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    assert styled[0] == (
        "Heading 1",
        "Convention pluriannuelle d’objectifs et de moyens 2024-2026 relative à la médiation"
        " sociale",
    )
    assert ("Heading 2", "Article 1er\u00a0: Objet") in styled
    assert ("Heading 2", "Article 8 bis\u00a0: Effectifs") in styled
    assert ("Heading 3", "Financements") in styled
    assert ("List Bullet", "dans les quartiers prioritaires\u00a0;") in styled
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "médiation sociale" in bold  # **médiation sociale** in the préambule
    # Signatures side by side without borders, then the annex tables with borders.
    signatures, funding, staffing = document.tables
    assert [c.text for c in signatures.rows[0].cells] == [
        "Le Président de Dijon métropole\n\n",
        "La Présidente de l’Association\n\n",
    ]
    assert [c.text for c in signatures.rows[1].cells] == [
        "Monsieur Paul DURAND",
        "Madame Jeanne MARTIN",
    ]
    assert 'w:top w:val="nil"' in _xml(data).split("</w:tbl>")[0]
    assert funding.rows[0].cells[4].text == "Montant"
    assert funding.rows[1].cells[4].text == "220\u202f000\u00a0€ par an"
    assert [c.text for c in staffing.rows[1].cells][:2] == ["médiateurs sociaux", "6"]
    # The page number is the only field, in the footer.
    footer = document.sections[0].footer.paragraphs[-1]
    assert footer.text == "Page 1"
    assert "PAGE" in _xml(data, "word/footer1.xml")
    assert not any(tag in _xml(data) for tag in ("fldChar", "instrText", "fldSimple"))
    assert 'w:lang w:val="fr-FR"' in _xml(data, "word/styles.xml")
    section = document.sections[0]  # A4, 2.5 cm margins (to the twip)
    for length, cm in ((section.page_width, 21), (section.page_height, 29.7)):
        assert length is not None and abs(length.cm - cm) < 0.01
    assert section.left_margin is not None and abs(section.left_margin.cm - 2.5) < 0.01


def test_every_kind_through_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["render", str(FIXTURES), "--format", "docx", "--output", str(out)]) == 0
    assert {p.name for p in out.iterdir()} == {f"{stem}.docx" for stem in KINDS}
    assert "4 document(s) produit(s), 4 fichier(s) écrit(s)" in capsys.readouterr().out
    deliberation = docx_text((out / "delib-test-2023.docx").read_bytes())
    assert "Le Conseil, après en avoir délibéré, décide\u00a0:" in deliberation
    # The vote and the signatures stay two tables (adjacent ones would merge into one).
    tags = [child.tag for child in body((out / "delib-test-2023.docx").read_bytes())]
    assert tags.count(W + "tbl") == 2
    assert all(tags[i : i + 2] != [W + "tbl"] * 2 for i in range(len(tags)))


def test_options_need_the_docx_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(FIXTURES), "--track-changes"]) == 2
    assert "ne valent qu'avec --format docx" in capsys.readouterr().err
    assert main(["render", str(FIXTURES), "-f", "docx", "--templates", str(FIXTURES)]) == 2
    assert "--templates ne s'applique pas aux documents Word" in capsys.readouterr().err


def test_draft_banner(fixtures: dict[str, Job]) -> None:
    data = produce(fixtures["delib-test-2023"], DocxOptions(), draft=True)
    assert docx_text(data).startswith("PROJET — NON VALIDÉ\nEXTRAIT DU REGISTRE")


def test_yaml_text_is_never_a_field_or_markup(fixtures: dict[str, Job]) -> None:
    hostile = (
        '{ PAGE } <w:fldSimple w:instr="PAGE"/> ]]> &amp; MERGEFIELD nom DDEAUTO c:\\x'
        " \x07bell\ttab\nnewline"
    )
    job = fixtures["conv-test-2024"]
    convention = job.context["convention"]
    articles = [convention.articles[0].model_copy(update={"text": hostile}), *convention.articles]
    changed = convention.model_copy(update={"title": hostile, "articles": articles})
    data = produce(
        dataclasses.replace(job, context={**job.context, "convention": changed}), DocxOptions()
    )
    tags = {element.tag.removeprefix(W) for element in body(data).iter()}
    assert not tags & {"fldChar", "instrText", "fldSimple", "tab", "br", "hyperlink"}
    lines = tracked_text(data, "none")
    expected = (
        '{ PAGE } <w:fldSimple w:instr="PAGE"/> ]]> &amp; MERGEFIELD nom DDEAUTO c:\\x'
        " \ufffdbell tab newline"
    )
    assert lines[0] == expected
    assert lines.count(expected) == 2  # title and article text


def test_reference_doc_styles_page_and_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import docx
    from docx.shared import Cm, Pt

    reference = docx.Document()
    reference.styles["Normal"].font.name = "Courier New"
    reference.styles["Normal"].font.size = Pt(13)
    reference.styles["Heading 1"].font.name = "Georgia"
    reference.styles["Heading 1"].font.size = Pt(21)
    section = reference.sections[0]
    section.left_margin = section.right_margin = Cm(3.3)
    section.top_margin = Cm(4.1)
    section.header.paragraphs[0].text = "Ville de Testville — Service des subventions"
    reference.add_paragraph("Texte du modèle, à ne pas reprendre")
    # As in a document made by Word: only the styles it uses are defined.
    reference.styles["List Bullet"].delete()
    reference.styles["Heading 2"].delete()
    path = tmp_path / "modele.docx"
    reference.save(str(path))

    out = tmp_path / "out"
    args = ["render", str(FIXTURES), "conv-test-2024-avenant-1", "-f", "docx", "-o", str(out)]
    assert main([*args, "--reference-doc", str(path)]) == 0
    result = docx.Document(str(out / "conv-test-2024-avenant-1.docx"))
    assert result.styles["Normal"].font.name == "Courier New"
    assert result.styles["Normal"].font.size == Pt(13)
    assert result.styles["Heading 1"].font.name == "Georgia"
    assert result.styles["Heading 1"].font.size == Pt(21)
    assert result.paragraphs[0].style is not None
    assert result.paragraphs[0].style.name == "Heading 1"
    written = docx.Document(str(path)).sections[0]  # as Word stores them, in twips
    assert result.sections[0].left_margin == written.left_margin != Cm(2.5)
    assert result.sections[0].top_margin == written.top_margin != Cm(2.5)
    assert result.sections[0].header.paragraphs[0].text == (
        "Ville de Testville — Service des subventions"
    )
    assert result.sections[0].footer.paragraphs[-1].text == "Page 1"
    assert "Texte du modèle" not in docx_text((out / "conv-test-2024-avenant-1.docx").read_bytes())
    # Missing styles are added: headings as headings, list items with a drawn bullet.
    assert (
        main(
            [
                "render",
                str(FIXTURES),
                "conv-test-2024",
                "-f",
                "docx",
                "-o",
                str(out),
                "--reference-doc",
                str(path),
            ]
        )
        == 0
    )
    convention = docx.Document(str(out / "conv-test-2024.docx"))
    styled = [(p.style.name if p.style else "", p.text) for p in convention.paragraphs]
    assert ("Heading 2", "Article 1er\u00a0: Objet") in styled
    assert ("List Bullet", "•\u00a0\u00a0dans les quartiers prioritaires\u00a0;") in styled

    broken = tmp_path / "casse.docx"
    broken.write_bytes(b"PK\x03\x04 pas un document")
    assert main([*args, "--reference-doc", str(broken)]) == 2
    assert "document de référence inutilisable" in capsys.readouterr().err
    assert main([*args, "--reference-doc", str(tmp_path / "absent.docx")]) == 2
    assert "document de référence illisible" in capsys.readouterr().err


def test_track_changes_in_a_consolidated_convention(fixtures: dict[str, Job]) -> None:
    """Accept every change: the consolidated convention; reject every one: the convention
    as signed, in the consolidated layout. Each change is the avenant's, dated by it."""
    from mpdm_cli.render.docx.content import convention_blocks
    from mpdm_cli.render.docx.word import render

    job = fixtures["conv-test-2024-consolidee"]
    tracked = produce(job, DocxOptions(track_changes=True))
    plain = produce(job, DocxOptions())
    context = job.context
    original = render(
        convention_blocks(context["original"], context["applied"], context["directory"]),
        "",
        job.date,
    )
    assert tracked_text(tracked, "accept") == tracked_text(plain, "none")
    assert tracked_text(tracked, "reject") == tracked_text(original, "none")
    assert tracked_text(plain, "none") != tracked_text(original, "none")
    changes = [e for e in body(tracked).iter() if e.tag in (W + "ins", W + "del")]
    assert changes
    assert {(e.get(W + "author"), e.get(W + "date")) for e in changes} == {
        ("mpdm, avenant n° 1-2025", "2025-01-01T00:00:00Z")
    }
    deleted = "".join(e.text or "" for e in body(tracked).iter(W + "delText"))
    assert "220" in deleted


def test_track_changes_name_the_avenant_of_each_article(tmp_path: Path) -> None:
    """With two avenants, a change in an article is the avenant's that restated it."""
    root = tmp_path / "actes"
    shutil.copytree(FIXTURES, root)
    (root / "avenant-2.yaml").write_text(
        """\
type: avenant
id: conv-test-2024-avenant-2
numero: "2-2026"
convention: conv-test-2024
titre: Avenant n° 2-2026
parties:
  - organisation: metropole
  - organisation: asso
periode:
  debut: 2026-01-01
  fin: 2026-12-31
articles_convention:
  - numero: "8 bis"
    titre: Effectifs
    texte: L'association emploie jusqu'à 8 médiateurs.
effectifs:
  plafond: 8
  article: "8 bis"
  roles:
    - id: mediateurs
      libelle: médiateurs sociaux
      nombre: 8
      contrats: [adulte-relais]
      repartition:
        - nombre: 8
          commune: ville
signature:
  lieu: Dijon
  date: 2025-12-15
""",
        encoding="utf-8",
    )
    job = jobs_of(root)["conv-test-2024-consolidee"]
    data = produce(job, DocxOptions(track_changes=True))
    stamps: dict[str, set[tuple[str | None, str | None]]] = {}
    for change in body(data).iter():
        if change.tag in (W + "ins", W + "del"):
            text = "".join(t.text or "" for t in change.iter() if t.tag in (W + "t", W + "delText"))
            stamps.setdefault(text, set()).add((change.get(W + "author"), change.get(W + "date")))
    first = ("mpdm, avenant n° 1-2025", "2025-01-01T00:00:00Z")
    second = ("mpdm, avenant n° 2-2026", "2025-12-15T00:00:00Z")
    assert stamps["250"] == {first}  # article 2, restated by avenant 1
    assert stamps["Dijon métropole"] == {first}  # its row of the financing table
    # 6 → 8 in article 8 bis and in the staffing annex: avenant 2 restated both.
    assert stamps["6"] == stamps["8"] == {second}
    assert tracked_text(data, "accept") == tracked_text(produce(job, DocxOptions()), "none")


def _soffice() -> str:
    found = shutil.which("soffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) manque : .ci/run l'installe")
        pytest.skip("LibreOffice (soffice) absent: apt-get install libreoffice-writer-nogui")
    return found


def test_libreoffice_converts_every_kind(tmp_path: Path, fixtures: dict[str, Job]) -> None:
    """The real consumer: LibreOffice opens each document and prints it to PDF."""
    import datetime as dt

    from pypdf import PdfReader

    from mpdm_cli.render.docx.content import blocks_of
    from mpdm_cli.render.docx.redline import constant, redline
    from mpdm_cli.render.docx.word import render

    soffice = _soffice()
    documents = {stem: produce(fixtures[stem], DocxOptions()) for stem in KINDS}
    documents["consolidee-modifications"] = produce(
        fixtures["conv-test-2024-consolidee"], DocxOptions(track_changes=True)
    )
    before = blocks_of(fixtures["conv-test-2024"])
    after = blocks_of(fixtures["conv-test-2024-consolidee"])
    when = dt.datetime(2025, 1, 2, 10, 30)
    documents["redline"] = render(redline(before, after, constant("mpdm", when)), "", when.date())
    for stem, data in documents.items():
        (tmp_path / f"{stem}.docx").write_bytes(data)
    profile = (tmp_path / "profil").as_uri()
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *sorted(str(tmp_path / f"{stem}.docx") for stem in documents),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for stem in documents:
        reader = PdfReader(tmp_path / "pdf" / f"{stem}.pdf")
        text = " ".join(page.extract_text() or "" for page in reader.pages)
        assert len(reader.pages) >= 1, stem
        assert "Page 1" in text, stem
        first = "EXTRAIT DU REGISTRE" if stem.startswith("delib") else "relative à la médiation"
        assert first in " ".join(text.split()), stem
