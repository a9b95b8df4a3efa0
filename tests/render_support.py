"""Helpers for the rendering tests: plan, render and read back documents."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from mpdm_cli.pipeline.validation import validate
from mpdm_cli.render.documents import Job, plan
from mpdm_cli.render.formats import FORMATS
from mpdm_cli.render.pipeline import template_text
from mpdm_cli.render.typst import PdfCompiler

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "conventions"
FIXTURES = ROOT / "tests" / "fixtures" / "render"
GOLDEN = ROOT / "tests" / "golden"


def jobs_of(path: Path) -> dict[str, Job]:
    outcome = validate([path])
    jobs, _ = plan(outcome.repository)
    return {job.stem: job for job in jobs}


def markdown(job: Job, draft: bool = False) -> str:
    return template_text(FORMATS["md"], job, draft=draft)


def pdf(job: Job, compiler: PdfCompiler, draft: bool = False) -> bytes:
    return compiler.compile(template_text(FORMATS["pdf"], job, draft=draft), job.date)


def pdf_text(data: bytes) -> str:
    """The PDF's text with every kind of space folded to one ASCII space."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    text = "".join(" " if unicodedata.category(c) == "Zs" else c for c in text)
    return re.sub(r"\s+", " ", text)


def markdown_text(source: str) -> str:
    """What a reader sees of a Markdown document (CommonMark + tables), spaces folded."""
    import html

    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable("table").render(source)
    text = html.unescape(re.sub(r"<[^>]+>", " ", rendered))
    return re.sub(r"\s+", " ", text)


def words_in_order(seed: str, text: str) -> float:
    """The share of the seed's words that ``text`` holds in the same order (case, accents of
    apostrophes and spacing aside): the longest common subsequence of the two word lists."""
    from difflib import SequenceMatcher

    def words(value: str) -> list[str]:
        value = unicodedata.normalize("NFKC", value).replace("’", "'").lower()
        return re.findall(r"\w+", value)

    expected, found = words(seed), words(text)
    matcher = SequenceMatcher(None, expected, found, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(expected)
