"""The strict YAML loader: typing rules, positions and located rejections."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from mpdm_cli.pipeline.loading import load_bytes, load_file, load_text
from mpdm_cli.pipeline.packing import Packer


def codes(text: str) -> list[tuple[str, int, int]]:
    loaded = load_text(text, "f.yaml")
    return [(d.code, d.location.line, d.location.column) for d in loaded.diagnostics]


def test_yaml_11_surprises_stay_strings() -> None:
    loaded = load_text("a: no\nb: yes\nc: on\nd: off\ne: y\nf: n\ng: 010\nh: 1:30\ni: 1e3\n", "f")
    assert loaded.data == {
        "a": "no", "b": "yes", "c": "on", "d": "off", "e": "y", "f": "n",
        "g": "010", "h": "1:30", "i": "1e3",
    }  # fmt: skip
    assert loaded.diagnostics == []


def test_numbers_dates_booleans_and_null() -> None:
    loaded = load_text("a: 12\nb: 12.50\nc: 2023-12-21\nd: true\ne:\nf: -3\n", "f")
    assert loaded.data == {
        "a": 12, "b": Decimal("12.50"), "c": dt.date(2023, 12, 21), "d": True, "e": None, "f": -3,
    }  # fmt: skip
    assert isinstance(loaded.data["b"], Decimal)


def test_decimal_keeps_source_precision_without_float() -> None:
    loaded = load_text("montant: 0.10\n", "f")
    assert str(loaded.data["montant"]) == "0.10"


def test_positions_of_keys_and_values() -> None:
    loaded = load_text("a:\n  b:\n    - x\n    - c: 1\n", "f")
    assert loaded.positions.of(("a", "b", 1, "c")) == (4, 10)
    assert loaded.positions.of(("a", "b", 1, "c"), key=True) == (4, 7)
    assert loaded.positions.of(("a", "b", 0)) == (3, 7)
    # An unknown path points at its nearest known ancestor.
    assert loaded.positions.of(("a", "b", 1, "zzz")) == (4, 7)


@pytest.mark.parametrize(
    "text",
    [
        "a:\n  b:\n    - x\n    - c: 1\n",
        # An escaped control character is replaced, and the positions follow the new key.
        'a:\n  "k\\e": 1\n  z: [1, {y: 2}]\n',
    ],
)
def test_file_without_data_finds_the_same_positions(text: str) -> None:
    loaded = load_text(text, "f")
    values, keys = dict(loaded.positions.values), dict(loaded.positions.keys)
    loaded.forget_data()
    assert loaded.data is None
    assert loaded.kept_positions is None
    assert (loaded.positions.values, loaded.positions.keys) == (values, keys)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb:\n  c: 1\n  c: 2\n", [("Y002", 4, 3)]),
        ("a: 1\na: 2\n", [("Y002", 2, 1)]),
        ("- a: 1\n  a: 2\n", [("Y002", 2, 3), ("Y005", 1, 1)]),
        ("a: !!python/object:os.system x\n", [("Y003", 1, 4)]),
        ("a: !custom x\n", [("Y003", 1, 4)]),
        ("a: 1\n---\nb: 2\n", [("Y004", 3, 1)]),
        ("- 1\n- 2\n", [("Y005", 1, 1)]),
        ("juste un texte\n", [("Y005", 1, 1)]),
        ("", [("Y005", 1, 1)]),
        ("# rien\n", [("Y005", 1, 1)]),
        ("a: &x [1]\nb: *x\n", [("Y006", 2, 4)]),  # at the alias itself
        ("&k a: 1\n*k : 2\n", [("Y006", 2, 1)]),  # an alias as a key
        ("a: [&x 1, *x, [*x]]\n", [("Y006", 1, 11), ("Y006", 1, 16)]),
        # The anchor is in the value lost to a duplicate key: the alias is refused all the same.
        ("a: 1\na: &x 2\nb: *x\n", [("Y002", 2, 1), ("Y006", 3, 4)]),
        ("a: &x 1\nb: &x 2\n", [("Y001", 2, 4)]),
        ("a: 2023-02-30\n", [("Y011", 1, 4)]),
        ("1: x\n", [("Y012", 1, 1)]),
        ("a: [1\n", [("Y001", 2, 1)]),
        ("a:\n\tb: 1\n", [("Y001", 2, 1)]),
        ("a: b: c\n", [("Y001", 1, 5)]),
    ],
)
def test_rejections_are_located(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert codes(text) == expected


def test_syntax_errors_of_the_composer_are_in_french() -> None:
    (diagnostic,) = load_text("a: &x 1\nb: &x 2\n", "f").diagnostics
    assert diagnostic.message == "syntaxe YAML : ancre YAML en double (voir ligne 1)"


def test_deep_nesting_in_a_text_with_an_anchor_is_located() -> None:
    """PyYAML's composer, which keeps aliases, recurses in Python: a text with an anchor and
    250 nesting indicators or more is measured first (Y007 at the 51st level, the root
    included), well below the 2 000 that libyaml's composer is trusted with."""
    text = "a: &x 1\nb: " + "[" * 600 + "]" * 600 + "\n"
    assert codes(text) == [("Y007", 2, 53)]


