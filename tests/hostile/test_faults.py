"""Faults: internal errors, hostile outputs and processes that must survive what they read."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import pytest

from mpdm_cli import cli
from tests.hostile.conftest import BASE, HERE, SEED_PATH, Mpdm, Run
from tests.hostile.test_corpus import CASES, alarm  # noqa: F401 - alarm is a fixture


def explode(*_args: object, **_kwargs: object) -> NoReturn:
    raise RuntimeError("panne simulée\n" + "détail " * 500)


def test_internal_error_is_a_short_french_message_and_exit_3(
    monkeypatch: pytest.MonkeyPatch, mpdm: Mpdm
) -> None:
    monkeypatch.setattr("mpdm_cli.pipeline.validation.validate_shape", explode)
    run = mpdm(BASE)
    assert run.code == 3
    assert run.out == ""
    assert "Traceback" not in run.err
    assert run.err.startswith("mpdm : erreur interne (RuntimeError : panne simulée détail")
    assert "--debug" in run.err
    assert len(run.err.splitlines()) == 1 and len(run.err) < 400


def test_debug_shows_the_traceback_and_still_exits_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("mpdm_cli.pipeline.validation.validate_shape", explode)
    assert cli.main(["validate", "--debug", str(BASE)]) == 3
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):")
    assert 'in explode\n    raise RuntimeError("panne simulée' in err
    assert err.rstrip().splitlines()[-1].startswith("mpdm : erreur interne (RuntimeError")


def test_an_exception_that_cannot_be_printed_still_gives_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Unprintable(Exception):
        def __str__(self) -> str:
            raise ValueError("no")

    def fail(*_args: object) -> NoReturn:
        raise Unprintable

    monkeypatch.setattr("mpdm_cli.pipeline.validation.validate_shape", fail)
    assert cli.main(["validate", str(BASE)]) == 3
    assert "erreur interne (Unprintable)" in capsys.readouterr().err


def test_no_corpus_case_reaches_exit_3_all_at_once_in_text(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    alarm: None,  # noqa: F811
) -> None:
    """Every hostile input of the corpus in one run, text report: no internal error."""
    targets = []
    for index, case in enumerate(CASES):
        folder = tmp_path / f"{index:02d}"
        folder.mkdir()
        targets.append(str(case.build(folder, monkeypatch)))
    code = cli.main(["validate", str(BASE), *targets])
    out, err = capsys.readouterr()
    assert code == 2  # some inputs are unreadable
    assert err == ""
    files = len(CASES) + len(list(BASE.glob("*.yaml")))
    assert out.rstrip().splitlines()[-1].startswith(f"{files} fichiers,")
    # Nothing reaches the terminal that could drive it: no ESC, CR, NUL or bidi override.
    assert not any(c in out for c in "\x1b\r\x00\u202e\u2066")


def test_file_names_that_are_not_utf8_reach_json_and_text(
    tmp_path: Path, mpdm: Mpdm, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "noms"
    folder.mkdir()
    (folder / os.fsdecode(b"\xff\xfe-acte.yaml")).write_text("type: organisation\n")
    (folder / "saut\nde-ligne.yaml").write_text("type: organisation\n")
    run = mpdm(folder)
    assert run.code == 1
    files = sorted({d["fichier"] for d in run.report["diagnostics"]})
    assert files == [str(folder / "saut\nde-ligne.yaml"), str(folder) + "/\udcff\udcfe-acte.yaml"]
    assert cli.main(["validate", str(folder)]) == 1
    text = capsys.readouterr().out
    assert "saut\\u000ade-ligne.yaml:1:1: S001" in text
    assert "\\udcff\\udcfe-acte.yaml:1:1: S001" in text


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "utf-8"])
def test_any_terminal_encoding_and_odd_file_names_never_crash(
    tmp_path: Path, encoding: str
) -> None:
    (tmp_path / os.fsdecode(b"\xe9t\xe9.yaml")).write_text("type: organisation\nnom: Île ’\n")
    for fmt in ("text", "json"):
        result = subprocess.run(
            [sys.executable, "-m", "mpdm_cli", "validate", "--format", fmt, str(tmp_path)],
            capture_output=True,
            env={**os.environ, "PYTHONIOENCODING": f"{encoding}:strict"},
            timeout=60,
        )
        assert result.returncode == 1, result.stderr
        assert result.stderr == b""


def test_100_000_levels_of_nesting_do_not_kill_the_process(tmp_path: Path) -> None:
    """libyaml's composer recurses in C and segfaults on this; the loader scans first."""
    path = tmp_path / "profond.yaml"
    path.write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = subprocess.run(
        [sys.executable, "-m", "mpdm_cli", "validate", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, (result.returncode, result.stderr)
    codes = [d["code"] for d in json.loads(result.stdout)["diagnostics"]]
    assert codes == ["Y007"]


def test_alias_bomb_is_refused_quickly_with_bounded_memory(mpdm: Mpdm) -> None:
    """9^19 copies of "lol" if expanded: refused, and the run's peak memory is that of a run
    on a five-line file (an expansion, however fast, would show there)."""
    bomb = HERE / "cases" / "billion-laughs.yaml"
    small = BASE / "etat.yaml"
    mpdm(BASE)  # imports and first model build out of the measure

    def measure(path: Path) -> tuple[Run, int]:
        tracemalloc.start()
        run = mpdm(path)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return run, peak

    _, reference = measure(small)
    run, peak = measure(bomb)
    assert run.code == 1
    # The aliases, and « adresse » being a table where text belongs.
    assert {d["code"] for d in run.report["diagnostics"]} == {"Y006", "S003"}
    assert peak < reference + 1024 * 1024


def test_an_unreadable_sub_folder_is_reported_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mpdm: Mpdm
) -> None:
    """os.walk ignores folders it cannot list; their acts would silently go unchecked."""
    hidden = tmp_path / "actes" / "prive"
    hidden.mkdir(parents=True)
    (hidden / "acte.yaml").write_text("type: organisation\n")
    hidden.chmod(0)
    try:
        if os.access(hidden, os.R_OK):  # root reads anyway: make listing it fail
            real_scandir = os.scandir

            def refusing_scandir(path: str) -> object:
                if Path(path) == hidden:
                    raise PermissionError(13, "Permission denied", path)
                return real_scandir(path)

            monkeypatch.setattr(os, "scandir", refusing_scandir)
            monkeypatch.setattr(os, "open", _refusing_open(hidden, os.open))
        run = mpdm(tmp_path / "actes")
    finally:
        hidden.chmod(0o755)
    assert run.code == 2
    assert run.found(hidden) == [("Y009", 1, 1)]
    assert "permission refusée" in run.report["diagnostics"][0]["message"]


def _refusing_open(refused: Path, real_open: Callable[..., int]) -> Callable[..., int]:
    def refusing_open(target: str | os.PathLike[str], *args: int) -> int:
        if Path(target) == refused:
            raise PermissionError(13, "Permission denied", str(target))
        return real_open(target, *args)

    return refusing_open


@pytest.mark.parametrize(
    "argument",
    ["a" * 5000, "a\0b", "/etc/passwd/acte.yaml", "acte-absent.yaml"],
    ids=["nom-trop-long", "octet-nul", "sous-un-fichier", "absent"],
)
def test_hostile_path_arguments_exit_2(argument: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["validate", argument])
    out, err = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in out + err and "erreur interne" not in err


def test_the_seed_act_is_valid(mpdm: Mpdm) -> None:
    run = mpdm(BASE, SEED_PATH)
    assert (run.code, run.report["resume"]["erreurs"]) == (0, 0)
    assert {d["code"] for d in run.report["diagnostics"]} <= {"B007"}  # warnings only
    assert run.report["resume"]["documents"] == 6


def test_interrupt_during_a_run_exits_130_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupt(*_args: object) -> NoReturn:
        raise KeyboardInterrupt

    monkeypatch.setattr("mpdm_cli.pipeline.validation.validate_shape", interrupt)
    assert cli.main(["validate", str(BASE)]) == 130
    assert capsys.readouterr().err == "mpdm : interrompu.\n"


def test_sigint_to_a_real_process_exits_130_without_traceback(tmp_path: Path) -> None:
    """A real Ctrl-C in the middle of loading a large file (seconds of work)."""
    path = tmp_path / "long.yaml"
    keys = "".join(f"cle{i}: {i}\n" for i in range(120_000))  # 1.8 MB: under the limit
    path.write_text("type: organisation\nid: v\nnom: V\ncategorie: commune\n" + keys)
    process = subprocess.Popen(
        [sys.executable, "-m", "mpdm_cli", "validate", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (130, "mpdm : interrompu.\n")
    assert out == ""


def test_a_link_to_a_secret_is_not_read_nor_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A malicious change links an act to a file outside the repository: CI logs stay clean."""
    secret = tmp_path / "secret.yaml"
    secret.write_text("jeton_api: sk-tres-secret\n")
    repository = tmp_path / "depot"
    repository.mkdir()
    (repository / "acte.yaml").symlink_to(secret)
    for fmt in ("text", "json"):
        assert cli.main(["validate", "--format", fmt, str(repository)]) == 2
        out, err = capsys.readouterr()
        assert "sk-tres-secret" not in out + err and "jeton_api" not in out + err
