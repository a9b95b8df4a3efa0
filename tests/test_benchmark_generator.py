"""The benchmark's generator: deterministic, valid by construction, planted errors exact."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import generate
from mpdm_cli.checks import RULES
from mpdm_cli.pipeline.diagnostics import Diagnostic
from mpdm_cli.pipeline.loading import load_text
from mpdm_cli.pipeline.validation import validate

ACTS = 60


@pytest.fixture(scope="module")
def planted_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Diagnostic]]:
    root = tmp_path_factory.mktemp("planted")
    generate(ACTS, planted=True).write(root)
    return root, validate([root]).diagnostics


def _where(root: Path, diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    location = diagnostic.location
    relative = Path(location.file).relative_to(root).as_posix()
    return (relative, location.line, location.column, diagnostic.code)


def test_generator_is_deterministic() -> None:
    first, again = generate(ACTS), generate(ACTS)
    assert first.files == again.files
    assert first.acts == ACTS
    assert generate(ACTS, seed=7).files != first.files


def test_generated_repository_is_valid(tmp_path: Path) -> None:
    repo = generate(ACTS)
    repo.write(tmp_path)
    outcome = validate([tmp_path])
    assert [str(d) for d in outcome.diagnostics] == []
    assert len(outcome.repository.entries) == len(repo.files)
    kinds = {type(entry.document).__name__ for entry in outcome.repository.entries}
    assert kinds == {"People", "Organisation", "Convention", "Avenant", "Deliberation"}


def test_planted_errors_yield_exactly_the_planted_diagnostics(
    planted_repo: tuple[Path, list[Diagnostic]],
) -> None:
    root, diagnostics = planted_repo
    planted = generate(ACTS, planted=True).planted
    known = {rule.code for rule in RULES}
    found = {_where(root, d) for d in diagnostics}
    expected = {
        (p.file, p.line, p.column, p.code or p.later)
        for p in planted
        if p.code is not None or p.later in known
    }
    assert expected <= found
    # Other rules may report a corruption too, but only where it was made; a corruption
    # whose rule is still to come (p.later not registered) only in its own file.
    spots = {(p.file, p.line, p.column) for p in planted}
    pending = {p.file for p in planted if p.code is None and p.later not in known}
    extra = {f for f in found - expected if f[:3] not in spots and f[0] not in pending}
    assert extra == set()
    assert len(planted) == 8


def test_emitted_positions_are_the_loader_positions() -> None:
    from benchmarks.emit import write

    repo = generate(ACTS)
    name = next(n for n in repo.files if n.startswith("deliberations/"))
    loaded = load_text(repo.files[name], name)
    assert loaded.diagnostics == []
    writer = write(loaded.data, ("comment",))
    again = load_text(writer.text(), name)
    assert again.data == loaded.data
    for path, position in writer.values.items():
        assert again.positions.values[path] == position, path
    for path, position in writer.keys.items():
        assert again.positions.keys[path] == position, path


def test_plain_report_is_what_rich_writes_off_a_terminal(
    planted_repo: tuple[Path, list[Diagnostic]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from mpdm_cli.reports import report

    root, _ = planted_repo
    outcome = validate([root, root / "absent"])
    plain = io.StringIO()
    report.write_text(outcome, plain)
    monkeypatch.setattr(report, "_colored", lambda stream, color: True)
    through_rich = io.StringIO()
    report.write_text(outcome, through_rich)  # color=None: rich sees no terminal
    assert plain.getvalue() == through_rich.getvalue()
    assert "\x1b[" not in plain.getvalue()
