"""``mpdm frise``: the timeline of the shipped acts as SVG and PDF, deterministic, escaped."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader

from mpdm_cli.cli import main
from tests.conftest import REPO_ROOT

ACTS = REPO_ROOT / "conventions"
SVG = "{http://www.w3.org/2000/svg}"


def _svg(tmp_path: Path, acts: Path, name: str = "frise.svg") -> ET.Element:
    target = tmp_path / name
    assert main(["frise", str(acts), "--au", "2023-06-30", "-o", str(target)]) == 0
    return ET.fromstring(target.read_bytes())


def _texts(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def test_svg_of_the_shipped_acts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _svg(tmp_path, ACTS)
    assert root.get("width") == "297.00mm" and root.get("height") == "210.00mm"
    texts = _texts(root)
    for expected in (
        "au 30 juin 2023",  # today's line
        "mediation-sociale — MPDM",
        "prevention-specialisee — MPDM",
        "dénoncée",  # the 2022-2024 convention, dénoncée for 2024
        "signature en blanc",  # the avenant n° 1-2023
        "av. 1-2023",
        "342 000 €",  # 220 000 + 121 000 + 1 000 a year, 2022 and 2023 only
        "468 000 €",  # the État's 2023 envelope
        "signée le 1er décembre 2021, durée inconnue",
    ):
        assert expected in texts, expected
    assert texts.count("342 000 €") == 2  # not 2024: the dénonciation ended it
    years = [t for t in texts if t.isdigit()]
    assert years == [str(year) for year in range(2016, 2027)]
    again = _svg(tmp_path, ACTS, "encore.svg")
    assert (tmp_path / "frise.svg").read_bytes() == (tmp_path / "encore.svg").read_bytes()
    assert ET.tostring(again) == ET.tostring(root)
    capsys.readouterr()


HOSTILE = '<script>alert("x")</script> & #read("/etc/passwd") ]]>'


def test_text_is_never_markup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    acts = tmp_path / "conventions"
    shutil.copytree(ACTS, acts)
    path = acts / "conventions" / "mpdm-mediation-sociale-com-2016-2018.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "titre: Convention d'objectifs et de moyens pour la période 2016-2018",
        "titre: '" + HOSTILE.replace("'", "''") + "'",
    )
    path.write_text(text, encoding="utf-8")
    root = _svg(tmp_path, acts)
    assert not list(root.iter(f"{SVG}script"))
    assert any(t.startswith('<script>alert("x")') for t in _texts(root))
    pdf = tmp_path / "frise.pdf"
    assert main(["frise", str(acts), "--au", "2023-06-30", "-f", "pdf", "-o", str(pdf)]) == 0
    extracted = PdfReader(pdf).pages[0].extract_text()
    assert "<script>alert(" in extracted
    capsys.readouterr()


def test_pdf_is_a4_landscape_and_reproducible(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for target in (first, second):
        assert main(["frise", str(ACTS), "--au", "2023-06-30", "-f", "pdf", "-o", str(target)]) == 0
    assert first.read_bytes() == second.read_bytes()
    reader = PdfReader(first)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    text = reader.pages[0].extract_text()
    assert "Frise des conventions" in text and "30 juin 2023" in text
    capsys.readouterr()


MANY = """\
type: convention
id: conv-{n:02d}
titre: Convention numéro {n}
nature: convention
dispositifs: [{scheme}]
parties:
  - organisation: metropole
    representee_par: Monsieur le Président
  - organisation: asso
    representee_par: Madame la Présidente
duree:
  debut: {start}
  fin: {end}
financements:
  - financeur: metropole
    beneficiaire: asso
    dispositif: {scheme}
    nature: subvention
    montant: {amount}
    base: annuel
    annees: [{start}]
signature:
  lieu: Dijon
  date: {start}-01-10
"""


def test_many_conventions_take_several_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    acts = tmp_path / "actes"
    shutil.copytree(Path(__file__).parent / "fixtures" / "rules" / "_commun", acts)
    for n in range(40):
        scheme = ("mediation-sociale", "prevention-specialisee", "adultes-relais")[n % 3]
        start = 2010 + n // 3
        text = MANY.format(n=n, scheme=scheme, start=start, end=start + 2, amount=1000 * (n + 1))
        (acts / f"conv-{n:02d}.yaml").write_text(text, encoding="utf-8")
    target = tmp_path / "frise.svg"
    assert main(["frise", str(acts), "--au", "2020-06-30", "-o", str(target)]) == 0
    pages = [target, *sorted(tmp_path.glob("frise-*.svg"))]
    assert [p.name for p in pages] == ["frise.svg", "frise-2.svg", "frise-3.svg"]
    texts = [t for page in pages for t in _texts(ET.fromstring(page.read_bytes()))]
    assert sorted(t for t in texts if t.startswith("conv-")) == [f"conv-{n:02d}" for n in range(40)]
    assert "mediation-sociale — Association de test (suite)" in texts
    pdf = tmp_path / "frise.pdf"
    assert main(["frise", str(acts), "--au", "2020-06-30", "-f", "pdf", "-o", str(pdf)]) == 0
    assert len(PdfReader(pdf).pages) == 3
    capsys.readouterr()


def test_usage_errors_in_french(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frise", str(ACTS), "--au", "demain"]) == 2
    assert "date « demain » invalide pour --au : attendu AAAA-MM-JJ" in capsys.readouterr().err
    assert main(["frise", str(ACTS), "--au", "2023-06-30", "-o", str(tmp_path / "frisé.svg")]) == 2
    assert "refusé" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
