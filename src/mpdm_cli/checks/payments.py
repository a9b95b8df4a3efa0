"""Payment schedule rules (B): instalments add up, and fall in their year and the term."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from mpdm_cli.checks.base import Finding, rule
from mpdm_cli.checks.context import acts
from mpdm_cli.domain.french import format_money
from mpdm_cli.domain.schedule import Due, by_year
from mpdm_cli.models import Avenant
from mpdm_cli.models.common import Period
from mpdm_cli.models.convention import FundingLine
from mpdm_cli.pipeline.repository import Entry, Repository


def _year_text(year: int | None) -> str:
    return f"pour {year}" if year is not None else "pour toute la durée"


@rule("B009", "versements-egal-montant")
def instalments_add_up(repository: Repository) -> Iterator[Finding]:
    """Les versements d'une année (`versements`) font le montant de cette année.

    Pour chaque année financée qui a des versements, la somme des montants (ou des
    pourcentages du montant de la ligne) est égale au montant de l'année ; un seul versement
    de l'année peut ne porter ni montant ni pourcentage : il reçoit le reste (le solde), qui
    doit être positif. Un versement sans année revient chaque année d'un financement annuel.
    Exemple : 220 000 € par an, un acompte de 50 % et un second versement de 100 000 €.
    """
    for act in acts(repository).values():
        for entry, document in act.documents():
            for index, line in enumerate(document.funding):
                # Said once per instalment, not once per year it recurs in.
                both = [
                    i
                    for i, instalment in enumerate(line.instalments)
                    if instalment.amount is not None and instalment.percentage is not None
                ]
                if both:
                    yield Finding(
                        entry,
                        ("financements", index, "versements", both[0], "pourcentage"),
                        "le versement porte à la fois un montant et un pourcentage : gardez"
                        " l'un des deux",
                    )
                    continue
                for year, items in by_year(line).items():
                    if year is not None and year not in line.years:
                        continue  # B010 reports the year; its sum means nothing
                    yield from _year_adds_up(entry, index, line, year, items)


def _year_adds_up(
    entry: Entry, index: int, line: FundingLine, year: int | None, items: list[Due]
) -> Iterator[Finding]:
    base = ("financements", index, "versements")
    amount_path = ("financements", index, "montant")
    open_ended = [due for due in items if due.amount is None]
    stated = sum((due.amount for due in items if due.amount is not None), Decimal(0))
    expected = line.amount
    related = ((entry, amount_path, f"montant de la ligne : {format_money(expected)}"),)
    if len(open_ended) > 1:
        yield Finding(
            entry,
            (*base, open_ended[1].index, "libelle"),
            f"deux versements {_year_text(year)} sans montant ni pourcentage : un seul peut"
            " recevoir le solde",
            ((entry, (*base, open_ended[0].index, "libelle"), "premier versement sans montant"),),
        )
    elif open_ended and stated >= expected:
        yield Finding(
            entry,
            (*base, open_ended[0].index, "libelle"),
            f"les versements chiffrés {_year_text(year)} font déjà {format_money(stated)} sur"
            f" {format_money(expected)} : il ne reste rien pour ce versement",
            related,
        )
    elif not open_ended and stated != expected:
        yield Finding(
            entry,
            (*base, items[-1].index, _figure_key(items[-1])),
            f"les versements {_year_text(year)} font {format_money(stated)}, le montant de"
            f" l'année est {format_money(expected)}",
            related,
        )


def _figure_key(due: Due) -> str:
    return "pourcentage" if due.instalment.percentage is not None else "montant"


@rule("B010", "versement-dans-annee")
def instalments_in_year_and_term(repository: Repository) -> Iterator[Finding]:
    """Un versement daté tombe dans son année financée et dans la durée de la convention.

    L'année d'un versement (`annee`, ou celle de sa date) est une année du financement ; sa
    date (ou son mois) tombe dans cette année et dans la durée de la convention, avenants
    compris (la période de l'avenant pour un versement qu'un avenant fixe). Sans durée
    connue, seule l'année est vérifiée.
    Exemple : le solde 2024 daté du 15 mars 2025, ou un versement pour 2027 dans une
    convention 2024-2026.
    """
    for act in acts(repository).values():
        for entry, document in act.documents():
            period: Period | None = act.term()
            if isinstance(document, Avenant) and document.period is not None:
                period = document.period
            for index, line in enumerate(document.funding):
                for due in {(d.index, d.year): d for d in _all(line)}.values():
                    yield from _in_year_and_term(entry, index, line, due, period)


def _all(line: FundingLine) -> list[Due]:
    return [due for items in by_year(line).values() for due in items]


def _in_year_and_term(
    entry: Entry, index: int, line: FundingLine, due: Due, period: Period | None
) -> Iterator[Finding]:
    path = ("financements", index, "versements", due.index)
    instalment = due.instalment
    date_key = "date" if instalment.date is not None else "mois"
    if due.year is not None and due.year not in line.years:
        key = "annee" if instalment.year is not None else date_key
        years = ", ".join(str(year) for year in line.years)
        yield Finding(
            entry,
            (*path, key),
            f"versement pour {due.year}, année que ce financement ne couvre pas ({years})",
            ((entry, ("financements", index, "annees"), "années financées"),),
        )
        return
    if due.earliest is None or due.latest is None:
        return
    if due.year is not None and not due.earliest.year == due.latest.year == due.year:
        yield Finding(
            entry,
            (*path, date_key),
            f"versement daté hors de son année financée ({due.year}) : {due.latest.isoformat()}",
        )
        return
    if period is not None and (due.earliest < period.first_day or due.latest > period.last_day):
        yield Finding(
            entry,
            (*path, date_key),
            f"versement daté du {due.latest.isoformat()}, hors de la durée"
            f" ({period.first_day.isoformat()} – {period.last_day.isoformat()})",
        )
