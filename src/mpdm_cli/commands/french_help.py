"""The help screens in French: the parser writes their frame (headings, "[default: …]",
the help option) in English; commands and groups made here translate it."""

from __future__ import annotations

import re
from typing import Any

import typer
import typer.core

HELP_OPTION = "Affiche cette aide."
INSTALL_COMPLETION = "Installe la complétion des commandes pour le shell utilisé."
SHOW_COMPLETION = "Affiche le script de complétion (bash, zsh, fish, powershell, pwsh)."

_CHROME = (
    (re.compile(r"^Usage: ", re.MULTILINE), "Utilisation : "),
    (re.compile(r"^(Arguments|Options):$", re.MULTILINE), r"\1 :"),
    (re.compile(r"^Commands:$", re.MULTILINE), "Commandes :"),
    (re.compile(r"COMMAND \[ARGS\]\.\.\."), "COMMANDE [ARGUMENTS]..."),
    (re.compile(r"\[default:(\s+)"), r"[par défaut :\1"),
    (re.compile(r"\[required\]"), "[obligatoire]"),
    (re.compile(r"\[default: ?"), "[par défaut : "),
    (re.compile(r"Show this message and exit\."), HELP_OPTION),
)
# A Python type the parser prints after a name (``CHEMIN <list[Path]>``); choices
# (``<text|json>``) stay. Blanked, not removed, so that the help column stays aligned.
_PYTHON_TYPE = re.compile(r" <[^|<>\s]*>")


def french_help(text: str) -> str:
    text = _PYTHON_TYPE.sub(lambda match: " " * len(match.group()), text)
    for pattern, french in _CHROME:
        text = pattern.sub(french, text)
    return text


class _FrenchHelp:
    """Help screens and the help option's text in French, for a command or a group."""

    def get_help(self, ctx: Any) -> str:
        return french_help(super().get_help(ctx))  # type: ignore[misc]

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION
        return option


class FrenchCommand(_FrenchHelp, typer.core.TyperCommand):
    pass


class FrenchGroup(_FrenchHelp, typer.core.TyperGroup):
    pass


class FrenchTyper(typer.Typer):
    """A ``typer.Typer`` whose commands and groups show French help."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(cls=FrenchGroup, rich_markup_mode=None, **settings)

    def command(self, name: str | None = None, *, cls: Any = None, **settings: Any) -> Any:
        return super().command(name, cls=cls or FrenchCommand, **settings)


def translate_completion_options(command: Any) -> None:
    """The completion options typer adds to the root command, with French help and
    messages; they end the run through ``typer.Exit`` (an exit code ``cli.main`` returns)
    rather than by leaving the process."""
    for parameter in getattr(command, "params", ()):
        if parameter.name == "install_completion":
            parameter.help = INSTALL_COMPLETION
            parameter.callback = _in_french(parameter.callback)
        elif parameter.name == "show_completion":
            parameter.help = SHOW_COMPLETION
            parameter.callback = _in_french(parameter.callback)


_COMPLETION_MESSAGES = (
    (re.compile(r"^(\S+) completion installed in (.+)$", re.MULTILINE), r"complétion \1 installée"
     r" dans \2"),
    (re.compile(r"^Completion will take effect once you restart the terminal$", re.MULTILINE),
     "Elle sera active dans les prochains terminaux ouverts."),
)  # fmt: skip


def _in_french(callback: Any) -> Any:
    def french(ctx: Any, parameter: Any, value: Any) -> Any:
        import contextlib
        import io
        import sys

        if not value or ctx.resilient_parsing:
            return value
        written = io.StringIO()
        code: Any = 0
        with contextlib.redirect_stdout(written):
            try:
                callback(ctx, parameter, value)
            except SystemExit as done:
                code = done.code
        text = written.getvalue()
        for pattern, french_text in _COMPLETION_MESSAGES:
            text = pattern.sub(french_text, text)
        sys.stdout.write(text)
        raise typer.Exit(code if isinstance(code, int) else 1)

    return french
