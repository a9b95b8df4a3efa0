"""Typer commands, one module each; ``build_app`` registers them all."""

from __future__ import annotations

import functools
from typing import Any

import typer
import typer.main


def build_app() -> typer.Typer:
    from mpdm_cli.commands import (
        budget,
        diff,
        explain,
        export,
        import_,
        new,
        render,
        rules,
        schema,
        show,
        validate,
    )

    app = typer.Typer(
        name="mpdm",
        help="Conventions, avenants et délibérations en YAML : vérification et production"
        " des actes.",
        rich_markup_mode=None,
        add_completion=False,
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback()
    def root() -> None:
        """Conventions, avenants et délibérations en YAML : vérification et production des actes.

        mpdm --version affiche la version ; --debug montre le détail d'une erreur interne.
        """

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
    import_.register(app)
    return app


@functools.cache
def command() -> Any:
    """The command tree, built once per process (the resident process builds it in advance)."""
    return typer.main.get_command(build_app())
