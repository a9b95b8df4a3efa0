"""The ICS of ``mpdm echeances`` in a real calendar program: khal (Debian's command line
calendar) imports it, lists the events back, and takes an updated file without duplicates."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mpdm_cli.cli import main
from tests.conftest import REPO_ROOT


@pytest.fixture(scope="module")
def khal() -> str:
    """khal's path; installed from Debian when missing and possible, as .ci/run does."""
    found = shutil.which("khal")
    if found is None and shutil.which("apt-get") and os.geteuid() == 0:
        for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "khal"]):
            subprocess.run(command, capture_output=True, check=False, timeout=600)
        found = shutil.which("khal")
    if found is None:
        pytest.skip("khal absent et impossible à installer (apt-get install khal)")
    return found


def _config(folder: Path) -> Path:
    calendar = folder / "agenda"
    calendar.mkdir()
    config = folder / "khal.conf"
    config.write_text(
        "[calendars]\n[[echeances]]\n"
        f"path = {calendar}\ntype = calendar\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\n"
        "longdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\n"
        "longdatetimeformat = %Y-%m-%d %H:%M\n"
        "[default]\ndefault_calendar = echeances\n",
        encoding="utf-8",
    )
    return config


def _khal(khal: str, config: Path, *args: str) -> str:
    done = subprocess.run(
        [khal, "-c", str(config), *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={**os.environ, "LC_ALL": "C.UTF-8", "TZ": "UTC"},
    )
    return done.stdout


def _listed(khal: str, config: Path) -> list[str]:
    out = _khal(
        khal, config, "list", "--day-format", "", "--format", "{start-date}|{title}",
        "2022-01-01", "2026-12-31",
    )  # fmt: skip
    return sorted(line for line in out.splitlines() if line.strip())


def test_khal_imports_lists_and_updates_without_duplicates(
    khal: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    acts = tmp_path / "conventions"
    shutil.copytree(REPO_ROOT / "conventions", acts)
    ics = tmp_path / "echeances.ics"
    assert main(["echeances", str(acts), "--au", "2023-06-30", "-f", "ics", "-o", str(ics)]) == 0
    config = _config(tmp_path)
    _khal(khal, config, "import", "--batch", str(ics))
    first = _listed(khal, config)
    assert len(first) == 10
    assert first[0] == (
        "2023-01-01|date de signature de l'avenant n° 1-2023 laissée en blanc (à signer avant"
        " sa prise d'effet) — bataillon-prevention-convention-2021"
    )
    assert (
        "2023-12-31|fin anticipée de la convention, dénoncée par Dijon métropole et Ville de"
        " Dijon (effet : 2024) : dernier jour — mpdm-mediation-sociale-cpom-2022-2024"
    ) in first
    assert "2023-12-31|fin de la période de l'avenant n° 1-2023 —" in "\n".join(first)

    # An unrelated edit (a comment at the top of every act moves every source line), then
    # the updated file is imported over the first: same events, no duplicates.
    for path in acts.rglob("*.yaml"):
        path.write_text("# relu\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["echeances", str(acts), "--au", "2023-06-30", "-f", "ics", "-o", str(ics)]) == 0
    _khal(khal, config, "import", "--batch", str(ics))
    assert _listed(khal, config) == first
    assert len(list((tmp_path / "agenda").iterdir())) == 10
    # …and the stored event is the updated one (its source line moved from 46 to 47).
    folded = "".join(
        p.read_text(encoding="utf-8") for p in (tmp_path / "agenda").glob("*denonciation*")
    )
    stored = re.sub(r"\r?\n[ \t]", "", folded)  # RFC 5545 line folding
    assert "cpom-2022-2024.yaml:47" in stored and "cpom-2022-2024.yaml:46" not in stored
    capsys.readouterr()
