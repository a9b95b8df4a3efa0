"""SCDL open-data exports: subsidies (Subventions 2.1.1) and council decisions (Délibérations
2.1.5), as CSV rows built from the consolidated acts.

Data a format requires and an act does not carry (a SIRET, a signature date…) is reported as a
French problem naming the document; it is never written as an empty cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from mpdm_cli.domain.consolidation import consolidate
from mpdm_cli.domain.terms import committed_spans
from mpdm_cli.models import Convention, Deliberation, Organisation
from mpdm_cli.models.common import first_day, last_day
from mpdm_cli.pipeline.diagnostics import Diagnostic, Location, make
from mpdm_cli.pipeline.repository import Repository, per_repository

SUBSIDY_FIELDS: tuple[str, ...] = (
    "nomAttribuant",
    "idAttribuant",
    "dateConvention",
    "referenceDecision",
    "nomBeneficiaire",
    "idBeneficiaire",
    "rnaBeneficiaire",
    "objet",
    "montant",
    "nature",
    "conditionsVersement",
    "datesPeriodeVersement",
    "idRAE",
    "notificationUE",
    "pourcentageSubvention",
    "dispositifAide",
)

DELIBERATION_FIELDS: tuple[str, ...] = (
    "COLL_NOM",
    "COLL_SIRET",
    "DELIB_ID",
    "DELIB_DATE",
    "DELIB_MATIERE_CODE",
    "DELIB_MATIERE_NOM",
    "DELIB_OBJET",
    "BUDGET_ANNEE",
    "BUDGET_NOM",
    "PREF_ID",
    "PREF_DATE",
    "VOTE_EFFECTIF",
    "VOTE_REEL",
    "VOTE_POUR",
    "VOTE_CONTRE",
    "VOTE_ABSTENTION",
    "DELIB_URL",
)

# ACTES nomenclature, level 2: "7 Finances locales / 7.5 Subventions".
ACTES_SUBSIDIES = ("7.5", "finances locales/subventions")
OBJECT_MAX = 256

Row = dict[str, str]


@dataclass(frozen=True)
class Export:
    """The rows, or the data the format requires and the acts lack (E001, located)."""

    rows: list[Row]
    problems: list[Diagnostic]


def to_csv(fields: tuple[str, ...], rows: list[Row]) -> str:
    """UTF-8 text, comma separated, quoted only when needed, ``\\n`` line ends."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _amount(value: Decimal) -> str:
    return format(value, "f")


class _Organisations:
    """Looks organisations up and collects what the export misses about them."""

    def __init__(self, repository: Repository, problems: list[Diagnostic]) -> None:
        self.repository = repository
        self.problems = problems
        self.reported: set[tuple[str, str]] = set()

    def get(self, identifier: str, cited_at: Location) -> Organisation | None:
        organisation = self.repository.organisation(identifier)
        if organisation is None:
            self._report(identifier, f"organisation « {identifier} » introuvable", cited_at)
        return organisation

    def siret(self, identifier: str, role: str, cited_at: Location) -> str | None:
        organisation = self.get(identifier, cited_at)
        if organisation is None:
            return None
        if organisation.siret is None:
            entry = self.repository.find("organisation", identifier)
            self._report(
                identifier,
                f"l'organisation « {organisation.name} » ({identifier}), {role}, n'a pas de"
                ' SIRET : ajoutez « siret: "…" » (14 chiffres) à son fichier',
                entry.at("id") if entry is not None else cited_at,
            )
        return organisation.siret

    def _report(self, identifier: str, message: str, where: Location) -> None:
        if (identifier, message) not in self.reported:
            self.reported.add((identifier, message))
            self.problems.append(make("E001", message, where))


