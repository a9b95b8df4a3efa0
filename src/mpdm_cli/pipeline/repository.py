"""Discovery of the YAML files and the index of every document and person they declare."""

from __future__ import annotations

import functools
import os
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from mpdm_cli.models import AnyDocument, Organisation, People
from mpdm_cli.models.organisation import Person
from mpdm_cli.pipeline.diagnostics import Location
from mpdm_cli.pipeline.loading import KeyPath, LoadedFile
from mpdm_cli.pipeline.roots import find_root, same_file

YAML_SUFFIXES = (".yaml", ".yml")
T = TypeVar("T")


def discover(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """YAML files under ``paths`` in a stable order, and the paths that do not exist.

    Links to directories are not followed, so a link loop cannot hang the walk. A path
    the system refuses to look at (name too long, directory not readable) is kept as a
    file, so that loading reports it instead of it being silently skipped.
    """
    files: list[Path] = []
    missing: list[Path] = []
    for path in paths:
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists() or path.is_symlink()
        except OSError:
            files.append(path)
            continue
        if is_dir:
            files.extend(_yaml_under(path, _keep_unreadable(files)))
        elif exists:
            files.append(path)
        else:
            missing.append(path)
    unique = list(dict.fromkeys(files))
    return unique, missing


def _yaml_under(folder: Path, onerror: Callable[[OSError], None] | None = None) -> Iterator[Path]:
    for root, dirs, names in os.walk(folder, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield from (
            Path(root, name)
            for name in sorted(names)
            if name.endswith(YAML_SUFFIXES) and not name.startswith(".")
        )


def without_yaml(paths: list[Path]) -> list[Path]:
    """The folders among ``paths`` that hold no YAML file at all (a typo, an empty folder):
    checking them would silently check nothing."""
    empty = []
    for path in paths:
        refused: list[OSError] = []
        try:
            is_dir = path.is_dir()
        except OSError:
            continue  # loading reports what the system refuses
        if is_dir and next(_yaml_under(path, refused.append), None) is None and not refused:
            empty.append(path)  # a folder that could not be listed is reported, not "empty"
    return empty


def with_repository(paths: list[Path], asked: list[Path]) -> list[Path]:
    """Every YAML file of the repositories that hold ``paths``, in the order a check of the
    whole repository would take them, the files ``asked`` for spelled as the user did.
    Without a repository root above them, the files asked for only."""
    roots = list(dict.fromkeys(root for path in paths if (root := find_root(path)) is not None))
    if not roots:
        return asked
    context, _ = discover(roots)
    spelled = {same_file(path): path for path in asked}
    files = [spelled.pop(same_file(path), path) for path in context]
    return list(dict.fromkeys(files + list(spelled.values())))


def _keep_unreadable(files: list[Path]) -> Callable[[OSError], None]:
    def keep(error: OSError) -> None:
        if error.filename is not None:
            files.append(Path(error.filename))

    return keep


@dataclass(frozen=True, slots=True)
class Entry:
    """A document that passed shape validation, with the file it came from."""

    file: LoadedFile
    document: AnyDocument

    def at(self, *path: str | int, key: bool = False) -> Location:
        return self.file.locate(path, key=key)


@dataclass(frozen=True, slots=True)
class Declaration:
    """Where an id is declared: the document (or the person inside a directory)."""

    kind: str
    file: LoadedFile
    path: KeyPath


@dataclass
class Repository:
    entries: list[Entry] = field(default_factory=list)
    declarations: dict[str, list[Declaration]] = field(default_factory=lambda: defaultdict(list))
    people: dict[str, Person] = field(default_factory=dict)
    # Ids of files that failed to load or validate: references to them are not "dangling".
    unreadable_ids: set[str] = field(default_factory=set)
    _by_key: dict[tuple[str, str], Entry] = field(default_factory=dict)
    # The files (``LoadedFile.path``) a command was asked about, when the rest of their
    # repository was read only as context; None: every file.
    asked: frozenset[str] | None = None
    # What ``per_repository`` functions built from it, with the number of entries then.
    indexes: dict[str, tuple[int, Any]] = field(default_factory=dict, repr=False, compare=False)

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)
        document = entry.document
        self.declarations[document.id].append(Declaration(document.type, entry.file, ("id",)))
        self._by_key.setdefault((document.type, document.id), entry)
        if isinstance(document, People):
            for index, person in enumerate(document.people):
                self.declarations[person.id].append(
                    Declaration("personne", entry.file, ("personnes", index, "id"))
                )
                self.people.setdefault(person.id, person)

    def of_type(self, model: type[T]) -> Iterator[tuple[Entry, T]]:
        for entry in self.entries:
            if isinstance(entry.document, model):
                yield entry, entry.document

    def asked_of_type(self, model: type[T]) -> Iterator[tuple[Entry, T]]:
        """Like ``of_type``, among the files asked about only (what a command reports on)."""
        for entry, document in self.of_type(model):
            if self.asked is None or entry.file.path in self.asked:
                yield entry, document

    def find(self, kind: str, identifier: str) -> Entry | None:
        """The document of ``kind`` (organisation, convention…) with this id."""
        return self._by_key.get((kind, identifier))

    def organisation(self, identifier: str) -> Organisation | None:
        """The organisation with this id, None if the repository declares none."""
        entry = self.find("organisation", identifier)
        return entry.document if entry and isinstance(entry.document, Organisation) else None

    def organisation_names(self) -> dict[str, str]:
        """Organisation id → the name the acts use for it: its short name, else its name."""
        names: dict[str, str] = {}
        for _, organisation in self.of_type(Organisation):
            names.setdefault(organisation.id, organisation.short_name or organisation.name)
        return names

    def declares(self, kind: str, identifier: str) -> bool:
        # Two lookups, not a scan of the declarations: R002 asks for every reference.
        if kind == "personne":
            return identifier in self.people
        return (kind, identifier) in self._by_key


def per_repository(build: Callable[[Repository], T]) -> Callable[[Repository], T]:
    """``build`` runs once per repository (until an entry is added), however many rules or
    documents ask for its index; the result lives on the repository, as long as it does."""
    name = f"{build.__module__}.{build.__qualname__}"

    @functools.wraps(build)
    def cached(repository: Repository) -> T:
        size, value = repository.indexes.get(name, (-1, None))
        if size != len(repository.entries):
            value = build(repository)
            repository.indexes[name] = (len(repository.entries), value)
        return cast(T, value)

    return cached
