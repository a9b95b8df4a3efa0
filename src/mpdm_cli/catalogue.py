"""The rule catalogue as documentation: the Markdown table the README embeds."""

from __future__ import annotations

from mpdm_cli.checks import RULES


def markdown_table() -> str:
    """One row per rule: code, severity, name, statement (the docstring's first line)."""
    lines = ["| Code | Gravité | Nom | Règle |", "| --- | --- | --- | --- |"]
    for rule in RULES:
        summary = rule.summary.replace("|", "\\|")
        lines.append(f"| {rule.code} | {rule.severity.value} | `{rule.name}` | {summary} |")
    return "\n".join(lines) + "\n"
