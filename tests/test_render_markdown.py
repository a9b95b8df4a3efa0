"""The prose converter: the supported Markdown subset, everything else literal."""

from __future__ import annotations

import pytest

from mpdm_cli.render.markdown import escape_markdown, to_markdown, to_typst
from mpdm_cli.render.typst import escape_typst
from tests.render_support import markdown_text


def test_paragraphs_lists_and_emphasis_to_typst() -> None:
    source = "Un **gras** et *italique*.\nSuite.\n\n- un\n- deux\n\nFin"
    expected = "Un #strong[gras] et #emph[italique]\\. Suite\\.\n\n- un\n- deux\n\nFin"
    assert to_typst(source) == expected


def test_nested_emphasis_and_escapes() -> None:
    assert to_typst("**a *b* c**") == "#strong[a #emph[b] c]"
    assert to_typst(r"\*pas italique\*") == r"\*pas italique\*"
    assert to_markdown(r"\*pas italique\*") == r"\*pas italique\*"


def test_unmatched_star_is_text() -> None:
    assert to_typst("5 * 3") == r"5 \* 3"
    assert markdown_text(to_markdown("5 * 3 et *")).strip() == "5 * 3 et *"


def test_typographic_apostrophe_in_print_only() -> None:
    assert to_typst("l'association") == "l’association"
    assert to_markdown("l'association") == "l'association"


@pytest.mark.parametrize(
    "text",
    ["# T", "1. x", "+ x", "> x", "= T", "---", "<b>x</b>", "[a](b)", "`c`", "a | b"],
)
def test_markdown_constructs_stay_literal(text: str) -> None:
    assert markdown_text(to_markdown(text)).strip() == text
    assert markdown_text(escape_markdown(text)).strip() == text


def test_dash_is_a_list_in_prose_but_literal_in_plain_values() -> None:
    assert to_markdown("- x") == "- x"
    assert markdown_text(escape_markdown("- x")).strip() == "- x"


def test_list_item_with_hostile_content() -> None:
    assert markdown_text(to_markdown("- # T\n- 1. x")).split() == ["#", "T", "1.", "x"]


def test_typst_escape_covers_markup_characters() -> None:
    assert escape_typst('#read("/etc/passwd")') == r"\#read(\"\/etc\/passwd\")"
    assert escape_typst("a\nb") == "a b"
    assert escape_typst("$x$ <l> @r") == r"\$x\$ \<l> \@r"
