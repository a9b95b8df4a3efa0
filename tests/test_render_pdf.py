"""PDF output: the text and figures of the act, PDF/A-2b, embedded fonts, reproducible bytes."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from pypdf import PdfReader

from mpdm_cli.render.typst import PdfCompiler
from tests.render_support import FIXTURES, SHIPPED, jobs_of, pdf, pdf_text

AVENANT = "bataillon-prevention-avenant-1-2023"
DELIBERATION = "dm-2023-12-21-mpdm-convention-2024-2026"


@pytest.fixture(scope="module")
def compiler() -> Iterator[PdfCompiler]:
    with PdfCompiler() as shared:
        yield shared


@pytest.fixture(scope="module")
def shipped(compiler: PdfCompiler) -> dict[str, bytes]:
    result = {}
    for stem, job in jobs_of(SHIPPED).items():
        result[stem] = pdf(job, compiler)
        assert compiler.warnings == [], (stem, compiler.warnings)
    return result


def test_avenant_text_and_figures(shipped: dict[str, bytes]) -> None:
    text = pdf_text(shipped[AVENANT])
    for expected in [
        "Avenant n° 1-2023",
        "VU la Loi n°2014-173 du 21 février 2014",
        "L’État, représenté par Monsieur le Préfet du département de la Côte-d’Or,",
        "IL EST CONVENU QUE,",
        "Article 1 : Objet de l’avenant",
        "Article 8 bis : Service de « prévention de rue »",
        "Article 8 quater : Médiation Sociale sur la ville de Dijon",
        "468 000 €",
        "quatre cent soixante-huit mille euros",
        "Fait à Dijon, le ………",
        "Monsieur Franck ROBINE",
        "Monsieur Michel DEUTCH",
    ]:
        assert expected in text, expected
    assert text.index("Article 8 bis") < text.index("Article 8 ter") < text.index("Article 9")


def test_deliberation_text_and_figures(shipped: dict[str, bytes]) -> None:
    text = pdf_text(shipped[DELIBERATION])
    for expected in [
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS du Conseil métropolitain de Dijon métropole",
        "Séance du jeudi 21 décembre 2023",
        "Président : Monsieur REBSAMEN",
        "Secrétaire de séance : Monsieur HOAREAU",
        "Convocation envoyée le 13 décembre 2023",
        "Nombre de présents participant au vote : 64",
        "Madame Patricia BEGIN suppléante de M.",
        "Monsieur Stéphane WOYNAROSKI",
        "Madame Nathalie KOENDERS pouvoir à Monsieur François REBSAMEN",
        "Le Conseil, après en avoir délibéré, décide :",
        "d’autoriser Monsieur le Président à verser la subvention 2024 de 220 000 €",
        "POUR : 74",
        "NE SE PRONONCE PAS : 4",
        "DONT 19 PROCURATION(S)",
    ]:
        assert expected in text, expected


def _metadata(data: bytes) -> bytes:
    reader = PdfReader(io.BytesIO(data))
    root: Any = reader.trailer["/Root"]
    stream: Any = root["/Metadata"].get_object()
    return bytes(stream.get_data())


@pytest.mark.parametrize("stem", [AVENANT, DELIBERATION])
def test_pdf_a_2b_identification(shipped: dict[str, bytes], stem: str) -> None:
    xmp = _metadata(shipped[stem])
    assert b"<pdfaid:part>2</pdfaid:part>" in xmp or b'pdfaid:part="2"' in xmp
    assert b"<pdfaid:conformance>B</pdfaid:conformance>" in xmp or b'conformance="B"' in xmp
    root: Any = PdfReader(io.BytesIO(shipped[stem])).trailer["/Root"]
    assert "/OutputIntents" in root


def _fonts(data: bytes) -> Iterator[tuple[str, Any]]:
    for page in PdfReader(io.BytesIO(data)).pages:
        resources: Any = page["/Resources"]
        for name, ref in resources.get("/Font", {}).items():
            font = ref.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                yield name, descendant.get_object()


@pytest.mark.parametrize("stem", [AVENANT, DELIBERATION])
def test_all_fonts_embedded(shipped: dict[str, bytes], stem: str) -> None:
    fonts = list(_fonts(shipped[stem]))
    assert fonts
    for name, font in fonts:
        descriptor = font["/FontDescriptor"].get_object()
        embedded = {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor)
        assert embedded, f"{name} ({font.get('/BaseFont')}) is not embedded"


def test_byte_identical_across_compilers(shipped: dict[str, bytes]) -> None:
    with PdfCompiler() as other:
        again = {stem: pdf(job, other) for stem, job in jobs_of(SHIPPED).items()}
    assert again == shipped


def test_timestamp_is_the_acts_date(shipped: dict[str, bytes]) -> None:
    info: Any = PdfReader(io.BytesIO(shipped[DELIBERATION])).metadata
    assert str(info["/CreationDate"]).startswith("D:20231221")


def test_draft_watermark_on_every_page(compiler: PdfCompiler) -> None:
    jobs = jobs_of(FIXTURES)
    data = pdf(jobs["conv-test-2024"], compiler, draft=True)
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) >= 2
    for page in pages:
        assert "PROJET — NON VALIDÉ" in (page.extract_text() or "")
    assert "PROJET" not in pdf_text(pdf(jobs["conv-test-2024"], compiler))


def test_consolidated_fixture(compiler: PdfCompiler) -> None:
    text = pdf_text(pdf(jobs_of(FIXTURES)["conv-test-2024-consolidee"], compiler))
    assert "Version consolidée intégrant l’avenant n° 1-2025" in text
    assert "Dijon métropole verse une subvention annuelle de 250 000 €." in text
    assert "Article 1er : Objet" in text


def test_a_3000_character_word_wraps_inside_the_page(
    compiler: PdfCompiler, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A word with no break opportunity (no hyphenation pattern either) in the prose and in a
    table cell: wrapped on many lines, every character kept, nothing beyond the margin."""
    import shutil

    root = tmp_path_factory.mktemp("mot-long")
    shutil.copytree(FIXTURES, root, dirs_exist_ok=True)
    word = ("0123456789ABCDEFGHIJ" * 150)[:3000]
    path = root / "convention.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "    texte: La présente convention fixe les objectifs et les moyens du dispositif.",
        f"    texte: Référence {word} fin.",
    ).replace("      libelle: médiateurs sociaux", f"      libelle: {word[:300]}")
    path.write_text(text, encoding="utf-8")
    data = pdf(jobs_of(root)["conv-test-2024"], compiler)
    assert compiler.warnings == []
    reader = PdfReader(io.BytesIO(data))
    lines = [
        line
        for page in reader.pages
        for line in (page.extract_text() or "").replace("\u200b", "").splitlines()
    ]
    # Unwrapped, the word is one 3 000-character line running off the page; a full line of
    # the page holds about 90 of these characters.
    assert max(len(line) for line in lines) < 120, max(lines, key=len)[:60]
    assert sum(1 for line in lines if line and set(line) <= set(word)) >= 30
    seen = re.sub(r" [0-9]+ / [0-9]+ ", " ", pdf_text(data))  # page footers, between pages
    assert word in seen.replace("\u200b", "").replace(" ", "")
