"""Reporters for CI tools: GitHub Actions annotations and SARIF 2.1.0 (code scanning)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from mpdm_cli import __version__
from mpdm_cli.pipeline.catalogue import entries
from mpdm_cli.pipeline.diagnostics import Diagnostic, Location, Severity
from mpdm_cli.pipeline.validation import Outcome
from mpdm_cli.reports.report import summary, visible

# GitHub Actions workflow commands --------------------------------------------------------


def escape_data(text: str) -> str:
    """Escape a workflow command's message (after ``::``); the other controls (ESC, bidi
    overrides, U+2028…), which the log viewer would obey, are written as ``\\uNNNN``."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """Escape a workflow command property value (``file=``, ``title=``…)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(kind: str, location: Location, title: str, message: str) -> str:
    properties = [
        f"file={escape_property(location.file)}",
        f"line={location.line}",
        f"col={location.column}",
        f"title={escape_property(title)}",
    ]
    return f"::{kind} {','.join(properties)}::{escape_data(message)}"


def github_lines(outcome: Outcome) -> list[str]:
    """One annotation per diagnostic; an acknowledged finding is a notice."""
    lines = [
        _annotation("error", Location(str(path), 1, 1), "introuvable", "chemin introuvable")
        for path in outcome.missing
    ]
    for diagnostic in outcome.diagnostics:
        message = diagnostic.message
        for related in diagnostic.related:
            message += f"\n{related.location}: {related.note}"
        if not diagnostic.fails:
            kind = "notice"
            message += f"\nanomalie acceptée : {diagnostic.acknowledged}"
        else:
            kind = "error" if diagnostic.severity is Severity.ERROR else "warning"
        lines.append(_annotation(kind, diagnostic.location, diagnostic.code, message))
    return lines


def write_github(outcome: Outcome, stream: TextIO) -> None:
    for line in github_lines(outcome):
        stream.write(line + "\n")
    stream.write(summary(outcome) + "\n")


# SARIF 2.1.0 -----------------------------------------------------------------------------

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def _rule_descriptors() -> list[dict[str, Any]]:
    """Every code of the catalogue, so that CI tools have a name and a text for each."""
    return [
        {
            "id": entry.code,
            "name": entry.name,
            "shortDescription": {"text": entry.summary or entry.name},
            "fullDescription": {"text": entry.documentation or entry.name},
            "defaultConfiguration": {"level": _LEVELS[entry.severity]},
        }
        for entry in entries()
    ]


def _uri(file: str) -> str:
    path = Path(file)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix())


def _physical(location: Location) -> dict[str, Any]:
    return {
        "artifactLocation": {"uri": _uri(location.file)},
        "region": {"startLine": location.line, "startColumn": location.column},
    }


def _result(diagnostic: Diagnostic, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": diagnostic.code,
        "level": _LEVELS[diagnostic.severity] if diagnostic.fails else "note",
        "message": {"text": diagnostic.message},
        "locations": [{"physicalLocation": _physical(diagnostic.location)}],
    }
    if diagnostic.code in index:
        result["ruleIndex"] = index[diagnostic.code]
    if diagnostic.related:
        result["relatedLocations"] = [
            {"id": number, "physicalLocation": _physical(r.location), "message": {"text": r.note}}
            for number, r in enumerate(diagnostic.related)
        ]
    if not diagnostic.fails:
        result["suppressions"] = [
            {"kind": "inSource", "status": "accepted", "justification": diagnostic.acknowledged}
        ]
    return result


def as_sarif(outcome: Outcome) -> dict[str, Any]:
    rules = _rule_descriptors()
    index = {rule["id"]: number for number, rule in enumerate(rules)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mpdm",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not outcome.unreadable,
                        "toolExecutionNotifications": [
                            {
                                "level": "error",
                                "message": {"text": f"{path} : chemin introuvable"},
                            }
                            for path in outcome.missing
                        ],
                    }
                ],
                "columnKind": "unicodeCodePoints",
                "results": [_result(d, index) for d in outcome.diagnostics],
            }
        ],
    }


def write_sarif(outcome: Outcome, stream: TextIO) -> None:
    json.dump(as_sarif(outcome), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
