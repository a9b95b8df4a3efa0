"""The fictional examples/ repository: it validates clean and holds every shape of real acts.

Each shape is checked twice: present in the loaded models, and read by its rule (the same
example with that shape written away must be reported).
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from mpdm_cli.checks.dates import convocation_full_days
from mpdm_cli.cli import main
from mpdm_cli.models import Convention, Deliberation, Organisation
from mpdm_cli.models.deliberation import Present
from mpdm_cli.pipeline.validation import validate

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CPO = "conventions/cpo-passerelles-2025-2027.yaml"
VALBRUNE = "deliberations/valbrune-2025-014-foyer-rural.yaml"
AGGLO = "deliberations/agglo-2025-022-passerelles.yaml"


def test_examples_validate_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", str(EXAMPLES)])
    out = capsys.readouterr().out
    assert code == 0
    assert out.strip().endswith("14 fichiers, 14 documents valides, 0 erreurs, 0 avertissements")


def _documents() -> tuple[list[Deliberation], list[Convention], dict[str, Organisation]]:
    repository = validate([EXAMPLES]).repository
    deliberations = [d for _, d in repository.of_type(Deliberation)]
    conventions = [c for _, c in repository.of_type(Convention)]
    organisations = {o.id: o for _, o in repository.of_type(Organisation)}
    return deliberations, conventions, organisations


def test_every_shape_is_present() -> None:
    deliberations, conventions, organisations = _documents()
    presents = [m for d in deliberations for m in d.present.members if isinstance(m, Present)]
    # 1. Attendance by item: arrivals, departures with a proxy, numbered délibérations.
    assert any(m.from_item for m in presents)
    assert any(m.until_item and m.proxy_to for m in presents)
    assert all(d.number for d in deliberations)
    # 2. The président counted among the présents, named apart.
    assert any(d.present.president_counted for d in deliberations)
    # 3. Unanimity without figures, and with figures that agree.
    assert any(d.vote.unanimous and d.vote.for_ is None for d in deliberations)
    assert any(d.vote.unanimous and d.vote.for_ for d in deliberations)
    # 4. A commune under 3 500 inhabitants (3 jours francs), an EPCI with a larger one (5).
    small = convocation_full_days("commune-de-valbrune", organisations)
    epci = convocation_full_days("agglomeration-du-val-d-orane", organisations)
    assert small is not None and small[0] == 3
    assert epci is not None and epci[0] == 5
    assert convocation_full_days("departement-de-la-haute-orane", organisations) is None
    # 5. Authorisations by délibération id and by date.
    cited = [p.authorisation for c in conventions for p in c.parties if p.authorisation]
    assert any(a.deliberation for a in cited) and any(a.date and not a.deliberation for a in cited)
    # 6. An envelope per post per quarter; amounts in figures and in words.
    lines = [line for c in conventions for line in c.funding]
    assert any(line.posts and line.posts.per == "trimestre" for line in lines)
    assert any(line.amount_in_words for line in lines)
    assert any(
        d.authorisation and d.authorisation.amount_in_words
        for delib in deliberations
        for d in delib.decisions
    )
    # 8. ETP in decimals by commune, a signatory by delegation, a suppléant.
    roles = [r for c in conventions if c.staffing for r in c.staffing.roles]
    assert any(r.fte is not None and r.fte % 1 != 0 for r in roles)
    assert any(s.commune and s.fte is not None for r in roles for s in r.breakdown)
    signatories = [s for c in conventions if c.signature for s in c.signature.signatories]
    assert any(s.delegated_by for s in signatories)
    assert any(m.substitute_for for m in presents)
    assert Decimal(0) not in {r.fte for r in roles}


@pytest.mark.parametrize(
    ("file", "before", "after", "code"),
    [
        # 1. The proxy left by a member who leaves is held by a member still there.
        (AGGLO, "procuration_a: iris-vernerey", "procuration_a: marius-aubriot", "V004"),
        # 2. Without the flag, the président is neither listed nor counted.
        (VALBRUNE, "  president_compte_parmi_presents: true\n", "", "V009"),
        # 3. « À l'unanimité » next to a vote against.
        (
            "deliberations/cp-2025-04-17-passerelles.yaml",
            "  pour: 11\n  contre: 0",
            "  pour: 10\n  contre: 1",
            "V010",
        ),
        # 4. Valbrune at 3 500 inhabitants: 3 jours francs are no longer enough.
        ("organisations/commune-de-valbrune.yaml", "population: 1240", "population: 3500", "D006"),
        # 5. The association's authorisation dated after the signature.
        (CPO, "date: 2025-03-06", "date: 2025-05-06", "D004"),
        (
            "avenants/cpo-passerelles-2025-2027-avenant-1.yaml",
            "date: 2026-01-15",
            "date: 2026-02-11",
            "D004",
        ),
        # 6. Per month, the adultes-relais envelope does not fall on whole cents.
        (CPO, "      par: trimestre\n", "", "B002"),
        (CPO, "lettres: quarante-deux mille euros", "lettres: quarante-trois mille euros", "B008"),
        # 8. The ETP by commune no longer add up.
        (CPO, "          etp: 0.5", "          etp: 0.6", "P001"),
    ],
)
def test_each_shape_is_read_by_its_rule(
    tmp_path: Path, file: str, before: str, after: str, code: str
) -> None:
    copy = tmp_path / "examples"
    shutil.copytree(EXAMPLES, copy)
    path = copy / file
    text = path.read_text(encoding="utf-8")
    assert text.count(before) == 1, f"« {before} » introuvable ou répété dans {file}"
    path.write_text(text.replace(before, after), encoding="utf-8")
    codes = {d.code for d in validate([copy]).diagnostics if d.fails}
    assert code in codes


def test_rendered_acts_show_the_proxy_left_on_leaving_and_the_etp(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["render", str(EXAMPLES), "--format", "md", "--output", str(tmp_path)])
    capsys.readouterr()
    assert code == 0
    text = (tmp_path / "agglo-2025-022-passerelles.md").read_text(encoding="utf-8")
    assert (
        "- Madame Téa BRULEBOIS (jusqu’à la délibération n° 21) pouvoir à Madame Iris VERNEREY\n"
        in text
    )
    cpo = (tmp_path / "cpo-passerelles-2025-2027.md").read_text(encoding="utf-8")
    assert "Total en équivalents temps plein : 7,3 ETP." in cpo
    assert (
        "Département de la Haute-Orane, représenté par Madame la Présidente du conseil"
        " départemental, agissant en vertu de la délibération du 17 avril 2025," in cpo
    )
    assert (
        "| éducateurs de prévention spécialisée | 3 (2,5 ETP) |  | Commune de Valbrune : 1"
        " (0,5 ETP) ; Commune de Sainte-Orane : 2 (2 ETP) |" in cpo
    )


def test_rendered_count_without_a_declared_number_is_that_of_the_item(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The agglomération's extract without its « 16 présents »: 18 listed, but one arrives at
    # item 23 and one left after item 21; item 22 is voted by 16.
    copy = tmp_path / "examples"
    shutil.copytree(EXAMPLES, copy)
    path = copy / AGGLO
    text = path.read_text(encoding="utf-8")
    assert text.count("  nombre: 16\n") == 1
    path.write_text(text.replace("  nombre: 16\n", ""), encoding="utf-8")
    output = tmp_path / "out"
    code = main(["render", str(copy), "--format", "md", "--output", str(output)])
    capsys.readouterr()
    assert code == 0
    rendered = (output / "agglo-2025-022-passerelles.md").read_text(encoding="utf-8")
    assert "Nombre de présents participant au vote : 16\n" in rendered
    # The Word document says the same.
    code = main(["render", str(copy), "--format", "docx", "--output", str(output)])
    capsys.readouterr()
    assert code == 0
    word = docx.Document(str(output / "agglo-2025-022-passerelles.docx"))
    [count] = [p.text for p in word.paragraphs if "participant au vote" in p.text]
    assert count.endswith(": 16")
