"""The Jinja environments: one per template language, with escaping templates cannot forget.

Every value a template inserts with ``{{ … }}`` goes through ``finalize``, which escapes it
for the template language (Typst markup or Markdown). Values already converted — Markdown prose
through the ``prose`` filter, macro output — are ``Markup`` and pass unchanged. Jinja's
``autoescape`` is switched on only so that macro output is marked as converted: because
``finalize`` always returns ``Markup``, HTML escaping never applies to anything.

Templates given with ``--templates`` may come from a branch under review: every template
runs in Jinja's immutable sandbox, which refuses Python internals (``__class__``…) and
changing the data.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from mpdm_cli.checks.attendance import presence
from mpdm_cli.domain import french
from mpdm_cli.render.formats.tools import Syntax

_PACKAGE = Path(__file__).resolve().parent.parent


def builtin_templates() -> Path:
    """The templates shipped in the package, or the source tree's ``templates/`` when editable."""
    for candidate in (_PACKAGE / "templates", _PACKAGE.parent.parent / "templates"):
        if (candidate / "convention.md.j2").is_file():
            return candidate
    raise FileNotFoundError("modèles de documents introuvables dans l'installation de mpdm")


def _finalizer(escape: Callable[[str], str]) -> Callable[[Any], Markup]:
    def finalize(value: Any) -> Markup:
        if isinstance(value, Markup):
            return value
        if value is None:
            raise TemplateError("valeur vide insérée dans le document (champ absent de l'acte)")
        return Markup(escape(str(value)))

    return finalize


def build_environment(syntax: Syntax, templates: Path | None = None) -> Environment:
    """Jinja environment for ``syntax``; files in ``templates`` override the built-in ones."""
    loaders = [FileSystemLoader(str(templates))] if templates is not None else []
    loaders.append(FileSystemLoader(str(builtin_templates())))
    env = ImmutableSandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=True,
        finalize=_finalizer(syntax.escape),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        date=french.format_date,
        money=french.format_money,
        words=french.amount_in_words,
        number=french.format_number,
        fte=french.format_fte,
        heading=french.article_heading,
        period=lambda p: french.format_period(p.start, p.end),
        prose=lambda text: Markup(syntax.prose(text)),
        dash=lambda value: "—" if value is None else value,
        sentence=lambda text: text[:1].upper() + text[1:],
        attending=lambda deliberation: presence(deliberation).count,
    )
    env.tests["proxy_given"] = lambda member: getattr(member, "proxy_to", None) is not None
    for name, markup in syntax.markup_filters.items():
        env.filters[name] = lambda value, markup=markup: Markup(markup(value))
    return env
