"""Typer commands, one module each; ``build_app`` registers those asked for (all of them
by default)."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable
from typing import Annotated, Any

import typer
import typer.main

# Each command's name and the module that registers it, in the order of ``mpdm --help``.
COMMANDS = {
    "validate": "validate",
    "render": "render",
    "show": "show",
    "rules": "rules",
    "explain": "explain",
    "schema": "schema",
    "export": "export",
    "budget": "budget",
    "new": "new",
    "diff": "diff",
    "lsp": "lsp",
    "echeances": "echeances",
    "frise": "frise",
    "import": "import_",
}


def build_app(names: Iterable[str] = COMMANDS) -> typer.Typer:
    """The application with the commands ``names``, each module imported only then."""
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

    for name in names:
        importlib.import_module(f"{__name__}.{COMMANDS[name]}").register(app)
    return app


def command_for(args: list[str]) -> Any:
    """The command tree that can run ``args``: when they start with a command's name, the
    root with that command only (a fresh ``mpdm validate`` then imports and converts no
    other command's module and parameters); otherwise (help, completion, an unknown name
    to suggest a close one for) the whole tree."""
    return command(args[0] if args and args[0] in COMMANDS else None)


@functools.cache
def command(name: str | None = None) -> Any:
    """The command tree with ``name``'s command only, or with every command; built once
    per process."""
    from mpdm_cli.commands.french_help import translate_completion_options

    root = typer.main.get_command(build_app(COMMANDS if name is None else [name]))
    translate_completion_options(root)
    return root


def _show_version(value: bool) -> None:
    if value:
        from mpdm_cli import __version__

        typer.echo(f"mpdm {__version__}")
        raise typer.Exit()
