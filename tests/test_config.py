"""Settings files: discovery by walking up, values, located mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from mpdm_cli.config import Config, ConfigError, find


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
