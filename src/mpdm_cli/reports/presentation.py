"""The consolidated convention as rich renderables, for ``mpdm show``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from mpdm_cli.domain.consolidation import Consolidated
from mpdm_cli.domain.french import format_date, format_money
from mpdm_cli.domain.terms import applies_on, ends, yearly_amount, years_due
from mpdm_cli.models.common import Period
from mpdm_cli.pipeline.repository import Repository


def _bound(period: Period) -> str:
    return f"du {format_date(period.first_day)} au {format_date(period.last_day)}"


def consolidated_view(
    repository: Repository, consolidated: Consolidated, at: dt.date | None
) -> Iterator[Any]:
    from rich.table import Table
    from rich.text import Text

    convention = consolidated.convention
    names = repository.organisation_names()
    yield Text(convention.title, style="bold")
    yield Text(f"{convention.id} — {convention.kind}")
    stops = ends(convention)
    if at is None:
        when = "tous avenants appliqués"
    elif applies_on(convention, at):
        when = f"en vigueur le {format_date(at)}"
    else:
        when = f"ne s'applique plus le {format_date(at)} (dénoncée)"
    yield Text(f"Version consolidée : {when}", style="dim")
    yield Text(f"Durée : {_bound(convention.term) if convention.term else 'inconnue'}")
    if stops is not None:
        yield Text(
            f"Dénoncée : cesse de s'appliquer le {format_date(stops)} (financements retirés à"
            " partir de cette date)",
            style="yellow",
        )
    if consolidated.applied:
        applied = ", ".join(f"n° {a.number} ({a.id})" for a in consolidated.applied)
        yield Text(f"Avenants appliqués : {applied}")
    else:
        yield Text("Avenants appliqués : aucun")

    funding = Table("Année", "Financeur", "Dispositif", "Nature", "Montant", title="Financements")
    by_year: dict[int, list[tuple[str, str, str, Decimal | None]]] = {}
    for line in convention.funding:
        for year in years_due(convention, line):
            by_year.setdefault(year, []).append(
                (names.get(line.funder, line.funder), line.scheme, line.nature, yearly_amount(line))
            )
    for year in sorted(by_year):
        total = Decimal(0)
        for funder, scheme, nature, amount in sorted(by_year[year], key=lambda r: r[:3]):
            shown = format_money(amount) if amount is not None else "(total pluriannuel)"
            funding.add_row(*map(Text, (str(year), funder, scheme, nature, shown)))
            total += amount or Decimal(0)
        funding.add_row(
            "", "", "", Text("total", style="bold"), Text(format_money(total), style="bold")
        )
    totals = [line for line in convention.funding if yearly_amount(line) is None]
    for line in totals:
        years = ", ".join(str(y) for y in years_due(convention, line))
        if not years:
            continue
        cells = (years, names.get(line.funder, line.funder), line.scheme, line.nature)
        funding.add_row(*map(Text, (*cells, f"{format_money(line.amount)} au total")))
    yield funding if by_year else Text("Financements : aucun")

    staffing = convention.staffing
    if staffing is None:
        yield Text("Effectifs : non précisés")
        return
    table = Table("Rôle", "Effectif", "Répartition", "Contrats", title="Effectifs")
    for role in staffing.roles:
        parts = ", ".join(
            f"{share.count} {_where(share.commune, share.mission, names)}".strip()
            for share in role.breakdown
        )
        row = (role.label, str(role.count), parts, ", ".join(role.contracts))
        table.add_row(*map(Text, row))  # Text: words from the acts are not rich markup
    yield table
    if staffing.ceiling is not None:
        yield Text(f"Plafond : jusqu'à {staffing.ceiling}")
    if staffing.total is not None:
        yield Text(f"Total annoncé : {staffing.total}")


def _where(commune: str | None, mission: str | None, names: dict[str, str]) -> str:
    if commune is not None:
        return names.get(commune, commune)
    return mission or ""
