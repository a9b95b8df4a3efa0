"""Extracts of a council register: sitting, attendance, proxies, decisions and the vote."""

from __future__ import annotations

import itertools
import re
from typing import Any

from mpdm_cli.domain.french import fold, slug
from mpdm_cli.importing.cleanup import Line
from mpdm_cli.importing.draft import Draft
from mpdm_cli.importing.french_text import AMOUNT, WEEKDAYS, parse_amount, parse_date
from mpdm_cli.importing.parties import CIVILITY, Known, Name, parse_name
from mpdm_cli.importing.prose import BULLET, every_line_spaced, prose

_HEADER = re.compile(
    r"registre des d[ée]lib[ée]rations\s+(?:du|de la)\s+(?P<assembly>conseil\s+[\w'’-]+"
    r"(?:\s+d'administration)?)\s+(?:de la |du |de l['’]|des |de )(?P<organisation>.+)",
    re.IGNORECASE,
)
_ASSEMBLY = re.compile(
    r"(?P<assembly>conseil\s+(?:municipal|m[ée]tropolitain|communautaire|d[ée]partemental"
    r"|r[ée]gional|d'administration))\s+(?:de la |du |de l['’]|des |de )(?P<organisation>.+)",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^\s*(?:d[ée]lib[ée]ration\s+)?n°\s*([A-Z0-9][\w./-]*)\s*$", re.IGNORECASE)
_SITTING = re.compile(r"s[ée]ance\s+(?:publique\s+)?du\s+(.+)", re.IGNORECASE)
_PRESIDENT = re.compile(
    r"^\s*pr[ée]sid(?:ent|ente)(?:\s+de\s+s[ée]ance)?\s*:\s*(.+)"
    r"|sous la pr[ée]sidence de\s+(.+?)(?:,|$)",
    re.IGNORECASE,
)
_SECRETARY = re.compile(
    r"^\s*secr[ée]taire(?:\s+de\s+s[ée]ance)?\s*:\s*(.+)"
    # A name is short: the bound keeps a long line without « désigné » linear.
    rf"|({CIVILITY}\s+[^,]{{1,60}}?)\s+(?:a|ayant)\s+[ée]t[ée]\s+d[ée]sign[ée]e?\s+"
    r"(?:comme\s+)?secr[ée]taire",
    re.IGNORECASE,
)
_COUNTS = (
    ("en_exercice", re.compile(r"en exercice\s*:\s*(\d+)")),
    ("ouverture", re.compile(r"presents? a l'ouverture[^:]*:\s*(\d+)")),
    ("presents", re.compile(r"nombre de (?:membres )?presents[^:]*:\s*(\d+)")),
    ("procurations", re.compile(r"nombre de (?:procurations|pouvoirs)\s*:\s*(\d+)")),
    ("composition", re.compile(r"nombre de (?:membres|conseillers|sieges)[^:]*:\s*(\d+)")),
)
_PRESENT_HEAD = re.compile(r"^\s*(?:membres\s+|[ée]taient\s+)?pr[ée]sents?\s*:?\s*(.*)$", re.I)
_ABSENT_HEAD = re.compile(
    r"^\s*(?:membres\s+|[ée]taient\s+)?(?:absents?|excus[ée]s?)(?:\s+excus[ée]s?)?"
    r"(?:\s+ayant\s+donn[ée]\s+(?:pouvoir|procuration))?\s*:?\s*(.*)$",
    re.IGNORECASE,
)
_PROXY_HEAD = re.compile(r"^\s*(?:pouvoirs|procurations)\s*:\s*(.*)$", re.IGNORECASE)
_SUBJECT = re.compile(r"^\s*objet\s*:\s*(.*)$", re.IGNORECASE)
_DECIDES = re.compile(
    r"d[ée]cide\s*:?|d[ée]lib[èe]re\s*:|apr[èe]s en avoir d[ée]lib[ée]r[ée]", re.I
)
_VOTE_START = re.compile(
    r"^\s*(?:scrutin|vote|r[ée]sultat du vote|pour\s*:|adopt[ée]e?\b|rejet[ée]e?\b|unanimit|"
    r"[àa] l'unanimit)",
    re.IGNORECASE,
)
# "l'association Prévention Jeunesse 21": the capitalised words after "association".
_ASSOCIATION = re.compile(
    r"association\s+(?:[A-ZÀ-Ý0-9][\w'’-]*)(?:\s+(?:et|de|du|des|la|l['’]|[A-ZÀ-Ý0-9][\w'’-]*))*"
    r"(?<!\bde)(?<!\bdu)(?<!\bdes)(?<!\bet)(?<!\bla)",
)
_SIGNATURE = re.compile(r"^\s*((?:Le|La)\s+[\wéèêÉ' -]{3,40}?)\s*,?\s*$")
_RELATION = re.compile(
    r"\s*(?:,\s*)?(?P<kind>suppl[ée]ant(?:e)?\s+de|suppl[ée][ée]e?\s+par|(?:donne\s+|a\s+donn[ée]\s+)?"
    r"(?:pouvoir|procuration)\s+[àa]|repr[ée]sent[ée]e?\s+par|[àa])\s+(?=" + CIVILITY + r"\s)",
    re.IGNORECASE,
)
# An entry that ends so continues with the next civility and name (« … pouvoir à M. Y »).
_ENDS_WITH_LINK = re.compile(
    r"(suppl[ée]ant(?:e)?\s+de|suppl[ée][ée]e?\s+par|pouvoir\s+[àa]|procuration\s+[àa]"
    r"|repr[ée]sent[ée]e?\s+par|\s[àa])\s*$",
    re.IGNORECASE,
)
_ARRIVAL = re.compile(
    r"\(?\s*(?:arriv[ée]e?\s+)?(?:pr[ée]sente?\s+)?(?:[àa]\s+partir\s+)?(?:de\s+la|du|[àa]\s+la|au)\s+"
    r"(?:d[ée]lib[ée]ration|point|question|dossier)\s+n?°?\s*(\d+\w*)\s*\)?",
    re.IGNORECASE,
)
_DEPARTURE = re.compile(
    r"\(?\s*(?:parti(?:e)?\s+)?(?:jusqu'[àa]\s+|apr[èe]s\s+)(?:la\s+|le\s+)?"
    r"(?:d[ée]lib[ée]ration|point|question|dossier)\s+n?°?\s*(\d+\w*)\s*\)?",
    re.IGNORECASE,
)


_ASSEMBLY_CATEGORIES = {
    "conseil municipal": "commune",
    "conseil metropolitain": "metropole",
    "conseil departemental": "departement",
    "conseil communautaire": "intercommunalite",
}


def _category_of(assembly: str) -> str | None:
    """The kind of body an assembly belongs to (a conseil communautaire: none of the model's)."""
    return _ASSEMBLY_CATEGORIES.get(fold(assembly))


def recognise(lines: list[Line], known: Known) -> Draft:
    return _Reader(lines, known).read()


class _Reader:
    def __init__(self, lines: list[Line], known: Known) -> None:
        self.lines = lines
        self.known = known
        self.people = known.people
        self.organisations = known.organisations
        self.used: set[int] = set()
        self.draft = Draft("deliberation")
        self.act_people: list[str] = []
        self.counts: dict[str, int] = {}
        self.vote_start = len(lines)  # where the vote begins, once the decisions are read
        self.signature_start = len(lines)

    def read(self) -> Draft:
        data = self.draft.data
        data["type"] = "deliberation"
        data["id"] = None
        self._header(data)
        self._sitting(data)
        self._attendance(data)
        self._subject_and_decisions(data)
        self._vote(data)
        self._officers(data)
        self._signatures(data)
        data["id"] = self._identifier(data)
        self.draft.unplaced = [
            (line.number, line.text.strip())
            for index, line in enumerate(self.lines)
            if index not in self.used and line.text.strip()
        ]
        return self.draft

    # -- lookups -----------------------------------------------------------------------------

    def _first(
        self, pattern: re.Pattern[str], folded: bool = False
    ) -> tuple[int, re.Match[str]] | None:
        for index, line in enumerate(self.lines):
            match = pattern.search(fold(line.text) if folded else line.text)
            if match:
                return index, match
        return None

    def _line(self, index: int) -> int:
        return self.lines[index].number

    # -- header, sitting, counts -----------------------------------------------------------

    def _header(self, data: dict[str, Any]) -> None:
        found = self._first(_HEADER) or self._first(_ASSEMBLY)
        number = self._first(_NUMBER)
        if number:
            self.used.add(number[0])
            data["numero"] = number[1][1]
        if not found:
            data["assemblee"] = {"organisation": None, "nom": None}
            self.draft.check(("assemblee",), "assemblée délibérante non trouvée dans le texte")
            return
        index, match = found
        self.used.add(index)
        name = match["assembly"].strip()
        name = name[0].upper() + name[1:]
        organisation_text = match["organisation"].strip(" .,")
        identifier, new = self.organisations.resolve(organisation_text, _category_of(name))
        if new:
            self.organisations.new[identifier].setdefault("assemblee", name)
            self.draft.check(
                ("assemblee", "organisation"),
                f"organisation nouvelle « {organisation_text} »",
                self._line(index),
            )
        data["assemblee"] = {"organisation": identifier, "nom": name}

    def _sitting(self, data: dict[str, Any]) -> None:
        sitting: dict[str, Any] = {"date": None}
        found = self._first(_SITTING)
        if found:
            index, match = found
            self.used.add(index)
            sitting["date"] = parse_date(match[1])
            weekday = next((d for d in WEEKDAYS if re.search(rf"\b{d}\b", fold(match[1]))), None)
            if weekday:
                sitting["jour"] = weekday
            if sitting["date"] is None:
                self.draft.check(
                    ("seance", "date"), f"date illisible « {match[1]} »", self._line(index)
                )
        else:
            self.draft.check(("seance", "date"), "date de séance non trouvée")
        sitting["president"] = None
        sitting["secretaire"] = None
        data["seance"] = sitting
        convocation = self._first(re.compile(r"convocation", re.IGNORECASE))
        data["convocation"] = None
        if convocation and parse_date(self.lines[convocation[0]].text):
            self.used.add(convocation[0])
            data["convocation"] = parse_date(self.lines[convocation[0]].text)
        counts: dict[str, int] = {}
        for index, line in enumerate(self.lines):
            # Two counts on one line when columns were flattened: one segment each.
            for segment in re.split(r"(?=nombre de )", fold(line.text)):
                for key, pattern in _COUNTS:  # the most specific first
                    count = pattern.search(segment)
                    if count:
                        counts.setdefault(key, int(count[1]))
                        self.used.add(index)
                        break
        data["membres"] = {
            "composition": counts.get("composition"),
            "en_exercice": counts.get("en_exercice"),
        }
        self.counts = counts

    # -- attendance ------------------------------------------------------------------------

    def _section(self, start: int) -> list[int]:
        """The lines of a list section, from its heading at ``start`` to the next heading."""
        stops = (_PRESENT_HEAD, _ABSENT_HEAD, _PROXY_HEAD, _SUBJECT, _PRESIDENT, _SECRETARY)
        indexes = [start]
        for index in range(start + 1, len(self.lines)):
            text = self.lines[index].text
            if any(p.match(text) for p in stops) or fold(text).startswith(
                ("nombre de", "secretaire", "objet", "le conseil", "rapporteur")
            ):
                break
            indexes.append(index)
        return indexes

    def _attendance(self, data: dict[str, Any]) -> None:
        present: list[Any] = []
        absent: list[Any] = []
        for index, line in enumerate(self.lines):
            if index in self.used:
                continue
            for head, target in (
                (_PRESENT_HEAD, present),
                (_ABSENT_HEAD, absent),
                (_PROXY_HEAD, absent),
            ):
                match = head.match(line.text)
                if match and (match[1].strip() or index + 1 < len(self.lines)):
                    if head is _PRESENT_HEAD and re.match(r"^\s*\d+\s*$", match[1]):
                        continue
                    indexes = self._section(index)
                    self.used.update(indexes)
                    body = "\n".join([match[1], *(self.lines[i].text for i in indexes[1:])])
                    target.extend(
                        self._entries(body, self.lines[index].number, head is _PRESENT_HEAD)
                    )
                    break
        presents: dict[str, Any] = {}
        if "presents" in self.counts:
            presents["nombre"] = self.counts["presents"]
        if "ouverture" in self.counts:
            presents["nombre_ouverture"] = self.counts["ouverture"]
        presents["liste"] = present
        data["presents"] = presents
        data["absents"] = {"liste": absent}
        data["procurations"] = self.counts.get("procurations")
        if not present:
            self.draft.check(("presents", "liste"), "liste des présents non trouvée")

    def _entries(self, body: str, line: int, present: bool) -> list[Any]:
        """One entry per person: each starts at a civility (whatever the columns were), and
        a proxy or a substitute (« pouvoir à M. Y ») stays with the entry it ends; without
        civilities (« NOM Prénom » lists), entries are the lines, cells and commas."""
        if not re.search(rf"(?<![\w.]){CIVILITY}\s", body):
            cells = re.split(r"\s*[,;\n\t]\s*|\s{2,}", body)
        else:
            flat = " ".join(body.split())
            starts = [m.start() for m in re.finditer(rf"(?<![\w.]){CIVILITY}(?=\s)", flat)]
            cells = [flat[: starts[0]]]  # kept, so that nothing before a civility is lost
            for begin, end in itertools.pairwise([*starts, len(flat)]):
                if _ENDS_WITH_LINK.search(cells[-1][-40:]):  # the tail: a long list stays linear
                    cells[-1] += flat[begin:end]
                else:
                    cells.append(flat[begin:end])
        return [
            self._entry(cell.strip(" ,;."), line, present) for cell in cells if cell.strip(" ,;.")
        ]

    def _entry(self, piece: str, line: int, present: bool) -> Any:
        record: dict[str, Any] = {}
        # Departure first: "jusqu'à la délibération n° 7" also reads as an arrival.
        for pattern, key in ((_DEPARTURE, "jusqu_a"), (_ARRIVAL, "a_partir_de")):
            found = pattern.search(piece)
            if found and present:
                record[key] = found[1]
                piece = piece.replace(found[0], " ")
        relation = _RELATION.search(piece)
        other = None
        if relation:
            other = piece[relation.end() :]
            piece = piece[: relation.start()]
        person = self._person(parse_name(piece), line)
        if other is not None and relation is not None:
            other_id = self._person(parse_name(other), line)
            kind = fold(relation["kind"])
            if kind.startswith("suppleant") and present:
                record = {"personne": person, "suppleant_de": other_id, **record}
            elif kind.startswith("supplee") and present:
                # « X suppléé par Y »: Y is the one present.
                record = {"personne": other_id, "suppleant_de": person, **record}
            elif not present:
                record = {"personne": person, "procuration_a": other_id}
            else:
                self.draft.check(
                    ("presents",), f"relation non reconnue « {relation['kind']} »", line
                )
        if not record:
            return person
        record.setdefault("personne", person)
        return {"personne": record.pop("personne"), **record}

    def _person(self, name: Name, line: int) -> str:
        identifier, remark = self.people.resolve(name)
        self.act_people.append(identifier)
        if remark:
            self.draft.comments.append(f"{remark} (ligne {line} du texte)")
        if identifier in self.people.new and not name.first:
            self.draft.comments.append(
                f"à vérifier : « {name.verbatim} » sans prénom, ajouté tel quel"
                f" (ligne {line} du texte)"
            )
        return identifier

    # -- subject, statement, decisions ---------------------------------------------------

    def _subject_and_decisions(self, data: dict[str, Any]) -> None:
        found = self._first(_SUBJECT)
        if not found:
            data["objet"] = {"titre": None}
            data["expose"] = None
            data["decisions"] = []
            self.draft.check(("objet",), "objet non trouvé")
            return
        start, match = found
        self.used.add(start)
        subject = match[1].strip()
        index = start + 1
        # The title goes on while a bold title is open, or the next line continues a
        # sentence, or the last line was cut by the page width: about as long as the
        # text's long lines (a PDF's), with no final stop. A Word paragraph is one line,
        # far shorter than the paragraphs around it, so it is never taken as cut.
        widths = sorted(len(line.text.strip()) for line in self.lines if line.text.strip())
        width = widths[int(0.9 * (len(widths) - 1))] if widths else 0
        last = self.lines[start].text.strip()
        while index < len(self.lines) and self.lines[index].text.strip():
            following = self.lines[index].text.strip()
            wrapped = len(last) >= 0.75 * width and not re.search(r"([.;:!?]|\*\*)\s*$", last)
            if subject.count("**") % 2 == 0 and not following[0].islower() and not wrapped:
                break
            last = following
            subject += " " + self.lines[index].text.strip()
            self.used.add(index)
            index += 1
        theme = None
        title = subject
        bold = re.match(r"^(.*?)\*\*(.+?)\*\*\s*$", subject)
        if bold:
            theme, title = bold[1].strip() or None, bold[2].strip()
        else:
            # A theme in capitals before the title, after a dash or glued to it when the bold
            # that set it apart was lost ("… SOLIDARITESAssociation Médiation …").
            split = re.match(r"^([A-ZÀ-Ý ,'’-]{6,}?)\s*[-–:]\s+(.+)$", subject) or re.match(
                r"^((?:[A-ZÀ-Ý'’-]{2,}[ ,]+)+[A-ZÀ-Ý'’-]{2,}?)\s*([A-ZÀ-Ý][a-zà-ÿ].+)$", subject
            )
            if split:
                theme, title = split[1].strip(), split[2].strip()
        data["objet"] = (
            {"theme": theme, "titre": title.replace("**", "")}
            if theme
            else {"titre": title.replace("**", "")}
        )
        decides = next(
            (i for i in range(index, len(self.lines)) if _DECIDES.search(self.lines[i].text)), None
        )
        vote = next(
            (
                i
                for i in range(decides or index, len(self.lines))
                if _VOTE_START.match(self.lines[i].text)
            ),
            len(self.lines),
        )
        end_statement = decides if decides is not None else vote
        # "Le Conseil," on the line before "après en avoir délibéré, décide :".
        while end_statement > index and fold(self.lines[end_statement - 1].text).strip("* ,") in (
            "le conseil",
            "le conseil municipal",
            "le conseil metropolitain",
            "le conseil communautaire",
            "le conseil departemental",
        ):
            end_statement -= 1
        statement = self.lines[index:end_statement]
        self.used.update(range(index, end_statement))
        data["expose"] = prose(statement, every_line_spaced(self.lines)) or None
        if data["expose"] is None:
            self.draft.check(("expose",), "exposé des motifs non trouvé")
        decisions: list[dict[str, Any]] = []
        if decides is not None:
            self.used.update(range(end_statement, decides + 1))
            self._decisions(decides, vote, decisions, data)
        data["decisions"] = decisions
        self.vote_start = vote

    def _decisions(
        self, decides: int, vote: int, out: list[dict[str, Any]], data: dict[str, Any]
    ) -> None:
        head = self.lines[decides].text
        after = re.split(r"d[ée]cide\s*:?", head, flags=re.IGNORECASE)[-1].strip(" *:")
        items: list[tuple[int, str]] = []
        if after:
            items.append((self.lines[decides].number, after))
        for index in range(decides + 1, vote):
            text = self.lines[index].text.strip()
            if not text:
                continue
            self.used.add(index)
            bullet = BULLET.match(text)
            starts = bullet or (
                re.match(r"^\**\s*(?:d['’]|de\s|du\s)", text)
                and (not items or re.search(r"[;.]\s*$", items[-1][1]))
            )
            if starts or not items:
                items.append((self.lines[index].number, text[bullet.end() :] if bullet else text))
            else:
                items[-1] = (items[-1][0], items[-1][1] + " " + text)
        for number, text in items:
            out.append(self._decision(number, text.replace("**", "").strip(), data, len(out)))

    def _decision(
        self, line: int, text: str, data: dict[str, Any], position: int
    ) -> dict[str, Any]:
        match = re.match(
            r"^((?:d['’]|de\s+|du\s+)[\wéèêàâîôûç-]+)\s*,?\s*(.*)$", text, re.IGNORECASE | re.S
        )
        decision: dict[str, Any] = (
            {"verbe": match[1], "texte": match[2]} if match else {"verbe": None, "texte": text}
        )
        if not match:
            self.draft.check(
                ("decisions", position, "verbe"), "verbe de la décision non reconnu", line
            )
        folded = fold(text)
        amount = AMOUNT.search(text)
        nature = re.search(r"\b(subvention|cotisation|dotation)s?\b", folded)
        if amount and nature:
            decision["versement"] = self._authorisation(
                line, text, folded, amount, nature[1], data, position
            )
        budget = re.search(
            r"\b(?:budget|exercice)\s+(?:primitif\s+|principal\s+)?(?:de\s+l'exercice\s+)?((?:19|20)\d\d)\b",
            folded,
        )
        if budget and "versement" not in decision:
            decision["exercice"] = int(budget[1])
        if re.search(r"signer\s+(?:la|une|cette)\s+convention", folded):
            convention = self._convention(data)
            if convention:
                decision["convention"] = convention
            else:
                self.draft.check(
                    ("decisions", position, "texte"),
                    "convention autorisée : absente du dépôt, ajoutez « convention: <id> »"
                    " quand elle y sera",
                    line,
                )
        return decision

    def _authorisation(
        self,
        line: int,
        text: str,
        folded: str,
        amount: re.Match[str],
        nature: str,
        data: dict[str, Any],
        position: int,
    ) -> dict[str, Any]:
        path = ("decisions", position, "versement")
        beneficiary = self._payee(text[amount.end() :], path, line) or self._payee(
            text[: amount.start()], path, line
        )
        scheme_match = re.search(r"dispositif\s+(?:de\s+|d')(.+?)\s*(?:[;,.]|$)", folded)
        year = re.search(
            r"\b(?:subvention|cotisation|dotation)\s+(?:de\s+l'annee\s+|pour\s+|[a-z]+\s+)?"
            r"((?:19|20)\d\d)\b",
            folded,
        ) or re.search(
            r"(?:au titre de|pour)\s+(?:l'annee\s+|l'exercice\s+)?((?:19|20)\d\d)\b", folded
        )
        authorisation: dict[str, Any] = {
            "financeur": data["assemblee"].get("organisation"),
            "beneficiaire": beneficiary,
            "dispositif": slug(scheme_match[1]) if scheme_match else None,
            "nature": nature,
            "montant": parse_amount(amount),
            "annee": int(year[1]) if year else None,
        }
        for key, value in authorisation.items():
            if value is None:
                self.draft.check((*path, key), "non trouvé dans la décision", line)
        return authorisation

    def _payee(self, text: str, path: tuple[str | int, ...], line: int) -> str | None:
        """The organisation after « à », « au profit de », « en faveur de » in ``text``: one of
        the repository's, or a new association (marked à vérifier)."""
        tail = re.search(
            r"(?:\b[àa]|\bau profit de|\ben faveur de)\s+(l['’]|la |le |les )?"
            r"(association|commune|ville|[A-Z])",
            text,
            re.IGNORECASE,
        )
        if not tail:
            return None
        named = text[tail.start() :]
        found = self.organisations.mentioned(named)
        association = _ASSOCIATION.search(named)
        if found is None and association:
            found, _ = self.organisations.resolve(association[0])
            self.draft.check(
                (*path, "beneficiaire"), f"organisation nouvelle « {association[0]} »", line
            )
        return found

    def _convention(self, data: dict[str, Any]) -> str | None:
        return self.known.convention_named(data["objet"].get("titre") or "")

    # -- vote, officers, signatures ------------------------------------------------------

    def _vote(self, data: dict[str, Any]) -> None:
        start = self.vote_start
        end = start
        block: list[str] = []
        while end < len(self.lines) and not _SIGNATURE.match(self.lines[end].text):
            block.append(self.lines[end].text)
            end += 1
        self.signature_start = end
        text = " ".join(block)
        folded = fold(text)
        vote: dict[str, Any] = {}
        for key, pattern in (
            ("pour", r"\bpour\s*:?\s*(\d+)"),
            ("contre", r"\bcontre\s*:?\s*(\d+)"),
            ("abstention", r"\babstentions?\s*:?\s*(\d+)"),
        ):
            match = re.search(pattern, folded)
            if match:
                vote[key] = int(match[1])
        absent_vote = re.search(
            r"(ne se prononcen?t? pas|ne pren\w* pas part au vote|non[- ]participations?)"
            r"\s*:?\s*(\d+)",
            folded,
        )
        if absent_vote:
            vote["non_participation"] = int(absent_vote[2])
            label = re.search(re.escape(absent_vote[1]).replace("\\ ", r"\s+"), text, re.IGNORECASE)
            if label is None:
                label = re.search(
                    r"(NE SE PRONONCE PAS|NE PREND PAS PART AU VOTE|[\w ]{1,40}?)\s*:?\s*\d", text
                )
            vote["libelle_non_participation"] = (
                " ".join(text[label.start() : label.end()].split()).rstrip(" :")
                if label
                else absent_vote[1].upper()
            )
        proxies = re.search(r"dont\s+(\d+)\s+(?:procuration|pouvoir)", folded)
        if proxies:
            vote["dont_procurations"] = int(proxies[1])
        if "unanimit" in folded:
            vote = {"unanimite": True, **vote}
        if re.search(r"\badopte", folded):
            vote["resultat"] = "adoptee"
        elif re.search(r"\brejete", folded):
            vote["resultat"] = "rejetee"
        if not vote:
            self.draft.check(("scrutin",), "résultat du vote non trouvé")
        self.used.update(range(start, end))
        data["scrutin"] = vote

    def _officers(self, data: dict[str, Any]) -> None:
        for key, pattern in (("president", _PRESIDENT), ("secretaire", _SECRETARY)):
            found = self._first(pattern)
            if not found:
                self.draft.check(("seance", key), "non trouvé dans le texte")
                continue
            index, match = found
            self.used.add(index)
            written = (match[1] or match[2]).strip(" ,.")
            data["seance"][key] = self._officer(written, ("seance", key), self._line(index))

    def _officer(self, written: str, path: tuple[str | int, ...], line: int) -> str | None:
        name = parse_name(written)
        if name.first:
            identifier, _ = self.people.resolve(name)
            return identifier
        found = self.people.by_surname(name, self.act_people)
        if found is None:
            self.draft.check(path, f"« {written} » : personne non identifiée", line)
        return found

    def _signatures(self, data: dict[str, Any]) -> None:
        signatures: list[dict[str, Any]] = []
        index = self.signature_start
        while index < len(self.lines):
            match = _SIGNATURE.match(self.lines[index].text)
            following = next(
                (i for i in range(index + 1, len(self.lines)) if self.lines[i].text.strip()), None
            )
            if match and following is not None:
                qualite = match[1].strip()
                person = self._officer(
                    self.lines[following].text.strip(),
                    ("signatures", len(signatures)),
                    self._line(following),
                )
                signatures.append({"qualite": qualite, "personne": person})
                self.used.update({index, following})
                index = following + 1
                continue
            index += 1
        data["signatures"] = signatures

    def _identifier(self, data: dict[str, Any]) -> str:
        organisation = data["assemblee"].get("organisation") or "deliberation"
        date = data["seance"].get("date")
        title = data["objet"].get("titre") or ""
        words = [w for w in slug(title).split("-") if len(w) > 3][:4]
        return slug("-".join([organisation, date.isoformat() if date else "", *words]), 80)
