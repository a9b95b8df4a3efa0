"""Settings files: discovery by walking up, values, located mistakes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mpdm_cli import cli
from mpdm_cli.config import Config, ConfigError, find
from tests.conftest import REPO_ROOT


def test_no_settings_anywhere(tmp_path: Path) -> None:
    assert find(tmp_path) == Config()


def test_mpdm_toml_found_from_a_sub_folder(tmp_path: Path) -> None:
    (tmp_path / "mpdm.toml").write_text(
        'actes = "actes"\nselect = ["B", "V003"]\nstrict = true\nsortie = "pdf"\n', "utf-8"
    )
    deep = tmp_path / "actes" / "avenants"
    deep.mkdir(parents=True)
    config = find(deep)
    assert config.source == (tmp_path / "mpdm.toml").resolve()
    assert config.acts == tmp_path.resolve() / "actes"
    assert config.output == tmp_path.resolve() / "pdf"
    assert (config.select, config.ignore, config.strict) == (("B", "V003"), (), True)


def test_pyproject_only_with_a_tool_mpdm_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', "utf-8")
    assert find(tmp_path) == Config()
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.mpdm]\nignore = ["D005"]\n', "utf-8"
    )
    assert find(tmp_path).ignore == ("D005",)


def test_the_nearest_settings_win(tmp_path: Path) -> None:
    (tmp_path / "mpdm.toml").write_text("strict = true\n", "utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "mpdm.toml").write_text("strict = false\n", "utf-8")
    assert find(inner).strict is False


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            'strict = true\nselet = ["B"]\n',
            2,
            "clé inconnue « selet » ; vouliez-vous dire « select »",
        ),
        ('select = "B"\n', 1, "valeur invalide pour « select »"),
        ('\n\nstrict = "oui"\n', 3, "valeur invalide pour « strict » : true ou false attendu"),
        ('actes = "conventions\n', 1, "TOML illisible"),
    ],
)
def test_mistakes_are_located(tmp_path: Path, text: str, line: int, words: str) -> None:
    (tmp_path / "mpdm.toml").write_text(text, "utf-8")
    with pytest.raises(ConfigError) as raised:
        find(tmp_path)
    assert raised.value.location.line == line
    assert words in raised.value.message


def test_mistake_in_pyproject_located_inside_its_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\nstrict = 1\n\n[tool.mpdm]\nstrict = 1\n', "utf-8"
    )
    with pytest.raises(ConfigError) as raised:
        find(tmp_path)
    assert raised.value.location.line == 6


def test_unknown_code_in_select_is_located(tmp_path: Path) -> None:
    (tmp_path / "mpdm.toml").write_text('strict = true\nselect = ["B", "ZZ9"]\n', "utf-8")
    with pytest.raises(ConfigError) as raised:
        find(tmp_path)
    assert raised.value.location.line == 2
    assert "ZZ9" in raised.value.message and "inconnu" in raised.value.message


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with its acts in actes/, one act with a warning (D005), and settings."""
    shutil.copytree(REPO_ROOT / "conventions", tmp_path / "actes")
    (tmp_path / ".git").mkdir()  # the walk up stops at the project's own root
    monkeypatch.chdir(tmp_path / "actes" / "avenants")
    return tmp_path


def _acknowledgements_removed(root: Path) -> None:
    """The shipped avenant without its acknowledged anomalies: 2 errors and a D005 warning."""
    path = root / "actes" / "avenants" / "bataillon-prevention-avenant-1-2023.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("anomalies_acceptees:")], encoding="utf-8")


def test_settings_apply_from_a_sub_folder_and_options_win(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _acknowledgements_removed(project)
    (project / "pyproject.toml").write_text(
        '[tool.mpdm]\nactes = "actes"\nselect = ["D"]\nstrict = true\n', "utf-8"
    )
    # From actes/avenants, no path: the settings' acts folder, only D rules, strict.
    assert cli.main(["validate"]) == 1
    out = capsys.readouterr().out
    assert "D005" in out and "P001" not in out and "0 erreurs, 1 avertissement" in out
    # The command line wins, option by option.
    assert cli.main(["validate", "--no-strict"]) == 0
    capsys.readouterr()
    assert cli.main(["validate", "--select", "P", "--no-strict"]) == 1
    out = capsys.readouterr().out
    assert "P001" in out and "D005" not in out


def test_without_settings_the_repository_around_is_found(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["validate"]) == 0
    assert "14 fichiers, 14 documents valides" in capsys.readouterr().out


def test_a_mistake_in_the_settings_stops_with_its_place(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "mpdm.toml").write_text('actes = "actes"\nstrcit = true\n', "utf-8")
    assert cli.main(["validate"]) == 2
    err = capsys.readouterr().err
    assert f"{(project / 'mpdm.toml').resolve()}:2:1: clé inconnue « strcit »" in err


def test_render_writes_where_the_settings_say(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "mpdm.toml").write_text('actes = "actes"\nsortie = "documents"\n', "utf-8")
    monkeypatch.chdir(project)
    assert cli.main(["render", "--format", "md"]) == 0
    assert (project / "documents" / "bataillon-prevention-avenant-1-2023.md").is_file()
    assert not (project / "out").exists()


def test_settings_written_as_an_inline_table_are_read(tmp_path: Path) -> None:
    # The same test as the repository's root: a parsed table, not a header looked for.
    (tmp_path / "pyproject.toml").write_text("[tool]\nmpdm = { strict = true }\n", "utf-8")
    assert find(tmp_path).strict is True


def test_the_walk_stops_at_the_root_of_the_git_repository(tmp_path: Path) -> None:
    (tmp_path / "mpdm.toml").write_text("strict = true\n", "utf-8")
    project = tmp_path / "projet"
    (project / ".git").mkdir(parents=True)
    assert find(project) == Config()


def test_tool_mpdm_that_is_not_a_table_is_located(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n[tool]\nmpdm = 1\n', "utf-8")
    with pytest.raises(ConfigError) as raised:
        find(tmp_path)
    assert raised.value.location.line == 3


def test_a_broken_pyproject_with_mpdm_settings_is_reported(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mpdm]\nstrict = "oui\n', "utf-8")
    with pytest.raises(ConfigError) as raised:
        find(tmp_path)
    assert "TOML illisible" in raised.value.message and raised.value.location.line == 2
