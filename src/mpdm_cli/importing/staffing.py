"""What a convention's articles commit, beyond money: each party's commitments, the staff
(ceiling, roles, breakdown by commune) and the recruitments promised."""

from __future__ import annotations

import re
from typing import Any

from mpdm_cli.domain.french import fold, slug
from mpdm_cli.importing.draft import Draft
from mpdm_cli.importing.parties import Known

_COMMITMENTS = re.compile(r"^engagements?\s+(?:de|du|des)\s+(.+)$", re.IGNORECASE)
# "jusqu'à 24", also as signed with a typo ("jussqu’à 24").
_CEILING = re.compile(r"\bju\w*qu['’]?\s*[àa]\s+(\d+)", re.IGNORECASE)
_ROLE = re.compile(
    r"^- (?P<count>\d+)\s+(?P<label>[^:(,;]+?)\s*(?:\((?P<contracts>[^)]*)\))?"
    r"\s*(?:[:,]|$)(?P<rest>.*)$"
)
_SHARE = re.compile(r"(\d+)\s+pour\s+(?:la\s+)?((?:ville|commune)\s+de\s+[\w’'-]+)", re.IGNORECASE)
_RECRUIT = re.compile(r"s['’]engage\s+[àa]\s+recruter\s+(.+?)(?:,\s+en\s|[.;]|$)", re.IGNORECASE)


_FUNDED = re.compile(r"financ\w*\b.{0,120}?\b(\d+)\s+postes?\s+(?:de\s+|d['’])(\w+)", re.IGNORECASE)
_CONDITIONAL = re.compile(
    r"en cas d['’]utilisation|le cas [ée]ch[ée]ant|si besoin|[ée]ventuellement", re.IGNORECASE
)
_COMMITS = re.compile(r"s['’]engage", re.IGNORECASE)
# « intervient dans les quartiers de reconquête républicaine (QRR) suivants : le Mail à
# Chenôve et les Grésilles à Dijon »
_PLACES = re.compile(
    # Bounded gaps: unbounded ones made a long line without a colon quadratic.
    r"\b(?:quartiers?|territoires?)\b[^:]{0,200}?(?:\((?P<label>[A-Z]{2,5})\))?[^:(]{0,100}:"
    r"\s*(?P<list>.+)$",
    re.IGNORECASE,
)
_PLACE = re.compile(r"^(?P<name>(?:le|la|les|l['’])\s*.+?)\s+[àa]\s+(?P<commune>[A-ZÀ-Ý][\w’'-]+)$")


def recognise(
    articles: list[dict[str, Any]], data: dict[str, Any], known: Known, draft: Draft
) -> None:
    commitments = _commitments(articles, known)
    if commitments:
        data["engagements"] = commitments
    staffing = _staffing(articles, known)
    if staffing:
        data["effectifs"] = staffing
        recruitments = _recruitments(articles, staffing, known, draft)
        if recruitments:
            data["recrutements"] = recruitments
        funded = _funded_posts(articles, staffing, known, draft)
        if funded:
            data["postes_finances"] = funded
    territories = _territories(articles, known)
    if territories:
        data["territoires"] = territories


def _commitments(articles: list[dict[str, Any]], known: Known) -> list[dict[str, Any]]:
    """« Article 7 : Engagements des communes de Chenôve et de Dijon » → one per party."""
    found: list[dict[str, Any]] = []
    for article in articles:
        match = _COMMITMENTS.match(article["titre"] or "")
        if match:
            for party in known.organisations.all_mentioned(match[1]):
                found.append({"partie": party, "article": article["numero"]})
    return found


def _staffing(articles: list[dict[str, Any]], known: Known) -> dict[str, Any] | None:
    """« peut comprendre jusqu'à 24 professionnels, dont : - 12 éducateurs de rue : soit 6
    pour la ville de Chenôve et 6 pour la ville de Dijon ; … »."""
    for article in articles:
        text = article["texte"]
        ceiling = _CEILING.search(text)
        roles = [
            _role(m, article["numero"], known) for m in map(_ROLE.match, text.split("\n")) if m
        ]
        if ceiling and roles:
            return {"plafond": int(ceiling[1]), "article": article["numero"], "roles": roles}
    return None


def _role(match: re.Match[str], article: str, known: Known) -> dict[str, Any]:
    label = " ".join(match["label"].split())
    role: dict[str, Any] = {
        "id": slug(label),
        "libelle": label,
        "nombre": int(match["count"]),
        "article": article,
    }
    if match["contracts"]:
        role["contrats"] = [
            part.strip() for part in re.split(r"\s+ou\s+|,\s*", match["contracts"]) if part.strip()
        ]
    shares = []
    for count, commune in _SHARE.findall(match["rest"]):
        organisation = known.organisations.mentioned(commune)
        share: dict[str, Any] = {"nombre": int(count)}
        if organisation:
            share["commune"] = organisation
        shares.append(share)
    if shares:
        role["repartition"] = shares
    return role


