"""Acts with only their required fields still render, in both formats, without gaps."""

from __future__ import annotations

from pathlib import Path

from mpdm_cli.render.typst import PdfCompiler
from tests.conftest import BASE_FILES, write_tree
from tests.render_support import jobs_of, markdown, markdown_text, pdf, pdf_text

MINIMAL = {
    **BASE_FILES,
    "convention.yaml": """\
        type: convention
        id: minimale
        titre: Convention minimale
        nature: convention
        parties:
          - organisation: asso
        """,
    "avenant.yaml": """\
        type: avenant
        id: minimale-avenant-1
        numero: "1"
        convention: minimale
        titre: Avenant n° 1
        parties:
          - organisation: asso
            representee_par: Madame la Présidente
        """,
    "deliberation.yaml": """\
        type: deliberation
        id: delib-minimale
        assemblee:
          organisation: asso
          nom: Conseil d'administration
        seance:
          date: 2024-03-01
          president: jeanne-martin
          secretaire: jeanne-martin
        membres:
          composition: 1
          en_exercice: 1
        presents:
          nombre_ouverture: 1
          liste: [jeanne-martin]
        absents: {}
        objet:
          titre: Objet minimal
        expose: Exposé.
        decisions:
          - verbe: d'approuver
            texte: le budget.
        scrutin:
          unanimite: true
          resultat: adoptee
        """,
}


def test_minimal_acts_render(tmp_path: Path) -> None:
    jobs = jobs_of(write_tree(tmp_path, MINIMAL))
    assert set(jobs) == {
        "minimale",
        "minimale-consolidee",
        "minimale-avenant-1",
        "delib-minimale",
    }
    with PdfCompiler() as compiler:
        for job in jobs.values():
            text = markdown_text(markdown(job))
            printed = pdf_text(pdf(job, compiler))
            assert compiler.warnings == []
            assert "None" not in text and "None" not in printed
    convention = markdown_text(markdown(jobs["minimale"]))
    assert "Fait à ………, le ………" in convention
    assert "Entre : Association, IL EST CONVENU QUE," in convention
    with PdfCompiler() as compiler:
        deliberation = pdf_text(pdf(jobs["delib-minimale"], compiler))
    assert "Séance du vendredi 1er mars 2024" in deliberation
    assert "UNANIMITÉ ADOPTÉE" in deliberation
    assert "Nombre de présents à l’ouverture de la séance : 1" in deliberation
    assert "| | ADOPTÉE |" in markdown(jobs["delib-minimale"])
    assert "Nombre de présents participant au vote : 1" in deliberation
