"""The acts as they were at a git revision, read from git's objects (the tree is untouched)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from mpdm_cli.pipeline.loading import MAX_FILE_BYTES, LoadedFile, load_bytes, load_file, too_big
from mpdm_cli.pipeline.repository import YAML_SUFFIXES, discover
from mpdm_cli.pipeline.validation import Outcome, check


class RevisionError(Exception):
    """git cannot answer (unknown revision, not a repository): the message is for the user."""


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError as error:
        raise RevisionError("git est introuvable sur cette machine") from error
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(detail[-1] if detail else f"git {args[0]} a échoué")
    return done.stdout


def resolve(revision: str, cwd: Path) -> str:
    """The commit id of ``revision``, or a RevisionError in French (git's own text is
    English)."""
    try:
        _git(["rev-parse", "--git-dir"], cwd)
    except RevisionError:
        raise RevisionError(f"le dossier {cwd} n'est pas dans un dépôt git") from None
    try:
        out = _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], cwd)
    except RevisionError:
        raise RevisionError(
            f"révision git « {revision} » inconnue (branche, étiquette ou commit attendu)"
        ) from None
    return out.decode().strip()


def commit_time(revision: str, cwd: Path) -> dt.datetime:
    """When ``revision`` was committed, in UTC (the date of its tracked changes in Word)."""
    out = _git(["show", "-s", "--format=%ct", resolve(revision, cwd)], cwd)
    return dt.datetime.fromtimestamp(int(out.decode().strip()), dt.UTC).replace(tzinfo=None)


def files_at(revision: str, paths: list[Path], cwd: Path) -> list[LoadedFile]:
    """Every YAML file under ``paths`` at ``revision`` (paths relative to ``cwd``)."""
    commit = resolve(revision, cwd)
    listing = _git(["ls-tree", "-r", "-z", "--name-only", commit, "--", *map(str, paths)], cwd)
    names = sorted(
        name
        for name in listing.decode("utf-8").split("\0")
        if name.endswith(YAML_SUFFIXES) and not Path(name).name.startswith(".")
    )
    if not names:
        return []
    # One cat-file process for all blobs; "./" makes the paths relative to cwd.
    request = "".join(f"{commit}:./{name}\n" for name in names).encode("utf-8")
    output = _git(["cat-file", "--batch"], cwd, request)
    files = []
    position = 0
    for name in names:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue
        size = int(header[2])
        if size > MAX_FILE_BYTES:
            files.append(too_big(name, size))
        else:
            files.append(load_bytes(output[position : position + size], name))
        position += size + 1
    return files


def outcome_at(revision: str | None, paths: list[Path], cwd: Path) -> Outcome:
    """The validated acts at ``revision``, or in the working tree when it is None."""
    outcome = Outcome()
    if revision is None:
        found, outcome.missing = discover([cwd / p if not p.is_absolute() else p for p in paths])
        outcome.files = [
            load_file(p, str(p.relative_to(cwd)) if _under(p, cwd) else None) for p in found
        ]
    else:
        outcome.files = files_at(revision, paths, cwd)
    return check(outcome, rules=())  # the acts compared, not their findings


def _under(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True