def posts(sentence: str, staffing: dict[str, Any] | None) -> dict[str, Any] | None:
    """« financer les 12 postes d'éducateurs … évaluée, sur 12 mois, à 468 000 € »: the posts
    an amount covers, when the role is one of the staff's."""
    match = re.search(r"(\d+)\s+postes?\s+(?:de\s+|d['’])(\w+)", sentence)
    if not match or not staffing:
        return None
    roles = [r["id"] for r in staffing["roles"] if _head(r["libelle"]) == _head(match[2])]
    if len(roles) != 1:
        return None
    months = re.search(r"sur\s+(\d+)\s+mois", sentence)
    found: dict[str, Any] = {"role": roles[0], "nombre": int(match[1])}
    if months:  # else the model's 12 months apply, as the act says nothing
        found["mois"] = int(months[1])
    return found


def _funded_posts(
    articles: list[dict[str, Any]], staffing: dict[str, Any], known: Known, draft: Draft
) -> list[dict[str, Any]]:
    """« L'État s'engage à financer les 12 postes d'éducateurs », « La commune de Chenôve
    s'engage à … permettant … un financement à 100 % des 6 postes de médiateurs sociaux »:
    the funder is the party that commits in the paragraph."""
    found: list[dict[str, Any]] = []
    for article in articles:
        funder: str | None = None
        for block in article["texte"].split("\n"):
            commits = _COMMITS.search(block)
            if commits:
                funder = known.organisations.mentioned(block[: commits.start()]) or funder
            for match in _FUNDED.finditer(block):
                roles = [
                    r["id"] for r in staffing["roles"] if _head(r["libelle"]) == _head(match[2])
                ]
                if funder is None or len(roles) != 1:
                    # Never dropped unsaid: the promise stays in the article, to place by hand.
                    why = "financeur inconnu" if funder is None else "rôle des effectifs incertain"
                    draft.check(
                        ("effectifs",),
                        f"article {article['numero']} : « {match[0].strip()} » non repris dans"
                        f" postes_finances ({why})",
                    )
                    continue
                entry: dict[str, Any] = {"financeur": funder, "role": roles[0]}
                entry["nombre"] = int(match[1])
                if known.organisations.category(funder) == "commune":
                    entry["commune"] = funder
                if _CONDITIONAL.search(block):
                    entry["conditionnel"] = True
                entry["article"] = article["numero"]
                found.append(entry)
    return found


def _territories(articles: list[dict[str, Any]], known: Known) -> list[dict[str, Any]]:
    for article in articles:
        for block in article["texte"].split("\n"):
            match = _PLACES.search(block)
            if not match:
                continue
            places = []
            for part in re.split(r",\s*|\s+et\s+", match["list"].rstrip(" .;")):
                place = _PLACE.match(part.strip())
                if not place:
                    break
                name = place["name"][:1].upper() + place["name"][1:]
                territory: dict[str, Any] = {"nom": name}
                commune = known.organisations.mentioned(f"ville de {place['commune']}")
                if commune:
                    territory["commune"] = commune
                if match["label"]:
                    territory["qualification"] = match["label"]
                places.append(territory)
            else:
                if places:
                    return places
    return []


def _head(label: str) -> str:
    """The noun a role is named by: « médiateurs Sociaux » and « médiateurs en contrats aidés »
    are both « mediateur »."""
    return fold(label).split()[0].rstrip("s")


def _recruitments(
    articles: list[dict[str, Any]], staffing: dict[str, Any], known: Known, draft: Draft
) -> list[dict[str, Any]]:
    """« L'association s'engage à recruter 12 éducateurs de rue et 9 médiateurs Sociaux »."""
    found: list[dict[str, Any]] = []
    for article in articles:
        for match in _RECRUIT.finditer(article["texte"]):
            subject = article["texte"][: match.start()].rsplit(".", 1)[-1]
            by = known.organisations.mentioned(subject)
            for count, label in re.findall(r"(\d+)\s+([^\d,]+?)(?=\s+et\s+\d|,|$)", match[1]):
                roles = [r["id"] for r in staffing["roles"] if _head(r["libelle"]) == _head(label)]
                entry: dict[str, Any] = {"role": roles[0] if len(roles) == 1 else None}
                entry |= {"nombre": int(count), "par": by, "article": article["numero"]}
                if entry["role"] is None:
                    draft.check(
                        ("recrutements", len(found), "role"),
                        f"« {label.strip()} » : rôle des effectifs à choisir",
                    )
                found.append(entry)
    return found
