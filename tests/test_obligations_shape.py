"""The shapes of payment schedules, reports, notice periods and sitting calendars: bad
values get a located French message."""

from __future__ import annotations

import shutil
from pathlib import Path

from mpdm_cli.pipeline.validation import selected_rules, validate

RULES = Path(__file__).parent / "fixtures" / "rules"


def test_bad_values_are_located_in_french(tmp_path: Path) -> None:
    folder = tmp_path / "actes"
    shutil.copytree(RULES / "_commun", folder)
    text = (RULES / "B009" / "conforme" / "convention.yaml").read_text(encoding="utf-8")
    text = text.replace("pourcentage: 50", "pourcentage: 150").replace("mois: 2", "mois: 13")
    text += "preavis_denonciation:\n  mois: -1\nrapports:\n  - nature: bilan\n"
    text += "    echeance: 2025-13\n    par: asso\n"
    (folder / "conv.yaml").write_text(text, encoding="utf-8")
    calendar = "type: calendrier\nid: {id}\nassemblee:\n  organisation: {org}\n  nom: Conseil\n"
    (folder / "cal.yaml").write_text(
        calendar.format(id="cal", org="metropole") + "seances: [2024-03-28, mardi]\n",
        encoding="utf-8",
    )
    (folder / "cal2.yaml").write_text(
        calendar.format(id="cal2", org="inconnue") + "seances: [2024-03-28]\n", encoding="utf-8"
    )
    outcome = validate([folder], selected_rules(("R",)))
    found = [
        (Path(d.location.file).name, d.location.line, d.code, d.message)
        for d in outcome.diagnostics
    ]
    assert found == [
        ("cal.yaml", 6, "S003", "date (AAAA-MM-JJ) attendue, trouvé « mardi »"),
        ("cal2.yaml", 4, "R002", "organisation « inconnue » introuvable"),
        ("conv.yaml", 24, "S003", "valeur « 150 » invalide (pourcentage attendu, plus de 0 et"
         " au plus 100, par exemple 50)"),
        ("conv.yaml", 25, "S003", "valeur « 13 » invalide (mois : attendu un nombre de 1 à 12)"),
        ("conv.yaml", 47, "S003", "valeur « -1 » invalide (durée du préavis en mois : attendu"
         " un nombre de 0 à 120)"),
        ("conv.yaml", 49, "S003", "valeur « bilan » non permise ; valeurs possibles :"
         " compte-rendu-financier, bilan-activite, evaluation ou rapport"),
        ("conv.yaml", 50, "S003", "date (AAAA-MM-JJ), mois (AAAA-MM) ou année (AAAA) attendu,"
         " trouvé « 2025-13 »"),
    ]  # fmt: skip
