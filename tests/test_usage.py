"""The command line itself: usage errors (exit 2, French), help screens, completion, colour."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mpdm_cli.cli import main
from mpdm_cli.commands import COMMANDS, command
from mpdm_cli.pipeline.catalogue import known_codes, lookup
from tests.conftest import write_tree

BIN = Path(sys.executable).parent
MPDM = shutil.which("mpdm", path=str(BIN)) or "mpdm"
# What the parser would print in English around the help texts.
ENGLISH = (
    "Show this message",
    "[default:",
    "[required]",
    "Usage:",
    "Options:",
    "Arguments:",
    "Commands:",
    "COMMAND [ARGS]",
    "<list[",
    "<path>",
    "<Path>",
    "<str>",
    "Install completion",
    "Show completion",
)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--select", "ZZZ9"], "--select ZZZ9 : code ou famille de règles inconnu (liste"),
        (["--ignore", "nope"], "--ignore nope : code ou famille de règles inconnu"),
        (["--select", "quorum"], "c'est le nom de la règle V003, indiquez son code"),
        (["--select", "r002"], "codes proches : R002"),
        (["--select", "R02"], "codes proches : R002"),
        (["--ignore", "Y002"], "--ignore Y002 : les problèmes de lecture (Y) et de forme (S)"),
        (["--ignore", "S"], "--ignore S : les problèmes de lecture (Y) et de forme (S)"),
    ],
)
def test_an_unknown_code_is_a_usage_error_with_the_closest_codes(
    repo: Path, capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    code, out, err = run(["validate", str(repo), *args], capsys)
    assert code == 2
    assert out == ""
    assert expected in err


@pytest.mark.parametrize("value", ["R", "R0", "R002", "Y001", "S003", "A001", "V"])
def test_known_codes_and_families_are_accepted(
    repo: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    assert run(["validate", str(repo), "--select", value], capsys)[0] == 0
    if value[0] not in "YS":
        assert run(["validate", str(repo), "--ignore", value], capsys)[0] == 0


def test_known_codes_cover_every_stage() -> None:
    codes = known_codes()
    assert {"Y001", "Y012", "S001", "S004", "A001", "R002", "V003"} <= set(codes)
    assert lookup("V003") is not None and lookup("V003").name == "quorum"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["validate", "--format", "xml"],
            "valeur invalide pour --format / -f : « xml » n'est pas l'une des valeurs"
            " possibles : text, json, github, sarif",
        ),
        (
            ["show", "x", "--at", "30/06/2024"],
            "valeur invalide pour --at : date « 30/06/2024 » invalide : attendu AAAA-MM-JJ",
        ),
        (["new", "lettre"], "valeur invalide pour TYPE : « lettre » n'est pas l'une des valeurs"),
        (["validate", "--bogus"], "option inconnue : --bogus"),
        (["budget", "--format"], "l'option --format attend une valeur"),
        (["nosuch"], "commande inconnue : « nosuch »\n"),
        (["valdate"], "commande inconnue : « valdate » ; vouliez-vous dire : validate ?"),
        (
            ["export", "subvention"],
            "commande inconnue : « subvention » ; vouliez-vous dire : subventions ?",
        ),
        (["diff", "a", "b", "c"], "argument en trop : c"),
    ],
)
def test_usage_errors_are_french(
    capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    code, _, err = run(args, capsys)
    assert code == 2
    assert f"mpdm : {expected}" in err
    for english in ("Invalid value", "Value error", "is not one of", "Error:", "Usage:"):
        assert english not in err


def _every_command(group: object, path: list[str]) -> list[list[str]]:
    found = [path]
    for name, sub in sorted(getattr(group, "commands", {}).items()):
        found += _every_command(sub, [*path, name])
    return found


@pytest.mark.parametrize("path", _every_command(command(), []), ids=" ".join)
def test_help_screens_are_french(path: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run([*path, "--help"], capsys)
    assert code == 0
    assert out.startswith(f"Utilisation : mpdm{''.join(' ' + p for p in path)} ")
    assert "Affiche cette aide." in out
    for english in ENGLISH:
        assert english not in out, english


@pytest.mark.parametrize("name", COMMANDS)
def test_a_command_alone_behaves_as_in_the_whole_tree(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``mpdm NAME …`` builds the root with that command only: its help screen, and its
    usage errors, are those of the whole tree."""
    assert sorted(command().commands) == sorted(COMMANDS)
    assert list(command(name).commands) == [name]
    screens = []
    for tree in (command(), command(name)):
        for args in ([name, "--help"], [name, "--no-such-option"]):
            try:
                tree.main(args, prog_name="mpdm", standalone_mode=False)
            except Exception as error:  # the parser's usage error
                screens.append(error.format_message())  # type: ignore[attr-defined]
            screens.append(capsys.readouterr().out)
    half = len(screens) // 2
    assert screens[:half] == screens[half:]
    assert screens[0].startswith(f"Utilisation : mpdm {name} ")


