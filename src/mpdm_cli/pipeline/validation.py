"""The pipeline: discover → load → shape → index → rules → acknowledgements."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from mpdm_cli.checks import RULES, Rule
from mpdm_cli.checks.base import Finding, path_text
from mpdm_cli.models import AnyDocument
from mpdm_cli.pipeline.diagnostics import Diagnostic, Location, Related, Severity, make
from mpdm_cli.pipeline.loading import LoadedFile, load_file
from mpdm_cli.pipeline.packing import Packer
from mpdm_cli.pipeline.repository import Entry, Repository, discover, with_repository
from mpdm_cli.pipeline.scalar_position import position_in_scalar
from mpdm_cli.pipeline.shape import validate_shape


@dataclass
class Outcome:
    files: list[LoadedFile] = field(default_factory=list)
    repository: Repository = field(default_factory=Repository)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)
    # In a ``reported`` outcome: how many files the whole repository has.
    repository_files: int = 0

    @property
    def asked(self) -> frozenset[str] | None:
        """The files asked for when the repository around them was checked too (else None)."""
        return self.repository.asked

    @property
    def documents(self) -> int:
        """Valid documents among the files asked for."""
        if self.asked is None:
            return len(self.repository.entries)
        return sum(1 for entry in self.repository.entries if entry.file.path in self.asked)

    def reported(self) -> Outcome:
        """The outcome as reported: the files asked for and their own diagnostics (a related
        location may still lead into the rest of the repository)."""
        if self.asked is None:
            return self
        asked = self.asked
        return replace(
            self,
            files=[loaded for loaded in self.files if loaded.path in asked],
            diagnostics=[d for d in self.diagnostics if d.location.file in asked],
            repository_files=len(self.files),
        )

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
    """Check the files under ``paths`` with every other file of their repository (see
    ``roots``), so that references to sibling folders resolve; ``reported()`` keeps the
    files asked for."""
    outcome = Outcome()
    return _finish(outcome, _load(list(paths), outcome), rules)


def _load(paths: list[Path], outcome: Outcome) -> list[Checked]:
    """Load and shape-check the files under ``paths`` (with their repository) into
    ``outcome``; the lists of paths end here, before the rules run."""
    asked, outcome.missing = discover(paths)
    files = with_repository(paths, asked)
    if len(files) > len(asked):
        outcome.repository.asked = frozenset(str(path) for path in asked)
    packer = Packer()
    checked = [_without_data(check_file(load_file(path, packer=packer))) for path in files]
    outcome.files = [item.file for item in checked]
    return checked


def _without_data(item: Checked) -> Checked:
    """``item`` without what the cross-document stage no longer needs once its document is
    built (see ``LoadedFile.forget_data``): memory and garbage-collector time grow with it."""
    if item.document is not None:
        item.file.forget_data()
    return item


def check(outcome: Outcome, rules: tuple[Rule, ...] = RULES) -> Outcome:
    """Shape-validate loaded files, index them, run ``rules``; fills ``outcome``."""
    return _finish(outcome, [check_file(loaded) for loaded in outcome.files], rules)


@dataclass(slots=True)
class Checked:
    """One file after loading and shape validation: what the cross-document stage needs."""

    file: LoadedFile
    document: AnyDocument | None
    diagnostics: list[Diagnostic]
    unreadable_id: str | None = None


def check_file(loaded: LoadedFile) -> Checked:
    """Shape-validate one loaded file; shape problems where loading found one are dropped."""
    diagnostics = list(loaded.diagnostics)
    if not isinstance(loaded.data, dict):
        return Checked(loaded, None, diagnostics)
    document, problems = validate_shape(loaded)
    taken = {(d.location.line, d.location.column) for d in loaded.diagnostics}
    diagnostics.extend(d for d in problems if (d.location.line, d.location.column) not in taken)
    identifier = loaded.data.get("id")
    unreadable = identifier if document is None and isinstance(identifier, str) else None
    return Checked(loaded, document, diagnostics, unreadable)


class UncheckedFile(RuntimeError):
    """A file that gave neither a document nor an error: a bug, never a pass."""


def _finish(outcome: Outcome, checked: list[Checked], rules: tuple[Rule, ...]) -> Outcome:
    diagnostics: list[Diagnostic] = []
    for item in checked:
        diagnostics.extend(item.diagnostics)
        # Every file is a valid document or has an error: the summary's counts add up,
        # and a file dropped unreported cannot end in "0 erreurs" (an internal error).
        if item.document is None and not any(
            d.severity is Severity.ERROR and d.fails for d in item.diagnostics
        ):
            raise UncheckedFile(f"{item.file.path} : ni document ni erreur")
        if item.document is not None:
            outcome.repository.add(Entry(item.file, item.document))
        elif item.unreadable_id is not None:
            outcome.repository.unreadable_ids.add(item.unreadable_id)
    del checked  # the caller keeps no other reference: the rules run without these
    findings = [(rule, finding) for rule in rules for finding in rule.check(outcome.repository)]
    diagnostics.extend(_acknowledge(findings, outcome.repository, {r.code for r in rules}))
    outcome.diagnostics = sorted(diagnostics)
    return outcome


def _to_diagnostic(rule: Rule, finding: Finding) -> Diagnostic:
    related = tuple(Related(entry.file.locate(path), note) for entry, path, note in finding.related)
    location = finding.entry.file.locate(finding.path)
    if finding.within is not None:
        value, offset = finding.within
        inside = position_in_scalar(
            finding.entry.file.lines(), (location.line, location.column), value, offset
        )
        if inside is not None:
            location = Location(location.file, *inside)
    return make(rule.code, finding.message, location, rule.severity, related)


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
                diagnostic = replace(diagnostic, acknowledged=ack.reason)
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
