"""Reporters: the outcome of a validation as text for people or JSON for programs."""

from __future__ import annotations

import json
from typing import Any, TextIO

from mpdm_cli.diagnostics import Diagnostic, Severity
from mpdm_cli.validation import Outcome


def summary(outcome: Outcome) -> str:
    documents = len(outcome.repository.entries)
    errors = outcome.count(Severity.ERROR)
    warnings = outcome.count(Severity.WARNING)
    accepted = sum(1 for d in outcome.diagnostics if not d.fails)
    text = (
        f"{len(outcome.files)} fichier{'s' * (len(outcome.files) != 1)}, "
        f"{documents} document{'s' * (documents != 1)} valide{'s' * (documents != 1)}, "
        f"{errors} erreur{'s' * (errors != 1)}, "
        f"{warnings} avertissement{'s' * (warnings != 1)}"
    )
    if accepted:
        text += f", {accepted} anomalie{'s' * (accepted != 1)} acceptée{'s' * (accepted != 1)}"
    return text


def write_text(outcome: Outcome, stream: TextIO, color: bool | None = None) -> None:
    """``chemin:ligne:colonne: CODE message``, the source line and a caret under the column."""
    from rich.console import Console
    from rich.text import Text

    console = Console(
        file=stream, force_terminal=color, no_color=color is False, highlight=False, soft_wrap=True
    )
    files = {loaded.path: loaded for loaded in outcome.files}
    sources: dict[str, list[str]] = {}
    for path in outcome.missing:
        console.print(Text(f"{path}: chemin introuvable", style="bold red"))
    for diagnostic in outcome.diagnostics:
        console.print(_headline(diagnostic))
        source = diagnostic.location.file
        if source not in sources:
            sources[source] = files[source].lines() if source in files else []
        lines = sources[source]
        if 0 < diagnostic.location.line <= len(lines):
            source = lines[diagnostic.location.line - 1].expandtabs(1)
            console.print(Text(f"  {source}", style="dim"))
            console.print(Text(" " * (diagnostic.location.column + 1) + "^", style="bold"))
        for related in diagnostic.related:
            console.print(Text(f"  {related.location}: {related.note}", style="cyan"))
        if diagnostic.acknowledged:
            console.print(Text(f"  anomalie acceptée : {diagnostic.acknowledged}", style="green"))
    console.print(Text(summary(outcome), style="bold"))


def _headline(diagnostic: Diagnostic) -> Any:
    from rich.text import Text

    style = "red" if diagnostic.severity is Severity.ERROR else "yellow"
    if not diagnostic.fails:
        style = "green"
    label = diagnostic.severity.value if diagnostic.fails else "accepté"
    text = Text(f"{diagnostic.location}: ")
    text.append(diagnostic.code, style=f"bold {style}")
    text.append(f" [{label}] {diagnostic.message}")
    return text


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
            "documents": len(outcome.repository.entries),
            "erreurs": outcome.count(Severity.ERROR),
            "avertissements": outcome.count(Severity.WARNING),
            "acceptees": sum(1 for d in outcome.diagnostics if not d.fails),
        },
    }


def write_json(outcome: Outcome, stream: TextIO) -> None:
    json.dump(as_json(outcome), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
