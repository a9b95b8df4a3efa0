"""``mpdm diff``: what changed in the acts between two git revisions, as Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mpdm_cli.commands._repository import fail, write_output


def diff_command(
    revision: Annotated[
        str, typer.Argument(help="Révision git de départ (ex. main, HEAD~1).", metavar="REV")
    ],
    revision2: Annotated[
        str | None,
        typer.Argument(
            help="Révision d'arrivée (par défaut : l'arbre de travail).",
            metavar="REV2",
            show_default=False,
        ),
    ] = None,
    folder: Annotated[
        Path, typer.Option("--depot", help="Dossier des actes.", metavar="DOSSIER")
    ] = Path("conventions"),
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Fichier Markdown à écrire.", metavar="FICHIER"),
    ] = None,
) -> None:
    """Compare les actes entre deux révisions git : montants, effectifs, dates, articles, votes.

    Écrit du Markdown pour la description d'une demande de fusion (pull request).
    Lit l'historique git sans toucher aux fichiers de travail.
    """
    from mpdm_cli.revisions import RevisionError, outcome_at, resolve
    from mpdm_cli.semantic_diff import Side, markdown

    cwd = Path.cwd()
    try:
        resolve(revision, cwd)
        before = Side(revision, outcome_at(revision, [folder], cwd))
        if revision2 is None:
            after = Side("arbre de travail", outcome_at(None, [folder], cwd))
        else:
            after = Side(revision2, outcome_at(revision2, [folder], cwd))
    except RevisionError as error:  # the revision named on the command line: a usage error
        fail(str(error), 2)
    write_output(markdown(before, after), output)


def register(app: typer.Typer) -> None:
    app.command("diff")(diff_command)
