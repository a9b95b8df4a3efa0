"""Typer commands, one module each; ``build_app`` registers them all."""

from __future__ import annotations

import functools
from typing import Annotated, Any

import typer
import typer.main


def build_app() -> typer.Typer:
    from mpdm_cli.commands import (
        budget,
        diff,
        echeances,
        explain,
        export,
        frise,
        import_,
        lsp,
        new,
        render,
        rules,
        schema,
        show,
        validate,
    )
    from mpdm_cli.commands.french_help import FrenchTyper

    app = FrenchTyper(
        name="mpdm",
        help="Conventions, avenants et délibérations en YAML : vérification et production"
        " des actes.",
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback()
    def root(
        version: Annotated[
            bool,
            typer.Option(
                "--version",
                "-V",
                help="Affiche la version de mpdm.",
                is_eager=True,
                callback=_show_version,
            ),
        ] = False,
        debug: Annotated[
            bool,
            # Read by cli.main before the parser: here to be listed in the help.
            typer.Option("--debug", help="Montre le détail d'une erreur interne."),
        ] = False,
    ) -> None:
        """Conventions, avenants et délibérations en YAML : vérification et production des actes."""

    validate.register(app)
    render.register(app)
    show.register(app)
    rules.register(app)
    explain.register(app)
    schema.register(app)
    export.register(app)
    budget.register(app)
    new.register(app)
    diff.register(app)
    lsp.register(app)
    echeances.register(app)
    frise.register(app)
    import_.register(app)
    return app


@functools.cache
def command() -> Any:
    """The command tree, built once per process."""
    from mpdm_cli.commands.french_help import translate_completion_options

    root = typer.main.get_command(build_app())
    translate_completion_options(root)
    return root


def _show_version(value: bool) -> None:
    if value:
        from mpdm_cli import __version__

        typer.echo(f"mpdm {__version__}")
        raise typer.Exit()
