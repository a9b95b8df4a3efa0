"""The prose converter: the supported Markdown subset, everything else literal."""

from __future__ import annotations

import pytest

from mpdm_cli.render.prose import escape_markdown, to_markdown, to_typst
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


def _blocks(source: str) -> list[str]:
    """The block token types a CommonMark reader (with tables) makes of ``source``."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    return [t.type for t in tokens if t.type.endswith("_open") and t.level == 0]


@pytest.mark.parametrize("brk", ["\r", "\r\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"])
def test_every_line_break_is_one_for_the_prose_and_none_in_a_value(brk: str) -> None:
    prose = f"VU la loi ;{brk}# Faux titre{brk}1. fausse liste"
    assert _blocks(to_markdown(prose)) == ["paragraph_open"]
    assert markdown_text(to_markdown(prose)).strip() == "VU la loi ; # Faux titre 1. fausse liste"
    value = escape_markdown(f"médiateur{brk}# titre | colonne")
    assert brk not in value
    table = f"| Rôle | Effectif |\n|---|---:|\n| {value} | 6 |\n"
    assert _blocks(table) == ["table_open"]
    cells = ["Rôle", "Effectif", "médiateur", "#", "titre", "|", "colonne", "6"]
    assert markdown_text(table).split() == cells


def test_controls_and_bidi_overrides_are_shown_not_obeyed() -> None:
    for text in ("montant\x1b[31m 120 000", "\u202e000 021", "a\x00b", "x\u2066y\u2069"):
        for converted in (escape_markdown(text), to_markdown(text)):
            assert not set(converted) & {"\x1b", "\x00", "\u202e", "\u2066", "\u2069"}
            assert "\ufffd" in converted


def test_bare_links_are_broken_for_autolinking_readers() -> None:
    """GitHub links bare addresses; an escaped ``:``, ``.`` or ``@`` breaks the pattern."""
    source = escape_markdown("voir https://exemple.fr, www.exemple.fr et a@b.fr")
    assert "https\\://" in source and "www\\." in source and "a\\@b" in source
    assert markdown_text(source).strip() == "voir https://exemple.fr, www.exemple.fr et a@b.fr"


@pytest.mark.parametrize("brk", ["\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"])
def test_typst_text_is_on_one_line_whatever_the_line_break(brk: str) -> None:
    escaped = escape_typst(f"a {brk} = Titre{brk}- x")
    assert escaped == r"a \= Titre \- x"
