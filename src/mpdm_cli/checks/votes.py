"""Attendance and vote rules (V): counts, quorum, proxies and the outcome of the vote."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from mpdm_cli.checks.attendance import Presence, listed_present, presences, proxies_in_force
from mpdm_cli.checks.base import Finding, rule
from mpdm_cli.models import Deliberation
from mpdm_cli.models.deliberation import Absent, Present
from mpdm_cli.pipeline.loading import KeyPath
from mpdm_cli.pipeline.repository import Repository


def _present(deliberation: Deliberation) -> list[tuple[int, str]]:
    return [
        (i, m.person if isinstance(m, Present) else m)
        for i, m in enumerate(deliberation.present.members)
    ]


def _absent(deliberation: Deliberation) -> list[tuple[int, str, str | None]]:
    return [
        (i, m.person, m.proxy_to) if isinstance(m, Absent) else (i, m, None)
        for i, m in enumerate(deliberation.absent.members)
    ]


def _present_count(deliberation: Deliberation, seen: Presence) -> tuple[int, KeyPath] | None:
    """The number present at the item voted and where it is written: the declared count,
    else the list (without those away at this item, with the président counted apart)."""
    if deliberation.present.count is not None:
        return deliberation.present.count, ("presents", "nombre")
    if seen.known:
        return seen.count, ("presents", "liste")
    return None


def _absent_count(deliberation: Deliberation) -> tuple[int, KeyPath]:
    if deliberation.absent.count is not None:
        return deliberation.absent.count, ("absents", "nombre")
    return len(deliberation.absent.members), ("absents", "liste")


def _proxies(deliberation: Deliberation, seen: Presence) -> int:
    """Proxies: the declared number, else those in force at the item voted."""
    if deliberation.proxies is not None:
        return deliberation.proxies
    return seen.proxies


@rule("V001", "presents-plus-absents")
def attendance_adds_up(repository: Repository) -> Iterator[Finding]:
    """Présents et absents font ensemble le nombre de membres en exercice.

    Chaque membre en exercice est soit présent (lui ou son suppléant), soit absent. Le
    nombre retenu est celui que l'extrait déclare, sinon la longueur de la liste ; la règle
    ne s'applique que si le nombre de présents est connu. Un membre listé parmi les
    présents mais arrivé après cette délibération (ou parti avant) compte comme absent ; le
    président compté à part (`president_compte_parmi_presents`) compte parmi les présents.
    Exemple : 86 membres en exercice, 64 présents et 21 absents (85).
    """
    seen_at = presences(repository)
    for entry, deliberation in repository.of_type(Deliberation):
        seen = seen_at[id(deliberation)]
        present = _present_count(deliberation, seen)
        if present is None:
            continue
        absent, absent_path = _absent_count(deliberation)
        in_office = deliberation.membership.in_office
        # Listed members who arrive later or leave earlier are absent from this item.
        away = len(seen.away)
        if in_office not in (present[0] + absent, present[0] + absent + away):
            yield Finding(
                entry,
                ("membres", "en_exercice"),
                f"{present[0]} présents + {absent} absents = {present[0] + absent},"
                f" les membres en exercice sont {in_office}",
                (
                    (entry, present[1], f"présents : {present[0]}"),
                    (entry, absent_path, f"absents : {absent}"),
                ),
            )


@rule("V002", "liste-egale-nombre")
def lists_match_counts(repository: Repository) -> Iterator[Finding]:
    """Les listes de présents et d'absents comptent le nombre que l'extrait déclare.

    Quand des membres arrivent ou partent en cours de séance (`a_partir_de`, `jusqu_a`),
    le nombre peut être celui des présents à cette délibération (si son `numero` est
    connu) ou celui de la liste entière ; le nombre à l'ouverture (`nombre_ouverture`) est
    celui de la liste sans les membres arrivés en cours de séance. Le président compté parmi
    les présents mais nommé à part (`president_compte_parmi_presents: true`) s'ajoute à la
    liste.
    Exemple : `presents: {nombre: 64, liste: [...]}` avec 63 noms dans la liste.
    """
    seen_at = presences(repository)
    for entry, deliberation in repository.of_type(Deliberation):
        seen = seen_at[id(deliberation)]
        absent = len(deliberation.absent.members)
        for key, declared, listed, accepted in (
            (
                "presents",
                deliberation.present.count,
                deliberation.present.members,
                (seen.listed, seen.count),
            ),
            # Those who left (or arrive later) are absent from this item.
            (
                "absents",
                deliberation.absent.count,
                deliberation.absent.members,
                (absent, absent + len(seen.away)),
            ),
        ):
            if declared is None or not listed or declared in accepted:
                continue
            yield Finding(
                entry,
                (key, "nombre"),
                f"{declared} {key} déclarés, la liste en nomme {accepted[0]}",
                ((entry, (key, "liste"), "liste"),),
            )
        opening = deliberation.present.count_at_opening
        if opening is not None and deliberation.present.members and opening != seen.at_opening:
            yield Finding(
                entry,
                ("presents", "nombre_ouverture"),
                f"{opening} présents déclarés à l'ouverture, la liste en nomme {seen.at_opening}"
                " sans ceux qui arrivent en cours de séance (`a_partir_de`)",
                ((entry, ("presents", "liste"), "liste"),),
            )


@rule("V003", "quorum", source="CGCT L2121-17 et L5211-1")
def quorum(repository: Repository) -> Iterator[Finding]:
    """Le quorum est atteint : plus de la moitié des membres en exercice sont présents.

    CGCT L2121-17 (applicable aux métropoles par L5211-1) : les procurations ne comptent pas
    pour le quorum, seuls les présents (ou suppléants) comptent.
    Exemple : 86 membres en exercice, 43 présents : il en faut au moins 44.
    """
    seen_at = presences(repository)
    for entry, deliberation in repository.of_type(Deliberation):
        seen = seen_at[id(deliberation)]
        present = _present_count(deliberation, seen)
        in_office = deliberation.membership.in_office
        if present is None or present[0] * 2 > in_office:
            continue
        yield Finding(
            entry,
            present[1],
            f"quorum non atteint : {present[0]} présents pour {in_office} membres en exercice,"
            f" il en faut au moins {in_office // 2 + 1}",
            ((entry, ("membres", "en_exercice"), "membres en exercice"),),
        )


@rule("V004", "procurations-valides", source="CGCT L2121-20")
def valid_proxies(repository: Repository) -> Iterator[Finding]:
    """Chaque mandant est absent, chaque mandataire présent, et nul ne détient deux pouvoirs.

    CGCT L2121-20 : un membre empêché peut donner pouvoir à un collègue présent ; un même
    membre ne peut détenir qu'un seul pouvoir. Le mandataire doit assister à la délibération
    votée : un membre parti avant elle (`jusqu_a`) ou arrivé après (`a_partir_de`) ne peut
    pas voter pour un autre. Un membre qui quitte la séance peut laisser son pouvoir
    (`procuration_a` dans la liste des présents) : il vaut pour les délibérations suivantes.
    Exemple : Mme KOENDERS donne pouvoir à M. REBSAMEN, qui doit être présent et n'en
    détenir aucun autre.
    """
    seen_at = presences(repository)
    for entry, deliberation in repository.of_type(Deliberation):
        seen = seen_at[id(deliberation)]
        holders: dict[str, list[KeyPath]] = defaultdict(list)
        places = seen.places()
        for proxy in proxies_in_force(deliberation):
            holders[proxy.holder].append(proxy.giver_path)
            if proxy.giver in places:
                yield Finding(
                    entry,
                    proxy.giver_path,
                    f"« {proxy.giver} » donne pouvoir mais figure parmi les présents",
                    ((entry, listed_present(places[proxy.giver]), "présent"),),
                )
            if proxy.holder in seen.away:
                yield Finding(
                    entry,
                    proxy.path,
                    f"le mandataire « {proxy.holder} » n'assiste pas à cette délibération"
                    " (arrivé après ou parti avant)",
                    ((entry, listed_present(seen.away[proxy.holder]), "arrivée ou départ"),),
                )
            elif seen.known and not seen.attends(proxy.holder):
                yield Finding(
                    entry,
                    proxy.path,
                    f"le mandataire « {proxy.holder} » ne figure pas parmi les présents",
                )
        for holder, paths in holders.items():
            for path in paths[1:]:
                yield Finding(
                    entry,
                    (*path, "procuration_a"),
                    f"« {holder} » détient {len(paths)} pouvoirs ; un seul est permis",
                    ((entry, paths[0], "premier pouvoir"),),
                )


@rule("V005", "procurations-declarees")
def declared_proxies(repository: Repository) -> Iterator[Finding]:
    """Le nombre de procurations déclaré est celui des pouvoirs listés parmi les absents.

    S'applique au nombre de procurations de l'extrait (`procurations`) et au « dont N
    procurations » du scrutin (`scrutin.dont_procurations`). Le pouvoir laissé par un
    membre parti avant la délibération compte aussi. Ne s'applique pas quand l'extrait donne
    le nombre d'absents sans leurs noms (ni pouvoir laissé en partant).
    Exemple : « Nombre de procurations : 19 » et 18 absents avec « pouvoir à ».
    """
    seen_at = presences(repository)
    for entry, deliberation in repository.of_type(Deliberation):
        listed = seen_at[id(deliberation)].proxies
        if not deliberation.absent.members and not listed:
            continue  # counts without names: nothing to count the proxies from (as V002)
        for path, declared in (
            (("procurations",), deliberation.proxies),
            (("scrutin", "dont_procurations"), deliberation.vote.proxies),
        ):
            if declared is not None and declared != listed:
                yield Finding(
                    entry,
                    path,
                    f"{declared} procurations déclarées, la liste des absents en donne {listed}",
                    ((entry, ("absents", "liste"), "absents"),),
                )


@rule("V006", "suffrages-egal-votants")
def votes_add_up(repository: Repository) -> Iterator[Finding]:
    """Pour, contre, abstentions et non-participations font présents plus procurations.

    Chaque présent et chaque pouvoir compte une fois dans le scrutin ; les présents sont
    ceux de la délibération votée (arrivées et départs en cours de séance comptés). Ne
    s'applique pas quand les voix pour ne sont pas données (vote noté seulement
    « unanimité ») ; un autre nombre absent compte pour 0.
    Exemple : 74 pour, 0 contre, 5 abstentions, 4 ne se prononcent pas (83) ; 64 présents
    et 19 procurations (83).
    """
    seen_at = presences(repository)
    for entry, deliberation in repository.of_type(Deliberation):
        seen = seen_at[id(deliberation)]
        vote = deliberation.vote
        present = _present_count(deliberation, seen)
        if vote.for_ is None or present is None:
            continue
        cast = vote.for_ + (vote.against or 0) + (vote.abstention or 0) + (vote.not_voting or 0)
        proxies = _proxies(deliberation, seen)
        if cast != present[0] + proxies:
            yield Finding(
                entry,
                ("scrutin", "pour"),
                f"le scrutin compte {cast} voix (pour, contre, abstentions, non-participations),"
                f" présents et procurations font {present[0]} + {proxies} = {present[0] + proxies}",
                (
                    (entry, present[1], f"présents : {present[0]}"),
                    (entry, ("procurations",), f"procurations : {proxies}"),
                ),
            )


@rule("V007", "resultat-majorite", source="CGCT L2121-20")
def outcome_matches(repository: Repository) -> Iterator[Finding]:
    """Le résultat annoncé est celui de la majorité des suffrages exprimés.

    CGCT L2121-20 : les délibérations sont prises à la majorité absolue des suffrages
    exprimés ; abstentions et non-participations ne comptent pas. La délibération est
    adoptée si les voix pour dépassent les voix contre ; en cas de partage, la voix du
    président est prépondérante, et la règle ne se prononce pas.
    Exemple : 10 pour, 12 contre, 30 abstentions et `resultat: adoptee`.
    """
    for entry, deliberation in repository.of_type(Deliberation):
        vote = deliberation.vote
        if vote.outcome is None:
            continue
        if vote.unanimous:
            expected = "adoptee"
        elif vote.for_ is None or vote.against is None or vote.for_ == vote.against:
            continue
        else:
            expected = "adoptee" if vote.for_ > vote.against else "rejetee"
        if vote.outcome != expected:
            yield Finding(
                entry,
                ("scrutin", "resultat"),
                f"résultat annoncé « {vote.outcome} », les suffrages exprimés donnent"
                f" « {expected} » ({vote.for_ or 0} pour, {vote.against or 0} contre)",
            )


@rule("V008", "personne-en-double")
def listed_once(repository: Repository) -> Iterator[Finding]:
    """Une personne figure une seule fois dans les présents et absents d'une séance.

    Un nom présent deux fois, ou à la fois présent et absent, fausse les comptes. Le mandant
    présent est signalé par V004.
    Exemple : `francois-rebsamen` deux fois dans la liste des présents.
    """
    for entry, deliberation in repository.of_type(Deliberation):
        present = _present(deliberation)
        absent = _absent(deliberation)
        names = [person for _, person in present] + [person for _, person, _ in absent]
        if len(set(names)) == len(names):
            continue  # the common case: nobody twice, no paths to build
        seen: dict[str, KeyPath] = {}
        given = {person for _, person, proxy in absent if proxy is not None}
        listed: list[tuple[KeyPath, str]] = [
            (("presents", "liste", i), person) for i, person in present
        ]
        listed += [(("absents", "liste", i), person) for i, person, _ in absent]
        counts = Counter(names)
        for path, person in listed:
            first = seen.setdefault(person, path)
            if first is path or counts[person] < 2:
                continue
            if person in given and first[0] != path[0]:
                continue
            yield Finding(
                entry,
                path,
                f"« {person} » déjà nommé parmi les {first[0]}",
                ((entry, first, "première mention"),),
            )


@rule("V009", "president-secretaire-presents")
def officers_present(repository: Repository) -> Iterator[Finding]:
    """Le président et le secrétaire de séance figurent parmi les présents.

    Celui qui préside ou tient le procès-verbal assiste à la délibération votée. Ne
    s'applique que si la liste des présents est donnée ; un président compté parmi les
    présents mais nommé à part (`president_compte_parmi_presents: true`) est présent.
    Exemple : `secretaire: antoine-hoareau` alors que M. HOAREAU n'est pas dans la liste des
    présents.
    """
    seen_at = presences(repository)
    for entry, deliberation in repository.of_type(Deliberation):
        seen = seen_at[id(deliberation)]
        if not seen.known:
            continue
        for key, label, person in (
            ("president", "le président", deliberation.sitting.president),
            ("secretaire", "le secrétaire", deliberation.sitting.secretary),
        ):
            if seen.attends(person):
                continue
            if person in seen.away:
                yield Finding(
                    entry,
                    ("seance", key),
                    f"{label} de séance « {person} » n'assiste pas à cette délibération"
                    " (arrivé après ou parti avant)",
                    ((entry, listed_present(seen.away[person]), "arrivée ou départ"),),
                )
            else:
                yield Finding(
                    entry,
                    ("seance", key),
                    f"{label} de séance « {person} » ne figure pas parmi les présents",
                    ((entry, ("presents", "liste"), "présents"),),
                )


@rule("V010", "unanimite-sans-contradiction")
def unanimity_matches_tally(repository: Repository) -> Iterator[Finding]:
    """Un vote noté « à l'unanimité » n'est pas contredit par les nombres qui l'accompagnent.

    `unanimite: true` seul (« adopté à l'unanimité », sans nombres) est valide, de même
    qu'avec les seules abstentions (« à l'unanimité des suffrages exprimés, 3 abstentions »).
    Si l'extrait donne des nombres, l'unanimité exige au moins une voix pour et aucune contre
    (CGCT L2121-20 : la délibération est prise à la majorité des suffrages exprimés ;
    abstentions et non-participations n'en sont pas). Un vote « à l'unanimité » annoncé
    rejeté relève de V007.
    Exemple : « à l'unanimité » avec pour 0, contre 0, abstention 0, non-votants 13.
    """
    for entry, deliberation in repository.of_type(Deliberation):
        vote = deliberation.vote
        if not vote.unanimous:
            continue
        if vote.against:
            yield Finding(
                entry,
                ("scrutin", "contre"),
                f"vote noté « à l'unanimité » avec {vote.against} voix contre",
                ((entry, ("scrutin", "unanimite"), "unanimité"),),
            )
        elif vote.for_ == 0:
            yield Finding(
                entry,
                ("scrutin", "pour"),
                "vote noté « à l'unanimité » sans aucune voix pour"
                f" ({vote.abstention or 0} abstentions, {vote.not_voting or 0}"
                " non-participations)",
                ((entry, ("scrutin", "unanimite"), "unanimité"),),
            )
