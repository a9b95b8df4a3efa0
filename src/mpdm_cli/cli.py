"""Command-line entry: answers --version at once, otherwise hands over to typer."""

from __future__ import annotations

import sys

from mpdm_cli import __version__

EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
_VERSION = (["--version"], ["-V"])

# The parser's own usage messages are English; users read French.
_USAGE_MESSAGES = (
    (r"No such option: (\S+)\s+Did you mean (\S+)\?", "option inconnue : {0} ; vouliez-vous"
     " dire {1} ?"),
    (r"No such option: (\S+)\s+\(Possible options: (.+)\)", "option inconnue : {0} ; options"
     " proches : {1}"),
    (r"No such option: (\S+)", "option inconnue : {0}"),
    (r"No such command '(.+)'\.", "commande inconnue : « {0} »"),
    (r"Missing argument '(.+)'\.", "argument manquant : {0}"),
    (r"Missing option '(.+)'\.", "option obligatoire manquante : {0}"),
    (r"Missing parameter: (.+)", "paramètre manquant : {0}"),
    (r"Option '(.+)' requires an argument\.", "l'option {0} attend une valeur"),
    (r"Option '(.+)' requires (\d+) arguments\.", "l'option {0} attend {1} valeurs"),
    (r"Option '(.+)' does not take a value\.", "l'option {0} ne prend pas de valeur"),
    (r"Invalid value for (.+?): (.*)", "valeur invalide pour {0} : {1}"),
    (r"Invalid value: (.*)", "valeur invalide : {0}"),
    (r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)", "argument en trop : {0}"),
)  # fmt: skip
# What a value was refused for, inside "Invalid value for …".
_VALUE_MESSAGES = (
    (r"'(.*)' is not one of (.+?)\.?", "« {0} » n'est pas l'une des valeurs possibles : {1}"),
    (r"invalid choice: (.+?)\. \(choose from (.+)\)", "« {0} » n'est pas l'une des valeurs"
     " possibles : {1}"),
    (r"'?(.*?)'? is not a valid integer(?: range)?\.?", "« {0} » n'est pas un nombre entier"),
    (r"'?(.*?)'? is not a valid (?:float|decimal)\.?", "« {0} » n'est pas un nombre"),
    (r"'?(.*?)'? is not a valid boolean\.?", "« {0} » n'est ni vrai ni faux"),
    (r"(?:File|Directory|Path) '(.+)' does not exist\.?", "« {0} » introuvable"),
)  # fmt: skip


def french_usage(message: str) -> str:
    import re

    for pattern, french in _USAGE_MESSAGES:
        match = re.match(pattern, message, re.DOTALL)
        if match:
            *names, last = [_unquoted(group or "") for group in match.groups()]
            if pattern.startswith("Invalid value"):
                last = _french_value(match.groups()[-1])
            return french.format(*names, last)
    return message


def _unquoted(text: str) -> str:
    """``'--format' / '-f'`` → ``--format / -f``; ``'text', 'json'`` → ``text, json``."""
    import re

    return re.sub(r"'([^']*)'", r"\1", text)


def _french_value(text: str) -> str:
    """Why a value was refused, in French when the parser said it in English."""
    import re

    text = text.removeprefix("Value error, ")
    for pattern, french in _VALUE_MESSAGES:
        match = re.fullmatch(pattern, text, re.DOTALL)
        if match:
            return french.format(*(_unquoted(group) for group in match.groups()))
    return text


