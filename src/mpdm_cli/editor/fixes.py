"""Fixes for the mistakes that have one right answer, as edits of the source text.

A fix is proposed for a diagnostic when the value it points at matches one of the patterns
below; it is *applied* only when checking the file again with the edit makes that diagnostic
go away and brings no new one. Anything else is left to the person. An edit replaces the
value's own span in the text, so comments, quoting elsewhere and layout stay as they were.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from mpdm_cli.domain.french import slug
from mpdm_cli.pipeline.diagnostics import Diagnostic
from mpdm_cli.pipeline.validation import Outcome


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``text[start:end]`` by ``new`` (character offsets), at ``line`` (1-based)."""

    start: int
    end: int
    new: str
    line: int
    column: int
    reason: str


@dataclass(frozen=True)
class Scalar:
    """A scalar value of the YAML text, with its span and how it is written."""

    value: str
    start: int
    end: int
    line: int
    column: int
    style: str | None  # None for plain, '"' or "'" for quoted, '|' or '>' for blocks


_SPACES = "\u00a0\u202f\u2009 "
_MONEY = re.compile(
    rf"^(?P<units>\d{{1,3}}(?:[{_SPACES}.]\d{{3}})+|\d+)(?:,(?P<cents>\d{{1,2}}))?"
    rf"[{_SPACES}]*(?:€|euros?|EUR)?$"
)
_FRENCH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A reason that starts so marks a fix that could change the value's meaning: never applied.
AMBIGUOUS = "à confirmer : "


def scalars(text: str) -> dict[tuple[int, int], Scalar]:
    """Every scalar of ``text`` by its 1-based (line, column); empty if it does not parse."""
    found: dict[tuple[int, int], Scalar] = {}
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return found
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            mark = node.start_mark
            found[(mark.line + 1, mark.column + 1)] = Scalar(
                node.value,
                mark.index,
                node.end_mark.index,
                mark.line + 1,
                mark.column + 1,
                node.style,
            )
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(value for _, value in node.value)
    return found


def _amount(scalar: Scalar, _ids: frozenset[str]) -> tuple[str, str] | None:
    """``"220 000 €"`` → ``220000``, ``"1 066,50 €"`` → ``1066.50``."""
    text = scalar.value.strip()
    match = _MONEY.match(text)
    if match is None or (scalar.style is None and text.isdigit()):
        return None
    units = re.sub(rf"[{_SPACES}.]", "", match["units"])
    cents = match["cents"]
    try:
        amount = Decimal(units + ("." + cents.ljust(2, "0") if cents else ""))
    except InvalidOperation:
        return None
    if "." in match["units"] and not cents and not text[-1:].isalpha() and "€" not in text:
        # "220.000" alone: thousands with a dot (older acts) or 220 with three decimals?
        return str(amount), AMBIGUOUS + "montant avec un point : milliers ou décimales ?"
    return str(amount), "montant écrit comme un nombre"


def _date(scalar: Scalar, _ids: frozenset[str]) -> tuple[str, str] | None:
    """``21/12/2023`` → ``2023-12-21``; ``"2023-12-21"`` → ``2023-12-21`` (a date, not text)."""
    text = scalar.value.strip()
    match = _FRENCH_DATE.match(text)
    if match is not None:
        day, month, year = (int(part) for part in match.groups())
        try:
            return dt.date(year, month, day).isoformat(), "date au format AAAA-MM-JJ"
        except ValueError:
            return None
    if scalar.style in ('"', "'") and _ISO_DATE.match(text):
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            return None
        return text, "date sans guillemets"
    return None


def _identifier(scalar: Scalar, ids: frozenset[str]) -> tuple[str, str] | None:
    """A reference with spaces around it, capitals or accents, when exactly one declared
    id matches it once written the way ids are."""
    if scalar.style in ("|", ">"):
        return None
    normalised = slug(scalar.value)
    if normalised == scalar.value or normalised not in ids:
        return None
    # Quotes were there for the spaces or the accents; an id that reads as text needs none.
    needs_quotes = re.fullmatch(r"[\d.+-]+|true|false|null", normalised) is not None
    quote = (scalar.style or '"') if needs_quotes else ""
    return f"{quote}{normalised}{quote}", "identifiant écrit comme déclaré"


Fixer = Callable[[Scalar, frozenset[str]], tuple[str, str] | None]
FIXERS: tuple[Fixer, ...] = (_amount, _date, _identifier)


