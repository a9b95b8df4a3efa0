"""``mpdm validate --fix`` and ``--diff``: plan the fixes, show or write them, say what is
left to the person."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from mpdm_cli.editor import fixes
from mpdm_cli.editor.workspace import repository_root, validate_with_buffers
from mpdm_cli.pipeline.validation import Outcome


def fix_files(targets: list[Path], *, write: bool, stream: TextIO) -> bool:
    """Fix (``write``) or show the fixes of the files under ``targets``; whether any."""
    root = repository_root(targets[0].resolve())

    def recheck(buffers: Mapping[Path, str]) -> Outcome:
        return validate_with_buffers(root, buffers)

    asked = [target.resolve() for target in targets]

    def wanted(path: Path) -> bool:  # the files asked for: the others are not even planned
        return any(path == target or path.is_relative_to(target) for target in asked)

    plans = fixes.plan(recheck({}), recheck, wanted)
    changed = [plan for plan in plans if plan.applied]
    for plan in changed:
        if write:
            fixes.write(plan)
        else:
            stream.write(fixes.unified_diff(plan))
    done = sum(len(plan.applied) for plan in changed)
    verb = "appliquée" if write else "possible"
    if done:
        plural = "s" if done > 1 else ""
        stream.write(
            f"{done} correction{plural} {verb}{plural} dans {len(changed)} fichier"
            f"{'s' if len(changed) > 1 else ''}\n"
        )
    for plan in plans:
        for edit in plan.proposed:
            stream.write(
                f"{plan.path}:{edit.line}:{edit.column}: correction proposée, non appliquée"
                f" (elle changerait le sens ou ne suffit pas) : « {edit.new} » — {edit.reason}\n"
            )
    stream.flush()
    return bool(changed)
