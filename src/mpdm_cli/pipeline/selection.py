"""What ``--select`` and ``--ignore`` accept: a code that can appear in a report, or a family
(the start of such codes: ``R``, ``D1``). Anything else would silently run no rule."""

from __future__ import annotations

from collections.abc import Iterable

from mpdm_cli.pipeline.suggestions import closest


def _names() -> dict[str, str]:
    """Every code validation can report (the catalogue, less what making documents
    reports), with its name."""
    from mpdm_cli.pipeline.catalogue import entries
    from mpdm_cli.pipeline.diagnostics import Stage

    return {entry.code: entry.name for entry in entries() if entry.stage is not Stage.PRODUCTION}


def _rule_codes() -> set[str]:
    from mpdm_cli.checks import RULES

    return {rule.code for rule in RULES}


def unknown_selection(option: str, values: Iterable[str]) -> list[str]:
    """A French message for each value of ``option`` that names no code nor family, with the
    closest known codes; ``--ignore`` cannot take loading and shape codes, which no rule
    raises and no option silences."""
    values = list(values)
    if not values:
        return []  # the common case: nothing to look up, not even the catalogue
    codes = _names()
    families = {code[:length] for code in codes for length in range(1, len(code) + 1)}
    by_name = {name: code for code, name in codes.items()}
    rules = _rule_codes()
    messages = []
    for value in values:
        if option == "--ignore" and value in families:
            if not any(code.startswith(value) for code in rules):
                # A file that cannot be read or has the wrong shape is not checked at all.
                messages.append(
                    f"--ignore {value} : les problèmes de lecture (Y) et de forme (S) ne"
                    " peuvent pas être ignorés, l'acte ne serait pas vérifié"
                )
            continue
        if value in families:
            continue
        if value in by_name:
            hint = f" : c'est le nom de la règle {by_name[value]}, indiquez son code"
        else:
            close = closest(value.upper(), list(codes), cutoff=0.5)
            close += [
                by_name[name]
                for name in closest(value, list(by_name), cutoff=0.6)
                if by_name[name] not in close
            ]
            hint = f" ; codes proches : {', '.join(close)}" if close else ""
        messages.append(
            f"{option} {value} : code ou famille de règles inconnu{hint} (liste : mpdm rules)"
        )
    return messages
