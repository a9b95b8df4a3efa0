"""The resident process answers exactly as a fresh process would, and only when it should."""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from mpdm_cli.resident import socket_path, wanted
from mpdm_cli.resident.server import serve

ROOT = Path(__file__).resolve().parent.parent
ACTS = ROOT / "conventions"
ONE_ACT = ACTS / "conventions" / "bataillon-prevention-convention-2021.yaml"
NOT_SERVED = 99
# Runs ``client.forward`` alone: exit 99 when the resident did not take the run.
FORWARD_ONLY = (
    "import sys; from mpdm_cli.resident import client;"
    f" code = client.forward(sys.argv[1:]); sys.exit({NOT_SERVED} if code is None else code)"
)


@dataclass
class Resident:
    environment: dict[str, str]
    socket: Path

    def run(
        self, *args: str, forward_only: bool = False, **environment: str
    ) -> subprocess.CompletedProcess[str]:
        command = ["-c", FORWARD_ONLY] if forward_only else ["-m", "mpdm_cli"]
        return subprocess.run(
            [sys.executable, *command, *args],
            capture_output=True,
            text=True,
            env={**self.environment, **environment},
            cwd=ROOT,
            timeout=60,
        )

    def long_validation(self, folder: Path) -> subprocess.Popen[str]:
        """A served validation that loads for seconds, one second into its run."""
        path = folder / "long.yaml"
        keys = "".join(f"cle{i}: {i}\n" for i in range(120_000))
        path.write_text("type: organisation\nid: v\nnom: V\ncategorie: commune\n" + keys)
        process = subprocess.Popen(
            [sys.executable, "-c", FORWARD_ONLY, "validate", str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=self.environment,
        )
        time.sleep(1.0)
        return process

    def pid(self) -> int:
        return int(Path(f"{self.socket}.lock").read_text())

    def wait_for_socket(self) -> None:
        deadline = time.monotonic() + 30
        while not self.socket.exists():
            assert time.monotonic() < deadline, "the resident process never listened"
            time.sleep(0.05)


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    runtime = tmp_path_factory.mktemp("run")
    runtime.chmod(0o700)
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "MPDM_RESIDENT"}}
    env["XDG_RUNTIME_DIR"] = str(runtime)
    return env


@pytest.fixture(scope="module")
def resident(environment: dict[str, str]) -> Iterator[Resident]:
    """A resident process started the way users get one: by a first, ordinary run."""
    where = subprocess.run(
        [sys.executable, "-c", "from mpdm_cli.resident import socket_path as p; print(p(True))"],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
    )
    started = Resident(environment, Path(where.stdout.strip()))
    # One act checked within its repository: valid. Cold: runs, then starts the resident.
    assert started.run("validate", str(ONE_ACT)).returncode == 0
    started.wait_for_socket()
    yield started
    with contextlib.suppress(ProcessLookupError, FileNotFoundError, ValueError):
        os.kill(started.pid(), signal.SIGTERM)


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "conventions"),
        ("validate", "--format", "json", "conventions"),
        ("validate", str(ONE_ACT)),
        ("validate", "--select", "P", "--format", "sarif", "conventions"),
        ("validate", "absent/"),
        ("validate", "--format", "xml"),
        ("rules",),
        ("explain", "P001"),
        ("show", "dm-2023-12-21-mpdm-convention-2024-2026"),
        ("budget", "conventions"),
    ],
    ids=lambda args: " ".join(args)[:40],
)
def test_a_resident_run_is_the_same_as_a_fresh_one(
    resident: Resident, args: tuple[str, ...]
) -> None:
    fresh = resident.run(*args, MPDM_RESIDENT="0")
    served = resident.run(*args, forward_only=True)
    assert served.returncode != NOT_SERVED
    assert (served.returncode, served.stdout, served.stderr) == (
        fresh.returncode,
        fresh.stdout,
        fresh.stderr,
    )


def test_the_callers_environment_is_the_commands(resident: Resident) -> None:
    fresh = resident.run("validate", str(ONE_ACT), MPDM_RESIDENT="0", FORCE_COLOR="1")
    served = resident.run("validate", str(ONE_ACT), forward_only=True, FORCE_COLOR="1")
    assert "\x1b[" in served.stdout  # coloured although not a terminal, as asked
    assert (served.returncode, served.stdout) == (fresh.returncode, fresh.stdout)


