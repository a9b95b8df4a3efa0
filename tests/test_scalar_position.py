"""Where a character of a scalar is written: found along the source, whatever the style."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mpdm_cli.pipeline.loading import load_text
from mpdm_cli.pipeline.scalar_position import position_in_scalar

TEXT = st.text(alphabet=st.sampled_from("ab é'\"#:-\n"), min_size=1, max_size=80)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.sampled_from(["|", ">", "'", '"', None]), st.integers(8, 40))
def test_every_non_blank_character_is_found_where_written(
    text: str, style: str | None, width: int
) -> None:
    source = yaml.dump(
        {"cle": {"texte": text}}, default_style=style, width=width, allow_unicode=True
    )
    loaded = load_text(source, "f")
    value = loaded.data["cle"]["texte"] if isinstance(loaded.data, dict) else None
    if not isinstance(value, str):
        return  # a style this text cannot take (the dump is then another scalar)
    start = loaded.positions.of(("cle", "texte"))
    lines = source.splitlines()
    for offset, char in enumerate(value):
        if char in " \n":
            continue
        found = position_in_scalar(lines, start, value, offset)
        if found is None:
            # Only an escape sequence of a double-quoted scalar hides where a character is.
            assert '"' in style_of(lines, start) and "\\" in source
            continue
        line, column = found
        assert lines[line - 1][column - 1] == char, (source, offset)


def style_of(lines: list[str], start: tuple[int, int]) -> str:
    return lines[start[0] - 1][start[1] - 1 :][:1]


def test_a_citation_in_a_folded_block() -> None:
    source = "texte: >\n  Premier alinéa,\n  suite.\n\n  Selon l'article 6,\n  fin.\n"
    loaded = load_text(source, "f")
    value = loaded.data["texte"]
    offset = value.index("l'article 6")
    assert position_in_scalar(source.splitlines(), (1, 8), value, offset) == (5, 9)


def test_a_value_that_is_not_the_one_written_there_gives_none() -> None:
    assert position_in_scalar(["texte: abc"], (1, 8), "xyz", 1) is None
    assert position_in_scalar(["texte: abc"], (9, 8), "abc", 1) is None
