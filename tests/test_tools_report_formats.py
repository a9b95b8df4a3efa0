"""``mpdm validate --format github|sarif``: annotations and SARIF 2.1.0."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from mpdm_cli.cli import main
from mpdm_cli.pipeline.catalogue import known_codes
from mpdm_cli.pipeline.validation import selected_rules, validate
from mpdm_cli.reports.ci import escape_data, escape_property, github_lines

SARIF_SCHEMA = Path(__file__).parent / "fixtures" / "tools" / "sarif-schema-2.1.0.json"

ORGANISATION = """\
type: organisation
id: {id}
nom: {name}
categorie: commune
"""

CONVENTION = """\
type: convention
id: cpom-test
titre: Convention de test
nature: convention
parties:
  - organisation: ville-de-dijon
    representee_par: son Maire
  - organisation: ville-de-dijonn
    representee_par: son Maire
  - organisation: ville-inconnue
    representee_par: son Maire
anomalies_acceptees:
  - regle: R002
    chemin: parties[2].organisation
    motif: l'acte est signé
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "ville.yaml").write_text(
        ORGANISATION.format(id="ville-de-dijon", name="Ville de Dijon"), encoding="utf-8"
    )
    (tmp_path / "cpom.yaml").write_text(CONVENTION, encoding="utf-8")
    (tmp_path / "doublon.yaml").write_text(
        "type: organisation\nid: x\nid: y\nnom: X\ncategorie: commune\n", encoding="utf-8"
    )
    return tmp_path


def test_workflow_command_escaping() -> None:
    assert escape_data("100 % juste\r\nfin: a, b") == "100 %25 juste%0D%0Afin: a, b"
    assert escape_property("a:b,c%d\n") == "a%3Ab%2Cc%25d%0A"


def test_workflow_commands_carry_no_control_character() -> None:
    assert escape_data("a\x1b[31mb\u202ec\u2028d") == "a\\u001b[31mb\\u202ec\\u2028d"
    assert escape_property("x\x1b::y,z") == "x\\u001b%3A%3Ay%2Cz"


@pytest.mark.parametrize("output", ["text", "github"])
def test_no_escape_sequence_reaches_the_terminal(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    output: str,
) -> None:
    """A file name and values with ESC, CR and a bidi override: all shown, none obeyed."""
    monkeypatch.chdir(tmp_path)
    name = "a\x1b[2Jb\r\u202e.yaml"
    (tmp_path / name).write_text(
        'type: organisation\nid: ville\nnom: "V\\e[31mX\\u202e"\ncategorie: commune\n'
        "adresse: Rue\x1b]0;titre\x07\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("FORCE_COLOR", "1")  # the coloured path (rich) too
    assert main(["validate", ".", "--format", output]) == 1
    out = capsys.readouterr().out
    ansi = re.sub(r"\x1b\[[0-9;]*m", "", out)  # mpdm's own colours, on request
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", ansi)
    assert "\\u001b[2J" in out and "Y008" in out


def test_github_annotations(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    # Only the reference rules: other families would also report on this minimal act.
    lines = github_lines(validate([Path(".")], selected_rules(["R"])))
    assert lines == [
        "::error file=cpom.yaml,line=8,col=19,title=R002::"
        "organisation « ville-de-dijonn » introuvable ; vouliez-vous dire « ville-de-dijon » ?",
        "::notice file=cpom.yaml,line=10,col=19,title=R002::"
        "organisation « ville-inconnue » introuvable%0Aanomalie acceptée : l'acte est signé",
        "::error file=doublon.yaml,line=3,col=1,title=Y002::"
        "clé « id » en double (déjà définie ligne 2) ; la seconde valeur serait perdue"
        "%0Adoublon.yaml:2:1: première définition",
    ]


def test_github_format_from_the_command(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    assert main(["validate", ".", "--select", "R", "--format", "github"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("::error file=cpom.yaml,line=8,col=19,title=R002::")
    assert out[-1].startswith("3 fichiers")


def test_sarif_is_valid_and_complete(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    assert main(["validate", ".", "missing.yaml", "--select", "R", "--format", "sarif"]) == 2
    sarif = json.loads(capsys.readouterr().out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(sarif)

    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert {"R001", "R002", "Y001", "Y002", "S001", "S003", "A001"} <= set(ids)
    assert len(ids) == len(set(ids))
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("R002", "error"),
        ("R002", "note"),
        ("Y002", "error"),
    ]
    first, accepted, duplicate = results
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "cpom.yaml"},
        "region": {"startLine": 8, "startColumn": 19},
    }
    assert ids[first["ruleIndex"]] == "R002"
    assert "suppressions" not in first
    assert accepted["suppressions"] == [
        {"kind": "inSource", "status": "accepted", "justification": "l'acte est signé"}
    ]
    assert duplicate["relatedLocations"][0]["message"]["text"] == "première définition"
    notifications = run["invocations"][0]["toolExecutionNotifications"]
    assert notifications[0]["message"]["text"] == "missing.yaml : chemin introuvable"


def test_every_code_is_in_the_catalogue() -> None:
    """A Y/S/A code written anywhere in the code has a name and a description (SARIF,
    ``mpdm explain``)."""
    source = Path(__file__).resolve().parents[1] / "src" / "mpdm_cli"
    used = {
        code
        for path in source.rglob("*.py")
        for code in re.findall(r"\"([YSA][0-9]{3})\"", path.read_text(encoding="utf-8"))
    }
    assert used <= known_codes(), sorted(used - known_codes())


def test_readme_documents_every_json_field(repo: Path) -> None:
    from mpdm_cli.reports.report import as_json

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    data = as_json(validate([repo]))
    keys = set(data) | set(data["resume"]) | set(data["diagnostics"][0])
    keys |= set(next(d for d in data["diagnostics"] if d["liens"])["liens"][0])
    assert not {key for key in keys if f"`{key}`" not in readme}
