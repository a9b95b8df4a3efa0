"""Strict YAML loading: plain data, plus a map from key path to source position.

PyYAML's stock loaders silently keep the last of duplicate keys, read ``no`` as False,
``010`` as 8 and ``1:30`` as 90, and build floats. Here the node tree is composed with
a resolver that only knows true/false, null, base-10 integers, decimals (as ``Decimal``,
from the source text) and ``YYYY-MM-DD`` dates, and is then turned into data by a walk
that rejects what would lose or invent information.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from mpdm_cli.pipeline.diagnostics import (
    MAX_DIAGNOSTICS,
    Diagnostic,
    Location,
    Related,
    make,
    untold_message,
)
from mpdm_cli.pipeline.oserrors import os_reason
from mpdm_cli.pipeline.packing import Packer, packed, unpacked

KeyPath = tuple[str | int, ...]

# An act is tens of kilobytes. Loading costs about 5 s and 100 MB per megabyte of tiny
# keys (measured: 10 MB took 56 s and 970 MB), so the limit stays well above any act and
# well below what would exhaust a small machine.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 50
# No amount or count has this many digits; Python refuses int() past 4 300 and Decimal
# arithmetic rounds past 28, so longer numbers are reported instead of converted.
MAX_NUMBER_DIGITS = 20
# An alias bomb can hold millions of aliases: report the first ones, then a count.
MAX_ALIAS_REPORTS = 10


class StrictLoader(yaml.CBaseLoader):
    """Composes nodes with YAML-1.2-like implicit typing and nothing else.

    libyaml (in PyYAML's wheels) parses and composes; BaseLoader's resolver knows no
    implicit type, so this one has only the five added below.
    """


_IMPLICIT = (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:0|[1-9][0-9]*)\.[0-9]+$", "-+0123456789"),
    ("tag:yaml.org,2002:timestamp", r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "0123456789"),
)
for _tag, _pattern, _first in _IMPLICIT:
    StrictLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


class _AliasNode(yaml.Node):
    """An alias where it is written: aliases are refused, and reported there."""

    id, tag, value = "alias", "", None

    def __init__(self, mark: Any) -> None:  # one per alias, and bombs hold millions
        self.start_mark = self.end_mark = mark


class _AliasKeepingLoader(yaml.composer.Composer, StrictLoader):
    """StrictLoader with PyYAML's own composer, which can hand each alias back as its own node.

    libyaml's composer returns the anchored node itself for an alias, so the tree would no
    longer tell where the alias is written. Used only for texts that hold an anchor (``&``).
    """

    def __init__(self, stream: str) -> None:
        StrictLoader.__init__(self, stream)
        yaml.composer.Composer.__init__(self)

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event: Any = self.get_event()
            if event.anchor not in self.anchors:
                raise yaml.composer.ComposerError(
                    None, None, "found undefined alias", event.start_mark
                )
            return _AliasNode(event.start_mark)
        return super().compose_node(parent, index)


_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_BOOLS = {"true": True, "false": False}
_INTERN_MAX = 80
# Also for explicit ``!!int``/``!!float`` tags: no octal ``010``, no ``1_000``, no ``0x1F``.
_INT_TEXT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_DECIMAL_TEXT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_DATE_TEXT = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


@dataclass
class Positions:
    """Where each key and each value of a document starts (1-based line and column)."""

    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def of(self, path: KeyPath, *, key: bool = False) -> tuple[int, int]:
        """Position of ``path``'s value (or key), else of its nearest known ancestor."""
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in table:
                return table[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return (1, 1)


@dataclass(slots=True)
class LoadedFile:
    """One YAML file: its source (for display), its data and positions, and load problems.

    The source is kept as the UTF-8 bytes it was read as, compressed (see ``packing``), not
    as a str: every file stays alive to the end of a run, the acts' typographic apostrophes
    make a str two bytes a character, and only the few files a diagnostic points into are
    ever shown.
    """

    path: str
    compressed: bytes  # ``packed`` UTF-8
    data: Any = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # None until asked for: most files are never located (see ``positions``).
    kept_positions: Positions | None = field(default_factory=Positions, repr=False)
    # The preset dictionary ``compressed`` was made with (shared, see ``Packer``).
    dictionary: bytes = field(default=b"", repr=False)

    @property
    def positions(self) -> Positions:
        """Where each key and value starts, found by parsing ``text`` again when first asked.

        A table of positions holds two tuples per node: building it for every file cost
        loading time (1.45 s -> 1.26 s on 1 000 acts without it) and memory, while only
        the few files a diagnostic points into are ever located. The same text gives the
        same positions.
        """
        if self.kept_positions is None:
            reparsed = _load_text(self.text, self.path, True, self.compressed)
            self.kept_positions = reparsed.kept_positions
        return self.kept_positions or Positions()

    def forget_data(self) -> None:
        """Drop the data and positions, once the document is built from them: the
        cross-document stage keeps every document alive to the end, and needs neither.
        The source stays (one compressed bytes object, cheap for the garbage collector)."""
        self.data = None
        self.kept_positions = None

    def locate(self, path: KeyPath, *, key: bool = False) -> Location:
        line, column = self.positions.of(path, key=key)
        return Location(self.path, line, column)

    @property
    def text(self) -> str:
        """The source as text (decoded anew at each call: keep it while it is needed)."""
        return unpacked(self.compressed, self.dictionary).decode("utf-8")

    @property
    def empty(self) -> bool:
        """Whether no text is kept: the file could not be read or decoded, or has none."""
        return not self.compressed

    def lines(self) -> list[str]:
        """The source lines, for showing the line of a diagnostic."""
        return self.text.splitlines()


def load_file(path: Path, display: str | None = None, packer: Packer | None = None) -> LoadedFile:
    """Read and parse one file. Never raises for bad content: problems become diagnostics."""
    name = display or str(path)
    try:
        if _escapes_its_folder(path):
            return _failed(
                name,
                "Y009",
                "lien symbolique vers un fichier hors de son dossier : non suivi"
                " (un acte ne renvoie pas ailleurs ; recopiez le fichier)",
            )
        raw = _read_regular_file(path)
    except _NotRegular as error:
        return _failed(name, "Y009", f"fichier illisible : {error.args[0]}")
    except _TooBig as error:
        return too_big(name, error.args[0])
    except OSError as error:
        return _failed(name, "Y009", f"fichier illisible : {_os_reason(error, path)}")
    dictionary = packer.dictionary(path.parent, raw) if packer is not None else b""
    return load_bytes(raw, name, dictionary)


class _NotRegular(Exception):
    pass


class _TooBig(Exception):
    pass


def _escapes_its_folder(path: Path) -> bool:
    """Whether ``path`` is a link to a file outside the folder holding it.

    Such a link in a repository of acts could make a CI run read, and print in its report,
    a secret such as ``~/.ssh/id_rsa`` or ``.env``. ``realpath`` rather than ``resolve``:
    a link loop must reach ``open`` and be reported as such.
    """
    if not path.is_symlink():
        return False
    target = Path(os.path.realpath(path))
    return not target.is_relative_to(os.path.realpath(path.parent))


def _read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file, read at most MAX_FILE_BYTES + 1 of them.

    Opened non-blocking so a FIFO cannot hang the run, then checked with ``fstat``: a
    device such as ``/dev/zero`` never ends and ``/proc`` files lie about their size.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(stream.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise _NotRegular("c'est un dossier")
        if not stat.S_ISREG(info.st_mode):
            raise _NotRegular("fichier spécial (tube, périphérique, socket), pas un fichier texte")
        if info.st_size > MAX_FILE_BYTES:
            raise _TooBig(info.st_size)
        # Read as sized, not into a 2 MB buffer shrunk afterwards (the C library maps such
        # a buffer apart, a cost for each small file). A file longer than it says (it grew,
        # or ``/proc``) is read on, up to the limit.
        raw = stream.read(info.st_size + 1)
        if len(raw) > info.st_size:
            raw += stream.read(MAX_FILE_BYTES + 1 - len(raw))
        if len(raw) > MAX_FILE_BYTES:
            raise _TooBig(len(raw))
        return raw


def _os_reason(error: OSError, path: Path) -> str:
    if error.errno == errno.ENOENT and path.is_symlink():
        return "lien symbolique vers un fichier absent"
    return os_reason(error)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} Mo".replace(".", ",")


def load_bytes(raw: bytes, name: str, dictionary: bytes = b"") -> LoadedFile:
    text, problem = _decode(raw, name)
    if problem is not None:
        return LoadedFile(name, b"", diagnostics=[problem])
    # Without its byte order mark, the source is the UTF-8 of the text: kept as it was read.
    source = raw[len(_UTF8_BOM) :] if raw.startswith(_UTF8_BOM) else raw
    loaded = _load_text(text, name, False, packed(source, dictionary))
    loaded.dictionary = dictionary
    return loaded


def load_text(text: str, name: str) -> LoadedFile:
    """Parse ``text``; its positions are found later, if ever asked for."""
    return _load_text(text, name, False)


def _load_text(
    text: str, name: str, with_positions: bool, compressed: bytes | None = None
) -> LoadedFile:
    """Parse ``text``; ``compressed`` is its ``packed`` UTF-8 when the caller has it."""
    forbidden = _forbidden_character(text, name)
    if forbidden is not None:
        return LoadedFile(name, b"", diagnostics=[forbidden])
    # Refusing an escaped control character locates it by the path of its text.
    positions = Positions() if with_positions or "\\" in text else None
    # Encoded after the check above: a lone surrogate has no UTF-8 and is refused there.
    if compressed is None:
        compressed = packed(text.encode("utf-8"))
    loaded = LoadedFile(name, compressed, kept_positions=positions)
    walker = _Walker(loaded, positions)
    # An alias needs an anchor, so a text without « & » has none: libyaml composes it alone.
    anchored = "&" in text
    too_deep = _too_deep(text, 250 if anchored else 2000)
    if too_deep is not None:
        walker.report("Y007", f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)", too_deep)
        return loaded
    try:
        loader = _AliasKeepingLoader if anchored else StrictLoader
        documents = yaml.compose_all(text, Loader=loader)
        first = next(documents, None)
        if first is not None:
            loaded.data = walker.build(first, (), 0)
        extra = next(documents, None)
        if extra is not None:
            walker.report(
                "Y004",
                "plusieurs documents YAML dans un même fichier ; un fichier décrit un seul acte",
                extra.start_mark,
            )
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        loaded.diagnostics.append(make("Y001", _syntax_message(error, text), _location(name, mark)))
        walker.tell_untold()
        return loaded
    except yaml.YAMLError:  # a reader error without a mark
        loaded.diagnostics.append(
            make("Y001", "YAML illisible (erreur du lecteur YAML)", Location(name, 1, 1))
        )
        walker.tell_untold()
        return loaded
    except RecursionError:
        loaded.diagnostics.append(make("Y007", "imbrication trop profonde", Location(name, 1, 1)))
        walker.tell_untold()
        return loaded
    if first is None:
        loaded.diagnostics.append(
            make("Y005", "fichier vide : aucun document", Location(name, 1, 1))
        )
    elif not isinstance(loaded.data, dict):
        walker.report(
            "Y005",
            "le document doit être une table de clés (« cle: valeur »), pas " + _kind(first),
            first.start_mark,
        )
    if "\\" in text:  # only an escape sequence can put a control character in a value
        _refuse_escaped_control(loaded)
    walker.tell_untold()
    return loaded


def _too_deep(text: str, safe: int) -> Any:
    """The mark where nesting passes MAX_DEPTH, found without recursion.

    Composers recurse, libyaml's in C (it crashes the process on very deep nesting), PyYAML's
    in Python (three frames a level), so suspicious texts are first measured with the
    (iterative) event parser. Every level needs one of ``[{-:?``: a text with fewer than
    ``safe`` of them cannot be deep enough to harm the composer and is not scanned.
    """
    if sum(text.count(c) for c in "[{-:?") < safe:
        return None
    try:
        return _first_too_deep(yaml.parse(text, Loader=StrictLoader))
    except yaml.YAMLError:
        pass
    # libyaml 0.2.6 and later stop by themselves at 1 000 levels, with an English message
    # and before any event reaches us: measure again with PyYAML's own parser, which has
    # no such limit, so that Y007 comes out whatever libyaml is installed.
    try:
        return _first_too_deep(yaml.parse(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return None  # composing will report the syntax error with its position


def _first_too_deep(events: Iterator[yaml.Event]) -> Any:
    depth = 0
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


_UTF8_BOM = b"\xef\xbb\xbf"


def _decode(raw: bytes, name: str) -> tuple[str, Diagnostic | None]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "", make(
            "Y008",
            "fichier encodé en UTF-16 : enregistrez-le en UTF-8",
            Location(name, 1, 1),
        )
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        start = error.start
        line_start = raw.rfind(b"\n", 0, start) + 1
        before = raw[line_start:start].decode("utf-8", errors="replace")
        return "", make(
            "Y008",
            f"octet {raw[start]:#04x} invalide en UTF-8 : enregistrez le fichier en UTF-8",
            Location(name, raw.count(b"\n", 0, start) + 1, len(before) + 1),
        )


_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
# Bidirectional embeddings, overrides and isolates: YAML accepts them, but they reorder what
# a reader sees (an amount shown backwards, a line that reads otherwise than it parses).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# What YAML (and libyaml's reader) accepts, less _BIDI: anything else is refused here, with
# its position, rather than by libyaml with an English message and a byte offset.
_SUSPECT = re.compile(
    "[^\t\n\r\x20-\x7e\x85\xa0-\u2029\u202f-\u2065\u206a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
# In a value (written with an escape sequence such as "\e" or "\x1b"): every control but tab,
# line feed and carriage return, DEL, the bidirectional controls, lone UTF-16 halves.
_VALUE_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def _forbidden_character(text: str, name: str) -> Diagnostic | None:
    """A control character YAML forbids, or a bidirectional control, located; libyaml would
    say the first in English, unlocated, and accept the second."""
    found = _SUSPECT.search(text)  # one pass over the text: most have neither
    if found is None:
        return None
    char = found.group()
    if _BIDI.fullmatch(char):
        line, column = _line_column(text, found.start())
        return make("Y008", _bidi_message(char), Location(name, line, column))
    if char == "\0":
        hint = " : fichier binaire, ou texte encodé en UTF-16 sans marque d'ordre ?"
    elif "\ud800" <= char <= "\udfff":
        hint = " (demi-caractère UTF-16 isolé)"
    else:
        hint = " : supprimez-le"
    line, column = _line_column(text, found.start())
    return make(
        "Y008",
        f"caractère de contrôle U+{ord(char):04X} interdit dans un fichier YAML{hint}",
        Location(name, line, column),
    )


def _bidi_message(char: str) -> str:
    return (
        f"caractère de contrôle bidirectionnel U+{ord(char):04X} interdit : invisible, il change"
        " l'ordre dans lequel le texte s'affiche (un montant peut se lire à l'envers) ;"
        " supprimez-le"
    )


def _escaped_control(data: Any, path: KeyPath = ()) -> tuple[KeyPath, bool, str] | None:
    """The first text of ``data`` holding a control character (written by an escape sequence
    of a double-quoted scalar): its path, whether it is a key, the character."""
    if isinstance(data, str):
        found = _VALUE_FORBIDDEN.search(data)
        return (path, False, found.group()) if found else None
    items: list[tuple[str | int, Any]]
    if isinstance(data, dict):
        for key in data:
            found = _VALUE_FORBIDDEN.search(key) if isinstance(key, str) else None
            if found is not None:
                return (*path, key), True, found.group()
        items = list(data.items())
    elif isinstance(data, list):
        items = list(enumerate(data))
    else:
        return None
    for key, value in items:
        inside = _escaped_control(value, (*path, key))
        if inside is not None:
            return inside
    return None


def _refuse_escaped_control(loaded: LoadedFile) -> None:
    """Refuse a control character that an escape sequence put in a value (``"\\e[31m"``)."""
    found = _escaped_control(loaded.data)
    if found is None:
        return
    path, is_key, char = found
    line, column = loaded.positions.of(path, key=is_key)
    if _BIDI.fullmatch(char):
        message = _bidi_message(char)
    else:
        message = (
            f"caractère de contrôle U+{ord(char):04X} interdit dans un texte (écrit par une"
            " séquence d'échappement) : supprimez-le"
        )
    loaded.diagnostics.append(make("Y008", message, Location(loaded.path, line, column)))
    # Reported, and shown as U+FFFD by whatever prints the document (show, budget, render);
    # the positions follow the keys so changed.
    loaded.data = _neutralised(loaded.data)
    for table in (loaded.positions.values, loaded.positions.keys):
        moved = {tuple(_neutralised(list(path))): where for path, where in table.items()}
        table.clear()
        table.update(moved)


def _neutralised(data: Any) -> Any:
    if isinstance(data, str):
        return _VALUE_FORBIDDEN.sub("\ufffd", data)
    if isinstance(data, dict):
        return {_neutralised(key): _neutralised(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_neutralised(item) for item in data]
    return data


def _line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``, counting line breaks as libyaml does."""
    line, start = 1, 0
    for match in _LINE_BREAK.finditer(text, 0, index):
        line, start = line + 1, match.end()
    return line, index - start + 1


class _Walker:
    """Turns a composed node tree into plain data, recording positions and problems."""

    def __init__(self, loaded: LoadedFile, positions: Positions | None) -> None:
        self.loaded = loaded
        self.positions = positions  # None: not recorded, and paths not built
        self.aliases_reported = 0
        self.untold = 0
        self.first_untold: tuple[str, Any] = ("", None)

    def report(self, code: str, message: str, mark: Any, related: tuple[Related, ...] = ()) -> None:
        if len(self.loaded.diagnostics) >= MAX_DIAGNOSTICS:
            if not self.untold:
                self.first_untold = (code, mark)
            self.untold += 1
            return
        self.loaded.diagnostics.append(
            make(code, message, _location(self.loaded.path, mark), related=related)
        )

    def tell_untold(self) -> None:
        """One diagnostic for the problems past MAX_DIAGNOSTICS, at the first of them."""
        if self.untold:
            code, mark = self.first_untold
            self.loaded.diagnostics.append(
                make(code, untold_message(self.untold), _location(self.loaded.path, mark))
            )

    def build(self, node: yaml.Node, path: KeyPath, depth: int) -> Any:
        positions = self.positions
        if positions is not None:
            positions.values[path] = _position(node.start_mark)
        # Most nodes are texts: they skip the tests below (a measured share of loading).
        if type(node) is yaml.ScalarNode and depth <= MAX_DEPTH:
            if node.tag == _STR:
                text = node.value  # ``_shared``, inlined: a call per text is measurable
                return sys.intern(text) if len(text) <= _INTERN_MAX else text
            return self._scalar(node)
        if isinstance(node, _AliasNode):
            self._alias(node)
            return None
        if depth > MAX_DEPTH:
            self.report(
                "Y007", f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)", node.start_mark
            )
            return None
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                return self._bad_tag(node)
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                return self._bad_tag(node)
            if positions is None:
                return [self.build(item, path, depth + 1) for item in node.value]
            return [
                self.build(item, (*path, index), depth + 1) for index, item in enumerate(node.value)
            ]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node)

    def _alias(self, node: _AliasNode) -> None:
        self.aliases_reported += 1
        message = "les ancres et alias YAML (&, *) ne sont pas acceptés : recopiez la valeur"
        if self.aliases_reported <= MAX_ALIAS_REPORTS:
            self.report("Y006", message, node.start_mark)
        elif self.aliases_reported == MAX_ALIAS_REPORTS + 1:
            message += " (d'autres alias suivent, non signalés un à un)"
            self.report("Y006", message, node.start_mark)

    def _mapping(self, node: yaml.MappingNode, path: KeyPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Any] = {}
        positions = self.positions
        for key_node, value_node in node.value:
            if type(key_node) is yaml.ScalarNode and key_node.tag == _STR:
                text: str = key_node.value  # as ``_key`` would, sooner
                key: str | None = sys.intern(text) if len(text) <= _INTERN_MAX else text
            else:
                key = self._key(key_node, path, depth)
            if key is None:
                continue
            first = first_seen.get(key)
            if first is not None:
                self._duplicate(key, key_node, first)
                continue
            first_seen[key] = key_node.start_mark
            if positions is None:
                result[key] = self.build(value_node, path, depth + 1)
            else:
                inner = (*path, key)
                positions.keys[inner] = _position(key_node.start_mark)
                result[key] = self.build(value_node, inner, depth + 1)
        return result

    def _duplicate(self, key: str, node: yaml.Node, first: Any) -> None:
        """Report a key already in its table (``first``: where): its value is lost."""
        self.report(
            "Y002",
            f"clé {quoted(key)} en double (déjà définie ligne {first.line + 1}) ;"
            " la seconde valeur serait perdue",
            node.start_mark,
            (Related(_location(self.loaded.path, first), "première définition"),),
        )

    def _key(self, node: yaml.Node, path: KeyPath, depth: int) -> str | None:
        """The key as text, or None once the problem with it is reported."""
        if isinstance(node, _AliasNode):
            self._alias(node)
            return None
        if isinstance(node, yaml.ScalarNode):
            key = self._scalar(node)
        else:
            key = self.build(node, (*path, "<clé>"), depth + 1)
        if isinstance(key, str):
            return key
        scalar = isinstance(node, yaml.ScalarNode)
        shown = "complexe" if not scalar else quoted(node.value) if node.value else "vide"
        self.report(
            "Y012",
            f"clé {shown} : une clé doit être un mot, pas " + _kind(node),
            node.start_mark,
        )
        return None

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag == _STR:
            return _shared(text)
        if tag not in _SCALAR_TAGS:
            return self._bad_tag(node)
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            value = _BOOLS.get(text.lower())
            if value is None:
                self.report(
                    "Y003",
                    f"{quoted(text)} n'est pas un booléen (true ou false)",
                    node.start_mark,
                )
            return value
        if tag in (_INT, _FLOAT):
            integer = tag == _INT
            if not (_INT_TEXT if integer else _DECIMAL_TEXT).fullmatch(text):
                kind = "entier" if integer else "décimal"
                self.report("Y003", f"{quoted(text)} n'est pas un nombre {kind}", node.start_mark)
                return text
            # Matched above: digits, a sign and a decimal point at most.
            digits = len(text) - (text[0] in "+-") - ("." in text)
            if digits > MAX_NUMBER_DIGITS:
                self.report(
                    "Y003",
                    f"nombre de {digits} chiffres, trop long pour un montant ou un effectif"
                    f" (au plus {MAX_NUMBER_DIGITS}) ; si c'est un identifiant ou une"
                    " référence, mettez-le entre guillemets",
                    node.start_mark,
                )
                return text
            return int(text) if integer else Decimal(text)
        return self._date(node)

    def _date(self, node: yaml.ScalarNode) -> Any:
        match = _DATE_TEXT.fullmatch(node.value)
        if match is None:
            self.report(
                "Y003",
                f"{quoted(node.value)} : une date s'écrit AAAA-MM-JJ, sans heure",
                node.start_mark,
            )
            return node.value
        year, month, day = (int(part) for part in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            self.report("Y011", f"date impossible : {node.value}", node.start_mark)
            return node.value

    def _bad_tag(self, node: yaml.Node) -> None:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.report(
            "Y003",
            f"étiquette YAML « {tag} » non acceptée ; seules les valeurs simples,"
            " listes et tables sont permises",
            node.start_mark,
        )
        return None


def _shared(text: str) -> str:
    """Ids recur in thousands of files (people in every délibération): short texts are
    shared, not copied in each file's data."""
    return sys.intern(text) if len(text) <= _INTERN_MAX else text


def too_big(name: str, size: int) -> LoadedFile:
    """A file over MAX_FILE_BYTES: Y010, without reading it."""
    message = f"fichier trop volumineux ({_megabytes(size)} ; au plus {_megabytes(MAX_FILE_BYTES)})"
    return _failed(name, "Y010", message)


def _failed(name: str, code: str, message: str) -> LoadedFile:
    return LoadedFile(name, b"", diagnostics=[make(code, message, Location(name, 1, 1))])


def _position(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _location(name: str, mark: Any) -> Location:
    if mark is None:
        return Location(name, 1, 1)
    return Location(name, mark.line + 1, mark.column + 1)


def _kind(node: Any) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "une liste"
    if isinstance(node, yaml.MappingNode):
        return "une table"
    return "une valeur simple"


def quoted(text: str, width: int = 60) -> str:
    """``text`` quoted for a message, cut to ``width`` characters: values can be huge."""
    return f"« {text[:width]}{'…' if len(text) > width else ''} »"


# libyaml's problems (and the pure-Python parser's wording) in French, most frequent first.
# Needles are substrings: the C and Python parsers word some problems differently.
_SYNTAX_HINTS = (
    (
        "mapping values are not allowed",
        "« : » inattendu ; si la valeur contient « : », mettez-la entre guillemets",
    ),
    ("found duplicate anchor", "ancre YAML en double"),
    ("found undefined alias", "alias (*) sans ancre ; les ancres et alias ne sont pas acceptés"),
    (
        "found character that cannot start any token",
        "caractère inattendu en début de valeur (@, `, % ou tabulation) ;"
        " mettez la valeur entre guillemets",
    ),
    (
        "could not find expected ':'",
        "« : » attendu après la clé (une clé tient sur une ligne, 1024 caractères au plus)",
    ),
    (
        "did not find expected key",
        "clé attendue : indentation incohérente ou texte en trop sur cette ligne",
    ),
    ("did not find expected '-' indicator", "« - » attendu : élément de liste mal indenté ?"),
    ("did not find expected node content", "valeur attendue"),
    ("did not find expected ',' or ']'", "« , » ou « ] » attendu dans la liste entre crochets"),
    ("did not find expected ',' or '}'", "« , » ou « } » attendu dans la table entre accolades"),
    (
        "did not find expected <document start>",
        "texte en trop : indentation incohérente ou ligne qui ne commence pas comme une clé",
    ),
    (
        "found unexpected end of stream",
        "fin du fichier inattendue : guillemet, crochet ou accolade non fermé",
    ),
    ("found unknown escape character", "échappement « \\ » inconnu entre guillemets doubles"),
    (
        "found invalid Unicode character escape code",
        "code de caractère Unicode invalide entre guillemets doubles",
    ),
    ("found undefined tag handle", "étiquette YAML (!…) inconnue"),
    ("found incompatible YAML document", "version de YAML non prise en charge (%YAML)"),
    ("block sequence entries are not allowed", "« - » inattendu : liste mal placée"),
    ("found a tab character", "tabulation ; l'indentation YAML se fait avec des espaces"),
)


def _syntax_message(error: yaml.MarkedYAMLError, text: str) -> str:
    problem = str(error.problem or "")
    mark = error.problem_mark
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        return "syntaxe YAML : tabulation ; l'indentation YAML se fait avec des espaces"
    started = error.context_mark
    since = ""
    if started is not None and mark is not None and started.line != mark.line:
        since = f" (voir ligne {started.line + 1})"
    # A composer puts its problem in the context (« found duplicate anchor; first occurrence »).
    for needle, hint in _SYNTAX_HINTS:
        if needle in problem or needle in str(error.context or ""):
            return f"syntaxe YAML : {hint}{since}"
    context = f" ({error.context})" if error.context else ""
    return f"syntaxe YAML invalide : {problem}{context}"