def test_help_lists_version_debug_and_completion(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(["--help"], capsys)[1]
    for option in ("-V, --version", "--debug", "--install-completion", "--show-completion"):
        assert option in out
    assert "[par défaut : conventions]" in run(["diff", "--help"], capsys)[1]
    # Reached through the parser too (after an option), not only as the sole argument.
    assert run(["--debug", "--version"], capsys)[:2] == (0, "mpdm 0.1.0\n")


def test_bash_completion_script_completes_commands_and_options(tmp_path: Path) -> None:
    if shutil.which("bash") is None:
        pytest.skip("bash absent")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    shown = subprocess.run(
        [MPDM, "--show-completion", "bash"], capture_output=True, text=True, env=env
    )
    assert shown.returncode == 0, (shown.stdout, shown.stderr)
    script = shown.stdout
    assert "complete -o default -F _mpdm_completion mpdm" in script
    (tmp_path / "mpdm.sh").write_text(script, encoding="utf-8")
    # The function bash calls on Tab, as bash calls it.
    probe = (
        f"source {tmp_path / 'mpdm.sh'}; COMP_WORDS=(mpdm {{words}}); COMP_CWORD={{cword}};"
        ' _mpdm_completion mpdm; printf "%s\\n" "${{COMPREPLY[@]}}"'
    )
    for words, cword, expected in (("val", 1, "validate"), ("validate --for", 2, "--format")):
        done = subprocess.run(
            ["bash", "-c", probe.format(words=words, cword=cword)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        assert done.stdout.split() == [expected]


def test_install_completion_writes_the_script_and_says_so_in_french(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "SHELL": "/bin/bash"}
    done = subprocess.run(
        [MPDM, "--install-completion", "bash"], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, (done.stdout, done.stderr)
    script = tmp_path / ".bash_completions" / "mpdm.sh"
    assert f"complétion bash installée dans {script}" in done.stdout
    assert "_mpdm_completion" in script.read_text(encoding="utf-8")
    assert str(script) in (tmp_path / ".bashrc").read_text(encoding="utf-8")


def _on_a_terminal(args: list[str], env: dict[str, str]) -> bytes:
    """What ``mpdm`` writes to a real terminal (a pseudo-terminal)."""
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [MPDM, *args], stdin=follower, stdout=follower, stderr=follower, env=env
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=60)
    finally:
        os.close(leader)
    return b"".join(chunks)


def test_no_color_is_honoured_on_a_terminal(repo: Path) -> None:
    write_tree(repo, {"ville.yaml": "type: organisation\nid: ville\nnom: Ville\n"})
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    env |= {"TERM": "xterm-256color", "MPDM_RESIDENT": "0"}
    coloured = _on_a_terminal(["validate", str(repo)], env)
    assert b"S001" in coloured and b"\x1b[" in coloured  # a terminal gets colours…
    plain = _on_a_terminal(["validate", str(repo)], {**env, "NO_COLOR": "1"})
    assert b"S001" in plain and b"\x1b[" not in plain  # …unless NO_COLOR says no
    forced = _on_a_terminal(["validate", str(repo)], {**env, "NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert b"\x1b[" not in forced
