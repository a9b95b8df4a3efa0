"""The floor: parse every YAML file under a folder with PyYAML's CSafeLoader, nothing else.

``python -m benchmarks.floor DIR``: one process, no checks, no positions. No validator
that reads YAML with PyYAML can do the same work on one core in less time.
"""

from __future__ import annotations

import os
import sys

import yaml


def parse_all(root: str) -> int:
    count = 0
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            if name.endswith((".yaml", ".yml")):
                with open(os.path.join(folder, name), "rb") as handle:
                    yaml.load(handle.read(), Loader=yaml.CSafeLoader)
                count += 1
    return count


if __name__ == "__main__":
    print(parse_all(sys.argv[1]))
