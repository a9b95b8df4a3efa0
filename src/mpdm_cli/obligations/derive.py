"""Every obligation the acts state or the law derives from them, with its source line."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from mpdm_cli.checks.context import Act, acts
from mpdm_cli.domain.schedule import by_year
from mpdm_cli.domain.terms import ends
from mpdm_cli.models import Avenant, Convention
from mpdm_cli.models.common import Period
from mpdm_cli.models.convention import FundingLine
from mpdm_cli.obligations.model import Maker, Obligation
from mpdm_cli.obligations.reports import (
    REPORT_WORDS,
    authorised_reports,
    financial_reports,
    stated_reports,
)
from mpdm_cli.pipeline.repository import Entry, Repository

ONE_DAY = dt.timedelta(days=1)
# (report kind, financed year, organisation it is owed to or "") → (due date, legal source)
Reports = dict[tuple[str, int, str], tuple[dt.date, str | None]]


def obligations(repository: Repository) -> list[Obligation]:
    """All of them, sorted by date (renewals need the window: see ``renewals``)."""

    names = repository.organisation_names()
    found: list[Obligation] = []
    for act in acts(repository).values():
        found += _of_act(act, names)
    found += authorised_reports(repository, found, names)
    return sorted(found)


def effective_end(act: Act) -> tuple[dt.date, Entry, tuple[str | int, ...]] | None:
    """The last day the act is in force and where that is written: the day before its
    dénonciation takes effect, else the end of its term, else the end of its last avenant."""
    stops = ends(act.convention)
    if stops is not None:
        return stops - ONE_DAY, act.entry, ("denonciation", "effet")
    term = act.term()
    if term is not None:
        where = act.entry, ("duree", "fin")
        for entry, avenant in act.avenants:
            if avenant.new_term is not None:
                where = entry, ("nouvelle_duree", "fin")
        return term.last_day, *where
    periods = [(entry, a.period) for entry, a in act.avenants if a.period is not None]
    if periods:
        entry, period = max(periods, key=lambda pair: pair[1].last_day)
        return period.last_day, entry, ("periode", "fin")
    return None


def _of_act(act: Act, names: dict[str, str]) -> list[Obligation]:
    convention = act.convention
    base = Maker(act, names)
    found: list[Obligation] = []
    found += _ends(act, base)
    found += _blank_signatures(act, base)
    found += _blank_authorisations(act, base)
    end = effective_end(act)
    last = end[0] if end is not None else None
    for entry, document in act.documents():
        found += stated_reports(base, entry, document)
    found += financial_reports(act, base, last)
    # When each report of a year is due (stated, or derived from the law): instalments
    # paid « après le compte rendu financier » are listed on that day.
    reports: Reports = {}
    for o in found:
        if o.kind in REPORT_WORDS and o.year is not None:
            for creditor in o.creditors or ("",):
                reports[(o.kind, o.year, creditor)] = (o.date, o.derived_from)
    for entry, document in act.documents():
        for index, line in enumerate(document.funding):
            found += _instalments(base, entry, index, line, last, reports)
    if convention.termination is None:
        found += _notice_deadlines(act, base)
    return found


def _name(document: Convention | Avenant) -> str:
    if isinstance(document, Avenant):
        return f"l'avenant n° {document.number}"
    return "la convention"


def _ends(act: Act, base: Maker) -> list[Obligation]:
    found: list[Obligation] = []
    termination, stops = act.convention.termination, ends(act.convention)
    if termination is not None and stops is not None:
        by = " et ".join(base.names.get(o, o) for o in termination.by)
        day = stops - ONE_DAY
        found.append(
            base.make(
                act.entry,
                ("denonciation", "effet"),
                date=day,
                kind="denonciation",
                key="effet",
                title=f"fin anticipée de la convention, dénoncée par {by} (effet :"
                f" {termination.effective}) : dernier jour",
            )
        )
    else:
        end = effective_end(act)
        if end is not None and act.term() is not None:
            day, entry, path = end
            found.append(
                base.make(
                    entry,
                    path,
                    date=day,
                    kind="fin-de-duree",
                    key="convention",
                    title="fin de la convention",
                )
            )
    for entry, avenant in act.avenants:
        if avenant.period is not None:
            found.append(
                base.make(
                    entry,
                    ("periode", "fin"),
                    date=avenant.period.last_day,
                    kind="fin-de-duree",
                    key=f"avenant-{avenant.number}",
                    title=f"fin de la période de l'avenant n° {avenant.number}",
                )
            )
    return found


def _starts(act: Act, entry: Entry, document: Convention | Avenant) -> dt.date | None:
    period: Period | None = document.period if isinstance(document, Avenant) else act.term()
    return period.first_day if period is not None else None


def _blank_signatures(act: Act, base: Maker) -> list[Obligation]:
    """A signature block whose date is blank: to fill before the act takes effect."""
    found: list[Obligation] = []
    documents: list[tuple[Entry, Convention | Avenant]] = [(act.entry, act.convention)]
    documents += list(act.avenants)
    for entry, document in documents:
        signature = document.signature
        if signature is None or signature.date is not None:
            continue
        if isinstance(document, Convention) and document.partial:
            continue
        start = _starts(act, entry, document)
        if start is None:
            continue
        key = f"avenant-{document.number}" if isinstance(document, Avenant) else "convention"
        found.append(
            base.make(
                entry,
                ("signature", "date"),
                date=start,
                kind="a-completer",
                key=f"signature-{key}",
                title=f"date de signature de {_name(document)} laissée en blanc (à signer"
                " avant sa prise d'effet)",
                debtor=tuple(p.organisation for p in document.parties),
                pending=True,
                derived_from="déduit : date laissée en blanc ; un acte se signe avant le début"
                " de sa période",
            )
        )
    return found


def _blank_authorisations(act: Act, base: Maker) -> list[Obligation]:
    """« Autorisé par délibération du … » left blank: the party's assembly must have voted
    before the signature, so the date is to fill by the start of the act."""
    found: list[Obligation] = []
    documents: list[tuple[Entry, Convention | Avenant]] = [(act.entry, act.convention)]
    documents += list(act.avenants)
    for entry, document in documents:
        start = _starts(act, entry, document)
        if start is None:
            continue
        key = f"avenant-{document.number}" if isinstance(document, Avenant) else "convention"
        for index, party in enumerate(document.parties):
            granted = party.authorisation
            if granted is None or granted.deliberation is not None or granted.date is not None:
                continue
            found.append(
                base.make(
                    entry,
                    ("parties", index, "autorisation"),
                    date=start,
                    kind="a-completer",
                    key=f"autorisation-{key}-{party.organisation}",
                    title=f"délibération autorisant la signature de {_name(document)} :"
                    " date laissée en blanc",
                    debtor=(party.organisation,),
                    pending=True,
                    derived_from="déduit : date laissée en blanc ; la délibération qui autorise"
                    " la signature la précède (CGCT L2121-29)",
                )
            )
    return found


def _instalments(
    base: Maker,
    entry: Entry,
    index: int,
    line: FundingLine,
    last: dt.date | None,
    reports: Reports,
) -> list[Obligation]:
    """Dated instalments, and those paid once a report is in: listed on that report's date."""
    found: list[Obligation] = []
    for year_of, items in by_year(line).items():
        stated = sum((d.amount for d in items if d.amount is not None), Decimal(0))
        for due in items:
            instalment = due.instalment
            day, derived, key_path = due.latest, None, "date"
            if instalment.date is None:
                key_path = "mois" if instalment.month is not None else "apres"
            if day is None and instalment.after is not None and year_of is not None:
                day, derived = reports.get(
                    (instalment.after, year_of, line.funder),
                    reports.get((instalment.after, year_of, ""), (None, None)),
                )
            if day is None:
                continue  # paid on a condition the acts do not date
            if last is not None and (year_of or day.year) > last.year:
                continue  # the convention ended before this year
            amount = due.amount if due.amount is not None else line.amount - stated
            year = f" {year_of}" if year_of is not None else ""
            condition = f" ({instalment.condition})" if instalment.condition else ""
            if instalment.after is not None and due.latest is None:
                condition += f", versable après le {REPORT_WORDS[instalment.after]}{year}"
            found.append(
                base.make(
                    entry,
                    ("financements", index, "versements", due.index, key_path),
                    date=day,
                    kind="versement",
                    key=f"{line.funder}-{line.scheme}-{line.nature}-{due.year}-{due.index}",
                    title=f"{instalment.label}{year} de la {line.nature} ({line.scheme})"
                    f"{condition}",
                    debtor=(line.funder,),
                    creditors=(line.beneficiary,),
                    article=line.article,
                    amount=amount,
                    derived_from=derived,
                    year=year_of,
                )
            )
    return found


def _notice_deadlines(act: Act, base: Maker) -> list[Obligation]:
    """With a notice period, the last day to dénoncer the convention before each new year."""
    term = act.term()
    notice = None
    where: tuple[Entry, tuple[str | int, ...]] | None = None
    for entry, document in act.documents():
        if document.notice is not None:
            notice, where = document.notice, (entry, ("preavis_denonciation", "mois"))
    if term is None or notice is None or where is None:
        return []
    found: list[Obligation] = []
    for year in range(term.first_day.year + 1, term.last_day.year + 1):
        effect = dt.date(year, 1, 1)
        month = effect.month - notice.months
        year_of, month_of = year + (month - 1) // 12, (month - 1) % 12 + 1
        deadline = dt.date(year_of, month_of, 1)
        found.append(
            base.make(
                where[0],
                where[1],
                date=deadline,
                kind="preavis",
                key=str(year),
                title=f"dernier jour pour dénoncer la convention au 1er janvier {year}"
                f" (préavis de {notice.months} mois)",
                debtor=base.parties,
                article=notice.article,
            )
        )
    return found
