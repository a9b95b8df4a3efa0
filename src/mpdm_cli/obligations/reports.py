"""Reports owed on dates: those the acts set, and the compte rendu financier the law sets
six months after each subsidised year (loi n° 2000-321, art. 10)."""

from __future__ import annotations

import datetime as dt

from mpdm_cli.checks.context import Act
from mpdm_cli.models import Deliberation
from mpdm_cli.models.common import last_day
from mpdm_cli.models.convention import Restatable
from mpdm_cli.obligations.model import CRF_SOURCE, Maker, Obligation
from mpdm_cli.pipeline.repository import Entry, Repository

REPORT_WORDS = {
    "compte-rendu-financier": "compte rendu financier",
    "bilan-activite": "bilan d'activité",
    "evaluation": "évaluation",
    "rapport": "rapport",
}


def stated_reports(base: Maker, entry: Entry, document: Restatable) -> list[Obligation]:
    found: list[Obligation] = []
    for index, report in enumerate(document.reports):
        year = f" {report.year}" if report.year is not None else ""
        found.append(
            base.make(
                entry,
                ("rapports", index, "echeance"),
                date=last_day(report.due),
                kind=report.kind,
                key=f"{report.by}-{report.year or last_day(report.due).isoformat()}",
                title=f"{report.label or REPORT_WORDS[report.kind]}{year}",
                debtor=(report.by,),
                creditors=tuple(report.to),
                article=report.article,
                year=report.year,
            )
        )
    return found


def financial_reports(act: Act, base: Maker, last: dt.date | None) -> list[Obligation]:
    """The compte rendu financier of each subsidised year, due six months after its end
    (loi n° 2000-321, art. 10) unless the act sets its own date for it."""
    stated = {
        (report.by, report.year)
        for _, document in act.documents()
        for report in document.reports
        if report.kind == "compte-rendu-financier"
    }
    found: dict[tuple[str, str, int], Obligation] = {}
    for entry, document in act.documents():
        for index, line in enumerate(document.funding):
            if line.nature != "subvention":
                continue
            for year in line.years:
                if last is not None and year > last.year:
                    continue  # the convention ended before this year
                if (line.beneficiary, year) in stated:
                    continue
                key = (line.beneficiary, line.funder, year)
                # An avenant restating a year replaces the convention's line: keep the last.
                found[key] = base.make(
                    entry,
                    ("financements", index, "annees"),
                    date=dt.date(year + 1, 6, 30),
                    kind="compte-rendu-financier",
                    key=f"{line.beneficiary}-{line.funder}-{year}",
                    title=f"compte rendu financier {year} de la subvention (financeur :"
                    f" {base.names.get(line.funder, line.funder)}, CERFA n° 15059)",
                    debtor=(line.beneficiary,),
                    creditors=(line.funder,),
                    article=line.article,
                    derived_from=CRF_SOURCE,
                    year=year,
                )
    return list(found.values())


def authorised_reports(
    repository: Repository, found: list[Obligation], names: dict[str, str]
) -> list[Obligation]:
    """The compte rendu financier of a subsidy a délibération grants for a year that no
    convention in the repository states (a convention known only by its délibération)."""
    known = {(o.debtor, o.creditors, o.year) for o in found if o.kind == "compte-rendu-financier"}
    extra: list[Obligation] = []
    granted: set[tuple[str, str, int]] = set()
    for entry, deliberation in repository.of_type(Deliberation):
        for index, decision in enumerate(deliberation.decisions):
            grant = decision.authorisation
            if grant is None or grant.nature != "subvention":
                continue
            if ((grant.beneficiary,), (grant.funder,), grant.year) in known:
                continue  # a convention's compte rendu covers it
            if (grant.scheme, grant.funder, grant.year) in granted:
                continue
            granted.add((grant.scheme, grant.funder, grant.year))
            extra.append(
                Obligation(
                    date=dt.date(grant.year + 1, 6, 30),
                    act=deliberation.id,
                    kind="compte-rendu-financier",
                    key=f"{grant.beneficiary}-{grant.funder}-{grant.scheme}-{grant.year}",
                    title=f"compte rendu financier {grant.year} de la subvention {grant.scheme}"
                    f" (financeur : {names.get(grant.funder, grant.funder)}, CERFA n° 15059)",
                    source=(entry, ("decisions", index, "versement", "annee")),
                    debtor=(grant.beneficiary,),
                    creditors=(grant.funder,),
                    schemes=(grant.scheme,),
                    parties=(grant.funder, grant.beneficiary),
                    derived_from=CRF_SOURCE,
                    year=grant.year,
                )
            )
    return extra