# A tab where YAML wants a space: after ``cle:`` or a list dash, or at the end of a line
# with no text before it on that line. Tabs inside the indentation are left alone: how many
# spaces one stood for is a guess.
_SEPARATOR_TAB = re.compile(r"^( *(?:- )*(?:[^\s#'\"\t][^#\t]*?:|-))(\t+)(?=\S)", re.MULTILINE)


def tab_edits(text: str) -> list[Edit]:
    """Tabs used as separators, each made one space."""
    edits = []
    for match in _SEPARATOR_TAB.finditer(text):
        start, end = match.span(2)
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        edits.append(Edit(start, end, " ", line, column, "tabulation remplacée par une espace"))
    return edits


def edits_for(
    diagnostics: list[Diagnostic], text: str, ids: frozenset[str]
) -> list[tuple[Diagnostic, Edit]]:
    """The candidate edit for each diagnostic that points at a value with a known fix."""
    values = scalars(text)
    candidates: list[tuple[Diagnostic, Edit]] = []
    for diagnostic in diagnostics:
        scalar = values.get((diagnostic.location.line, diagnostic.location.column))
        if scalar is None:
            continue
        for fixer in FIXERS:
            proposal = fixer(scalar, ids)
            if proposal is not None:
                new, reason = proposal
                edit = Edit(scalar.start, scalar.end, new, scalar.line, scalar.column, reason)
                candidates.append((diagnostic, edit))
                break
    return candidates


def apply(text: str, edits: list[Edit]) -> str:
    """``text`` with non-overlapping ``edits`` made (later ones first, so offsets hold)."""
    for edit in sorted(edits, reverse=True):
        text = text[: edit.start] + edit.new + text[edit.end :]
    return text


@dataclass
class FileFixes:
    path: Path
    before: str
    after: str
    applied: list[Edit]
    proposed: list[Edit]


def plan(
    outcome: Outcome,
    recheck: Callable[[Mapping[Path, str]], Outcome],
    wanted: Callable[[Path], bool] = lambda path: True,
) -> list[FileFixes]:
    """For each ``wanted`` file of ``outcome``, the edits that remove a diagnostic and add
    none (``recheck`` validates the repository again with some files' text replaced)."""
    ids = frozenset(outcome.repository.declarations) | frozenset(outcome.repository.people)
    plans: list[FileFixes] = []
    for loaded in outcome.files:
        path = Path(loaded.path)
        if loaded.empty or not wanted(path):
            continue
        source = loaded.text
        tabs = tab_edits(source)
        text = apply(source, tabs)
        current = outcome if not tabs else recheck({path: text})
        diagnostics = [d for d in current.diagnostics if d.fails and d.location.file == loaded.path]
        base = {_key(d) for d in diagnostics}
        applied: list[Edit] = []
        proposed: list[Edit] = []
        for diagnostic, edit in edits_for(diagnostics, text, ids):
            if edit.reason.startswith(AMBIGUOUS) or _overlaps(edit, applied):
                proposed.append(edit)
                continue
            after = _failing(recheck({path: apply(text, [*applied, edit])}), loaded.path)
            if _key(diagnostic) not in after and not after - base:
                applied.append(edit)
                base = after
            else:
                proposed.append(edit)
        if tabs or applied or proposed:
            plans.append(FileFixes(path, source, apply(text, applied), [*tabs, *applied], proposed))
    return plans


def _overlaps(edit: Edit, others: list[Edit]) -> bool:
    return any(edit.start < other.end and other.start < edit.end for other in others)


def _key(diagnostic: Diagnostic) -> tuple[str, int]:
    return diagnostic.code, diagnostic.location.line


def _failing(outcome: Outcome, path: str) -> set[tuple[str, int]]:
    return {_key(d) for d in outcome.diagnostics if d.fails and d.location.file == path}


def unified_diff(fixes: FileFixes) -> str:
    """What ``--fix`` would change in one file, as ``diff -u`` shows it."""
    import difflib

    return "".join(
        difflib.unified_diff(
            fixes.before.splitlines(keepends=True),
            fixes.after.splitlines(keepends=True),
            fromfile=f"a/{fixes.path}",
            tofile=f"b/{fixes.path}",
        )
    )


def write(fixes: FileFixes) -> None:
    """Replace the file with its fixed text (atomically, its byte-order mark kept)."""
    from mpdm_cli.render.writer import rewrite_source

    rewrite_source(fixes.path, fixes.after)
