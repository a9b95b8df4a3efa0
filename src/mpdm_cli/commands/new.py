"""``mpdm new``: write the skeleton of a new act, never over an existing file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mpdm_cli.commands._repository import RepositoryDir, acts_paths, fail

if TYPE_CHECKING:
    from mpdm_cli.pipeline.repository import Repository


class Kind(StrEnum):
    convention = "convention"
    avenant = "avenant"
    deliberation = "deliberation"
    organisation = "organisation"
    personne = "personne"


class Category(StrEnum):
    association = "association"
    commune = "commune"
    intercommunalite = "intercommunalite"
    metropole = "metropole"
    departement = "departement"
    etat = "etat"


def new_command(
    kind: Annotated[
        Kind,
        typer.Argument(
            help="convention, avenant, deliberation, organisation ou personne (ajoutée à"
            " l'annuaire).",
            show_default=False,
            metavar="TYPE",
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
    name: Annotated[
        str | None,
        typer.Option("--nom", help="Organisation ou personne : son nom.", metavar="NOM"),
    ] = None,
    first_name: Annotated[
        str | None,
        typer.Option("--prenom", help="Personne : son prénom.", metavar="PRÉNOM"),
    ] = None,
    civility: Annotated[
        str | None,
        typer.Option("--civilite", help="Personne : Madame ou Monsieur.", metavar="CIVILITÉ"),
    ] = None,
    category: Annotated[
        Category,
        typer.Option("--categorie", help="Organisation : sa catégorie.", show_default=False),
    ] = Category.association,
    repository_dir: RepositoryDir = None,
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
    repository_dir = repository_dir or acts_paths(None)[0]
    repository = validate([repository_dir] if repository_dir.exists() else [], rules=()).repository
    if kind is Kind.personne:
        _add_person(repository, identifier, civility, first_name, name)
        return
    today = dt.date.today()
    try:
        if kind is Kind.organisation:
            skeleton = skeletons.organisation(repository, identifier, name, category.value)
        elif kind is Kind.convention:
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


def _add_person(
    repository: Repository,
    identifier: str | None,
    civility: str | None,
    first: str | None,
    last: str | None,
) -> None:
    """One more person at the end of the directory (``personnes.yaml``), nothing else of it
    changed; refused if the id is taken or the result would not load."""
    from mpdm_cli.editor import skeletons
    from mpdm_cli.models import People
    from mpdm_cli.pipeline.loading import load_text
    from mpdm_cli.render.writer import rewrite_source

    directory = next(iter(repository.of_type(People)), None)
    if directory is None:
        fail("aucun annuaire des personnes (type: personnes) dans le dépôt", 2)
    try:
        person, lines = skeletons.person_entry(identifier, civility, first, last)
        if (problem := skeletons.id_problem(person)) is not None:
            fail(f"identifiant « {person} » : {problem}", 2)
        if person in repository.declarations:
            fail(f"l'identifiant « {person} » est déjà utilisé ; choisissez-en un autre (--id)")
        path = Path(directory[0].file.path)
        text = skeletons.with_person(directory[0].file.text, lines)
    except skeletons.SkeletonError as error:
        fail(str(error), 2 if error.usage else 1)
    if load_text(text, str(path)).diagnostics:
        fail(f"l'annuaire {path} ne se complète pas sans risque : ajoutez-y la personne à la main")
    try:
        rewrite_source(path, text)
    except OSError as error:
        from mpdm_cli.pipeline.oserrors import os_reason

        fail(f"écriture impossible dans {path} : {os_reason(error)}", 2)
    typer.echo(f"ajouté à {path} : {person}")


def register(app: typer.Typer) -> None:
    app.command("new")(new_command)
