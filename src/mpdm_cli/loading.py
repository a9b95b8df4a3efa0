"""Strict YAML loading: plain data, plus a map from key path to source position.

PyYAML's stock loaders silently keep the last of duplicate keys, read ``no`` as False,
``010`` as 8 and ``1:30`` as 90, and build floats. Here the node tree is composed with
a resolver that only knows true/false, null, base-10 integers, decimals (as ``Decimal``,
from the source text) and ``YYYY-MM-DD`` dates, and is then turned into data by a walk
that rejects what would lose or invent information.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar

import yaml

from mpdm_cli.diagnostics import Diagnostic, Location, Related, make

KeyPath = tuple[str | int, ...]

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 50

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Composes nodes with YAML-1.2-like implicit typing and nothing else."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}

    def resolve(
        self,
        kind: Any,
        value: Any,
        implicit: Any,
        _scalar: Any = yaml.ScalarNode,
        _by_first: Any = yaml_implicit_resolvers,  # filled below, in place
    ) -> Any:
        # libyaml calls this for every node; PyYAML's version looks up path resolvers and
        # concatenates lists each time. Same result for plain scalars, in a third of the time
        # (the defaults above save the lookups on each of these calls).
        if kind is _scalar and implicit[0]:
            for tag, regexp in _by_first.get(value[:1], ()):
                if regexp.match(value):
                    return tag
            return "tag:yaml.org,2002:str"
        return super().resolve(kind, value, implicit)

    # No path resolvers here, so nothing to track on the way down and up: PyYAML's
    # versions, called by libyaml for every node, cost a tenth of the loading time.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


_IMPLICIT = (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:0|[1-9][0-9]*)\.[0-9]+$", "-+0123456789"),
    ("tag:yaml.org,2002:timestamp", r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "0123456789"),
)
for _tag, _pattern, _first in _IMPLICIT:
    StrictLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))

_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_BOOLS = {"true": True, "false": False}
_INTERN_MAX = 80
_INT_TEXT = re.compile(r"[-+]?[0-9]+")
_DECIMAL_TEXT = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?")
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


@dataclass
class LoadedFile:
    """One YAML file: its text (for display), its data and positions, and load problems.

    Positions are needed only to locate a problem, and most files have none: a file loaded
    with ``positions=False``, or ``release``-d once its document is built (for 10 000 files
    text, data and positions weigh more than the models), is read again by ``locate`` and
    ``lines`` the first time they need what it lacks.
    """

    path: str
    text: str
    data: Any = None
    positions: Positions = field(default_factory=Positions)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    reread_from: Path | None = None

    def release(self, source: Path) -> None:
        """Forget text, data and positions; ``source`` is where to read them again."""
        self.text, self.data, self.positions = "", None, Positions()
        self.reread_from = source

    def _restore(self) -> None:
        if self.reread_from is not None:
            again = load_file(self.reread_from, self.path)
            self.text, self.positions = again.text, again.positions
            self.reread_from = None

    def locate(self, path: KeyPath, *, key: bool = False) -> Location:
        self._restore()
        line, column = self.positions.of(path, key=key)
        return Location(self.path, line, column)

    def lines(self) -> list[str]:
        """The source lines, for showing the line of a diagnostic."""
        self._restore()
        return self.text.splitlines()

    @property
    def ok(self) -> bool:
        return not self.diagnostics and isinstance(self.data, dict)


def load_file(path: Path, display: str | None = None, *, positions: bool = True) -> LoadedFile:
    """Read and parse one file. Never raises for bad content: problems become diagnostics.

    ``positions=False`` skips recording positions (a tenth of the loading time); they are
    then read again from ``path`` if something needs locating.
    """
    name = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return _failed(
                name,
                "Y010",
                f"fichier trop volumineux ({size} octets ; au plus {MAX_FILE_BYTES})",
            )
        raw = path.read_bytes()
    except OSError as error:
        return _failed(name, "Y009", f"fichier illisible : {error.strerror or error}")
    loaded = load_bytes(raw, name, positions=positions)
    if not positions and loaded.text:
        loaded.reread_from = path
    return loaded


def load_bytes(raw: bytes, name: str, *, positions: bool = True) -> LoadedFile:
    text, problem = _decode(raw, name)
    if problem is not None:
        return LoadedFile(name, "", diagnostics=[problem])
    return load_text(text, name, positions=positions)


def load_text(text: str, name: str, *, positions: bool = True) -> LoadedFile:
    loaded = LoadedFile(name, text)
    walker = _Walker(loaded)
    # An alias is reported at the key that uses it, which needs the positions.
    plain = not positions and not walker.aliases_possible
    too_deep = _too_deep(text)
    if too_deep is not None:
        walker.report("Y007", f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)", too_deep)
        return loaded
    try:
        documents = yaml.compose_all(text, Loader=StrictLoader)
        first = next(documents, None)
        if first is not None:
            loaded.data = walker.plain(first, 0) if plain else walker.build(first, (), 0)
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
        return loaded
    except yaml.YAMLError as error:  # a reader error without a mark
        loaded.diagnostics.append(make("Y001", f"YAML illisible : {error}", Location(name, 1, 1)))
        return loaded
    except RecursionError:
        loaded.diagnostics.append(make("Y007", "imbrication trop profonde", Location(name, 1, 1)))
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
    return loaded


def _too_deep(text: str) -> Any:
    """The mark where nesting passes MAX_DEPTH, found without recursion.

    libyaml's composer recurses in C and crashes the process on very deep nesting, so
    suspicious texts are first measured with the (iterative) event parser. Every level
    needs one of ``[{-:?``, so a text with few of them cannot be deep and is not scanned.
    """
    if sum(text.count(c) for c in "[{-:?") < 2000:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=StrictLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # composing will report the syntax error with its position
    return None


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
        line = raw.count(b"\n", 0, start) + 1
        column = start - (raw.rfind(b"\n", 0, start) + 1) + 1
        return "", make(
            "Y008",
            f"octet {raw[start]:#04x} invalide en UTF-8 : enregistrez le fichier en UTF-8",
            Location(name, line, column),
        )


class _Walker:
    """Turns a composed node tree into plain data, recording positions and problems."""

    def __init__(self, loaded: LoadedFile) -> None:
        self.loaded = loaded
        self.values = loaded.positions.values
        self.seen: set[int] = set()
        # Without an anchor (&) no node can come twice: skip the alias bookkeeping.
        self.aliases_possible = "&" in loaded.text

    def report(self, code: str, message: str, mark: Any, related: tuple[Related, ...] = ()) -> None:
        self.loaded.diagnostics.append(
            make(code, message, _location(self.loaded.path, mark), related=related)
        )

    def build(self, node: Any, path: KeyPath, depth: int) -> Any:
        mark = node.start_mark
        self.values[path] = (mark.line + 1, mark.column + 1)
        if self.aliases_possible:
            if id(node) in self.seen:
                # An alias yields the anchored node again; point at the key that uses it.
                line, column = self.loaded.positions.keys.get(path, _position(mark))
                self.loaded.diagnostics.append(
                    make(
                        "Y006",
                        "les ancres et alias YAML (&, *) ne sont pas acceptés : recopiez la valeur",
                        Location(self.loaded.path, line, column),
                    )
                )
                return None
            self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self.report(
                "Y007", f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)", node.start_mark
            )
            return None
        kind = node.__class__
        if kind is yaml.ScalarNode:
            return self._scalar(node)
        if kind is yaml.MappingNode:
            if node.tag != _MAP:
                return self._bad_tag(node)
            return self._mapping(node, path, depth)
        assert kind is yaml.SequenceNode
        if node.tag != _SEQ:
            return self._bad_tag(node)
        build = self.build
        return [build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]

    def _mapping(self, node: yaml.MappingNode, path: KeyPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        keys = self.loaded.positions.keys
        for key_node, value_node in node.value:
            if key_node.__class__ is yaml.ScalarNode:
                key = self._scalar(key_node)
            else:
                key = self.build(key_node, (*path, "<clé>"), depth + 1)
            if not self._good_key(key, key_node, first_seen):
                continue
            mark = key_node.start_mark
            child = (*path, key)
            keys[child] = (mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def plain(self, node: Any, depth: int) -> Any:
        """``build`` without recording positions (nor detecting aliases: see load_text)."""
        if depth > MAX_DEPTH:
            self.report(
                "Y007", f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)", node.start_mark
            )
            return None
        kind = node.__class__
        if kind is yaml.ScalarNode:
            return self._scalar(node)
        plain = self.plain
        if kind is yaml.MappingNode:
            if node.tag != _MAP:
                return self._bad_tag(node)
            result: dict[str, Any] = {}
            first_seen: dict[str, yaml.Node] = {}
            for key_node, value_node in node.value:
                if key_node.__class__ is yaml.ScalarNode:
                    key = self._scalar(key_node)
                else:
                    key = plain(key_node, depth + 1)
                if self._good_key(key, key_node, first_seen):
                    result[key] = plain(value_node, depth + 1)
            return result
        assert kind is yaml.SequenceNode
        if node.tag != _SEQ:
            return self._bad_tag(node)
        return [plain(item, depth + 1) for item in node.value]

    def _good_key(self, key: Any, node: yaml.Node, first_seen: dict[str, yaml.Node]) -> bool:
        """Whether ``key`` can be kept: a word, not seen before in this table (else reported)."""
        if not isinstance(key, str):
            self.report(
                "Y012",
                f"clé {_show(key)} : une clé doit être un mot, pas " + _kind(node),
                node.start_mark,
            )
            return False
        if key in first_seen:
            first = first_seen[key].start_mark
            self.report(
                "Y002",
                f"clé « {key} » en double (déjà définie ligne {first.line + 1}) ;"
                " la seconde valeur serait perdue",
                node.start_mark,
                (Related(_location(self.loaded.path, first), "première définition"),),
            )
            return False
        first_seen[key] = node
        return True

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag == _STR:
            # Ids recur in thousands of files (people in every délibération): share them.
            return sys.intern(text) if len(text) <= _INTERN_MAX else text
        if tag not in _SCALAR_TAGS:
            return self._bad_tag(node)
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            value = _BOOLS.get(text.lower())
            if value is None:
                self.report(
                    "Y003", f"« {text} » n'est pas un booléen (true ou false)", node.start_mark
                )
            return value
        if tag == "tag:yaml.org,2002:int":
            if not _INT_TEXT.fullmatch(text):
                self.report("Y003", f"« {text} » n'est pas un nombre entier", node.start_mark)
                return text
            return int(text)
        if tag == "tag:yaml.org,2002:float":
            if not _DECIMAL_TEXT.fullmatch(text):
                self.report("Y003", f"« {text} » n'est pas un nombre décimal", node.start_mark)
                return text
            return Decimal(text)
        return self._date(node)

    def _date(self, node: yaml.ScalarNode) -> Any:
        match = _DATE_TEXT.fullmatch(node.value)
        if match is None:
            self.report(
                "Y003",
                f"« {node.value} » : une date s'écrit AAAA-MM-JJ, sans heure",
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


def iter_paths(data: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, Any]]:
    """Every (path, value) pair of plain data, parents before children."""
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from iter_paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from iter_paths(value, (*path, index))


def _failed(name: str, code: str, message: str) -> LoadedFile:
    return LoadedFile(name, "", diagnostics=[make(code, message, Location(name, 1, 1))])


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


def _show(value: Any) -> str:
    return "vide" if value is None else f"« {value} »"


_SYNTAX_HINTS = {
    "mapping values are not allowed here": (
        "« : » inattendu ; si la valeur contient « : », mettez-la entre guillemets"
    ),
    "found duplicate anchor": "ancre YAML en double",
}


def _syntax_message(error: yaml.MarkedYAMLError, text: str) -> str:
    problem = str(error.problem or "")
    mark = error.problem_mark
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        return "syntaxe YAML : tabulation ; l'indentation YAML se fait avec des espaces"
    for needle, hint in _SYNTAX_HINTS.items():
        if needle in problem:
            return f"syntaxe YAML : {hint}"
    context = f" ({error.context})" if error.context else ""
    return f"syntaxe YAML invalide : {problem}{context}"
