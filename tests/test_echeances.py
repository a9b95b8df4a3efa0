"""``mpdm echeances``: the obligations of the shipped acts, payments, renewals, formats."""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from pathlib import Path

import pytest
from icalendar import Calendar

from mpdm_cli.cli import main
from tests.conftest import REPO_ROOT

ACTS = REPO_ROOT / "conventions"
FIXTURES = Path(__file__).parent / "fixtures"
AV = "avenants/bataillon-prevention-avenant-1-2023.yaml"
MS = "conventions/mpdm-mediation-sociale-cpom-2022-2024.yaml"
PS = "conventions/mpdm-prevention-specialisee-cpom-2022-2023.yaml"
DM = "deliberations/dm-2023-12-21-mpdm-convention-2024-2026.yaml"
CRF = "compte-rendu-financier"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def listed(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, str]]:
    code, out, err = run(capsys, "echeances", *args, "--format", "json")
    assert code == 0, err
    entries: list[dict[str, str]] = json.loads(out)["echeances"]
    return entries


def summary(entries: list[dict[str, str]]) -> list[tuple[str, str, str, str]]:
    return [
        (e["date"], e["statut"], e["type"], e["source"].removeprefix(f"{ACTS}/")) for e in entries
    ]


def test_shipped_acts_mid_2023(capsys: pytest.CaptureFixture[str]) -> None:
    entries = listed(capsys, str(ACTS), "--au", "2023-06-30")
    assert summary(entries) == [
        # « Fait à Dijon, le , » : the avenant is still unsigned, due before it took effect.
        ("2023-01-01", "en retard", "a-completer", AV + ":313"),
        # Compte rendu financier of 2022, derived from the law (the acts do not repeat it).
        ("2023-06-30", "aujourd'hui", CRF, MS + ":28"),
        ("2023-06-30", "aujourd'hui", CRF, MS + ":35"),
        # Article 11: « conclu pour la période de janvier 2023 à décembre 2023 ».
        ("2023-12-31", "à venir", "fin-de-duree", AV + ":50"),
        # No later convention with the État and Chenôve among its parties.
        ("2023-12-31", "à venir", "renouvellement", AV + ":50"),
        # 2022-2024, dénoncée « pour l'année 2024 »: it ends on 31 December 2023.
        ("2023-12-31", "à venir", "denonciation", MS + ":46"),
        ("2023-12-31", "à venir", "fin-de-duree", PS + ":18"),
        ("2024-06-30", "à venir", CRF, AV + ":231"),
        ("2024-06-30", "à venir", CRF, MS + ":28"),
        ("2024-06-30", "à venir", CRF, MS + ":35"),
    ]  # fmt: skip
    by_type = {e["type"]: e for e in entries}
    assert by_type["renouvellement"]["objet"].startswith(
        "renouvellement (mediation-sociale, prevention-specialisee) : une délibération est"
        " nécessaire avant le 31 décembre 2023"
    )
    assert "dénoncée par Dijon métropole et Ville de Dijon" in by_type["denonciation"]["objet"]
    crf = next(e for e in entries if e["source"].endswith("avenant-1-2023.yaml:231"))
    assert (crf["doit"], crf["a"]) == ("MPDM", "État")
    assert "loi n° 2000-321 du 12 avril 2000, art. 10" in crf["fondement"]
    assert "arrêté du 11 octobre 2006" in crf["fondement"]
    assert by_type["fin-de-duree"]["fondement"] == "stipulé par l'acte"


def test_shipped_acts_mid_2024(capsys: pytest.CaptureFixture[str]) -> None:
    entries = listed(capsys, str(ACTS), "--au", "2024-06-30")
    assert summary(entries) == [
        # Still blank a year later: listed until it is filled.
        ("2023-01-01", "en retard", "a-completer", AV + ":313"),
        ("2024-06-30", "aujourd'hui", CRF, AV + ":231"),
        ("2024-06-30", "aujourd'hui", CRF, MS + ":28"),
        ("2024-06-30", "aujourd'hui", CRF, MS + ":35"),
        # The 2024 subsidies the délibération grants (the 2024-2026 convention is not transcribed).
        ("2025-06-30", "à venir", CRF, DM + ":188"),
        ("2025-06-30", "à venir", CRF, DM + ":198"),
    ]  # fmt: skip
    # The dénoncée convention has no 2024 compte rendu: it ended with 2023.
    assert not [e for e in entries if "2024 de la subvention (financeur" in e["objet"]]


