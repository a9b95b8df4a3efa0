"""Reporters: the outcome of a validation as text for people or JSON for programs."""

from __future__ import annotations

import os
import re
import unicodedata
from typing import Any, TextIO

from mpdm_cli.pipeline.diagnostics import Diagnostic, Severity
from mpdm_cli.pipeline.validation import Outcome


def summary(outcome: Outcome) -> str:
    documents = outcome.documents
    errors = outcome.count(Severity.ERROR)
    warnings = outcome.count(Severity.WARNING)
    accepted = sum(1 for d in outcome.diagnostics if not d.fails)
    files = f"{len(outcome.files)} fichier{'s' * (len(outcome.files) != 1)}"
    if outcome.repository_files > len(outcome.files):
        checked = "vérifié" + "s" * (len(outcome.files) != 1)
        files += f" {checked} (dans le dépôt de {outcome.repository_files} fichiers)"
    text = (
        f"{files}, "
        f"{documents} document{'s' * (documents != 1)} valide{'s' * (documents != 1)}, "
        f"{errors} erreur{'s' * (errors != 1)}, "
        f"{warnings} avertissement{'s' * (warnings != 1)}"
    )
    if accepted:
        text += f", {accepted} anomalie{'s' * (accepted != 1)} acceptée{'s' * (accepted != 1)}"
    return text


def write_statistics(outcome: Outcome, stream: TextIO, *, as_json: bool = False) -> None:
    """How many problems of each code (acknowledged ones apart), most frequent first."""
    counts: dict[tuple[str, Severity], int] = {}
    for diagnostic in outcome.diagnostics:
        if diagnostic.fails:
            key = (diagnostic.code, diagnostic.severity)
            counts[key] = counts.get(key, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    if as_json:
        import json

        rows = [{"code": c, "gravite": s.value, "nombre": n} for (c, s), n in ranked]
        json.dump(rows, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    width = max((len(str(n)) for _, n in ranked), default=1)
    for (code, severity), number in ranked:
        stream.write(f"{number:>{width}}  {code}  {severity.value}\n")
    stream.write(summary(outcome) + "\n")


# Characters that would act on the terminal (ESC, CR, bidi overrides) or hide in the text
# (zero-width), plus surrogates from undecodable file names: shown as escapes instead.
_HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def visible(text: str) -> str:
    """``text`` with control and invisible characters written as ``\\uNNNN``."""
    if text.isprintable():
        return text
    return "".join(_escape(char) for char in text)


def _escape(char: str) -> str:
    if char.isprintable() or unicodedata.category(char) not in _HIDDEN_CATEGORIES:
        return char
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


_UNENCODABLE = re.compile("[\ud800-\udfff]")


def _encodable(text: str) -> str:
    """Lone surrogates (an undecodable file name) as ``\\udcff``: UTF-8 cannot write them."""
    return _UNENCODABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _excerpt(line: str, column: int, before: int = 60, after: int = 100) -> tuple[str, int]:
    """The source line as shown, cut around ``column`` (a 1 MB line is not printed whole for
    each problem on it), and where the caret goes under it."""
    head, tail = line[: column - 1].expandtabs(1), line[column - 1 :].expandtabs(1)
    if len(head) > before:
        head = "…" + head[-before:]
    if len(tail) > after:
        tail = tail[:after] + "…"
    shown = visible(head)
    return shown + visible(tail), len(shown)


Line = list[tuple[str, str | None]]  # (text, rich style) pieces of one output line

# What rich's Text removes from what it prints; the plain path removes the same.
_CONTROL = str.maketrans("", "", "\x07\x08\x0b\x0c\x0d")


def write_text(outcome: Outcome, stream: TextIO, color: bool | None = None) -> None:
    """``chemin:ligne:colonne: CODE message``, the source line and a caret under the column.

    Colours need rich (imported in ~80 ms); output that is not for a terminal (pre-commit,
    CI, a pipe) is written directly, character for character what rich would write there.
    """
    lines = _lines(outcome)
    if not _colored(stream, color):
        for line in lines:
            stream.write("".join(text for text, _ in line).translate(_CONTROL) + "\n")
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(
        file=stream, force_terminal=color, no_color=color is False, highlight=False, soft_wrap=True
    )
    for line in lines:
        text = Text()
        for piece, style in line:
            text.append(piece, style=style)
        console.print(text)


def _colored(stream: TextIO, color: bool | None) -> bool:
    """Whether rich would colour ``stream`` (it reads the same two variables)."""
    if color is not None:
        return color
    if os.environ.get("NO_COLOR"):  # https://no-color.org: wins over a terminal, and over
        return False  # FORCE_COLOR too (rich would still write bold and dim)
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


def _lines(outcome: Outcome) -> list[Line]:
    files = {loaded.path: loaded for loaded in outcome.files}
    sources: dict[str, list[str]] = {}
    lines: list[Line] = [
        [(f"{visible(str(path))}: chemin introuvable", "bold red")] for path in outcome.missing
    ]
    for diagnostic in outcome.diagnostics:
        lines.append(_headline(diagnostic))
        source = diagnostic.location.file
        if source not in sources:
            sources[source] = files[source].lines() if source in files else []
        text = sources[source]
        if 0 < diagnostic.location.line <= len(text):
            shown, caret = _excerpt(text[diagnostic.location.line - 1], diagnostic.location.column)
            lines.append([(f"  {shown}", "dim")])
            lines.append([(" " * (caret + 2) + "^", "bold")])
        for related in diagnostic.related:
            lines.append([(visible(f"  {related.location}: {related.note}"), "cyan")])
        if diagnostic.acknowledged:
            reason = visible(diagnostic.acknowledged)
            lines.append([(f"  anomalie acceptée : {reason}", "green")])
    lines.append([(summary(outcome), "bold")])
    return lines


def _headline(diagnostic: Diagnostic) -> Line:
    style = "red" if diagnostic.severity is Severity.ERROR else "yellow"
    if not diagnostic.fails:
        style = "green"
    label = diagnostic.severity.value if diagnostic.fails else "accepté"
    return [
        (f"{visible(str(diagnostic.location))}: ", None),
        (diagnostic.code, f"bold {style}"),
        (f" [{label}] {visible(diagnostic.message)}", None),
    ]


def as_json(outcome: Outcome) -> dict[str, Any]:
    """The stable JSON shape: a list of diagnostics and the summary counts."""
    return {
        "diagnostics": [
            {
                "fichier": d.location.file,
                "ligne": d.location.line,
                "colonne": d.location.column,
                "code": d.code,
                "gravite": d.severity.value,
                "message": d.message,
                "liens": [
                    {
                        "fichier": r.location.file,
                        "ligne": r.location.line,
                        "colonne": r.location.column,
                        "note": r.note,
                    }
                    for r in d.related
                ],
                "acceptee": d.acknowledged,
            }
            for d in outcome.diagnostics
        ],
        "introuvables": [str(p) for p in outcome.missing],
        "resume": {
            "fichiers": len(outcome.files),
            "documents": outcome.documents,
            "erreurs": outcome.count(Severity.ERROR),
            "avertissements": outcome.count(Severity.WARNING),
            "acceptees": sum(1 for d in outcome.diagnostics if not d.fails),
        },
    }


def write_json(outcome: Outcome, stream: TextIO) -> None:
    import json  # here: the text report, the common case, does without it

    stream.write(_encodable(json.dumps(as_json(outcome), ensure_ascii=False, indent=2)))
    stream.write("\n")
