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
        Kind, typer.Argument(
            help="convention, avenant ou deliberation.", show_default=False, metavar="TYPE"
        )
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

    from mpdm_cli import skeletons
    from mpdm_cli.schemas import schema_line
    from mpdm_cli.validation import validate

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
        fail(str(error))
    if skeleton.id in repository.declarations:
        fail(f"l'identifiant « {skeleton.id} » est déjà utilisé ; choisissez-en un autre (--id)")
    folder = output or repository_dir / skeletons.FOLDERS[kind.value]
    path = folder / f"{skeleton.id}.yaml"
    if path.exists() or path.is_symlink():
        fail(f"le fichier {path} existe déjà : rien n'est écrit")
    folder.mkdir(parents=True, exist_ok=True)
    text = schema_line(path, kind.value, Path.cwd()) + "\n" + skeleton.text
    try:
        with path.open("x", encoding="utf-8") as stream:
            stream.write(text)
    except FileExistsError:
        fail(f"le fichier {path} existe déjà : rien n'est écrit")
    typer.echo(f"écrit : {path}")


def register(app: typer.Typer) -> None:
    app.command("new")(new_command)