def _authorising(
    repository: Repository, convention: Convention, funder: str, beneficiary: str, year: int
) -> str:
    """The funder's first délibération that authorises this convention or this year's
    payment."""
    labels, by_convention, by_payment = _authorisations(repository)
    hits = [
        found
        for found in (
            by_convention.get((funder, convention.id)),
            by_payment.get((funder, year, beneficiary)),
        )
        if found is not None
    ]
    return labels[min(hits)] if hits else ""


@per_repository
def _authorisations(
    repository: Repository,
) -> tuple[list[str], dict[tuple[str, str], int], dict[tuple[str, int, str], int]]:
    """Each délibération's label, and which one first approves a convention or authorises
    a payment, per funder: one pass instead of one per row exported."""
    labels: list[str] = []
    by_convention: dict[tuple[str, str], int] = {}
    by_payment: dict[tuple[str, int, str], int] = {}
    for index, (_, deliberation) in enumerate(repository.of_type(Deliberation)):
        labels.append(deliberation.number or deliberation.id)
        funder = deliberation.assembly.organisation
        for decision in deliberation.decisions:
            if decision.convention is not None:
                by_convention.setdefault((funder, decision.convention), index)
            paid = decision.authorisation
            if paid is not None and paid.funder == funder:
                by_payment.setdefault((funder, paid.year, paid.beneficiary), index)
    return labels, by_convention, by_payment


def subsidies(repository: Repository) -> Export:
    """One row per convention, funder, beneficiary and year: the subsidies committed."""
    problems: list[Diagnostic] = []
    organisations = _Organisations(repository, problems)
    totals: dict[tuple[str, str, str, int, int], Decimal] = defaultdict(Decimal)
    conventions: dict[str, Convention] = {}
    funding_at: dict[str, Location] = {}
    for entry, original in repository.asked_of_type(Convention):
        convention = consolidate(repository, original).convention
        lines = [line for line in convention.funding if line.nature == "subvention"]
        if not lines:
            continue
        conventions[convention.id] = convention
        funding_at[convention.id] = entry.at("financements", key=True)
        if convention.signature is None or convention.signature.date is None:
            where = entry.at("signature", "date") if convention.signature else entry.at("id")
            problems.append(
                make(
                    "E001",
                    f"la convention « {convention.id} » n'a pas de date de signature"
                    " (signature.date), exigée par le format (dateConvention)",
                    where,
                )
            )
        for line in lines:
            for start, end in committed_spans(convention, line):
                key = (convention.id, line.funder, line.beneficiary, start, end)
                totals[key] += line.amount
    rows: list[Row] = []
    for (convention_id, funder, beneficiary, start, end), amount in sorted(totals.items()):
        convention = conventions[convention_id]
        cited_at = funding_at[convention_id]
        funder_siret = organisations.siret(funder, "financeur", cited_at)
        beneficiary_siret = organisations.siret(beneficiary, "bénéficiaire", cited_at)
        payer = organisations.get(funder, cited_at)
        payee = organisations.get(beneficiary, cited_at)
        signed = convention.signature.date if convention.signature else None
        if None in (funder_siret, beneficiary_siret, payer, payee, signed):
            continue
        assert payer is not None and payee is not None and signed is not None
        rows.append(
            {
                "nomAttribuant": payer.name,
                "idAttribuant": str(funder_siret),
                "dateConvention": signed.isoformat(),
                "referenceDecision": _authorising(
                    repository, convention, funder, beneficiary, start
                ),
                "nomBeneficiaire": payee.name,
                "idBeneficiaire": str(beneficiary_siret),
                "rnaBeneficiaire": "",
                "objet": _object(convention, start, end),
                "montant": _amount(amount),
                "nature": "aide en numéraire",
                # Free descriptions (the format's "autre"): the acts state no schedule.
                "conditionsVersement": (
                    "versement annuel" if start == end else "montant global pour la période"
                ),
                "datesPeriodeVersement": _period(convention, start, end),
                "idRAE": "",
                "notificationUE": "non",
                "pourcentageSubvention": "1",
                "dispositifAide": "",
            }
        )
    return Export(rows, problems)


