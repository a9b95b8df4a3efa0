"""Ship the top-level templates/ inside the package as mpdm_cli/templates.

The templates live beside conventions/ where users find them; an installed mpdm (not
editable) must still find them, so the build copies them into the package. An editable
install reads them from the source tree instead (see mpdm_cli.render.environment).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

TEMPLATES = Path(__file__).resolve().parent / "templates"


class BuildWithTemplates(build_py):  # type: ignore[misc]
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "mpdm_cli" / "templates"
        target.mkdir(parents=True, exist_ok=True)
        for source in sorted(TEMPLATES.glob("*.j2")):
            shutil.copyfile(source, target / source.name)


setup(cmdclass={"build_py": BuildWithTemplates})
