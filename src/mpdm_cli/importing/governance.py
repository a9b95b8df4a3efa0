"""Governance bodies (comité de pilotage, comité technique) and the public a convention aims at."""

from __future__ import annotations

import re
from typing import Any

from mpdm_cli.domain.french import fold
from mpdm_cli.importing.parties import Known

_BODY = re.compile(
    r"\b(comit[ée]\s+(?:de\s+pilotage|technique|de\s+suivi|de\s+coordination)|commission\s+de\s+suivi)",
    re.IGNORECASE,
)
_MEETS = re.compile(r"\bse\s+r[ée]unit\s+(.+?)\.?$", re.IGNORECASE)
_PURPOSE = re.compile(r"\b(?:constitu[ée]|cr[ée][ée])\s+afin\s+d['’]\s*(.+?)\.", re.IGNORECASE)
_INLINE_MEMBERS = re.compile(
    r"\bcompos[ée]\s+(des?|du)\s+(.+?)(?:,\s+auxquels|\.|$)", re.IGNORECASE
)
_LEADING = re.compile(r"^(?:du|de\s+la|de\s+l['’]|des|de)\s+", re.IGNORECASE)
_PUBLIC = re.compile(
    r"\b((?:jeunes|enfants|adolescents|public)\s+(?:âgés\s+)?de\s+(\d+)\s+[àa]\s+(\d+)\s+ans)",
    re.IGNORECASE,
)


def recognise(articles: list[dict[str, Any]], data: dict[str, Any], known: Known) -> None:
    bodies: list[dict[str, Any]] = []
    for article in articles:
        _bodies(article, known, bodies)
    if bodies:
        data["instances"] = bodies
    for article in articles:
        match = _PUBLIC.search(article["texte"])
        if match:
            data["public"] = {
                "age_min": int(match[2]),
                "age_max": int(match[3]),
                "description": match[1],
            }
            break


def _bodies(article: dict[str, Any], known: Known, bodies: list[dict[str, Any]]) -> None:
    """Paragraph by paragraph: a body named, then its members, duties and meetings."""
    current: dict[str, Any] | None = None
    expecting: str | None = None
    for block in article["texte"].split("\n\n"):
        if block.startswith("- "):
            items = [_item(line) for line in block.split("\n")]
            if current is not None and expecting == "membres":
                current["membres"] = [_member(item, known) for item in items]
            elif current is not None and expecting == "attributions":
                current["attributions"] = items
            expecting = None
            continue
        named = _BODY.search(block)
        if named:
            name = " ".join(named[1].split()).lower()
            current = next((b for b in bodies if b["nom"] == name), None)
            if current is None:
                current = {"nom": name, "article": article["numero"]}
                bodies.append(current)
        if current is None:
            continue
        folded = fold(block)
        if block.rstrip().endswith(":"):
            expecting = "membres" if "compose" in folded else "attributions"
        meets = _MEETS.search(block)
        if meets:
            current["frequence"] = meets[1]
        purpose = _PURPOSE.search(block)
        if purpose:
            current.setdefault("attributions", []).append(purpose[1])
        inline = _INLINE_MEMBERS.search(block)
        if inline and not block.rstrip().endswith(":"):
            current["membres"] = _inline_members(inline[1], inline[2], known)


def _item(line: str) -> str:
    return line.removeprefix("- ").strip().rstrip(",.;").strip()


def _member(text: str, known: Known) -> dict[str, Any]:
    title = _LEADING.sub("", text)
    member: dict[str, Any] = {"qualite": title}
    organisation = known.organisations.mentioned(title)
    if organisation:
        member["organisation"] = organisation
    return member


def _inline_members(first: str, text: str, known: Known) -> list[dict[str, Any]]:
    """« composé des représentants de l’État, de Dijon métropole, des communes et de
    l’Association … »: each part takes the head noun of the first (« représentants »)."""
    parts = re.split(r",\s*|\s+et\s+(?=(?:de|des|du)\b)", text)
    head_match = re.match(r"(\S+)\s+((?:de\s+la|de\s+l['’]|des|du|de)\s*)", parts[0])
    members = [_member(f"{first} {parts[0]}", known)]
    for part in parts[1:]:
        title = f"{head_match[1]} {part.strip()}" if head_match else part.strip()
        members.append(_member(title, known))
    return members
