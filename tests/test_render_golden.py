"""Golden Markdown: every rendered act compared exactly with its file in tests/golden/.

Regenerate after an intended change with ``MPDM_UPDATE_GOLDEN=1 pytest`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.render_support import FIXTURES, GOLDEN, SHIPPED, jobs_of, markdown

UPDATE = os.environ.get("MPDM_UPDATE_GOLDEN") == "1"
SHIPPED_JOBS = jobs_of(SHIPPED)
FIXTURE_JOBS = jobs_of(FIXTURES)
CASES = [(GOLDEN / f"{stem}.md", job) for stem, job in SHIPPED_JOBS.items()] + [
    (GOLDEN / "fixtures" / f"{stem}.md", job) for stem, job in FIXTURE_JOBS.items()
]


def test_every_shipped_act_is_rendered() -> None:
    assert set(SHIPPED_JOBS) == {
        "bataillon-prevention-avenant-1-2023",
        "dm-2023-12-21-mpdm-convention-2024-2026",
    }
    assert set(FIXTURE_JOBS) == {
        "conv-test-2024",
        "conv-test-2024-consolidee",
        "conv-test-2024-avenant-1",
        "delib-test-2023",
    }


@pytest.mark.parametrize(("golden", "job"), CASES, ids=[c[0].stem for c in CASES])
def test_golden_markdown(golden: Path, job: object) -> None:
    from mpdm_cli.render.documents import Job

    assert isinstance(job, Job)
    text = markdown(job)
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.read_text(encoding="utf-8") == text


def test_no_stale_golden_files() -> None:
    expected = {path for path, _ in CASES}
    assert set(GOLDEN.rglob("*.md")) <= expected
