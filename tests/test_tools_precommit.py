"""The shipped pre-commit hook, run by the real pre-commit tool on a throw-away repository."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gitrepo import GitRepo, git_env

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "tools" / "conventions"


def _try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "mpdm-validate", "--all-files"],
        cwd=repo,
        env={**git_env(), "PRE_COMMIT_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git absent")
def test_hook_runs_mpdm_validate_and_fails_on_an_error(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    if not (ROOT / ".git").exists():
        pytest.skip("pre-commit try-repo a besoin du dépôt git de mpdm")
    repo = GitRepo(tmp_path / "repo")
    shutil.copytree(FIXTURES, repo.root / "conventions")
    repo.commit("actes")
    home = tmp_path / "pre-commit-home"

    broken = repo.root / "conventions" / "organisations" / "mpdm.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "nom: doublon\n", encoding="utf-8")
    # One run (installing the hook's environment takes seconds): a duplicate key must fail.
    failed = _try_repo(repo.root, home)
    output = failed.stdout + failed.stderr
    if failed.returncode != 0 and "mpdm validate" not in output:
        log = home / "pre-commit.log"
        detail = log.read_text(encoding="utf-8")[-3000:] if log.exists() else output
        if "pip" in detail and ("Could not find" in detail or "No matching" in detail):
            pytest.skip("pre-commit ne peut pas installer mpdm hors ligne : " + detail[-300:])
    assert failed.returncode == 1, output
    assert "mpdm validate" in output and "Failed" in output
    assert "Y002" in output
