"""Rendering in worker processes gives the files, the order and the errors of one process.

The runs happen in a fresh interpreter: this one has usually compiled PDFs already, and a
process that runs Typst's threads renders alone rather than fork (``parallel.can_fork``).
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import generate
from mpdm_cli.render.environment import builtin_templates
from tests.render_support import ROOT

ACTS = 12  # 14 jobs: 4 conventions, 3 avenants, 7 délibérations
BROKEN = "dm-2011-12-01-001"  # its Markdown template fails; job 7, in a worker's chunk


def _summary(result: Any, advanced: list[str] | None = None) -> dict[str, Any]:
    return {
        "written": [[job.stem, path.name] for job, path in result.written],
        "failed": [[job.stem, message] for job, message in result.failed],
        "warnings": [[job.stem, message] for job, message in result.warnings],
        "advanced": sorted(advanced or []),
    }


def _runs(root: str) -> None:
    """In the fresh interpreter: the runs, summed up as JSON on stdout.

    The parallel runs come first: once this process has compiled a PDF, it runs Typst's
    threads and renders alone (the last run checks that it then does, instead of hanging).
    """
    from mpdm_cli import parallel
    from mpdm_cli.parallel import can_fork
    from mpdm_cli.render import pipeline
    from mpdm_cli.render.documents import plan
    from mpdm_cli.render.writer import UnsafeOutputName
    from mpdm_cli.validation import validate

    # Two workers and this process, on any machine; never undone: the process ends here.
    pytest.MonkeyPatch().setattr(parallel, "cores", lambda: 2)
    base = Path(root)
    jobs, _ = plan(validate([base / "actes"]).repository)
    report: dict[str, Any] = {"stems": [job.stem for job in jobs], "unexpected": {}}

    def render(mode: str, parallel_from: int) -> None:
        can = can_fork()
        advanced: list[str] = []
        result = pipeline.run(
            jobs,
            ("md", "typ"),
            base / mode,
            base / "modeles",
            parallel_from=parallel_from,
            advance=lambda job: advanced.append(job.stem),
        )
        report[mode] = {**_summary(result, advanced), "could_fork": can}

    # A bug met by a worker (here an unsafe output name, in the first chunk) is raised as in
    # one process. Markdown only: this process then still runs no thread and may fork again.
    unsafe = [dataclasses.replace(jobs[0], stem="../dehors"), *jobs[1:]]
    for mode, parallel_from in [("parallel", 2), ("serial", 10**6)]:
        assert can_fork()
        try:
            pipeline.run(unsafe, ("md",), base / "unsafe", parallel_from=parallel_from)
        except UnsafeOutputName as error:
            report["unexpected"][mode] = repr(error)
    render("parallel", 2)
    render("serial", 10**6)

    report["after_typst"] = {"could_fork": can_fork()}
    result = pipeline.run(jobs[:3], ("md", "typ"), base / "after", parallel_from=1)
    report["after_typst"].update(_summary(result))
    print(json.dumps(report))


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("parallel")
    generate(ACTS).write(root / "actes")
    for folder in ["unsafe", "parallel", "serial", "after", "modeles"]:
        (root / folder).mkdir()
    builtin = (builtin_templates() / "deliberation.md.j2").read_text(encoding="utf-8")
    failing = f'{{% if deliberation.id == "{BROKEN}" %}}{{{{ deliberation.inconnu }}}}'
    (root / "modeles" / "deliberation.md.j2").write_text(
        failing + "{% endif %}" + builtin, encoding="utf-8"
    )
    script = "import sys; from tests.test_render_parallel import _runs; _runs(sys.argv[1])"
    done = subprocess.run(
        [sys.executable, "-c", script, str(root)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    return root, report


pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork: Linux only")


def test_parallel_run_writes_the_files_of_one_process(runs: tuple[Path, dict[str, Any]]) -> None:
    root, report = runs
    assert report["parallel"]["could_fork"]  # so it did run in workers
    parallel = sorted((root / "parallel").iterdir())
    serial = sorted((root / "serial").iterdir())
    assert [p.name for p in parallel] == [p.name for p in serial]  # no temporary file left
    assert len(parallel) == 2 * (len(report["stems"]) - 1)  # Markdown and PDF, but BROKEN
    for mine, theirs in zip(parallel, serial, strict=True):
        assert mine.read_bytes() == theirs.read_bytes(), mine.name


def test_parallel_result_is_in_job_order(runs: tuple[Path, dict[str, Any]]) -> None:
    _, report = runs
    parallel, serial = report["parallel"], report["serial"]
    assert parallel["written"] == serial["written"]
    assert parallel["warnings"] == serial["warnings"] == []
    stems = [stem for stem, _ in parallel["written"]]
    assert sorted(set(stems), key=stems.index) == [s for s in report["stems"] if s != BROKEN]
    assert parallel["advanced"] == serial["advanced"] == sorted(report["stems"])


def test_failing_job_in_a_worker_is_reported_as_in_one_process(
    runs: tuple[Path, dict[str, Any]],
) -> None:
    _, report = runs
    failed = report["parallel"]["failed"]
    assert failed == report["serial"]["failed"]
    assert len(failed) == 1 and failed[0][0] == BROKEN
    assert failed[0][1].startswith("modèle de document : ")


def test_unexpected_error_in_a_worker_is_raised_as_in_one_process(
    runs: tuple[Path, dict[str, Any]],
) -> None:
    _, report = runs
    assert report["unexpected"] == {
        "parallel": "UnsafeOutputName('../dehors.md')",
        "serial": "UnsafeOutputName('../dehors.md')",
    }


def test_process_running_threads_renders_alone(runs: tuple[Path, dict[str, Any]]) -> None:
    root, report = runs
    after = report["after_typst"]
    assert not after["could_fork"]
    assert len(after["written"]) == 6 and after["failed"] == []
    for path in (root / "after").iterdir():
        assert path.read_bytes() == (root / "serial" / path.name).read_bytes()
