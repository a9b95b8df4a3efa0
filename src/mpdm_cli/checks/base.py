"""What a rule is: a code, a name, a severity, and a pure function over the repository."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from mpdm_cli.pipeline.diagnostics import Severity, Stage
from mpdm_cli.pipeline.loading import KeyPath
from mpdm_cli.pipeline.repository import Entry, Repository


@dataclass(frozen=True)
class Finding:
    """A rule's result: the offending value, and other values it relates to.

    ``within`` is the offending value's text and the index of the character at fault in
    it, when the finding is about a part of a long text (a citation in an article).
    """

    entry: Entry
    path: KeyPath
    message: str
    related: tuple[tuple[Entry, KeyPath, str], ...] = ()
    within: tuple[str, int] | None = None


Check = Callable[[Repository], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    check: Check
    stage: Stage = Stage.RULES
    source: str = ""  # the legal text the rule applies, if any

    @property
    def documentation(self) -> str:
        """The rule's docstring: its statement, legal source and an example."""
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.documentation.splitlines()[0] if self.documentation else ""


def rule(
    code: str,
    name: str,
    severity: Severity = Severity.ERROR,
    *,
    stage: Stage = Stage.RULES,
    source: str = "",
) -> Callable[[Check], Rule]:
    def register(check: Check) -> Rule:
        return Rule(code, name, severity, check, stage, source)

    return register


def path_text(path: KeyPath) -> str:
    """``("effectifs", "roles", 1)`` → ``effectifs.roles[1]``: how acknowledgements name a value."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
