"""``mpdm import``: YAML drafts from the text of signed acts (PDF, DOCX or text)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mpdm_cli.commands._repository import RepositoryDir, acts_paths, fail

if TYPE_CHECKING:
    from mpdm_cli.pipeline.diagnostics import Diagnostic
    from mpdm_cli.pipeline.validation import Outcome


class Kind(StrEnum):
    convention = "convention"
    avenant = "avenant"
    deliberation = "deliberation"


def import_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Actes à importer : PDF (avec texte), DOCX ou texte.",
            show_default=False,
            metavar="FICHIER",
        ),
    ],
    kind: Annotated[
        Kind | None,
        typer.Option("--type", help="convention, avenant ou deliberation (sinon deviné)."),
    ] = None,
    identifier: Annotated[
        str | None,
        typer.Option("--id", help="Identifiant du brouillon (un seul fichier).", metavar="ID"),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Dossier où écrire les brouillons (par défaut : conventions/<type>s/).",
            metavar="DOSSIER",
        ),
    ] = None,
    repository_dir: RepositoryDir = None,
) -> None:
    """Écrit le brouillon YAML de chaque acte (jamais par-dessus un fichier), puis le vérifie."""
    from mpdm_cli.importing.importer import ImportFailure, import_act
    from mpdm_cli.importing.parties import Known
    from mpdm_cli.pipeline.diagnostics import Severity
    from mpdm_cli.pipeline.validation import validate
    from mpdm_cli.reports import report

    if identifier and len(files) > 1:
        fail("--id ne vaut que pour un seul fichier", 2)
    from mpdm_cli.editor.skeletons import id_problem

    # The id is also the file name: nothing else may reach the disk (« ../x », « a b »).
    if identifier is not None and (problem := id_problem(identifier)):
        fail(problem, 2)
    repository_dir = repository_dir or acts_paths(None)[0]
    # What an act can name: people, organisations, conventions (not the other acts, whose
    # ids an imported act cannot clash with but by its file name, which is never replaced).
    named = [
        path
        for path in [
            *repository_dir.glob("*.yaml"),
            repository_dir / "organisations",
            repository_dir / "conventions",
        ]
        if path.exists()
    ]
    repository = validate(named, rules=()).repository
    known = Known.of(repository)
    declared = set(repository.declarations)
    written: list[Path] = []
    refused = 0
    for source in files:
        try:
            imported = import_act(
                source,
                repository_dir,
                known,
                kind.value if kind else None,
                identifier,
                output,
                declared,
            )
        except ImportFailure as error:
            print(f"mpdm : {error}", file=sys.stderr)
            refused += 1
            continue
        declared.add(str(imported.draft.data["id"]))
        written.extend(imported.written)
        for path in imported.written:
            print(f"écrit : {path}")
        checks = imported.draft.checks
        print(
            f"{source} : {checks} point(s) à vérifier (commentaires « à vérifier » du brouillon)"
            if checks
            else f"{source} : aucun point douteux relevé ; relisez quand même le brouillon"
        )
    if written:
        print("\nVérification du dépôt avec les brouillons :")
        paths = [repository_dir] if repository_dir.exists() else []
        if output is not None and not output.resolve().is_relative_to(repository_dir.resolve()):
            paths.append(output)
        outcome = concerning(validate(paths), written)
        report.write_text(outcome, sys.stdout)
        if refused:
            raise typer.Exit(2)
        raise typer.Exit(1 if outcome.count(Severity.ERROR) else 0)
    raise typer.Exit(2 if refused else 0)


def concerning(outcome: Outcome, written: list[Path]) -> Outcome:
    """The findings about the files just written (where they are, or one of the places
    they name): the repository's other findings are for ``mpdm validate``."""
    import dataclasses

    mine = {path.resolve() for path in written}

    def about(diagnostic: Diagnostic) -> bool:
        places = [diagnostic.location, *(r.location for r in diagnostic.related)]
        return any(Path(place.file).resolve() in mine for place in places)

    return dataclasses.replace(outcome, diagnostics=[d for d in outcome.diagnostics if about(d)])


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
