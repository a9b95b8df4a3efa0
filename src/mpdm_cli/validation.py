"""The pipeline: discover → load → shape → index → rules → acknowledgements."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mpdm_cli.checks import RULES, Rule
from mpdm_cli.checks.base import Finding, path_text
from mpdm_cli.diagnostics import Diagnostic, Related, Severity, make
from mpdm_cli.loading import LoadedFile, load_file
from mpdm_cli.repository import Entry, Repository, discover
from mpdm_cli.shape import validate_shape


@dataclass
class Outcome:
    files: list[LoadedFile] = field(default_factory=list)
    repository: Repository = field(default_factory=Repository)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.fails and d.severity is severity)

    @property
    def unreadable(self) -> bool:
        """Input that could not be read at all (exit code 2)."""
        return bool(self.missing) or any(d.code == "Y009" for d in self.diagnostics)


def selected_rules(select: Sequence[str] = (), ignore: Sequence[str] = ()) -> tuple[Rule, ...]:
    """Rules whose code starts with a selected prefix and with no ignored prefix."""
    return tuple(
        rule
        for rule in RULES
        if (not select or rule.code.startswith(tuple(select)))
        and not rule.code.startswith(tuple(ignore))
    )


def validate(paths: Iterable[Path], rules: tuple[Rule, ...] = RULES) -> Outcome:
    outcome = Outcome()
    files, outcome.missing = discover(list(paths))
    for path in files:
        outcome.files.append(load_file(path))
    return check(outcome, rules)


def check(outcome: Outcome, rules: tuple[Rule, ...] = RULES) -> Outcome:
    """Shape-validate loaded files, index them, run ``rules``; fills ``outcome``."""
    diagnostics: list[Diagnostic] = []
    for loaded in outcome.files:
        diagnostics.extend(loaded.diagnostics)
        if not isinstance(loaded.data, dict):
            continue
        document, problems = validate_shape(loaded)
        taken = {(d.location.line, d.location.column) for d in loaded.diagnostics}
        diagnostics.extend(d for d in problems if (d.location.line, d.location.column) not in taken)
        if document is not None:
            outcome.repository.add(Entry(loaded, document))
        elif isinstance(loaded.data.get("id"), str):
            outcome.repository.unreadable_ids.add(loaded.data["id"])
    findings = [(rule, finding) for rule in rules for finding in rule.check(outcome.repository)]
    diagnostics.extend(_acknowledge(findings, outcome.repository, {r.code for r in rules}))
    outcome.diagnostics = sorted(diagnostics)
    return outcome


def _to_diagnostic(rule: Rule, finding: Finding) -> Diagnostic:
    related = tuple(Related(entry.file.locate(path), note) for entry, path, note in finding.related)
    return make(
        rule.code, finding.message, finding.entry.file.locate(finding.path), rule.severity, related
    )


def _acknowledge(
    findings: list[tuple[Rule, Finding]], repository: Repository, ran: set[str]
) -> list[Diagnostic]:
    """Mark findings a document acknowledges; report acknowledgements that match nothing."""
    result: list[Diagnostic] = []
    used: set[tuple[int, int]] = set()
    for rule, finding in findings:
        diagnostic = _to_diagnostic(rule, finding)
        document = finding.entry.document
        where = path_text(finding.path)
        for index, ack in enumerate(document.acknowledgements):
            if ack.rule == rule.code and (
                where == ack.path
                or where.startswith(ack.path + ".")
                or where.startswith(ack.path + "[")
            ):
                used.add((id(finding.entry), index))
                diagnostic = Diagnostic(
                    diagnostic.location,
                    diagnostic.code,
                    diagnostic.severity,
                    diagnostic.message,
                    diagnostic.related,
                    ack.reason,
                )
                break
        result.append(diagnostic)
    for entry in repository.entries:
        for index, ack in enumerate(entry.document.acknowledgements):
            if "A001" in ran and ack.rule in ran and (id(entry), index) not in used:
                result.append(
                    make(
                        "A001",
                        f"anomalie acceptée sans objet : la règle {ack.rule} ne signale rien"
                        f" en « {ack.path} »",
                        entry.at("anomalies_acceptees", index),
                        Severity.WARNING,
                    )
                )
    return result
