"""``mpdm new``: write the skeleton of a new act, never over an existing file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from mpdm_cli.commands._repository import fail


class Kind(StrEnum):
    convention = "convention"
    avenant = "avenant"
    deliberation = "deliberation"


def new_command(
    kind: Annotated[
        Kind,
        typer.Argument(
            help="convention, avenant ou deliberation.", show_default=False, metavar="TYPE"
        ),
    ],
    identifier: Annotated[
        str | None,
        typer.Option("--id", help="Identifiant du nouvel acte (et nom du fichier).", metavar="ID"),
    ] = None,
    convention: Annotated[
        str | None,
        typer.Option(
            "--convention",
            help="Convention modifiée (avenant) ou autorisée (délibération).",
            metavar="ID",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Dossier où écrire (par défaut : conventions/<type>s/).",
            metavar="DOSSIER",
        ),
    ] = None,
    repository_dir: Annotated[
        Path,
        typer.Option("--depot", help="Dossier des actes existants.", metavar="DOSSIER"),
    ] = Path("conventions"),
) -> None:
    """Crée le squelette valide d'un acte, à compléter (jamais par-dessus un fichier)."""
    import datetime as dt

    from mpdm_cli.editor import skeletons
    from mpdm_cli.models.schemas import schema_line
    from mpdm_cli.pipeline.validation import validate

    if identifier is not None and (problem := skeletons.id_problem(identifier)):
        fail(f"--id : {problem}", 2)
    if convention is not None and (problem := skeletons.id_problem(convention)):
        fail(f"--convention : {problem}", 2)
    repository = validate([repository_dir] if repository_dir.exists() else [], rules=()).repository
    today = dt.date.today()
    try:
        if kind is Kind.convention:
            skeleton = skeletons.convention(repository, identifier, today)
        elif kind is Kind.avenant:
            skeleton = skeletons.avenant(repository, identifier, convention, today)
        else:
            skeleton = skeletons.deliberation(repository, identifier, convention, today)
    except skeletons.SkeletonError as error:
        fail(str(error), 2 if error.usage else 1)
    if skeleton.id in repository.declarations:
        fail(f"l'identifiant « {skeleton.id} » est déjà utilisé ; choisissez-en un autre (--id)")
    folder = output or repository_dir / skeletons.FOLDERS[kind.value]
    path = folder / f"{skeleton.id}.yaml"
    if path.parent != folder:  # the id was checked: this cannot happen, and must not
        fail(f"identifiant « {skeleton.id} » : le fichier sortirait du dossier {folder}", 2)
    if path.exists() or path.is_symlink():
        fail(f"le fichier {path} existe déjà : rien n'est écrit")
    text = schema_line(path, kind.value, Path.cwd()) + "\n" + skeleton.text
    created = False
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as stream:
            created = True
            stream.write(text)
    except FileExistsError:
        fail(f"le fichier {path} existe déjà : rien n'est écrit")
    except OSError as error:
        from mpdm_cli.pipeline.oserrors import os_reason

        if created:  # a disk full midway: no half skeleton left behind
            path.unlink(missing_ok=True)
        fail(f"écriture impossible dans {path} : {os_reason(error)}", 2)
    typer.echo(f"écrit : {path}")


def register(app: typer.Typer) -> None:
    app.command("new")(new_command)
