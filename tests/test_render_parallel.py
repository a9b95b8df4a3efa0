"""Rendering on several threads gives the files, the order and the errors of a serial run."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import generate
from mpdm_cli.pipeline.validation import validate
from mpdm_cli.render import pipeline
from mpdm_cli.render.documents import Job, plan
from mpdm_cli.render.environment import builtin_templates
from mpdm_cli.render.formats import ALL, FORMATS, choices
from mpdm_cli.render.writer import UnsafeOutputName

ACTS = 12  # 14 jobs: 4 conventions, 3 avenants, 7 délibérations
BROKEN = "dm-2011-12-01-001"  # its Markdown template fails


def _summary(result: pipeline.Result, advanced: list[str]) -> dict[str, Any]:
    return {
        "written": [[job.stem, path.name] for job, path in result.written],
        "problems": [str(problem) for problem in result.problems],
        "advanced": sorted(advanced),
    }


def _noter(advanced: list[str]) -> Callable[[Job], None]:
    return lambda job: advanced.append(job.stem)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Job], dict[str, Any]]:
    """The same jobs rendered on 3 threads and on 1 (Markdown and PDF)."""
    root = tmp_path_factory.mktemp("threads")
    generate(ACTS).write(root / "actes")
    templates = root / "modeles"
    templates.mkdir()
    builtin = (builtin_templates() / "deliberation.md.j2").read_text(encoding="utf-8")
    failing = f'{{% if deliberation.id == "{BROKEN}" %}}{{{{ deliberation.inconnu }}}}'
    (templates / "deliberation.md.j2").write_text(
        failing + "{% endif %}" + builtin, encoding="utf-8"
    )
    jobs, _ = plan(validate([root / "actes"]).repository)
    report: dict[str, Any] = {}
    for mode, threads in [("threads", 3), ("serial", 1)]:
        (root / mode).mkdir()
        advanced: list[str] = []
        result = pipeline.run(
            jobs, choices()[ALL], root / mode, templates, threads=threads, advance=_noter(advanced)
        )
        report[mode] = _summary(result, advanced)
    return root, jobs, report


def test_threads_write_the_files_of_a_serial_run(
    runs: tuple[Path, list[Job], dict[str, Any]],
) -> None:
    root, jobs, _ = runs
    threaded = sorted((root / "threads").iterdir())
    serial = sorted((root / "serial").iterdir())
    assert [p.name for p in threaded] == [p.name for p in serial]  # no temporary file left
    assert len(threaded) == 2 * (len(jobs) - 1)  # Markdown and PDF, but BROKEN
    for mine, theirs in zip(threaded, serial, strict=True):
        assert mine.read_bytes() == theirs.read_bytes(), mine.name


def test_threaded_result_is_in_job_order(runs: tuple[Path, list[Job], dict[str, Any]]) -> None:
    _, jobs, report = runs
    threaded, serial = report["threads"], report["serial"]
    assert threaded["written"] == serial["written"]
    assert threaded["problems"] == serial["problems"]
    stems = [stem for stem, _ in threaded["written"]]
    assert sorted(set(stems), key=stems.index) == [j.stem for j in jobs if j.stem != BROKEN]
    assert threaded["advanced"] == serial["advanced"] == sorted(j.stem for j in jobs)


def test_failing_job_is_reported_as_in_a_serial_run(
    runs: tuple[Path, list[Job], dict[str, Any]],
) -> None:
    _, _, report = runs
    problems = report["threads"]["problems"]
    assert problems == report["serial"]["problems"]
    # One G001, at the broken act's file, saying why it was not produced.
    [failed] = problems
    assert f"{BROKEN}.yaml:1:1: G001 " in failed
    assert " non produit : modèle de document : " in failed


@pytest.mark.parametrize("threads", [3, 1])
def test_unexpected_error_is_raised_as_in_a_serial_run(
    runs: tuple[Path, list[Job], dict[str, Any]], tmp_path: Path, threads: int
) -> None:
    _, jobs, _ = runs
    unsafe = [*jobs[:5], dataclasses.replace(jobs[5], stem="../dehors"), *jobs[6:]]
    with pytest.raises(UnsafeOutputName, match=r"\.\./dehors\.pdf"):
        pipeline.run(unsafe, (FORMATS["pdf"],), tmp_path, threads=threads)
    assert not list(tmp_path.glob(".*.tmp"))  # no half-written file left
