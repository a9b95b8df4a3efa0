"""``mpdm render``: produce the acts as Markdown and PDF/A from the validated YAML."""

from __future__ import annotations

import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mpdm_cli.commands._repository import acts_paths, fail, require_yaml, settings
from mpdm_cli.render.formats import ALL, choices

if TYPE_CHECKING:
    from mpdm_cli.render.documents import Job
    from mpdm_cli.render.docx import DocxOptions
    from mpdm_cli.render.formats.base import OutputFormat
    from mpdm_cli.render.pipeline import Result

_ID = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
_PROGRESS_FROM = 5  # documents; below this a bar would only flicker


# The choices of --format are the registered formats (typer reads them from an Enum).
if TYPE_CHECKING:
    RenderFormat = StrEnum
else:
    RenderFormat = StrEnum("RenderFormat", [(name, name) for name in choices()])
EVERY_TEMPLATE_FORMAT = RenderFormat(ALL)


def render_command(
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            help="Fichiers, dossiers ou identifiants d'actes (par défaut : conventions/).",
            show_default=False,
            metavar="CHEMIN|ID",
        ),
    ] = None,
    output_format: Annotated[
        RenderFormat,
        typer.Option(
            "--format",
            "-f",
            help="md, pdf, all (les deux) ou docx, Word (par défaut : all).",
            show_default=False,
        ),
    ] = EVERY_TEMPLATE_FORMAT,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Dossier où écrire les documents (par défaut : sortie du fichier de réglages,"
            " sinon out/).",
            show_default=False,
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            help="Dossier de modèles qui remplacent ceux fournis (fichier par fichier).",
            show_default=False,
        ),
    ] = None,
    draft: Annotated[
        bool,
        typer.Option(
            "--draft",
            help="Produire aussi les actes en erreur, marqués « PROJET — NON VALIDÉ ».",
        ),
    ] = False,
    reference_doc: Annotated[
        Path | None,
        typer.Option(
            "--reference-doc",
            help="Avec --format docx : document Word dont reprendre les styles, la mise en page,"
            " l'en-tête et le pied de page.",
            show_default=False,
            metavar="FICHIER.docx",
        ),
    ] = None,
    track_changes: Annotated[
        bool,
        typer.Option(
            "--track-changes",
            help="Avec --format docx : les conventions consolidées montrent les modifications"
            " de chaque avenant en modifications apparentes (suivi des modifications de Word).",
        ),
    ] = False,
) -> None:
    """Produit les documents (Markdown, PDF/A, Word) des conventions, avenants et délibérations."""
    from mpdm_cli.render.request import RequestError, prepare

    config = settings()
    output = output or config.output or Path("out")
    if templates is None and output_format != "docx":
        templates = config.templates  # Word output has no templates
    docx = _docx_options(output_format, templates, reference_doc, track_changes)
    paths, ids = _split_targets(targets or [])
    paths = acts_paths(paths or None, config)
    if templates is not None and not templates.is_dir():
        fail(f"dossier de modèles introuvable : {templates}", 2)
    require_yaml(paths)
    try:
        request = prepare(paths, ids, draft)
    except RequestError as error:
        fail(str(error), 2)
    selection, partial = request.selection, request.partial
    from mpdm_cli.reports.report import visible  # file names may hold terminal controls

    for path in map(visible, selection.unusable):
        print(
            f"mpdm : {path} non produit : ce fichier n'a pas pu être lu comme un acte"
            f" (voir « mpdm validate {path} »).",
            file=sys.stderr,
        )
    for job, errors in selection.refused:
        print(
            f"mpdm : {job.label} non produit : {len(errors)} erreur(s) de validation"
            f" (voir « mpdm validate {visible(' '.join(job.files))} »), ou --draft pour un"
            " projet.",
            file=sys.stderr,
        )
        for diagnostic in errors[:3]:
            print(visible(f"  {diagnostic}"), file=sys.stderr)

    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        from mpdm_cli.pipeline.oserrors import os_reason

        fail(f"impossible de créer le dossier {output} : {os_reason(error)}", 2)
    result = _run_with_progress(
        selection.ready, choices()[output_format], output, templates, selection.drafts, docx
    )

    for problem in result.problems:
        print(visible(f"mpdm : {problem}"), file=sys.stderr)
    if partial:
        print(
            f"{len(partial)} convention(s) partielle(s) non produite(s), leur texte n'étant connu"
            " que par d'autres actes : " + ", ".join(partial) + "."
        )
    refused = selection.refused
    produced = len({job.stem for job, _ in result.written})
    files = len(result.written)
    print(
        f"{produced} document(s) produit(s), {files} fichier(s) écrit(s) dans {output}"
        + (f" dont {len(selection.drafts)} projet(s) non validé(s)" if selection.drafts else "")
        + (f" ; {len(refused)} refusé(s) pour erreurs de validation" if refused else "")
        + (f" ; {len(selection.unusable)} fichier(s) illisible(s)" if selection.unusable else "")
        + (f" ; {len(result.failed)} en échec" if result.failed else "")
        + "."
    )
    raise typer.Exit(1 if refused or selection.unusable or result.failed else 0)


def _docx_options(
    output_format: RenderFormat, templates: Path | None, reference: Path | None, track: bool
) -> DocxOptions | None:
    """The Word options, the reference document read and checked once for every job."""
    if output_format != "docx":
        if reference is not None or track:
            fail("--reference-doc et --track-changes ne valent qu'avec --format docx", 2)
        return None
    if templates is not None:
        # Word documents are built from the acts directly, not from the Jinja templates.
        fail("--templates ne s'applique pas aux documents Word : voir --reference-doc", 2)
    from mpdm_cli.render.docx import DocxOptions, UnusableReference, open_document

    data = None
    if reference is not None:
        from mpdm_cli.pipeline.oserrors import os_reason

        try:
            data = reference.read_bytes()
            open_document(data)
        except OSError as error:
            fail(f"document de référence illisible : {reference} : {os_reason(error)}", 2)
        except UnusableReference as error:
            fail(f"document de référence inutilisable : {reference} : {error}", 2)
    return DocxOptions(data, track)


def _split_targets(targets: list[str]) -> tuple[list[Path], list[str]]:
    """Arguments that exist are paths; the others must look like document ids."""
    paths: list[Path] = []
    ids: list[str] = []
    for target in targets:
        path = Path(target)
        if path.exists() or path.is_symlink():
            paths.append(path)
        elif _ID.fullmatch(target):
            ids.append(target)
        else:
            fail(f"introuvable : {target}", 2)
    return paths, ids


def _run_with_progress(
    jobs: list[Job],
    formats: tuple[OutputFormat, ...],
    output: Path,
    templates: Path | None,
    drafts: set[str],
    docx: DocxOptions | None = None,
) -> Result:
    from mpdm_cli.render.pipeline import run

    if len(jobs) < _PROGRESS_FROM or not sys.stderr.isatty():
        return run(jobs, formats, output, templates, drafts, docx=docx)
    from rich.console import Console
    from rich.progress import Progress

    # Refreshed on each advance (called in this thread), not by a thread of its own.
    with Progress(console=Console(stderr=True), transient=True, auto_refresh=False) as progress:
        task = progress.add_task("Production des documents", total=len(jobs))

        def advance(_: Job) -> None:
            progress.advance(task)
            progress.refresh()

        return run(jobs, formats, output, templates, drafts, advance, docx=docx)


def register(app: typer.Typer) -> None:
    app.command("render")(render_command)
