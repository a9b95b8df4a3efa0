"""Small exits: a closed standard output, system errors said in French."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mpdm_cli.cli import main
from mpdm_cli.pipeline.oserrors import os_reason
from tests.conftest import write_tree

MPDM = shutil.which("mpdm", path=str(Path(sys.executable).parent)) or "mpdm"


@pytest.mark.parametrize(("extra", "expected"), [({}, 0), ({"ville.yaml": "id: [\n"}, 1)])
def test_a_closed_standard_output_keeps_the_exit_code(
    repo: Path, extra: dict[str, str], expected: int
) -> None:
    write_tree(repo, extra)
    env = {**os.environ, "MPDM_RESIDENT": "0"}
    done = subprocess.run(
        ["bash", "-c", '"$0" validate "$1" >&-', MPDM, str(repo)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert (done.returncode, done.stderr) == (expected, "")


def test_no_system_error_is_said_in_english() -> None:
    for number in sorted(errno.errorcode):
        english = os.strerror(number)
        reason = os_reason(OSError(number, english))
        assert reason and english not in reason, (number, reason)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (errno.EROFS, "système de fichiers en lecture seule"),
        (errno.ENOTDIR, "un élément du chemin n'est pas un dossier"),
        (errno.EMFILE, "trop de fichiers ouverts par mpdm"),
        (errno.ENOTSUP, "opération non prise en charge par le système de fichiers"),
        (errno.ECHRNG, f"erreur système ECHRNG (n° {errno.ECHRNG})"),
    ],
)
def test_common_reasons(number: int, expected: str) -> None:
    assert os_reason(OSError(number, "Read-only file system")) == expected


def test_render_into_a_file_path_says_why_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "fichier"
    blocker.write_text("", encoding="utf-8")
    repo = Path(__file__).parent / "fixtures" / "tools" / "conventions"
    assert main(["render", str(repo), "-f", "md", "-o", str(blocker / "out")]) == 2
    err = capsys.readouterr().err
    assert f"impossible de créer le dossier {blocker / 'out'} : un élément du chemin" in err
    assert "Not a directory" not in err