def _object(convention: Convention, start: int, end: int) -> str:
    years = str(start) if start == end else f"{start}-{end}"
    text = f"{convention.title} ({years})"
    return text if len(text) <= OBJECT_MAX else text[: OBJECT_MAX - 1] + "…"


def _period(convention: Convention, start: int, end: int) -> str:
    """The years paid, within the convention's term when it starts or ends inside them."""
    first, last = dt.date(start, 1, 1), dt.date(end, 12, 31)
    if convention.term is not None:
        first = max(first, first_day(convention.term.start))
        last = min(last, last_day(convention.term.end))
        if first > last:
            first, last = dt.date(start, 1, 1), dt.date(end, 12, 31)
    return f"{first.isoformat()}/{last.isoformat()}"


def deliberations(repository: Repository) -> Export:
    """One row per délibération about subsidies (ACTES 7.5)."""
    problems: list[Diagnostic] = []
    organisations = _Organisations(repository, problems)
    rows: list[Row] = []
    entries = sorted(
        repository.asked_of_type(Deliberation), key=lambda pair: (pair[1].sitting.date, pair[1].id)
    )
    for entry, deliberation in entries:
        if not _about_subsidies(repository, deliberation):
            problems.append(
                make(
                    "E001",
                    f"la délibération « {deliberation.id} » n'autorise aucune subvention : sa"
                    " matière ACTES (DELIB_MATIERE_CODE) ne peut pas être déduite ; seules les"
                    " subventions (7.5) sont exportées",
                    entry.at("id"),
                )
            )
            continue
        collectivity = deliberation.assembly.organisation
        cited_at = entry.at("assemblee", "organisation")
        siret = organisations.siret(collectivity, "collectivité délibérante", cited_at)
        organisation = organisations.get(collectivity, cited_at)
        if siret is None or organisation is None:
            continue
        row: Row = {
            "COLL_NOM": organisation.name,
            "COLL_SIRET": siret,
            "DELIB_ID": deliberation.number or deliberation.id,
            "DELIB_DATE": deliberation.sitting.date.isoformat(),
            "DELIB_MATIERE_CODE": ACTES_SUBSIDIES[0],
            "DELIB_MATIERE_NOM": ACTES_SUBSIDIES[1],
            "DELIB_OBJET": " ".join(deliberation.subject.title.split()),
            # The acts name the budget year but not the budget: the format wants both or none.
            "BUDGET_ANNEE": "",
            "BUDGET_NOM": "",
            "PREF_ID": "",
            "PREF_DATE": "",
            "DELIB_URL": "",
        }
        row.update(_votes(deliberation))
        rows.append(row)
    return Export(rows, problems)


def _about_subsidies(repository: Repository, deliberation: Deliberation) -> bool:
    for decision in deliberation.decisions:
        if decision.authorisation is not None and decision.authorisation.nature == "subvention":
            return True
        if decision.convention is not None:
            entry = repository.find("convention", decision.convention)
            document = entry.document if entry is not None else None
            if isinstance(document, Convention) and any(
                line.nature == "subvention" for line in document.funding
            ):
                return True
    return False


def _votes(deliberation: Deliberation) -> Row:
    """Vote counts, all or none (the format's rule); VOTE_REEL = pour + contre + abstention."""
    vote = deliberation.vote
    if vote.for_ is None:
        # "Unanimité" without figures: the counts are not in the act.
        return dict.fromkeys(
            ("VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION"), ""
        )
    against, abstention = vote.against or 0, vote.abstention or 0
    return {
        "VOTE_EFFECTIF": str(deliberation.membership.in_office),
        "VOTE_REEL": str(vote.for_ + against + abstention),
        "VOTE_POUR": str(vote.for_),
        "VOTE_CONTRE": str(against),
        "VOTE_ABSTENTION": str(abstention),
    }
