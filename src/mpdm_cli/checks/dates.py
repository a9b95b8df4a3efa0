"""Date rules (D): periods, overlaps, signatures, convocations and the length of a CPO."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from mpdm_cli.checks.base import Finding, rule
from mpdm_cli.checks.context import Act, acts, dated
from mpdm_cli.domain.terms import ends
from mpdm_cli.models import Avenant, Convention, Deliberation, Organisation
from mpdm_cli.models.common import Period
from mpdm_cli.pipeline.diagnostics import Severity
from mpdm_cli.pipeline.repository import Repository

# CGCT L2121-12 (communes of 3 500 inhabitants or more) and L2121-11 (smaller communes);
# L5211-1 applies the first to an EPCI that includes such a commune, the second otherwise.
CONVOCATION_FULL_DAYS = 5
SMALL_COMMUNE_FULL_DAYS = 3
SMALL_COMMUNE_POPULATION = 3500
# Circulaire n° 5811-SG du Premier ministre du 29 septembre 2015: a CPO lasts four years at most.
CPO_MAX_YEARS = 4


def _show(period: Period) -> str:
    return f"{period.start} – {period.end}"


@rule("D001", "debut-avant-fin")
def start_before_end(repository: Repository) -> Iterator[Finding]:
    """Une période commence avant de finir (durée, période d'un avenant, nouvelle durée).

    Les bornes sont comparées telles que l'acte les écrit : une année court du 1er janvier
    au 31 décembre, un mois du premier au dernier jour.
    Exemple : `duree: {debut: 2026-01-01, fin: 2024-12-31}`.
    """
    for entry in repository.entries:
        document = entry.document
        periods: list[tuple[str, Period | None]] = []
        if isinstance(document, Convention):
            periods.append(("duree", document.term))
        if isinstance(document, Avenant):
            periods += [("periode", document.period), ("nouvelle_duree", document.new_term)]
        for key, period in periods:
            if period is not None and period.first_day > period.last_day:
                yield Finding(
                    entry,
                    (key, "fin"),
                    f"la période se termine ({period.end}) avant de commencer ({period.start})",
                    ((entry, (key, "debut"), "début"),),
                )


@rule("D002", "avenant-dans-duree")
def avenant_within_term(repository: Repository) -> Iterator[Finding]:
    """La période d'un avenant est comprise dans la durée de la convention consolidée.

    La durée consolidée est celle de la convention modifiée par les avenants précédents.
    Un avenant qui prolonge expressément la durée (`prolonge_duree: true`) ou en donne une
    nouvelle (`nouvelle_duree`) n'est pas concerné ; sans durée connue, la règle ne
    s'applique pas.
    Exemple : convention 2021-2022, avenant pour 2023 sans prolongation.
    """
    for act in acts(repository).values():
        for position, (entry, avenant) in enumerate(act.avenants):
            if avenant.period is None or avenant.extends_term or avenant.new_term is not None:
                continue
            term = act.term(position)
            if term is None:
                continue
            period = avenant.period
            if term.first_day <= period.first_day and period.last_day <= term.last_day:
                continue
            bound = "debut" if period.first_day < term.first_day else "fin"
            yield Finding(
                entry,
                ("periode", bound),
                f"la période de l'avenant ({_show(period)}) dépasse la durée de la convention"
                f" ({_show(term)})",
                ((act.entry, ("duree",), "durée de la convention"),),
            )


def _effective(act: Act) -> tuple[dt.date, dt.date] | None:
    """First and last day the convention applies, a termination cutting it short."""
    term = act.term()
    if term is None:
        return None
    end = term.last_day
    stops = ends(act.convention)
    if stops is not None:
        if stops <= term.first_day:
            return None  # terminated before it started: nothing to overlap
        end = min(end, stops - dt.timedelta(days=1))
    return term.first_day, end


@rule("D003", "conventions-sans-chevauchement")
def no_overlap(repository: Repository) -> Iterator[Finding]:
    """Deux conventions entre les mêmes parties pour un même dispositif ne se chevauchent pas.

    Une nouvelle convention ne peut prendre effet tant que la précédente court, sauf si
    celle-ci a été dénoncée (`denonciation`) avec effet avant le début du chevauchement.
    Les durées sont celles des conventions consolidées ; les parties doivent être les mêmes.
    Exemple : la convention 2022-2024 de médiation sociale, non dénoncée, et la convention
    2024-2026 entre les mêmes parties.
    """
    groups: dict[tuple[frozenset[str], str], list[tuple[dt.date, dt.date, Act]]] = defaultdict(list)
    for act in acts(repository).values():
        span = _effective(act)
        if span is None:
            continue
        for scheme in act.schemes():
            groups[(act.parties(), scheme)].append((*span, act))
    reported: set[tuple[int, int]] = set()
    for (_, scheme), members in groups.items():
        members.sort(key=lambda member: (member[0], member[1]))
        # A sweep: each convention is compared with the earlier one that runs the longest.
        latest: tuple[dt.date, Act] | None = None
        for start, end, act in members:
            if latest is not None and latest[0] >= start:
                earlier_end, earlier = latest
                if (id(earlier), id(act)) not in reported:
                    reported.add((id(earlier), id(act)))
                    yield Finding(
                        act.entry,
                        ("duree", "debut"),
                        f"la convention commence le {dated(start)} alors que"
                        f" « {earlier.convention.id} » court jusqu'au {dated(earlier_end)}"
                        f" pour le même dispositif ({scheme}) et n'a pas été dénoncée avant",
                        ((earlier.entry, ("duree", "fin"), "fin de la convention précédente"),),
                    )
            if latest is None or end > latest[0]:
                latest = (end, act)


@rule("D004", "deliberation-avant-signature", source="CGCT L2121-29 et L5211-1")
def deliberation_before_signature(repository: Repository) -> Iterator[Finding]:
    """La délibération qui autorise la signature d'une convention est antérieure à celle-ci.

    Le représentant d'une collectivité ne peut signer qu'une fois autorisé par son
    assemblée (CGCT L2121-29, L5211-1) : une signature antérieure à la séance est
    irrégulière. La signature le jour même de la séance est admise. La délibération est
    celle qui autorise la signature (`decisions[].convention`) ou celle que la convention ou
    l'avenant cite pour une partie (`parties[].autorisation`, par identifiant ou par date).
    Exemple : séance du 21 décembre 2023, convention signée le 15 décembre 2023.
    """
    conventions = acts(repository)
    sittings: dict[str, dt.date] = {}
    for entry, deliberation in repository.of_type(Deliberation):
        sitting = deliberation.sitting.date
        sittings.setdefault(deliberation.id, sitting)
        for index, decision in enumerate(deliberation.decisions):
            act = conventions.get(decision.convention or "")
            if act is None or act.convention.signature is None:
                continue
            signed = act.convention.signature.date
            if signed is not None and signed < sitting:
                yield Finding(
                    act.entry,
                    ("signature", "date"),
                    f"convention signée le {dated(signed)}, avant la séance du {dated(sitting)}"
                    " qui en autorise la signature",
                    ((entry, ("decisions", index, "convention"), "délibération qui autorise"),),
                )
    for entry in repository.entries:
        signed_act = entry.document
        if not isinstance(signed_act, Convention | Avenant) or signed_act.signature is None:
            continue
        signed = signed_act.signature.date
        if signed is None:
            continue
        signed_text, pronoun = (
            ("convention signée", "la")
            if isinstance(signed_act, Convention)
            else ("avenant signé", "le")
        )
        for index, party in enumerate(signed_act.parties):
            cited = party.authorisation
            if cited is None:
                continue
            authorised = cited.date
            if cited.deliberation is not None:
                if _names(repository, cited.deliberation, signed_act.id):
                    continue  # reported above, from the délibération
                authorised = sittings.get(cited.deliberation, cited.date)
            if authorised is not None and signed < authorised:
                yield Finding(
                    entry,
                    ("signature", "date"),
                    f"{signed_text} le {dated(signed)}, avant la délibération du"
                    f" {dated(authorised)} qui autorise « {party.organisation} »"
                    f" à {pronoun} signer",
                    ((entry, ("parties", index, "autorisation"), "autorisation citée"),),
                )


def _names(repository: Repository, deliberation: str, convention: str) -> bool:
    """Whether the délibération ``deliberation`` authorises the signature of ``convention``."""
    found = repository.find("deliberation", deliberation)
    document = found.document if found is not None else None
    return isinstance(document, Deliberation) and any(
        decision.convention == convention for decision in document.decisions
    )


@rule("D008", "autorisation-en-blanc", Severity.WARNING)
def blank_authorisation(repository: Repository) -> Iterator[Finding]:
    """L'autorisation de signer qu'un acte cite pour une partie porte sa date ou sa délibération.

    « Autorisé par délibération du … » laissé en blanc dans un projet doit être complété
    avant la signature : sans cette date, rien ne prouve que l'assemblée a autorisé son
    représentant (CGCT L2121-29). S'écrit `autorisation: {date: null}` tant qu'elle manque.
    Exemple : `parties: [{organisation: ville-a, autorisation: {date: null}}]`.
    """
    for entry in repository.entries:
        document = entry.document
        if not isinstance(document, Convention | Avenant):
            continue
        for index, party in enumerate(document.parties):
            cited = party.authorisation
            if cited is not None and cited.deliberation is None and cited.date is None:
                yield Finding(
                    entry,
                    ("parties", index, "autorisation"),
                    f"la délibération qui autorise « {party.organisation} » à signer est"
                    " laissée en blanc (ni date ni identifiant)",
                )


@rule("D005", "date-signature", Severity.WARNING)
def signature_date(repository: Repository) -> Iterator[Finding]:
    """Une convention ou un avenant porte sa date de signature.

    La date de signature fait courir les délais et prouve l'antériorité de la délibération ;
    un acte signé « le     » reste à compléter. Ne s'applique pas aux actes partiels
    (`partielle: true`).
    Exemple : `signature: {lieu: Dijon}` sans `date`.
    """
    for entry in repository.entries:
        document = entry.document
        if isinstance(document, Convention) and document.partial:
            continue
        if not isinstance(document, Convention | Avenant):
            continue
        signature = document.signature
        if signature is None:
            yield Finding(entry, ("id",), "date de signature absente (aucun bloc signature)")
        elif signature.date is None:
            yield Finding(entry, ("signature", "date"), "date de signature laissée en blanc")


@rule("D006", "convocation-jours-francs", source="CGCT L2121-12 et L5211-1")
def convocation_delay(repository: Repository) -> Iterator[Finding]:
    """La convocation est envoyée au moins 5 jours francs avant la séance (3 sous 3 500 habitants).

    Les jours francs ne comptent ni le jour de l'envoi ni celui de la séance. Le délai
    dépend de l'assemblée (`assemblee.organisation`) :
    - commune de 3 500 habitants et plus : 5 jours francs (CGCT L2121-12) ;
    - commune de moins de 3 500 habitants : 3 jours francs (CGCT L2121-11) ; la population
      est celle de l'organisation (`population`), 5 jours si elle n'est pas donnée ;
    - métropole ou intercommunalité : les règles des communes de 3 500 habitants et plus si
      elle comprend au moins une telle commune, celles des communes de moins de 3 500
      habitants sinon (CGCT L5211-1) ; sans `communes_membres` dont la population est
      connue, 5 jours ;
    - département, État, association : la règle ne s'applique pas (autres textes).
    Exemple : convocation le 13 décembre pour le 21 décembre : 7 jours francs (14 au 20) ;
    le 16 décembre n'en laisserait que 4, assez pour une commune de 900 habitants.
    """
    organisations = {o.id: o for _, o in repository.of_type(Organisation)}
    for entry, deliberation in repository.of_type(Deliberation):
        sent = deliberation.convocation
        if sent is None:
            continue
        delay = convocation_full_days(deliberation.assembly.organisation, organisations)
        if delay is None:
            continue
        required, source = delay
        sitting = deliberation.sitting.date
        full_days = (sitting - sent).days - 1
        if full_days < required:
            yield Finding(
                entry,
                ("convocation",),
                f"convocation du {dated(sent)} pour la séance du {dated(sitting)} :"
                f" {max(full_days, 0)} jour(s) franc(s), {required} au moins ({source})",
                ((entry, ("seance", "date"), "date de la séance"),),
            )


def convocation_full_days(
    assembly: str, organisations: dict[str, Organisation]
) -> tuple[int, str] | None:
    """The jours francs an assembly's convocation needs, and why; None if D006 does not apply."""
    organisation = organisations.get(assembly)
    if organisation is None:
        return CONVOCATION_FULL_DAYS, "CGCT L2121-12"
    if organisation.category == "commune":
        if organisation.population is not None and (
            organisation.population < SMALL_COMMUNE_POPULATION
        ):
            return SMALL_COMMUNE_FULL_DAYS, "commune de moins de 3 500 habitants, CGCT L2121-11"
        if organisation.population is None:
            return CONVOCATION_FULL_DAYS, "CGCT L2121-12 ; population de la commune non donnée"
        return CONVOCATION_FULL_DAYS, "commune de 3 500 habitants et plus, CGCT L2121-12"
    if organisation.category in {"metropole", "intercommunalite"}:
        members = [organisations.get(member) for member in organisation.member_communes]
        populations = [m.population if m is not None else None for m in members]
        if any(p is not None and p >= SMALL_COMMUNE_POPULATION for p in populations):
            return (
                CONVOCATION_FULL_DAYS,
                "EPCI comprenant une commune de 3 500 habitants et plus, CGCT L5211-1 et L2121-12",
            )
        if populations and None not in populations:
            return (
                SMALL_COMMUNE_FULL_DAYS,
                "EPCI sans commune de 3 500 habitants, CGCT L5211-1 et L2121-11",
            )
        return CONVOCATION_FULL_DAYS, "CGCT L5211-1 et L2121-12"
    return None


def _is_cpo(convention: Convention) -> bool:
    kind = convention.kind.casefold()
    return "pluriannuelle d'objectifs" in kind.replace("’", "'") or kind.startswith("cpo")


@rule(
    "D007",
    "duree-cpo",
    Severity.WARNING,
    source="circulaire n° 5811-SG du Premier ministre du 29 septembre 2015",
)
def cpo_length(repository: Repository) -> Iterator[Finding]:
    """Une convention pluriannuelle d'objectifs dure au plus quatre ans.

    Circulaire n° 5811-SG du Premier ministre du 29 septembre 2015 : la CPO est conclue
    pour quatre ans au plus. La durée est celle de la convention consolidée.
    Exemple : une CPO du 1er janvier 2024 au 31 décembre 2028 (cinq ans).
    """
    for act in acts(repository).values():
        term = act.term()
        if term is None or not _is_cpo(act.convention):
            continue
        start = term.first_day
        if start.year + CPO_MAX_YEARS > dt.MAXYEAR:
            continue
        limit = (
            start.replace(year=start.year + CPO_MAX_YEARS)
            if not (start.month == 2 and start.day == 29)
            else dt.date(start.year + CPO_MAX_YEARS, 3, 1)
        )
        if term.last_day >= limit:
            yield Finding(
                act.entry,
                ("duree", "fin"),
                f"CPO du {dated(start)} au {dated(term.last_day)} : plus de {CPO_MAX_YEARS} ans",
            )