def main(argv: list[str] | None = None) -> int:
    """Run mpdm with ``argv`` in this process; return the exit code (0 ok, 1 findings,
    2 usage, 3 internal)."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args in _VERSION:
        print(f"mpdm {__version__}")
        return 0
    debug = "--debug" in args
    _fewer_full_collections()
    _no_pydantic_plugins()
    _closed_streams_to_null()
    _tolerant_streams()
    args = [arg for arg in args if arg != "--debug"]
    try:
        return _run(args)
    except KeyboardInterrupt:
        print("mpdm : interrompu.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 1
    except OSError as error:  # a system refusal no command foresaw: still said in French
        from mpdm_cli.pipeline.oserrors import os_reason

        if debug:
            import traceback

            traceback.print_exc()
        where = f" ({error.filename})" if error.filename else ""
        print(f"mpdm : erreur système{where} : {os_reason(error)}", file=sys.stderr)
        return EXIT_INTERNAL
    except Exception as error:
        if debug:
            import traceback

            traceback.print_exc()
        hint = "" if debug else " Relancez avec --debug pour le détail et signalez-la."
        print(f"mpdm : erreur interne ({_one_line(error)}).{hint}", file=sys.stderr)
        return EXIT_INTERNAL


def _fewer_full_collections() -> None:
    """Process policy, set once here: a run keeps every act's model until the rules that
    cross documents are done, and with the default thresholds the collector scans that
    growing heap in full about twenty times (validating 10 000 generated acts: 1.84× the
    parsing floor, 1.45× with this; see benchmarks/). Cycles are still collected."""
    import gc

    gc.set_threshold(700, 10, 10_000)


def _no_pydantic_plugins() -> None:
    """Process policy: mpdm's models are its own shape checks, not an application that a
    pydantic plugin installed in the same environment (for another tool) should observe
    or slow down; and looking for plugins reads the metadata of every installed
    distribution at the first model built (one act validated in a fresh process: 2 %, more
    in a large environment). Set the way pydantic documents it, unless the user set it:
    ``PYDANTIC_DISABLE_PLUGINS=`` (empty) lets plugins load again."""
    import os

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _one_line(error: BaseException, width: int = 200) -> str:
    """``Type : message`` on one short line, whatever the exception carries."""
    try:
        text = str(error)
    except Exception:  # a broken __str__ must not hide the original error
        text = ""
    text = " ".join(text.split())
    if len(text) > width:
        text = text[:width] + "…"
    return f"{type(error).__name__} : {text}" if text else type(error).__name__


def _closed_streams_to_null() -> None:
    """Started with a closed standard output or error (``mpdm validate >&-``), Python has
    None there: what would be printed is dropped, and the exit code still tells the result."""
    import os

    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (for the run)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


def _tolerant_streams() -> None:
    """Never fail on output: a terminal that cannot show « é » or a file name that is not
    UTF-8 gets an escape (``\\xe9``) instead of an internal error."""
    import contextlib

    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            # A closed or exotic stream is left alone.
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def _run(args: list[str]) -> int:
    import typer

    from mpdm_cli.commands import command_for

    try:
        # Without standalone mode, typer returns the code of a ``typer.Exit``.
        result = command_for(args).main(args, prog_name="mpdm", standalone_mode=False)
    except typer.Exit as done:
        return done.exit_code
    except typer.Abort:
        print("mpdm : interrompu.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:
        if not _is_usage_error(error):
            raise
        if type(error).__name__ == "NoArgsIsHelpError":
            error.show()  # type: ignore[attr-defined]
            return EXIT_USAGE
        context = getattr(error, "ctx", None)
        where = f"{context.command_path} --help" if context else "mpdm --help"
        english = error.format_message()  # type: ignore[attr-defined]
        message = french_usage(english) + _closest_command(english, context)
        print(f"mpdm : {message}\nAide : {where}", file=sys.stderr)
        return EXIT_USAGE
    if result == EXIT_INTERRUPTED:
        # Typer turns Ctrl-C into Exit(130) silently; say why the run stopped.
        print("mpdm : interrompu.", file=sys.stderr)
    return result if isinstance(result, int) else 0


def _closest_command(message: str, context: object) -> str:
    """For an unknown command, the known ones it is closest to (a typo: ``valdate``)."""
    import re

    from mpdm_cli.pipeline.suggestions import closest

    match = re.match(r"No such command '(.+)'\.", message)
    list_commands = getattr(getattr(context, "command", None), "list_commands", None)
    if match is None or list_commands is None:
        return ""
    close = closest(match.group(1), list_commands(context), cutoff=0.6)
    return f" ; vouliez-vous dire : {', '.join(close)} ?" if close else ""


def _is_usage_error(error: Exception) -> bool:
    """A command-line usage error of the parser under typer (click's ``UsageError``), told
    by its public traits: typer exposes no name for the class in every supported release."""
    return getattr(error, "exit_code", None) == EXIT_USAGE and hasattr(error, "format_message")