def test_terminal_output_is_the_same_too(resident: Resident) -> None:
    """Colours and line width follow the caller's terminal, not the resident's."""
    import pty

    outputs = []
    for setting in ("0", "1"):
        controller, terminal = pty.openpty()
        code = subprocess.call(
            [sys.executable, "-c", FORWARD_ONLY, "validate", str(ONE_ACT)]
            if setting == "1"
            else [sys.executable, "-m", "mpdm_cli", "validate", str(ONE_ACT)],
            stdout=terminal,
            env={**resident.environment, "MPDM_RESIDENT": setting, "COLUMNS": "70"},
            cwd=ROOT,
            timeout=60,
        )
        os.close(terminal)
        text = b""
        with pytest.raises(OSError):  # EIO once everything written has been read
            while chunk := os.read(controller, 65536):
                text += chunk
        os.close(controller)
        outputs.append((code, text))
    assert outputs[0] == outputs[1]
    assert outputs[0][0] == 0 and b"\x1b[" in outputs[0][1]  # coloured: a terminal was seen


def test_ctrl_c_reaches_the_command_in_the_resident(resident: Resident, tmp_path: Path) -> None:
    process = resident.long_validation(tmp_path)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert (process.returncode, out, err) == (130, "", "mpdm : interrompu.\n")


def test_a_lost_worker_is_an_internal_error_not_a_silent_success(
    resident: Resident, tmp_path: Path
) -> None:
    process = resident.long_validation(tmp_path)
    workers = Path(f"/proc/{resident.pid()}/task/{resident.pid()}/children").read_text().split()
    assert len(workers) == 1
    os.kill(int(workers[0]), signal.SIGKILL)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 3
    assert "processus résident s'est arrêté" in err


def test_a_worker_whose_caller_gave_up_runs_nothing(resident: Resident, tmp_path: Path) -> None:
    output = tmp_path / "sortie.txt"
    with output.open("w") as stream, socket.socket(socket.AF_UNIX) as connection:
        connection.connect(str(resident.socket))
        request = marshal.dumps((["rules"], str(ROOT), resident.environment, [None] * 3))
        socket.send_fds(connection, [len(request).to_bytes(4, "big")], [0, stream.fileno(), 2])
        connection.sendall(request)
        assert len(connection.recv(4)) == 4  # the worker's pid, then no go-ahead
    time.sleep(0.5)
    assert output.read_text() == ""


def test_other_code_or_settings_get_their_own_resident(resident: Resident) -> None:
    other = {**resident.environment, "LC_ALL": "C"}  # interpreter start-up settings differ
    served = subprocess.run(
        [sys.executable, "-c", FORWARD_ONLY, "rules"], env=other, capture_output=True
    )
    assert served.returncode == NOT_SERVED
    assert resident.run("rules", forward_only=True).returncode == 0


def test_a_resident_never_listens_under_another_fingerprint(tmp_path: Path) -> None:
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    wrong = folder / "0000000000000000.sock"
    serve(str(wrong), idle=1)
    assert not wrong.exists()


def test_an_idle_resident_leaves_and_removes_its_socket(
    environment: dict[str, str], tmp_path: Path
) -> None:
    tmp_path.chmod(0o700)
    environment = {**environment, "XDG_RUNTIME_DIR": str(tmp_path)}  # none running there
    probe = "from mpdm_cli.resident import socket_path as p; print(p(True))"
    path = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=environment
    ).stdout.strip()
    process = subprocess.Popen(
        [sys.executable, "-m", "mpdm_cli.resident", path, "0.5"], env=environment
    )
    assert process.wait(timeout=30) == 0
    assert not Path(path).exists()


def test_the_socket_folder_must_be_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert socket_path(create=True) is not None
    (tmp_path / f"mpdm-{os.getuid()}").chmod(0o755)
    assert socket_path() is None


@pytest.mark.parametrize(
    ("setting", "ci", "args", "expected"),
    [
        ("", "", ["validate"], True),
        ("", "", ["show", "x"], True),
        ("0", "", ["validate"], False),
        ("non", "", ["validate"], False),
        ("", "true", ["validate"], False),
        ("", "false", ["validate"], True),
        ("", "", ["render"], False),
        ("", "", ["validate", "--help"], False),
        ("", "", [], False),
    ],
)
def test_which_runs_use_the_resident(
    monkeypatch: pytest.MonkeyPatch, setting: str, ci: str, args: list[str], expected: bool
) -> None:
    monkeypatch.setenv("MPDM_RESIDENT", setting)
    monkeypatch.setenv("CI", ci)
    assert wanted(args) is expected
