"""Budget rules (B): totals, per-post envelopes, amounts, years, and the délibérations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from mpdm_cli.checks.base import Finding, rule
from mpdm_cli.checks.context import (
    Act,
    Commitment,
    CoverKey,
    acts,
    categories,
    commitments_by_year,
    covering,
    covering_acts,
)
from mpdm_cli.domain.french import amount_in_words, format_money, words_key
from mpdm_cli.domain.terms import line_total, mean_yearly_amount, yearly_amount, years_due
from mpdm_cli.models import Deliberation
from mpdm_cli.models.convention import Restatable
from mpdm_cli.models.deliberation import Authorisation
from mpdm_cli.pipeline.diagnostics import Severity
from mpdm_cli.pipeline.loading import KeyPath
from mpdm_cli.pipeline.repository import Entry, Repository

# Loi n° 2000-321, art. 10, and décret n° 2001-495: above this yearly amount, a convention.
SUBSIDY_THRESHOLD = Decimal(23000)


@rule("B001", "total-egal-somme")
def declared_totals(repository: Repository) -> Iterator[Finding]:
    """Un total annoncé (`totaux`) est égal à la somme des financements qu'il couvre.

    Le total couvre les lignes de `financements` du même acte, limitées au `financeur` et à
    l'`annee` du total quand ils sont précisés. Une ligne annuelle compte une fois par année
    couverte (une fois seulement si le total précise l'année). Un total recopié à la main se
    trompe facilement quand une ligne change.
    Exemple : `totaux: [{montant: 342000, financeur: ville-de-dijon}]` alors que les lignes
    de la Ville de Dijon font 121 000 € + 1 000 € par an sur trois ans.
    """
    for entry, document in repository.of_type(Restatable):
        for index, total in enumerate(document.totals):
            shares: list[tuple[int, Decimal]] = []
            computed = Decimal(0)
            for line_index, line in enumerate(document.funding):
                if total.funder is not None and line.funder != total.funder:
                    continue
                if total.year is not None and total.year not in line.years:
                    continue
                share = line_total(line) if total.year is None else yearly_amount(line)
                if share is None:
                    break  # a multi-year total cannot be split into one year
                computed += share
                shares.append((line_index, share))
            else:
                if computed != total.amount:
                    # Amounts are written only here: Babel costs ~75 µs each, on every line.
                    parts: tuple[tuple[Entry, KeyPath, str], ...] = tuple(
                        (entry, ("financements", line, "montant"), f"ligne : {format_money(share)}")
                        for line, share in shares
                    )
                    yield Finding(
                        entry,
                        ("totaux", index, "montant"),
                        f"le total annoncé est {format_money(total.amount)}, les lignes de"
                        f" financement qu'il couvre totalisent {format_money(computed)}",
                        parts,
                    )


# Months in each period an envelope per post may be stated for.
_PERIOD_MONTHS = {"mois": 1, "trimestre": 3, "annee": 12}
_PERIOD_NAMES = {
    "mois": ("mois", "mois"),
    "trimestre": ("trimestre", "trimestres"),
    "annee": ("an", "ans"),
}


@rule("B002", "enveloppe-par-poste", Severity.WARNING)
def post_envelopes(repository: Repository) -> Iterator[Finding]:
    """Une enveloppe par poste (montant ÷ postes ÷ périodes) tombe juste au centime.

    Quand un financement précise les postes qu'il couvre (`postes`), le coût d'un poste par
    période (`par` : mois par défaut, trimestre ou annee) doit s'écrire en euros et
    centimes, et la durée couverte (`mois`) compter un nombre entier de ces périodes ;
    sinon le montant a sans doute été mal recopié. Les adultes-relais, par exemple, sont
    aidés par poste et par trimestre.
    Exemple : 468 000 € pour 12 postes sur 12 mois font 3 250 € par poste et par mois ;
    468 001 € ne tomberait pas juste.
    """
    for entry, document in repository.of_type(Restatable):
        for index, line in enumerate(document.funding):
            posts = line.posts
            if posts is None or posts.count <= 0 or posts.months <= 0:
                continue
            length = _PERIOD_MONTHS[posts.per]
            one, many = _PERIOD_NAMES[posts.per]
            if posts.months % length:
                yield Finding(
                    entry,
                    ("financements", index, "postes", "mois"),
                    f"enveloppe par poste et par {one} sur {posts.months} mois : ce n'est pas"
                    f" un nombre entier de {many}",
                )
                continue
            periods = posts.months // length
            divisor = posts.count * periods
            if _cents(line.amount) % divisor != 0:
                each = f"{line.amount / divisor:.4f}".replace(".", ",")
                span = f"{periods} {many if periods > 1 else one}"
                yield Finding(
                    entry,
                    ("financements", index, "montant"),
                    f"{format_money(line.amount)} pour {posts.count} postes sur {span}"
                    f" font {each} € par poste et par {one} : ce n'est pas un nombre entier de"
                    " centimes",
                    ((entry, ("financements", index, "postes"), "postes couverts"),),
                )


def _cents(amount: Decimal) -> int:
    """The amount in cents, exactly (Decimal arithmetic would round past 28 digits)."""
    sign, digits, exponent = amount.as_tuple()
    assert isinstance(exponent, int)  # amounts are finite (see models.common)
    value = int("".join(map(str, digits)) or "0")
    shift = exponent + 2
    value = value * int(10**shift) if shift >= 0 else value // int(10**-shift)
    return -value if sign else value


@rule("B003", "montant-positif")
def positive_amounts(repository: Repository) -> Iterator[Finding]:
    """Tout montant (financement, total, versement autorisé) est strictement positif.

    Un montant nul ou négatif n'engage rien : c'est une erreur de saisie.
    Exemple : `montant: 0` dans une ligne de `financements`.
    """
    for entry in repository.entries:
        document = entry.document
        amounts: list[tuple[KeyPath, Decimal]] = []
        if isinstance(document, Restatable):
            amounts += [
                (("financements", i, "montant"), f.amount) for i, f in enumerate(document.funding)
            ]
            amounts += [(("totaux", i, "montant"), t.amount) for i, t in enumerate(document.totals)]
        if isinstance(document, Deliberation):
            amounts += [
                (("decisions", i, "versement", "montant"), d.authorisation.amount)
                for i, d in enumerate(document.decisions)
                if d.authorisation is not None
            ]
        for path, amount in amounts:
            if amount <= 0:
                yield Finding(
                    entry, path, f"montant {format_money(amount)} : attendu un montant positif"
                )


@rule("B004", "annee-dans-duree")
def years_in_term(repository: Repository) -> Iterator[Finding]:
    """Les années d'un financement sont dans la durée de la convention (avenants compris).

    Une convention ne peut engager de dépense hors de sa durée ; un avenant qui finance une
    année de plus doit aussi prolonger la durée (`nouvelle_duree`). Sans durée connue, la
    règle ne s'applique pas.
    Exemple : une convention 2024-2026 avec `annees: [2024, 2025, 2026, 2027]`.
    """
    for act in acts(repository).values():
        term = act.term()
        if term is None:
            continue
        for entry, document in act.documents():
            first, last = term.first_day.year, term.last_day.year
            for index, line in enumerate(document.funding):
                outside = [year for year in line.years if not first <= year <= last]
                if outside:
                    years = ", ".join(str(year) for year in outside)
                    yield Finding(
                        entry,
                        ("financements", index, "annees"),
                        f"année(s) {years} hors de la durée de la convention ({first}-{last})",
                        ((act.entry, ("duree",), "durée de la convention"),),
                    )


def _key(authorisation: Authorisation) -> tuple[str, str, str, str, int]:
    a = authorisation
    return (a.funder, a.beneficiary, a.scheme, a.nature, a.year)


def _candidates(
    conventions: dict[str, Act],
    index: dict[CoverKey, list[tuple[Act, frozenset[int]]]],
    named: list[str],
    key: tuple[str, str, str, str, int],
) -> list[Act]:
    """The conventions a délibération's payment relates to: those it names, else any
    convention between the same funder and beneficiary covering that year and scheme."""
    if named:
        return [conventions[name] for name in named if name in conventions]
    funder, beneficiary, scheme, _, year = key
    return covering_acts(index, (funder, beneficiary, scheme), year)


@rule("B005", "deliberation-egale-convention")
def authorised_equals_committed(repository: Repository) -> Iterator[Finding]:
    """Le montant qu'une délibération autorise est celui que la convention engage.

    Pour chaque versement autorisé (`decisions[].versement`), la convention approuvée par la
    délibération (`decisions[].convention`), ou à défaut toute convention entre le même
    financeur et le même bénéficiaire couvrant cette année et ce dispositif, doit engager
    le même montant pour le même financeur, bénéficiaire, dispositif, nature et année : le
    total de l'année, ou celui de certaines de ses lignes (une délibération peut n'autoriser
    que la subvention annuelle et laisser une subvention d'équipement à une autre). Les
    conventions partielles sans financement connu sont ignorées.
    Exemple : la délibération autorise 220 000 € pour 2024, la convention prévoit 225 000 €.
    """
    conventions = acts(repository)
    cover = covering(repository)
    by_year: dict[int, dict[int, list[Commitment]]] = {}
    for entry, deliberation in repository.of_type(Deliberation):
        named = [d.convention for d in deliberation.decisions if d.convention is not None]
        authorised: dict[tuple[str, str, str, str, int], list[int]] = defaultdict(list)
        for index, decision in enumerate(deliberation.decisions):
            if decision.authorisation is not None:
                authorised[_key(decision.authorisation)].append(index)
        for key, indexes in authorised.items():
            amount = sum((_amount(deliberation, i) for i in indexes), start=Decimal(0))
            candidates = [
                act
                for act in _candidates(conventions, cover, named, key)
                if not (act.convention.partial and not any(d.funding for _, d in act.documents()))
            ]
            if not candidates:
                continue
            related: list[tuple[Entry, KeyPath, str]] = []
            committed_amounts: list[str] = []
            agrees = False
            for act in candidates:
                lines = [
                    c
                    for c in _memo(by_year, act).get(key[4], [])
                    if (c.line.funder, c.line.beneficiary, c.line.scheme, c.line.nature) == key[:4]
                ]
                if any(c.yearly is None for c in lines):
                    agrees = True  # a multi-year total says nothing about one year
                    break
                committed = sum((c.yearly or Decimal(0) for c in lines), start=Decimal(0))
                if committed == amount or _some_lines_make(amount, [c.yearly for c in lines]):
                    agrees = True
                    break
                related += [
                    (c.entry, c.path, f"convention : {format_money(c.line.amount)}") for c in lines
                ]
                if not lines:
                    related.append((act.entry, ("financements",), "convention : aucune ligne"))
                committed_amounts.append(format_money(committed))
            if agrees:
                continue
            yield Finding(
                entry,
                ("decisions", indexes[0], "versement", "montant"),
                f"la délibération autorise {format_money(amount)} pour {key[4]} ({key[2]}),"
                f" la convention engage {' ou '.join(committed_amounts)}",
                tuple(related),
            )


# Beyond this many lines for one year, only the year's total is compared (2^n subsets).
_MAX_LINES_FOR_SUBSETS = 10


def _some_lines_make(amount: Decimal, yearly: list[Decimal | None]) -> bool:
    """Whether some of the year's lines add up to ``amount``: a délibération may authorise
    one payment (the yearly subsidy) and leave another (an equipment grant) to a later one."""
    values = [value for value in yearly if value is not None]
    if len(values) > _MAX_LINES_FOR_SUBSETS:
        return False
    sums = {Decimal(0)}
    for value in values:
        sums |= {total + value for total in sums}
    return amount in sums - {Decimal(0)}


def _memo(cache: dict[int, dict[int, list[Commitment]]], act: Act) -> dict[int, list[Commitment]]:
    if id(act) not in cache:
        cache[id(act)] = commitments_by_year(act)
    return cache[id(act)]


def _amount(deliberation: Deliberation, index: int) -> Decimal:
    authorisation = deliberation.decisions[index].authorisation
    return authorisation.amount if authorisation is not None else Decimal(0)


@rule(
    "B006",
    "subvention-sans-convention",
    Severity.WARNING,
    source="loi n° 2000-321 du 12 avril 2000, art. 10 ; décret n° 2001-495 du 6 juin 2001",
)
def subsidy_needs_convention(repository: Repository) -> Iterator[Finding]:
    """Une subvention de plus de 23 000 € par an, autorisée par délibération, a sa convention.

    Loi n° 2000-321 du 12 avril 2000, art. 10, et décret n° 2001-495 : au-delà de
    23 000 € par an, l'autorité qui attribue une subvention conclut une convention avec
    l'organisme qui la reçoit. Avertissement quand aucune convention du dépôt (nommée par
    la délibération, ou entre les mêmes parties pour ce dispositif et cette année) ne
    correspond.
    Exemple : une délibération autorise 280 000 € pour 2024 et aucune convention n'existe.
    """
    conventions = acts(repository)
    cover = covering(repository)
    for entry, deliberation in repository.of_type(Deliberation):
        named = [d.convention for d in deliberation.decisions if d.convention is not None]
        for position, decision in enumerate(deliberation.decisions):
            authorisation = decision.authorisation
            if authorisation is None or authorisation.nature != "subvention":
                continue
            if authorisation.amount <= SUBSIDY_THRESHOLD:
                continue
            if _candidates(conventions, cover, named, _key(authorisation)):
                continue
            if any(name in repository.unreadable_ids for name in named):
                continue  # the convention exists but failed to load: reported there
            yield Finding(
                entry,
                ("decisions", position, "versement", "montant"),
                f"subvention de {format_money(authorisation.amount)} pour {authorisation.year}"
                " (plus de 23 000 €) : aucune convention correspondante dans le dépôt",
            )


@rule(
    "B007",
    "subvention-sans-deliberation",
    Severity.WARNING,
    source="loi n° 2000-321 du 12 avril 2000, art. 10",
)
def subsidy_needs_deliberation(repository: Repository) -> Iterator[Finding]:
    """Une subvention de plus de 23 000 € par an d'une collectivité a sa délibération.

    Loi n° 2000-321 du 12 avril 2000, art. 10 : la subvention conventionnée d'une
    collectivité (pas de l'État) est attribuée par son assemblée. Avertissement quand le
    dépôt ne contient aucune délibération du financeur qui approuve la convention
    (`decisions[].convention`) ou autorise le versement de cette année. Les conventions
    partielles (`partielle: true`), connues par un autre acte, ne sont pas vérifiées. Un
    montant total sur plusieurs années compte pour sa moyenne annuelle : l'acte ne le répartit
    pas, mais une année au moins atteint cette moyenne. Les années qu'une dénonciation
    retire ne sont pas dues.
    Exemple : la Ville de Dijon verse 121 000 € par an, aucune délibération de la Ville.
    """
    kinds = categories(repository)
    approving: dict[str, set[str]] = defaultdict(set)
    paid: set[tuple[str, str, str, str, int]] = set()
    for _, deliberation in repository.of_type(Deliberation):
        funder = deliberation.assembly.organisation
        for decision in deliberation.decisions:
            if decision.convention is not None:
                approving[decision.convention].add(funder)
            if decision.authorisation is not None:
                paid.add(_key(decision.authorisation))
    for act in acts(repository).values():
        if act.convention.partial:
            continue
        for entry, document in act.documents():
            for index, line in enumerate(document.funding):
                if line.nature != "subvention" or kinds.get(line.funder, "etat") == "etat":
                    continue
                if line.funder in approving.get(act.convention.id, set()):
                    continue
                yearly = mean_yearly_amount(line)
                if yearly <= SUBSIDY_THRESHOLD:
                    continue
                missing = [
                    year
                    for year in years_due(act.convention, line)
                    if (line.funder, line.beneficiary, line.scheme, line.nature, year) not in paid
                ]
                if missing:
                    years = ", ".join(str(year) for year in missing)
                    yield Finding(
                        entry,
                        ("financements", index, "montant"),
                        f"subvention de {format_money(yearly)} par an"
                        f"{'' if yearly_amount(line) is not None else ' en moyenne'}"
                        f" de « {line.funder} » : aucune"
                        f" délibération de ce financeur ne l'autorise dans le dépôt ({years})",
                    )


@rule("B008", "montant-en-lettres")
def amounts_in_words(repository: Repository) -> Iterator[Finding]:
    """Un montant écrit en chiffres et en lettres (`montant_en_lettres`) dit la même somme.

    Quand l'acte donne les deux, ils doivent s'accorder (en cas de désaccord, lequel fait
    foi est un litige, pas une saisie) ; le montant en chiffres est écrit en lettres et
    comparé au texte sans tenir compte des majuscules, des traits d'union (orthographe de
    1990 ou non), des marques du pluriel ni de l'unité (« euros », « d'euros »).
    Exemple : `montant: 26000` et `montant_en_lettres: vingt-sept mille euros`.
    """
    for entry in repository.entries:
        document = entry.document
        written: list[tuple[KeyPath, Decimal, str | None]] = []
        if isinstance(document, Restatable):
            written += [
                (("financements", i), f.amount, f.amount_in_words)
                for i, f in enumerate(document.funding)
            ]
            written += [
                (("totaux", i), t.amount, t.amount_in_words) for i, t in enumerate(document.totals)
            ]
        if isinstance(document, Deliberation):
            written += [
                (
                    ("decisions", i, "versement"),
                    d.authorisation.amount,
                    d.authorisation.amount_in_words,
                )
                for i, d in enumerate(document.decisions)
                if d.authorisation is not None
            ]
        for path, amount, words in written:
            if words is None:
                continue
            expected = amount_in_words(amount)
            if words_key(words) != words_key(expected):
                yield Finding(
                    entry,
                    (*path, "montant_en_lettres"),
                    f"en lettres « {words[:120]} », en chiffres {format_money(amount)}"
                    f" (« {expected} »)",
                    ((entry, (*path, "montant"), "montant en chiffres"),),
                )
