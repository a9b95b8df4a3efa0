"""A fresh ``mpdm validate`` of one file imports what validation needs and builds the model
of that file's kind only: the pre-commit case pays for nothing else."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BASE_FILES, write_tree

# In a fresh interpreter: this one has built every model already.
PROBE = """
import contextlib, io, json, sys
from mpdm_cli.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(["validate", sys.argv[1]])
from mpdm_cli.models import DOCUMENT_TYPES
print(json.dumps({
    "code": code,
    "built": sorted(k for k, m in DOCUMENT_TYPES.items() if m.__pydantic_complete__),
    "imported": sorted({name.split(".")[0] for name in sys.modules}),
    "commands": sorted(n for n in sys.modules if n.startswith("mpdm_cli.commands.")),
}))
"""

# Rendering, rich output and number words: none is needed to validate and report in text.
NOT_NEEDED = {"jinja2", "typst", "rich", "babel", "num2words", "markdown_it"}


def test_one_file_builds_its_own_model_only(tmp_path: Path) -> None:
    write_tree(tmp_path, {"etat.yaml": BASE_FILES["etat.yaml"]})
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "etat.yaml")],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    probe = json.loads(done.stdout)
    assert probe["code"] == 0
    assert probe["built"] == ["organisation"]
    assert NOT_NEEDED.isdisjoint(probe["imported"]), NOT_NEEDED & set(probe["imported"])
    # The SIRET checker comes with the first SIRET (this organisation has none).
    assert "stdnum" not in probe["imported"]
    # The command asked for is the only one imported (with the helpers it uses).
    assert probe["commands"] == [
        "mpdm_cli.commands._repository",
        "mpdm_cli.commands.french_help",
        "mpdm_cli.commands.validate",
    ]


# A pydantic plugin, installed (as a distribution with an entry point) where the
# interpreter finds it: importing it leaves a mark.
PLUGIN = """
import os
from pathlib import Path

import pytest

Path(os.environ["PLUGIN_MARK"]).write_text("loaded")


class Plugin:
    def new_schema_validator(self, *args, **kwargs):
        return None, None, None


plugin = Plugin()
"""


@pytest.mark.parametrize(("setting", "loaded"), [(None, False), ("", True)])
def test_pydantic_plugins_are_not_looked_for_unless_asked(
    tmp_path: Path, setting: str | None, loaded: bool
) -> None:
    site = tmp_path / "site"
    (site / "spy_plugin-1.0.dist-info").mkdir(parents=True)
    (site / "spy_plugin.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "spy_plugin-1.0.dist-info"
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[pydantic]\nspy = spy_plugin:plugin\n")
    write_tree(tmp_path / "acts", {"etat.yaml": BASE_FILES["etat.yaml"]})
    search = os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONPATH": search, "PLUGIN_MARK": str(tmp_path / "mark")}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    if setting is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = setting
    done = subprocess.run(
        [sys.executable, "-m", "mpdm_cli", "validate", str(tmp_path / "acts" / "etat.yaml")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "mark").exists() is loaded
