"""The project's settings: ``mpdm.toml``, or ``[tool.mpdm]`` in ``pyproject.toml``, found by
walking up from the working folder as ruff does. Command-line options override them."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mpdm_cli.pipeline.diagnostics import Location
from mpdm_cli.pipeline.suggestions import did_you_mean

# The keys, as the options they stand for, with what each must be.
KEYS: dict[str, str] = {
    "actes": "un dossier (texte)",
    "select": "une liste de codes (texte)",
    "ignore": "une liste de codes (texte)",
    "strict": "true ou false",
    "modeles": "un dossier (texte)",
    "sortie": "un dossier (texte)",
}


class ConfigError(Exception):
    """A located mistake in the settings file."""

    def __init__(self, message: str, location: Location) -> None:
        super().__init__(f"{location}: {message}")
        self.message = message
        self.location = location


@dataclass(frozen=True)
class Config:
    """Settings of one repository; folders are resolved against the settings file's folder."""

    source: Path | None = None
    acts: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    strict: bool = False
    templates: Path | None = None
    output: Path | None = None
    keys: frozenset[str] = field(default_factory=frozenset)


def find(start: Path) -> Config:
    """The settings of the nearest folder at or above ``start`` that has some, up to the
    root of its git repository (as ``roots.find_root`` walks); none else."""
    from mpdm_cli.pipeline.roots import CONFIG_FILE, declares_mpdm, exists

    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_FILE
        if exists(own):
            return _read(own, table=())
        project = candidate / "pyproject.toml"
        if declares_mpdm(project) or _mentions_mpdm(project):
            # A pyproject.toml that names mpdm but does not parse is reported, not skipped.
            return _read(project, table=("tool", "mpdm"))
        if exists(candidate / ".git"):
            break
    return Config()


def _mentions_mpdm(pyproject: Path) -> bool:
    try:
        return "tool.mpdm" in pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


def _read(path: Path, table: tuple[str, ...]) -> Config:
    from mpdm_cli.pipeline.oserrors import os_reason

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(
            f"fichier illisible : {os_reason(error)}", Location(str(path), 1, 1)
        ) from None
    except UnicodeDecodeError:
        raise ConfigError("fichier non UTF-8", Location(str(path), 1, 1)) from None
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, column = _error_position(str(error))
        raise ConfigError(
            "TOML illisible (vérifiez les guillemets, les crochets et le signe =)",
            Location(str(path), line, column),
        ) from None
    for key in table:
        data = data.get(key, {})
        if not isinstance(data, dict):
            where = Location(str(path), _line_of(text, r"^\s*tool\s*=|^\s*\[tool"), 1)
            raise ConfigError("[tool.mpdm] doit être une table de réglages", where)
    header = _line_of(text, r"^\s*\[tool\.mpdm\]") if table else 1
    values: dict[str, Any] = {}
    for key, value in data.items():
        where = Location(str(path), _line_of(text, rf"^\s*{re.escape(key)}\s*=", header), 1)
        if key not in KEYS:
            hint = did_you_mean(key, list(KEYS), count=1, cutoff=0.6)
            known = ", ".join(KEYS)
            raise ConfigError(f"clé inconnue « {key} »{hint} (clés possibles : {known})", where)
        values[key] = _checked(key, value, where)
    base = path.parent
    return Config(
        source=path,
        acts=base / values["actes"] if "actes" in values else None,
        select=tuple(values.get("select", ())),
        ignore=tuple(values.get("ignore", ())),
        strict=bool(values.get("strict", False)),
        templates=base / values["modeles"] if "modeles" in values else None,
        output=base / values["sortie"] if "sortie" in values else None,
        keys=frozenset(values),
    )


def _checked(key: str, value: Any, where: Location) -> Any:
    expected = KEYS[key]
    if key == "strict":
        ok = isinstance(value, bool)
    elif key in ("select", "ignore"):
        ok = isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    else:
        ok = isinstance(value, str) and bool(value.strip())
    if not ok:
        raise ConfigError(f"valeur invalide pour « {key} » : {expected} attendu", where)
    if key in ("select", "ignore"):
        from mpdm_cli.pipeline.selection import unknown_selection

        unknown = unknown_selection(key, value)
        if unknown:
            raise ConfigError(" ; ".join(unknown), where)
    return value


def _line_of(text: str, pattern: str, after: int = 1) -> int:
    """The 1-based line of the first match of ``pattern`` at or after line ``after``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if number >= after and re.match(pattern, line):
            return number
    return after


def _error_position(message: str) -> tuple[int, int]:
    match = re.search(r"line (\d+), column (\d+)", message)
    return (int(match[1]), int(match[2])) if match else (1, 1)


def default_acts(config: Config, cwd: Path) -> Path:
    """Where the acts are when no path is given: the settings' ``actes``, else the repository
    around the working folder (from any of its sub-folders), else ``conventions/`` here."""
    from mpdm_cli.pipeline.roots import PEOPLE_FILES, find_root

    if config.acts is not None:
        return config.acts
    root = find_root(cwd)
    if root is None:
        return Path("conventions")
    holds_acts = any((root / name).exists() for name in PEOPLE_FILES)
    nested = root / "conventions"
    return nested if not holds_acts and nested.is_dir() else root
