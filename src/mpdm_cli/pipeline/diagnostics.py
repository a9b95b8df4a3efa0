"""The one problem type every stage reports: a located, coded, French message."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "erreur"
    WARNING = "avertissement"


class Stage(StrEnum):
    """The stage of the pipeline that reports a code (see ``mpdm_cli.pipeline.catalogue``)."""

    LOADING = "loading"
    SHAPE = "shape"
    ACKNOWLEDGEMENTS = "acknowledgements"
    RULES = "rules"
    PRODUCTION = "production"  # documents and exports made from valid acts


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based position in a source file."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Related:
    """Another place a diagnostic is about (the total and each of its parts)."""

    location: Location
    note: str


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A finding. Ordered by file, line, column, then code, so output is stable."""

    location: Location
    code: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    related: tuple[Related, ...] = field(default=(), compare=False)
    # The written reason when a document acknowledges this finding (it then does not fail).
    acknowledged: str | None = field(default=None, compare=False)

    @property
    def fails(self) -> bool:
        return self.acknowledged is None

    def __str__(self) -> str:
        return f"{self.location}: {self.code} {self.message}"


def make(
    code: str,
    message: str,
    location: Location,
    severity: Severity = Severity.ERROR,
    related: tuple[Related, ...] = (),
) -> Diagnostic:
    return Diagnostic(location, code, severity, message, related)


# A hostile file can hold a million problems: past this many in one file, the rest are counted.
MAX_DIAGNOSTICS = 100


def untold_message(count: int, kind: str = "") -> str:
    """The message that stands for ``count`` problems past MAX_DIAGNOSTICS."""
    plural = "s" if count > 1 else ""
    return (
        f"et {count} autre{plural} problème{plural}{kind} dans ce fichier, non détaillé{plural}"
        f" (au plus {MAX_DIAGNOSTICS} sont signalés un à un)"
    )
