"""One act imported: read, clean, recognise, write the draft and the new people and
organisations, each file created whole and never over an existing one."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mpdm_cli.domain.french import slug
from mpdm_cli.importing import agreement, deliberation
from mpdm_cli.importing.cleanup import clean
from mpdm_cli.importing.draft import Draft, to_yaml
from mpdm_cli.importing.parties import Known
from mpdm_cli.importing.recognise import kind_of
from mpdm_cli.importing.sources import SourceError, read_text
from mpdm_cli.render.writer import rewrite_source

FOLDERS = {"convention": "conventions", "avenant": "avenants", "deliberation": "deliberations"}


class ImportFailure(Exception):
    """Nothing was written; the message (French) says why."""


@dataclass
class Imported:
    source: Path
    draft: Draft
    written: list[Path] = field(default_factory=list)


def draft_of(source: Path, known: Known, kind: str | None = None) -> Draft:
    """The draft of one act, written nowhere (the recognisers never touch the disk)."""
    try:
        text = read_text(source)
    except SourceError as error:
        raise ImportFailure(str(error)) from error
    cleaned = clean(text)
    lines = cleaned.lines
    kind = kind or kind_of(lines)
    if kind is None:
        raise ImportFailure(
            f"{source} : type d'acte non reconnu (ni extrait de registre, ni convention, ni"
            " avenant) ; précisez-le avec --type"
        )
    if kind == "deliberation":
        draft = deliberation.recognise(lines, known)
    else:
        draft = agreement.recognise(lines, kind, known)
    _drop_private(draft.data)
    unreadable = text.count("\ufffd")
    if unreadable:
        draft.comments.append(
            f"à vérifier : {unreadable} caractère(s) illisible(s) dans le texte source (�) :"
            " encodage inconnu ou extraction imparfaite ; comparez avec l'original."
        )
    if cleaned.removed:
        numbers = ", ".join(str(line.number) for line in cleaned.removed[:20])
        more = "…" if len(cleaned.removed) > 20 else ""
        draft.comments.append(
            f"Retiré du texte : {len(cleaned.removed)} ligne(s) de numéros de page, tampons,"
            f" en-têtes ou pieds de page (lignes {numbers}{more})."
        )
    return draft


def _drop_private(value: Any) -> None:
    if isinstance(value, dict):
        for key in [k for k in value if k.startswith("_")]:
            del value[key]
        for item in value.values():
            _drop_private(item)
    elif isinstance(value, list):
        for item in value:
            _drop_private(item)


def import_act(
    source: Path,
    repository_dir: Path,
    known: Known,
    kind: str | None = None,
    identifier: str | None = None,
    output: Path | None = None,
    declared: set[str] | None = None,
) -> Imported:
    """Write the draft of ``source`` and the people and organisations it adds."""
    draft = draft_of(source, known, kind)
    if identifier:
        draft.data["id"] = identifier
    act_id = str(draft.data["id"])
    if declared is not None and act_id in declared:
        raise ImportFailure(
            f"{source} : l'identifiant « {act_id} » est déjà utilisé ;"
            " choisissez-en un autre (--id)"
        )
    folder = output or repository_dir / FOLDERS[draft.kind]
    path = folder / f"{act_id}.yaml"
    header = [
        f"Brouillon importé de « {source.name} » par mpdm import : à relire avant tout usage.",
        "Un fait absent du texte est laissé vide ; chaque doute est marqué « à vérifier ».",
    ]
    files: list[tuple[Path, str]] = [(path, _with_schema(path, draft.kind, to_yaml(draft, header)))]
    directory = repository_dir / "personnes.yaml"
    grown = _directory_with_new_people(directory, known, act_id)
    people = None if grown is not None else _new_people(known, draft, act_id)
    if people is not None:  # no directory to add them to (or one that will not take them)
        people_path = repository_dir / f"personnes-{act_id}.yaml"
        files.append((people_path, _with_schema(people_path, "personnes", people)))
    for org_id, record in known.organisations.new.items():
        org_path = repository_dir / "organisations" / f"{org_id}.yaml"
        if any(p == org_path for p, _ in files) or org_path.exists():
            continue
        files.append(
            (
                org_path,
                _with_schema(org_path, "organisation", _organisation(org_id, record, source)),
            )
        )
    for target, _ in files:
        if target.exists() or target.is_symlink():
            raise ImportFailure(f"le fichier {target} existe déjà : rien n'est écrit")
    imported = Imported(source, draft)
    try:
        for target, text in files:
            create_exclusive(target, text)
            imported.written.append(target)
        if grown is not None:
            rewrite_source(directory, grown)
            imported.written.append(directory)
    except OSError as error:
        from mpdm_cli.pipeline.oserrors import os_reason

        for done in imported.written[: len(files)]:  # all or nothing: a half import misleads
            with contextlib.suppress(OSError):
                done.unlink()
        reason = "il existe déjà" if isinstance(error, FileExistsError) else os_reason(error)
        raise ImportFailure(
            f"écriture impossible de {error.filename} : {reason} ; rien n'est écrit"
        ) from error
    known.people.known.update(known.people.new)
    known.people.new.clear()
    known.organisations.new.clear()
    return imported


def _with_schema(path: Path, kind: str, text: str) -> str:
    from mpdm_cli.models.schemas import schema_line

    return schema_line(path, kind, Path.cwd()) + "\n" + text


def _directory_with_new_people(directory: Path, known: Known, act_id: str) -> str | None:
    """The directory's text with the people the act names and it lacks, added at the end of
    its list (the rest of the file unchanged), each marked for checking; None if there are
    none, no directory, or one whose list cannot be extended safely."""
    from mpdm_cli.editor.skeletons import SkeletonError, with_person
    from mpdm_cli.pipeline.loading import load_text

    if not known.people.new or not directory.is_file():
        return None
    try:
        text = directory.read_text(encoding="utf-8-sig")
        for pid, record in known.people.new.items():
            text = with_person(text, _person_lines(pid, record, act_id))
    except (OSError, UnicodeDecodeError, SkeletonError):
        return None
    loaded = load_text(text, str(directory))
    return text if not loaded.diagnostics else None


def _person_lines(pid: str, record: dict[str, Any], act_id: str) -> list[str]:
    """One person of the directory, as the importer read it: what the text lacks stays
    empty, with the reason to check it."""
    lines = [f"- id: {pid}  # ajoutée par mpdm import ({act_id}) : à vérifier"]
    for key, missing in (("civilite", "civilité"), ("prenom", "prénom"), ("nom", "nom")):
        value = record.get(key)
        if value:
            lines.append(f"  {key}: {json.dumps(value, ensure_ascii=False)}")
        else:
            lines.append(f"  {key}: null  # à vérifier : {missing} absent du texte")
    return lines


def _new_people(known: Known, draft: Draft, act_id: str) -> str | None:
    new = known.people.new
    if not new:
        return None
    missing = Draft("personnes")
    missing.data = {
        "type": "personnes",
        "id": slug(f"personnes-{act_id}"),
        "personnes": [{"id": pid, **record} for pid, record in new.items()],
    }
    for index, record in enumerate(missing.data["personnes"]):
        if not record["civilite"]:
            missing.check(("personnes", index, "civilite"), "civilité absente du texte")
        if not record["prenom"]:
            missing.check(("personnes", index, "prenom"), "prénom absent du texte")
    return to_yaml(
        missing,
        [
            f"Personnes nommées par l'acte {act_id}, absentes de l'annuaire,",
            "ajoutées par mpdm import : à reporter dans personnes.yaml (puis supprimer ce",
            "fichier) une fois les noms vérifiés.",
        ],
    )


def _organisation(org_id: str, record: dict[str, Any], source: Path) -> str:
    draft = Draft("organisation")
    draft.data = {
        "type": "organisation",
        "id": org_id,
        "nom": record["nom"],
        "categorie": record.get("categorie"),
    }
    if record.get("assemblee"):
        draft.data["assemblee"] = record["assemblee"]
    if not record.get("categorie"):
        draft.check(
            ("categorie",),
            "catégorie (etat, metropole, intercommunalite, commune, departement, association) à"
            " choisir",
        )
    return to_yaml(draft, [f"Organisation nommée par « {source.name} », ajoutée par mpdm import."])


def create_exclusive(path: Path, text: str) -> None:
    """Write ``text`` to a new file ``path``: whole (through a temporary file) and only if no
    file has that name (a hard link fails on an existing name, where a rename would replace)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.link(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