def test_looking_back_and_filters(capsys: pytest.CaptureFixture[str]) -> None:
    back = listed(capsys, str(ACTS), "--au", "2024-06-30", "--depuis", "2023-12-01")
    assert ("2023-12-31", "passée") in {(e["date"], e["statut"]) for e in back}
    only = listed(capsys, str(ACTS), "--au", "2023-06-30", "--type", "fin-de-duree")
    assert {e["type"] for e in only} == {"fin-de-duree"} and len(only) == 2
    chenove = listed(capsys, str(ACTS), "--au", "2023-06-30", "--organisation", "ville-de-chenove")
    assert {e["acte"] for e in chenove} == {"bataillon-prevention-convention-2021"}
    scheme = listed(capsys, str(ACTS), "--au", "2023-06-30", "--dispositif", "mediation-sociale")
    assert "mpdm-prevention-specialisee-cpom-2022-2023" not in {e["acte"] for e in scheme}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--au", "30/06/2023"], "date « 30/06/2023 » invalide pour --au : attendu AAAA-MM-JJ"),
        (["--au", "2023-06-30", "--type", "paiement"], "type inconnu : paiement"),
        (["--au", "2023-06-30", "--jusqu-au", "2023-01-01"], "--jusqu-au précède"),
    ],
)
def test_bad_options(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = run(capsys, "echeances", str(ACTS), *args)
    assert code == 2 and not out
    assert message in err and "Traceback" not in err


def _repository(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "actes"
    shutil.copytree(FIXTURES / "rules" / "_commun", folder)
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


CONVENTION = """\
    type: convention
    id: {id}
    titre: Convention de test
    nature: convention pluriannuelle d'objectifs et de moyens
    dispositifs: [mediation-sociale]
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
        dispositif: mediation-sociale
        nature: subvention
        montant: 20000
        base: annuel
        annees: {years}
        article: "4"
        versements:
          - libelle: acompte
            pourcentage: 50
            mois: 2
          - libelle: solde
            apres: compte-rendu-financier
    rapports:
      - nature: bilan-activite
        echeance: 2025-09-30
        par: asso
        destinataires: [metropole]
        article: "9"
    preavis_denonciation:
      mois: 3
      article: "12"
    signature:
      lieu: Dijon
      date: 2024-01-15
    """

CALENDAR = """\
    type: calendrier
    id: seances-metropole-2025
    assemblee:
      organisation: metropole
      nom: Conseil métropolitain
    seances: [2025-03-27, 2025-06-26, 2025-09-25, 2025-12-18]
    """


def test_payments_reports_notice_and_renewal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = _repository(
        tmp_path,
        {
            "conv.yaml": CONVENTION.format(id="conv", start=2024, end=2025, years="[2024, 2025]"),
            "calendrier.yaml": CALENDAR,
        },
    )
    entries = listed(capsys, str(folder), "--au", "2024-01-01", "--jusqu-au", "2026-12-31")
    got = [(e["date"], e["type"], e["montant"], e["source"]) for e in entries]
    src = f"{folder}/conv.yaml"
    assert got == [
        ("2024-02-29", "versement", "10000.00", f"{src}:26"),  # 50 % in February
        ("2024-10-01", "preavis", "", f"{src}:36"),  # three months before 1 January 2025
        ("2025-02-28", "versement", "10000.00", f"{src}:26"),
        ("2025-06-30", CRF, "", f"{src}:21"),
        # The solde « après le compte rendu financier »: on the day that report is due.
        ("2025-06-30", "versement", "10000.00", f"{src}:28"),
        ("2025-09-30", "bilan-activite", "", f"{src}:31"),
        # The last sitting of the Conseil métropolitain before the end of the convention.
        ("2025-12-18", "renouvellement", "", f"{src}:13"),
        ("2025-12-31", "fin-de-duree", "", f"{src}:13"),
        ("2026-06-30", CRF, "", f"{src}:21"),
        ("2026-06-30", "versement", "10000.00", f"{src}:28"),
    ]
    titles = [e["objet"] for e in entries]
    assert titles[0] == "acompte 2024 de la subvention (mediation-sociale)"
    assert titles[1] == (
        "dernier jour pour dénoncer la convention au 1er janvier 2025 (préavis de 3 mois)"
    )
    assert titles[3] == (
        "compte rendu financier 2024 de la subvention (financeur : Métropole de test,"
        " CERFA n° 15059)"
    )
    assert titles[6] == (
        "renouvellement (mediation-sociale) : une délibération est nécessaire au plus tard à"
        " la séance du 18 décembre 2025 (Conseil métropolitain), dernière avant la fin de la"
        " convention le 31 décembre 2025"
    )
    assert titles[4] == (
        "solde 2024 de la subvention (mediation-sociale), versable après le compte rendu"
        " financier 2024"
    )
    solde = entries[4]
    assert solde["doit"] == "Métropole de test" and solde["a"] == "Association de test"
    assert "loi n° 2000-321" in solde["fondement"]


def test_a_successor_needs_no_renewal(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = _repository(
        tmp_path,
        {
            "conv.yaml": CONVENTION.format(id="conv", start=2024, end=2025, years="[2024, 2025]"),
            "suite.yaml": CONVENTION.format(
                id="suite", start=2026, end=2028, years="[2026, 2027, 2028]"
            ),
        },
    )
    entries = listed(capsys, str(folder), "--au", "2025-06-01", "--type", "renouvellement")
    assert entries == []


def test_ics_is_deterministic_and_stable_across_edits(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    acts = tmp_path / "conventions"
    shutil.copytree(ACTS, acts)
    first, again, edited = tmp_path / "a.ics", tmp_path / "b.ics", tmp_path / "c.ics"
    for target in (first, again):
        code, _, err = run(
            capsys, "echeances", str(acts), "--au", "2023-06-30", "-f", "ics", "-o", str(target)
        )
        assert code == 0, err
    assert first.read_bytes() == again.read_bytes()
    _unrelated_edit(acts)
    code, _, err = run(
        capsys, "echeances", str(acts), "--au", "2023-06-30", "-f", "ics", "-o", str(edited)
    )
    assert code == 0, err

    def events(path: Path) -> dict[str, tuple[str, str, str]]:
        calendar = Calendar.from_ical(path.read_bytes())
        return {
            str(e["UID"]): (
                e.decoded("DTSTART").isoformat(),
                str(e["SUMMARY"]),
                str(e["DESCRIPTION"]),
            )
            for e in calendar.walk("VEVENT")
        }

    before, after = events(first), events(edited)
    assert len(before) == 10
    assert before.keys() == after.keys()
    assert before != after  # the edit moved the source lines in the descriptions…
    assert {u: e[:2] for u, e in before.items()} == {u: e[:2] for u, e in after.items()}
    assert "bataillon-prevention-convention-2021.renouvellement.convention@mpdm" in before
    calendar = Calendar.from_ical(first.read_bytes())
    event = next(iter(calendar.walk("VEVENT")))
    assert event["DTSTART"].params["VALUE"] == "DATE"  # all-day
    assert event.decoded("DTSTAMP").isoformat() == "2023-06-30T00:00:00+00:00"


def _unrelated_edit(acts: Path) -> None:
    """A comment line added at the top of each act: every source line moves by one."""
    for path in sorted(acts.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        path.write_text("# relu le 1er juillet 2023\n" + text, encoding="utf-8")


def test_text_csv_and_atomic_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "echeances", str(ACTS), "--au", "2023-06-30")
    assert code == 0
    assert "Échéances du 30 juin 2023 au 30 juin 2024" in out
    assert "en retard" in out
    target = tmp_path / "sortie" / "echeances.csv"
    code, out, err = run(
        capsys, "echeances", str(ACTS), "--au", "2023-06-30", "-f", "csv", "-o", str(target)
    )
    assert code == 0 and not out and "écrit" in err
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == 10 and rows[0]["type"] == "a-completer"
    assert [p.name for p in target.parent.iterdir()] == ["echeances.csv"]  # no temporary left
    code, _, err = run(
        capsys, "echeances", str(ACTS), "--au", "2023-06-30", "-o", str(tmp_path / "échéances.txt")
    )
    assert code == 2 and "refusé" in err


def test_a_blank_authorisation_is_to_fill(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = CONVENTION.format(id="conv", start=2025, end=2025, years="[2025]").replace(
        "        representee_par: Madame la Présidente\n",
        "        representee_par: Madame la Présidente\n        autorisation: {date: null}\n",
    )
    folder = _repository(tmp_path, {"conv.yaml": text})
    entries = listed(capsys, str(folder), "--au", "2024-06-30", "--type", "a-completer")
    assert [(e["date"], e["source"]) for e in entries] == [("2025-01-01", f"{folder}/conv.yaml:11")]
    assert "autorisant la signature de la convention" in entries[0]["objet"]
    assert "L2121-29" in entries[0]["fondement"]


def test_words_from_the_acts_are_not_markup_in_the_table(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = CONVENTION.format(id="conv", start=2025, end=2025, years="[2025]").replace(
        "libelle: acompte", 'libelle: "acompte [bold]gras[/x]"'
    )
    folder = _repository(tmp_path, {"conv.yaml": text})
    code, out, err = run(capsys, "echeances", str(folder), "--au", "2024-12-01")
    assert code == 0, err
    # Shown as written, not taken as rich markup (which "[/x]" would also crash).
    assert "[bold]gras[/x]" in out


def test_csv_cells_are_never_spreadsheet_formulas(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = CONVENTION.format(id="conv", start=2025, end=2025, years="[2025]").replace(
        "libelle: acompte", 'libelle: "=HYPERLINK(\\"x\\")"'
    )
    folder = _repository(tmp_path, {"conv.yaml": text})
    code, out, err = run(capsys, "echeances", str(folder), "--au", "2024-12-01", "-f", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    titles = [row["objet"] for row in rows if "HYPERLINK" in row["objet"]]
    assert titles and all(title.startswith("'=HYPERLINK") for title in titles)
