"""The closest known names to a misspelt one (a key, an id), as every message offers them."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

# Ids and keys are short: comparing a huge word with each known one would only cost time.
_LONGEST = 80


def closest(word: str, known: Sequence[str], count: int = 3, cutoff: float = 0.7) -> list[str]:
    if len(word) > _LONGEST:
        return []
    return difflib.get_close_matches(word, known, n=count, cutoff=cutoff)


def did_you_mean(word: str, known: Sequence[str], count: int = 3, cutoff: float = 0.7) -> str:
    """`` ; vouliez-vous dire « a » ou « b » ?`` with the closest names, or nothing."""
    names = [f"« {name} »" for name in closest(word, known, count, cutoff)]
    if not names:
        return ""
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} ou {names[-1]}"
    return f" ; vouliez-vous dire {listed} ?"
