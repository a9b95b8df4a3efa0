"""``mpdm diff``: what changed in the acts between two git revisions, as Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mpdm_cli.commands._repository import fail, write_output

if TYPE_CHECKING:
    from mpdm_cli.history.semantic_diff import Side


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
    redline: Annotated[
        Path | None,
        typer.Option(
            "--redline",
            help="Dossier où écrire aussi, en Word, chaque acte modifié avec ses changements"
            " en modifications apparentes (à accepter ou refuser dans Word).",
            metavar="DOSSIER",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Compare les actes entre deux révisions git : montants, effectifs, dates, articles, votes.

    Écrit du Markdown pour la description d'une demande de fusion (pull request).
    Lit l'historique git sans toucher aux fichiers de travail.
    """
    from mpdm_cli.history.revisions import RevisionError, outcome_at, resolve
    from mpdm_cli.history.semantic_diff import Side, markdown

    cwd = Path.cwd()
    try:
        resolve(revision, cwd)
        before = Side(revision, outcome_at(revision, [folder], cwd))
        if revision2 is None:
            after = Side("arbre de travail", outcome_at(None, [folder], cwd))
        else:
            after = Side(revision2, outcome_at(revision2, [folder], cwd))
        if redline is not None:
            _write_redlines(before, after, redline, revision2, cwd)
    except RevisionError as error:  # the revision named on the command line: a usage error
        fail(str(error), 2)
    write_output(markdown(before, after), output)


def _write_redlines(
    before: Side, after: Side, folder: Path, revision2: str | None, cwd: Path
) -> None:
    """One Word document per changed act; the changes dated by REV2's commit (or now)."""
    import datetime as dt
    import sys

    from mpdm_cli.history.revisions import commit_time
    from mpdm_cli.pipeline.oserrors import os_reason
    from mpdm_cli.render.docx.versions import redlines
    from mpdm_cli.render.formats.docx import FORMAT as DOCX
    from mpdm_cli.render.writer import write_atomic

    if revision2 is None:
        when = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    else:
        when = commit_time(revision2, cwd)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        found = redlines(before, after, when)
        written = [write_atomic(folder, stem + DOCX.suffix, data) for stem, data in found.written]
    except OSError as error:
        fail(f"écriture impossible dans {folder} : {os_reason(error)}", 2)
    print(
        f"mpdm : {len(written)} document(s) Word avec modifications apparentes dans {folder}"
        + "".join(f"\n  {path.name}" for path in written),
        file=sys.stderr,
    )
    if found.unsure:
        print(
            f"mpdm : {len(found.unsure)} document(s) présent(s) d'un seul côté alors que"
            " l'autre a des fichiers invalides, non produit(s) : " + ", ".join(found.unsure),
            file=sys.stderr,
        )


def register(app: typer.Typer) -> None:
    app.command("diff")(diff_command)
