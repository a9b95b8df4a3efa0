"""Run by the system Python that has LibreOffice's UNO bridge (python3-uno), not by pytest:
LibreOffice accepts or rejects every tracked change of Word documents, and saves their text.

    python3 libreoffice_changes.py PROFILE_DIR (accept|reject|keep) IN.docx OUT.txt ...
"""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

COMMANDS = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}


def _property(name: str, value: object) -> object:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def main(profile: str, jobs: list[str]) -> None:
    pipe = f"mpdm-{uuid.uuid4().hex}"
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation={Path(profile).resolve().as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            f"--accept=pipe,name={pipe};urp;",
        ]
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        for _ in range(600):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                time.sleep(0.1)
        else:
            raise SystemExit("LibreOffice did not answer")
        manager = context.ServiceManager
        desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        for start in range(0, len(jobs), 3):
            mode, source, target = jobs[start : start + 3]
            document = desktop.loadComponentFromURL(
                Path(source).resolve().as_uri(), "_blank", 0, (_property("Hidden", True),)
            )
            if mode in COMMANDS:
                frame = document.getCurrentController().getFrame()
                dispatcher.executeDispatch(frame, COMMANDS[mode], "", 0, ())
            document.storeToURL(
                Path(target).resolve().as_uri(), (_property("FilterName", "Text (encoded)"),)
            )
            document.close(True)
        desktop.terminate()
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
