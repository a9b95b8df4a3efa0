"""Staffing rules (P): breakdowns, ceiling, total, recruitments and funded posts agree."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from mpdm_cli.checks.base import Finding, rule
from mpdm_cli.checks.context import acts, staffing_before
from mpdm_cli.domain.french import format_fte
from mpdm_cli.models.convention import Restatable, Role, Share, Staffing
from mpdm_cli.pipeline.loading import KeyPath
from mpdm_cli.pipeline.repository import Entry, Repository


def _staffed(repository: Repository) -> Iterator[tuple[Entry, Restatable, Staffing]]:
    for entry in repository.entries:
        document = entry.document
        if isinstance(document, Restatable) and document.staffing is not None:
            yield entry, document, document.staffing


def _breakdowns(
    count: int | None, shares: list[Share], path: KeyPath
) -> Iterator[tuple[int, list[Share], KeyPath]]:
    """(stated count, its parts, path of the parts) for a breakdown and every nested one that
    counts heads throughout (one stated in ETP only is checked in ETP)."""
    if shares and count is not None and all(share.count is not None for share in shares):
        yield count, shares, path
    for index, share in enumerate(shares):
        yield from _breakdowns(share.count, share.detail, (*path, index, "detail"))


@rule("P001", "repartition-egale-effectif")
def breakdown_sums(repository: Repository) -> Iterator[Finding]:
    """Une répartition (`repartition`, `detail`) totalise l'effectif qu'elle répartit.

    Chaque rôle annonce un effectif (`nombre`) ; sa répartition par commune ou par mission,
    et chaque sous-répartition (`detail`) d'une part, doivent en faire la somme exacte. De
    même en équivalents temps plein (`etp`), quand le rôle et chacune des parts en donnent.
    Exemple : « 12 médiateurs …, soit 6 pour la ville de Chenôve et 3 pour la ville de
    Dijon » : la répartition totalise 9, l'effectif annoncé est 12.
    """
    for entry, _, staffing in _staffed(repository):
        for role_index, role in enumerate(staffing.roles):
            base: KeyPath = ("effectifs", "roles", role_index)
            for count, shares, path in _breakdowns(
                role.count, role.breakdown, (*base, "repartition")
            ):
                total = sum(share.count or 0 for share in shares)
                if total == count:
                    continue
                parts = " + ".join(str(share.count) for share in shares)
                where = path[:-1]
                yield Finding(
                    entry,
                    (*where, "nombre"),
                    f"la répartition totalise {total} ({parts}), l'effectif annoncé est {count}",
                    (
                        *(
                            (entry, (*path, i, "nombre"), f"part : {share.count}")
                            for i, share in enumerate(shares)
                        ),
                    ),
                )
            yield from _fte_breakdowns(entry, role.fte, role.breakdown, (*base, "repartition"))


def _fte_breakdowns(
    entry: Entry, stated: Decimal | None, shares: list[Share], path: KeyPath
) -> Iterator[Finding]:
    """P001 in full-time equivalents: each breakdown whose parts all state theirs."""
    if stated is not None and shares and all(share.fte is not None for share in shares):
        total = sum((share.fte or Decimal(0) for share in shares), Decimal(0))
        if total != stated:
            parts = " + ".join(format_fte(share.fte or Decimal(0)) for share in shares)
            yield Finding(
                entry,
                (*path[:-1], "etp"),
                f"la répartition totalise {format_fte(total)} ETP ({parts}), le rôle en annonce"
                f" {format_fte(stated)}",
                tuple(
                    (entry, (*path, i, "etp"), f"part : {format_fte(share.fte or Decimal(0))} ETP")
                    for i, share in enumerate(shares)
                ),
            )
    for index, share in enumerate(shares):
        yield from _fte_breakdowns(entry, share.fte, share.detail, (*path, index, "detail"))


def _sum_roles(staffing: Staffing) -> int | None:
    """The head count of the roles; None when one is counted in ETP only."""
    counts = [role.count for role in staffing.roles]
    return None if None in counts else sum(count or 0 for count in counts)


def _role_parts(entry: Entry, staffing: Staffing) -> tuple[tuple[Entry, KeyPath, str], ...]:
    return tuple(
        (entry, ("effectifs", "roles", i, "nombre"), f"{role.label} : {role.count}")
        for i, role in enumerate(staffing.roles)
    )


@rule("P002", "plafond-effectif")
def within_ceiling(repository: Repository) -> Iterator[Finding]:
    """La somme des effectifs des rôles ne dépasse pas le plafond annoncé (`plafond`).

    « Le bataillon peut comprendre jusqu'à 24 professionnels » : les rôles énumérés
    ensuite ne peuvent pas en compter davantage.
    Exemple : `plafond: 24` avec 12 éducateurs et 14 médiateurs (26).
    """
    for entry, _, staffing in _staffed(repository):
        total = _sum_roles(staffing)
        if staffing.ceiling is not None and total is not None and total > staffing.ceiling:
            yield Finding(
                entry,
                ("effectifs", "plafond"),
                f"les rôles totalisent {total}, au-delà du plafond annoncé de {staffing.ceiling}",
                _role_parts(entry, staffing),
            )


@rule("P003", "total-effectif")
def stated_total(repository: Repository) -> Iterator[Finding]:
    """L'effectif total annoncé (`total`) est la somme des effectifs des rôles.

    Un total recopié à la main ne suit pas les rôles quand l'un d'eux change. De même pour
    le total en équivalents temps plein (`total_etp`), quand chaque rôle donne les siens
    (`etp`).
    Exemple : `total: 24` avec 12 éducateurs et 9 médiateurs : les rôles totalisent 21.
    """
    for entry, _, staffing in _staffed(repository):
        total = _sum_roles(staffing)
        if staffing.total is not None and total is not None and total != staffing.total:
            yield Finding(
                entry,
                ("effectifs", "total"),
                f"les rôles totalisent {total}, l'effectif total annoncé est {staffing.total}",
                _role_parts(entry, staffing),
            )
        ftes = [role.fte for role in staffing.roles]
        if staffing.fte_total is None or not ftes or None in ftes:
            continue
        fte = sum((value or Decimal(0) for value in ftes), Decimal(0))
        if fte != staffing.fte_total:
            yield Finding(
                entry,
                ("effectifs", "total_etp"),
                f"les rôles totalisent {format_fte(fte)} ETP, le total annoncé est"
                f" {format_fte(staffing.fte_total)} ETP",
                tuple(
                    (
                        entry,
                        ("effectifs", "roles", i, "etp"),
                        f"{role.label} : {format_fte(value)} ETP",
                    )
                    for i, (role, value) in enumerate(zip(staffing.roles, ftes, strict=True))
                    if value is not None
                ),
            )


Staffed = tuple[Entry, Restatable, tuple[Entry, Staffing] | None]


def _roles_for(repository: Repository) -> Iterator[Staffed]:
    """Each convention and avenant, with the staffing in force for it (its own, or that of
    the acts it amends) and the document that states that staffing."""
    seen: set[int] = set()
    for act in acts(repository).values():
        for entry, document in act.documents():
            seen.add(id(entry))
            yield entry, document, staffing_before(act, entry)
    for entry in repository.entries:
        other = entry.document
        if isinstance(other, Restatable) and id(entry) not in seen:
            own = other.staffing
            yield entry, other, (entry, own) if own is not None else None


def _find_role(staffing: Staffing, role_id: str) -> tuple[int, Role] | None:
    return next(((i, r) for i, r in enumerate(staffing.roles) if r.id == role_id), None)


@rule("P004", "recrutement-egal-effectif")
def recruitments_match(repository: Repository) -> Iterator[Finding]:
    """Un engagement de recrutement (`recrutements`) porte sur l'effectif annoncé du rôle.

    Un article annonce le volume, un autre l'engagement de recruter : les deux chiffres
    doivent concorder.
    Exemple : l'article 3 annonce 12 médiateurs, l'article 8 engage l'association à en
    recruter 9.
    """
    for entry, document, stated in _roles_for(repository):
        if stated is None:
            continue
        where, staffing = stated
        for index, recruitment in enumerate(document.recruitments):
            found = _find_role(staffing, recruitment.role)
            if found is None or found[1].count in (None, recruitment.count):
                continue
            role_index, role = found
            yield Finding(
                entry,
                ("recrutements", index, "nombre"),
                f"{recruitment.count} recrutements promis pour « {role.label} »,"
                f" l'effectif annoncé est {role.count}",
                ((where, ("effectifs", "roles", role_index, "nombre"), "effectif annoncé"),),
            )


@rule("P005", "postes-finances-effectif")
def funded_posts_match(repository: Repository) -> Iterator[Finding]:
    """Les postes dont le financement est promis correspondent aux postes comptés.

    Pour `postes_finances` (conditionnels ou non) : le nombre de postes est la part de la
    commune dans la répartition du rôle (ou l'effectif du rôle si aucune commune n'est
    précisée). Pour les `postes` d'une ligne de financement : l'effectif du rôle.
    Exemple : la commune s'engage à financer « 6 postes de médiateurs sociaux » alors que
    la répartition en affecte 4 à la commune.
    """
    for entry, document, stated in _roles_for(repository):
        if stated is None:
            continue
        where, staffing = stated
        for index, posts in enumerate(document.funded_posts):
            found = _find_role(staffing, posts.role)
            if found is None:
                continue
            role_index, role = found
            role_path: KeyPath = ("effectifs", "roles", role_index)
            if posts.commune is None:
                expected, expected_path = role.count, (*role_path, "nombre")
                label = "effectif du rôle"
            else:
                shares = [
                    (i, s) for i, s in enumerate(role.breakdown) if s.commune == posts.commune
                ]
                if not any(share.commune for share in role.breakdown):
                    continue  # no breakdown by commune to compare with
                if any(s.count is None for _, s in shares):
                    continue  # a share counted in ETP only: no head count to compare
                expected = sum(s.count or 0 for _, s in shares)
                expected_path = (
                    (*role_path, "repartition", shares[0][0], "nombre")
                    if shares
                    else (*role_path, "repartition")
                )
                label = f"part de « {posts.commune} » dans la répartition"
            if expected is not None and expected != posts.count:
                yield Finding(
                    entry,
                    ("postes_finances", index, "nombre"),
                    f"{posts.count} postes de « {role.label} » financés, {label} : {expected}",
                    ((where, expected_path, f"{label} : {expected}"),),
                )
        for index, line in enumerate(document.funding):
            if line.posts is None:
                continue
            found = _find_role(staffing, line.posts.role)
            if found is None or found[1].count in (None, line.posts.count):
                continue
            role_index, role = found
            yield Finding(
                entry,
                ("financements", index, "postes", "nombre"),
                f"{line.posts.count} postes de « {role.label} » financés, l'effectif annoncé"
                f" est {role.count}",
                ((where, ("effectifs", "roles", role_index, "nombre"), "effectif annoncé"),),
            )


@rule("P006", "role-connu")
def known_roles(repository: Repository) -> Iterator[Finding]:
    """Un rôle cité (recrutements, postes financés, postes d'un financement) existe.

    Le rôle doit figurer dans `effectifs.roles` de l'acte, ou de la convention (avenants
    compris) quand l'acte ne redéfinit pas les effectifs. Sans effectifs connus (acte
    partiel), la règle ne s'applique pas.
    Exemple : `role: mediateur` alors que le rôle s'appelle `mediateurs`.
    """
    for entry, document, stated in _roles_for(repository):
        if stated is None:
            continue
        _, staffing = stated
        ids = {role.id for role in staffing.roles}
        cited: list[tuple[KeyPath, str]] = [
            (("recrutements", i, "role"), r.role) for i, r in enumerate(document.recruitments)
        ]
        cited += [
            (("postes_finances", i, "role"), p.role) for i, p in enumerate(document.funded_posts)
        ]
        cited += [
            (("financements", i, "postes", "role"), f.posts.role)
            for i, f in enumerate(document.funding)
            if f.posts is not None
        ]
        for path, role_id in cited:
            if role_id not in ids:
                known = ", ".join(sorted(ids)) or "aucun"
                yield Finding(
                    entry, path, f"rôle « {role_id} » inconnu ; rôles des effectifs : {known}"
                )
