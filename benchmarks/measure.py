"""Run one command and report its wall time and peak memory, as one JSON line.

``python -m benchmarks.measure -- CMD...``. Run in a process of its own so that
``getrusage(RUSAGE_CHILDREN)`` covers exactly the command and the processes it waited for:
``ru_maxrss`` is then the peak of the largest process of the tree. The sum over the tree
(a parent with its workers) is sampled from /proc every 20 ms, where /proc has it.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

_PAGE = 4096


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants, 0 where /proc cannot tell."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
            for task in Path(f"/proc/{pid}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError, IndexError):
            continue
    return total


def run(command: list[str], cwd: str | None = None) -> dict[str, Any]:
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    tree_peak = 0
    while True:
        try:
            process.wait(timeout=0.02)
            break
        except subprocess.TimeoutExpired:
            tree_peak = max(tree_peak, _tree_rss(process.pid))
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    return {
        "wall": wall,
        "rc": process.returncode,
        "maxrss_mb": usage.ru_maxrss / 1024,  # kilobytes on Linux
        "tree_mb": tree_peak / 2**20,
        "cpu": usage.ru_utime + usage.ru_stime,
        "stderr": stderr[-500:],
    }


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == ["--"]:
        args = args[1:]
    print(json.dumps(run(args)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
