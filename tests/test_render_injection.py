"""Hostile text in any field comes out literally, in Markdown and in PDF, and runs nothing."""

from __future__ import annotations

import datetime as dt
import shutil
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mpdm_cli.render.typst import PdfCompiler, escape_typst
from tests.render_support import FIXTURES, jobs_of, markdown, markdown_text, pdf, pdf_text

HOSTILE = [
    '#read("/etc/passwd")',
    '#import "@preview/x:0.1.0"',
    "$x$",
    "*",
    "]",
    "{{ 7*7 }}",
    "<script>",
    "\\",
    "# T",
    "1. x",
    "= T",
    "@ref <lab>",
    "**",
    "_x_",
    "[lien](http://x)",
]


def _quote(text: str) -> str:
    """A YAML double-quoted scalar for ``text``."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture(scope="module")
def hostile_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(FIXTURES, root, dirs_exist_ok=True)
    convention = (root / "convention.yaml").read_text(encoding="utf-8")
    prose = "\n\n".join(HOSTILE) + "\n\n" + "\n".join(f"- {h}" for h in HOSTILE)
    extra_articles = "".join(
        f'  - numero: "{index + 10}"\n    titre: {_quote(text)}\n    texte: {_quote(text)}\n'
        for index, text in enumerate(HOSTILE)
    )
    convention = convention.replace(
        "articles:\n",
        "articles:\n"
        f'  - numero: "9"\n    titre: Hostile\n    texte: {_quote(prose)}\n' + extra_articles,
        1,
    )
    convention = convention.replace(
        "visas:\n", "visas:\n" + "".join(f"  - {_quote(h)}\n" for h in HOSTILE), 1
    )
    (root / "convention.yaml").write_text(convention, encoding="utf-8")
    people = (root / "personnes.yaml").read_text(encoding="utf-8")
    people = people.replace("prenom: Paul", 'prenom: "#read(\\"/etc/passwd\\") {{ 7*7 }}"')
    (root / "personnes.yaml").write_text(people, encoding="utf-8")
    yaml.safe_load(convention)  # the fixture itself is valid YAML
    return root


def test_markdown_shows_hostile_text_literally(hostile_repo: Path) -> None:
    job = jobs_of(hostile_repo)["conv-test-2024"]
    source = markdown(job)
    seen = markdown_text(source)
    for text in HOSTILE:
        assert f"VU {text}" in seen, text
        assert f"Article {HOSTILE.index(text) + 10} : {text}" in seen, text
    assert "49" not in seen
    assert "<script>" not in source and "<h1>" not in seen
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(source)
    assert "<h1>" not in html.replace("<h1>Convention", "")
    assert "<ol" not in html and "<script" not in html and "<a " not in html
    assert '#read("/etc/passwd") {{ 7*7 }} DURAND' in seen


def test_pdf_shows_hostile_text_literally(hostile_repo: Path) -> None:
    job = jobs_of(hostile_repo)["conv-test-2024"]
    with PdfCompiler() as compiler:
        data = pdf(job, compiler)
        assert compiler.warnings == []
    seen = pdf_text(data)
    for text in HOSTILE:
        assert f"VU {text}" in seen, text
        assert f"Article {HOSTILE.index(text) + 10} : {text}" in seen, text
    prose = seen[seen.index("Article 9 : Hostile") : seen.index("Article 10 :")]
    assert prose.count('#import "@preview/x:0.1.0"') == 2
    assert "1. x" in prose and "$x$" in prose and "<script>" in prose
    assert "root:" not in seen and "49" not in seen
    assert '#read("/etc/passwd") {{ 7*7 }} DURAND' in seen


@pytest.fixture(scope="module")
def compiler() -> Iterator[PdfCompiler]:
    with PdfCompiler() as shared:
        yield shared


def test_compile_root_is_an_empty_jail(compiler: PdfCompiler) -> None:
    """Even markup written on purpose (a user template) cannot read the machine's files."""
    import typst

    with pytest.raises(typst.TypstError):
        compiler.compile('#read("/etc/passwd")', dt.date(2024, 1, 1))
    with pytest.raises(typst.TypstError):
        compiler.compile('#read("../../../../../../etc/passwd")', dt.date(2024, 1, 1))


_PRINTABLE = st.text(
    alphabet=st.sampled_from(list(string.ascii_letters + string.digits + string.punctuation + " ")),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_PRINTABLE)
def test_any_ascii_text_prints_literally(compiler: PdfCompiler, text: str) -> None:
    source = f"#set page(width: 40cm)\n{escape_typst(text)}\n\nx {escape_typst(text)}"
    data = compiler.compile(source, dt.date(2024, 1, 1))
    assert compiler.warnings == []
    folded = " ".join(text.split())
    assert pdf_text(data).strip() == f"{folded} x {folded}"
