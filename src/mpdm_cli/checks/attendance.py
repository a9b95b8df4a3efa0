"""Who attends the item voted: arrivals, departures and the proxies of those not there."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mpdm_cli.models import Deliberation
from mpdm_cli.models.deliberation import Absent, Present
from mpdm_cli.pipeline.loading import KeyPath
from mpdm_cli.pipeline.repository import Repository, per_repository


def item_number(number: str | None) -> int | None:
    """The item number of a délibération (``22``, ``DM-2023-022`` → 22), if it has one."""
    digits = re.findall(r"[0-9]+", number or "")
    return int(digits[-1]) if digits else None


def _away(member: Present, item: int | None) -> bool:
    """Whether a listed member is absent from item ``item``: arrives after it, or left before.

    ``a_partir_de: 22`` attends from item 22 on; ``jusqu_a: 21`` attends up to item 21.
    """
    if item is None:
        return False
    arrives, leaves = item_number(member.from_item), item_number(member.until_item)
    return (arrives is not None and arrives > item) or (leaves is not None and leaves < item)


def listed_present(index: int) -> KeyPath:
    """The path of the ``index``-th item of the list of présents."""
    return ("presents", "liste", index)


@dataclass(frozen=True, slots=True)
class Proxy:
    """A proxy in force at the item: who gave it, who holds it, where it is written (the
    list and the index of the giver's item; paths are built when a finding needs them)."""

    giver: str
    holder: str
    section: str  # the list the giver is in: ``presents`` or ``absents``
    index: int

    @property
    def giver_path(self) -> KeyPath:
        """The list item of the giver."""
        return (self.section, "liste", self.index)

    @property
    def path(self) -> KeyPath:
        """The ``procuration_a`` key."""
        return (self.section, "liste", self.index, "procuration_a")


@dataclass(frozen=True, slots=True)
class Presence:
    """Attendance at the item voted (the whole sitting when the item number is unknown)."""

    # Item by item of the présents list (``listed_present``): the person, None if away at
    # this item. Kept for every délibération of a run: a tuple, not a dict.
    here: tuple[str | None, ...]
    attending: int  # how many different persons ``here`` names
    away: dict[str, int]  # listed present, but not at this item → index in the list
    proxies: int  # how many are in force at the item (``proxies_in_force`` lists them)
    president: str | None  # the président, when counted in the number but listed apart
    late: int  # listed members who arrive during the sitting (``a_partir_de``)

    @property
    def count(self) -> int:
        """How many attend the item, the président counted apart included."""
        return self.attending + (self.president is not None)

    @property
    def listed(self) -> int:
        """How many the whole list of présents names, the président counted apart included."""
        return self.attending + len(self.away) + (self.president is not None)

    @property
    def at_opening(self) -> int:
        """How many the list says attend the opening: all but those who arrive later."""
        return self.listed - self.late

    @property
    def known(self) -> bool:
        """Whether the extract says who is present (a list, or the président apart)."""
        return bool(self.attending or self.away) or self.president is not None

    def attends(self, person: str) -> bool:
        return person in self.here or person == self.president

    def places(self) -> dict[str, int]:
        """Person → their item in the présents list (first mention), for those who attend:
        made when a rule looks up many persons, not kept."""
        places: dict[str, int] = {}
        for index, person in enumerate(self.here):
            if person is not None:
                places.setdefault(person, index)
        return places


def presence(deliberation: Deliberation) -> Presence:
    item = item_number(deliberation.number)
    here: list[str | None] = []
    away: dict[str, int] = {}
    for index, member in enumerate(deliberation.present.members):
        if isinstance(member, str):
            here.append(member)
        elif _away(member, item):
            here.append(None)
            away.setdefault(member.person, index)
        else:
            here.append(member.person)
    apart = deliberation.sitting.president if deliberation.present.president_counted else None
    late = sum(1 for m in deliberation.present.members if isinstance(m, Present) and m.from_item)
    attending = len(set(here) - {None})
    proxies = len(proxies_in_force(deliberation))
    return Presence(tuple(here), attending, away, proxies, apart, late)


def proxies_in_force(deliberation: Deliberation) -> list[Proxy]:
    """The proxies in force at the item voted: those of the absents, and those left by
    members listed present who are away at this item (left before it, or arrive after).

    Listed anew when asked (V004), not kept for every délibération with its presence."""
    item = item_number(deliberation.number)
    proxies = [
        Proxy(member.person, member.proxy_to, "presents", index)
        for index, member in enumerate(deliberation.present.members)
        if isinstance(member, Present) and member.proxy_to is not None and _away(member, item)
    ]
    proxies += [
        Proxy(absent.person, absent.proxy_to, "absents", index)
        for index, absent in enumerate(deliberation.absent.members)
        if isinstance(absent, Absent) and absent.proxy_to is not None
    ]
    return proxies


@per_repository
def presences(repository: Repository) -> dict[int, Presence]:
    """The presence of every délibération (by ``id()``), built once for all the V rules."""
    return {id(d): presence(d) for _, d in repository.of_type(Deliberation)}