def test_duplicate_key_names_first_line() -> None:
    (diagnostic,) = load_text("a: 1\nb: 2\na: 3\n", "f").diagnostics
    assert "déjà définie ligne 1" in diagnostic.message
    assert diagnostic.related[0].location.line == 1


def test_deep_nesting_is_refused_without_crashing() -> None:
    depth = 100_000
    assert codes("a: " + "[" * depth + "]" * depth + "\n")[0][0] == "Y007"


def test_encodings() -> None:
    assert load_bytes("a: é\n".encode(), "f").data == {"a": "é"}
    assert load_bytes(b"\xef\xbb\xbfa: 1\n", "f").data == {"a": 1}
    utf16 = load_bytes("a: 1\n".encode("utf-16"), "f")
    assert [d.code for d in utf16.diagnostics] == ["Y008"]
    bad = load_bytes(b"a: 1\nb: \xff\n", "f")
    assert [(d.code, d.location.line, d.location.column) for d in bad.diagnostics] == [
        ("Y008", 2, 4)
    ]


def test_controls_written_as_escapes_are_refused_where_written() -> None:
    text = 'a: 1\nb:\n  - ok\n  - "rouge \\e[31m"\nc: "\\u202e000 021"\n'
    loaded = load_text(text, "f")
    found = [(d.code, d.location.line, d.location.column) for d in loaded.diagnostics]
    assert found == [("Y008", 4, 5)]
    assert "U+001B" in loaded.diagnostics[0].message
    assert "séquence d'échappement" in loaded.diagnostics[0].message
    # Reported, and never passed on to what prints the document.
    assert loaded.data["b"][1] == "rouge \ufffd[31m"
    assert loaded.data["c"] == "\ufffd000 021"
    bidi = load_text('c: "\\u202e000 021"\n', "f").diagnostics
    assert [(d.code, d.location.line) for d in bidi] == [("Y008", 1)]
    assert "bidirectionnel" in bidi[0].message and "montant" in bidi[0].message


def test_a_key_written_with_an_escaped_control_is_located() -> None:
    loaded = load_text('a: 1\nb:\n  "c\\ed": 2\n', "f")
    found = [(d.code, d.location.line, d.location.column) for d in loaded.diagnostics]
    assert found == [("Y008", 3, 3)]
    assert loaded.data == {"a": 1, "b": {"c\ufffdd": 2}}


def test_french_typography_and_escaped_whitespace_are_accepted() -> None:
    text = 'a: "l’été\\u00a0: «\\u202fx\\u202f» \\t \\r \\_ \\L"\nb: Fin\u00a0!\n'
    loaded = load_text(text, "f")
    assert loaded.diagnostics == []
    assert loaded.data["a"].startswith("l’été\u00a0: «")


def test_kept_source_gives_back_the_text_and_its_positions(tmp_path: Path) -> None:
    """Sources are kept compressed, the first file of a folder serving as the dictionary of
    the others: each gives back its own text (byte order mark dropped) and positions."""
    first = "id: premier\ntitre: Convention d’objectifs\n"
    second = "\ufeffid: second\r\ntitre: « Avenant n° 1 »\r\nmontant: 12\r\n"
    (tmp_path / "a.yaml").write_text(first, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(second, encoding="utf-8")
    packer = Packer()
    loaded = [load_file(tmp_path / name, packer=packer) for name in ("a.yaml", "b.yaml")]
    assert [item.text for item in loaded] == [first, second.removeprefix("\ufeff")]
    assert loaded[1].dictionary == first.encode("utf-8")
    assert loaded[1].locate(("montant",)).line == 3
    assert load_file(tmp_path / "b.yaml").text == loaded[1].text  # without a dictionary
    assert load_text("", "vide.yaml").text == ""
