"""Conventions and avenants: title, visas, parties, preamble, articles, term, funding, signature."""

from __future__ import annotations

import re
from typing import Any

from mpdm_cli.domain.french import fold, slug
from mpdm_cli.importing import governance, staffing
from mpdm_cli.importing.cleanup import Line
from mpdm_cli.importing.draft import Draft
from mpdm_cli.importing.french_text import AMOUNT, month_bound, parse_amount, parse_date
from mpdm_cli.importing.parties import CIVILITY, Known, parse_name
from mpdm_cli.importing.prose import every_line_spaced, prose

_ORDINALS = "bis|ter|quater|quinquies|sexies|septies|octies|nonies|decies"
_ARTICLE = re.compile(
    rf"^\s*article\s+(?P<number>1er|premier|[0-9]+)\s*\[?\s*(?P<suffix>{_ORDINALS})?\s*\]?"
    r"\s*(?:[:.–—-]\s*(?P<title>.*))?$",
    re.IGNORECASE,
)
_VISA = re.compile(r"^\s*vu\s+(.*)$", re.IGNORECASE)
# « Entre : », « ENTRE », « Entre les soussignés : », or « Entre X, représentée par … »;
# not a title's second line (« entre la Ville de Dijon et l'association … »).
_BETWEEN = re.compile(
    r"^\s*entre\s*(?:les\s+soussign[ée]s\s*)?(?::\s*(.*))?$|^\s*entre\s+(.*repr[ée]sent.*)$",
    re.IGNORECASE,
)
_AGREED = re.compile(r"il (?:est|a [ée]t[ée]) convenu|ceci expos[ée]|il est arr[êe]t[ée]", re.I)
_PREAMBLE = re.compile(r"^\s*pr[ée]ambule\s*:?\s*$", re.IGNORECASE)
_DONE_AT = re.compile(
    r"^\s*fait\s+(?:en\s+\w+\s+exemplaires?(?:\s+originaux)?\s*,?\s+)?[àa]\s+([^,]+?)\s*,?"
    r"\s*(?:le\s*(.*))?$",
    re.IGNORECASE,
)
# "ci-après dénommée « la Ville »": how the act names the party from then on.
_ALIAS = re.compile(
    r",?\s*ci-apr[èe]s\s+(?:d[ée]nomm[ée]e?s?|d[ée]sign[ée]e?s?|appel[ée]e?s?)\s*[«\"]\s*(.+?)\s*[»\"].*$",
    re.IGNORECASE,
)
_NAME_CELL = re.compile(
    rf"^(?:{CIVILITY}\s+)?[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+)*\s+[A-ZÀ-Ý'’-]{{2,}}"
    r"(?:\s[A-ZÀ-Ý'’-]{2,})*$"
)
_REPRESENTED = re.compile(
    r"^(?P<name>.+?)\s*,?\s+repr[ée]sent[ée]e?s?\s+par\s+(?P<by>.+?)"
    r"\s*(?:,|;|\bd'une part|\bd'autre part)?\s*$",
    re.IGNORECASE,
)
_SIGNATORY_START = re.compile(
    r"(?=\b(?:Le|La)\s+(?:Pr[ée]fet|Pr[ée]sident|Maire|Directeur|Directrice|Pr[ée]sidente)\b)"
)
_NUMBER = re.compile(
    r"avenant\s+(?:n\s*°\s*|no\.?\s*|num[ée]ro\s+)?([1-9][0-9]?(?:-[0-9]{4})?)\b", re.IGNORECASE
)
_SCHEMES = (("prevention", "prevention-specialisee"), ("mediation", "mediation-sociale"))


def recognise(lines: list[Line], kind: str, known: Known) -> Draft:
    return _Reader(lines, kind, known).read()


class _Reader:
    def __init__(self, lines: list[Line], kind: str, known: Known) -> None:
        self.lines = lines
        self.kind = kind
        self.known = known
        self.draft = Draft(kind)
        self.used: set[int] = set()
        self.agreed_at: int | None = None  # « IL EST CONVENU … », once the parties are read
        self.done_at = len(lines)  # « Fait à … », once the articles are read
        self.aliases: dict[str, str] = {}  # « ci-après dénommée « la Ville » » → its id
        self.spaced = every_line_spaced(lines)

    def read(self) -> Draft:
        data = self.draft.data
        data["type"] = self.kind
        data["id"] = None
        articles_at = [i for i, line in enumerate(self.lines) if _ARTICLE.match(line.text)]
        first_article = articles_at[0] if articles_at else len(self.lines)
        visas_at = [
            i for i, line in enumerate(self.lines[:first_article]) if _VISA.match(line.text)
        ]
        between = next(
            (i for i, line in enumerate(self.lines[:first_article]) if _BETWEEN.match(line.text)),
            None,
        )
        title_end = min([*visas_at, *([between] if between is not None else []), first_article])
        title = " ".join(prose(self.lines[:title_end], self.spaced).split())
        self.used.update(range(title_end))
        if self.kind == "avenant":
            number = _NUMBER.search(title)
            data["numero"] = number[1] if number else None
            if not number:
                self.draft.check(("numero",), "numéro de l'avenant non trouvé dans le titre")
            data["convention"] = None
        data["titre"] = title or None
        if self.kind == "convention":
            data["nature"] = self._nature(title)
        data["visas"] = self._visas(visas_at, between if between is not None else first_article)
        data["parties"] = self._parties(between, first_article)
        data["preambule"] = self._preamble(between, first_article)
        articles = self._articles(articles_at)
        data["articles"] = articles
        if self.kind == "avenant":
            data["convention"] = self._amended(data["visas"], title)
        self._term(articles, data)
        staffing.recognise(articles, data, self.known, self.draft)
        governance.recognise(articles, data, self.known)
        self._funding(articles, data)
        data["signature"] = self._signature()
        self._representatives(data)
        self._members_by_office(data)
        data["id"] = self._identifier(data)
        self.draft.unplaced = [
            (line.number, line.text.strip())
            for index, line in enumerate(self.lines)
            if index not in self.used and line.text.strip()
        ]
        return self.draft

    def _nature(self, title: str) -> str | None:
        match = re.search(
            r"(convention\s+(?:pluriannuelle\s+)?d['’]objectifs(?:\s+et\s+de\s+moyens)?)",
            title,
            re.I,
        )
        if match:
            return match[1].lower()
        self.draft.check(("nature",), "nature de la convention à préciser d'après le titre")
        return "convention"

    def _visas(self, visas_at: list[int], end: int) -> list[str]:
        visas: list[str] = []
        for position, start in enumerate(visas_at):
            stop = visas_at[position + 1] if position + 1 < len(visas_at) else end
            # The last visa ends where the agreement begins, parties named or not.
            stop = next(
                (
                    i
                    for i in range(start + 1, stop)
                    if _AGREED.search(self.lines[i].text) or _PREAMBLE.match(self.lines[i].text)
                ),
                stop,
            )
            body = self.lines[start:stop]
            self.used.update(range(start, stop))
            first = _VISA.match(body[0].text)
            text = " ".join([first[1] if first else "", *(line.text.strip() for line in body[1:])])
            visas.append(" ".join(text.split()))
        return visas

    def _parties(self, between: int | None, end: int) -> list[dict[str, Any]]:
        if between is None:
            self.draft.check(("parties",), "parties non trouvées (pas de « Entre : »)")
            return []
        stop = next(
            (
                i
                for i in range(between, end)
                if _AGREED.search(self.lines[i].text) or _PREAMBLE.match(self.lines[i].text)
            ),
            end,
        )
        self.agreed_at = stop
        self.used.update(range(between, stop))
        chunks: list[tuple[int, str]] = []
        first = _BETWEEN.match(self.lines[between].text)
        pending = ((first[1] or first[2] or "") if first else "").strip()
        pending_line = self.lines[between].number
        for index in range(between + 1, stop):
            text = self.lines[index].text.strip()
            if not text or fold(text) in ("et", "et :", "d'une part,", "d'autre part,"):
                continue
            if not pending:
                pending_line = self.lines[index].number
            pending = f"{pending} {text}".strip()
            if pending.endswith((",", ";", ".")):
                chunks.append((pending_line, pending))
                pending = ""
        if pending:
            chunks.append((pending_line, pending))
        parties: list[dict[str, Any]] = []
        for line, chunk in chunks:
            alias = _ALIAS.search(chunk)
            if alias:
                chunk = chunk[: alias.start()]
            match = _REPRESENTED.match(chunk.strip(" ,;."))
            name = match["name"] if match else chunk.strip(" ,;.")
            identifier, new = self.known.organisations.resolve(name)
            if alias:
                self.aliases[fold(alias[1])] = identifier
                self.draft.remark(("parties", len(parties)), f"« {alias[0].strip(' ,')} »")
            party: dict[str, Any] = {"organisation": identifier}
            if match:
                by = match["by"].strip(" ,;.")
                # « représentée par son Président, Monsieur François REBSAMEN »
                named = re.match(rf"^(.+?),\s*({CIVILITY}\s+\S.*)$", by)
                if named and _NAME_CELL.match(named[2]):
                    by = named[1]
                    party["representant"], _ = self.known.people.resolve(parse_name(named[2]))
                party["representee_par"] = by
            if new:
                self.draft.check(
                    ("parties", len(parties), "organisation"),
                    f"organisation nouvelle « {name} »",
                    line,
                )
            parties.append(party)
        return parties

    def _preamble(self, between: int | None, end: int) -> str | None:
        if self.agreed_at is not None:
            start = self.agreed_at
        else:
            start = between if between is not None else end
        heading = next((i for i in range(start, end) if _PREAMBLE.match(self.lines[i].text)), None)
        if heading is None:
            body_start = (
                start + 1 if start < end and _AGREED.search(self.lines[start].text) else start
            )
            self.used.update(range(start, body_start))
        else:
            self.used.update(range(start, heading + 1))
            body_start = heading + 1
        self.used.update(range(body_start, end))
        return prose(self.lines[body_start:end], self.spaced) or None

    def _articles(self, starts: list[int]) -> list[dict[str, Any]]:
        done_at = next(
            (
                i
                for i in range(starts[-1] if starts else 0, len(self.lines))
                if _DONE_AT.match(self.lines[i].text)
            ),
            len(self.lines),
        )
        self.done_at = done_at
        articles: list[dict[str, Any]] = []
        for position, start in enumerate(starts):
            stop = starts[position + 1] if position + 1 < len(starts) else done_at
            match = _ARTICLE.match(self.lines[start].text)
            assert match is not None
            number = "1er" if fold(match["number"]) == "premier" else match["number"]
            if match["suffix"]:
                number = f"{number} {match['suffix'].lower()}"
            title = (match["title"] or "").strip() or None
            self.used.update(range(start, stop))
            article = {
                "numero": number,
                "titre": title,
                "texte": prose(self.lines[start + 1 : stop], self.spaced),
            }
            article["_line"] = self.lines[start].number
            articles.append(article)
        for article in articles:
            if not article["texte"]:
                self.draft.check(
                    ("articles",), f"article {article['numero']} sans texte", article["_line"]
                )
        return articles

    def _amended(self, visas: list[str], title: str) -> str | None:
        for text in [*visas, title]:
            if "convention" in fold(text):
                cut = re.split(r"\s+sign[ée]e\s+le\b", text)[0]
                cut = re.sub(r"^.*?\b(?=convention\b)", "", cut, flags=re.IGNORECASE)
                found = self.known.convention_named(cut)
                if found:
                    return found
        self.draft.check(
            ("convention",),
            "convention modifiée absente du dépôt : importez-la ou créez-la (mpdm new convention)",
        )
        return None

    def _term(self, articles: list[dict[str, Any]], data: dict[str, Any]) -> None:
        key = "periode" if self.kind == "avenant" else "duree"
        for article in articles:
            if "duree" not in fold(article["titre"] or ""):
                continue
            text = article["texte"]
            folded = fold(text)
            span = re.search(r"\bdu\s+(.{1,40}?)\s+au\s+(.+?)(?:[.;,]|$)", text) or re.search(
                r"\bde\s+(\w+\s+\d{4})\s+[àa]\s+(\w+\s+\d{4})", text
            )
            if span:
                start = parse_date(span[1]) or month_bound(span[1])
                end = parse_date(span[2]) or month_bound(span[2])
                if start and end:
                    data[key] = {"debut": start, "fin": end}
                    return
            years = re.search(r"\b((?:19|20)\d\d)\s*(?:-|–|a|à)\s*((?:19|20)\d\d)\b", folded)
            if years:
                data[key] = {"debut": int(years[1]), "fin": int(years[2])}
                self.draft.check((key,), "durée lue en années", article["_line"])
                return
            self.draft.check((key,), f"durée non comprise : « {text[:120]} »", article["_line"])
            return
        if self.kind == "convention":
            self.draft.check((key,), "durée non trouvée (article « Durée »)")

    def _funding(self, articles: list[dict[str, Any]], data: dict[str, Any]) -> None:
        """« X s'engage à financer … N € » and the like: one line per amount committed."""
        lines: list[dict[str, Any]] = []
        parties = [p["organisation"] for p in data["parties"]]
        for article in articles:
            for sentence in re.split(r"(?<=[.;])\s+", article["texte"]):
                folded = fold(sentence)
                if not re.search(
                    r"s'engage a (?:financer|verser|attribuer)|verse(?:ra)? (?:une|la) subvention",
                    folded,
                ):
                    continue
                for amount in AMOUNT.finditer(sentence):
                    lines.append(
                        self._funding_line(
                            article, sentence, folded, amount, parties, data, len(lines)
                        )
                    )
        if lines:
            data["financements"] = lines

    def _funding_line(
        self,
        article: dict[str, Any],
        sentence: str,
        folded: str,
        amount: re.Match[str],
        parties: list[str],
        data: dict[str, Any],
        position: int,
    ) -> dict[str, Any]:
        path = ("financements", position)
        subject = re.split(r"s['’]engage", sentence)[0]
        funder = self.known.organisations.mentioned(subject) or self._alias(subject)
        rest = sentence[amount.end() :]
        beneficiary = self.known.organisations.mentioned(rest) if rest else None
        if beneficiary is None:
            associations = [
                p for p in parties if self.known.organisations.category(p) == "association"
            ]
            beneficiary = associations[0] if len(associations) == 1 else None
        # The purpose comes before the amount ("financer les postes d'éducateurs de
        # prévention … à 468 000 €"); after it come the payee's name and words of no weight.
        purpose = fold(sentence[: amount.start()])
        schemes = {scheme for word, scheme in _SCHEMES if word in purpose}
        if not schemes:  # "… 280 000 € au titre de la prévention spécialisée"
            after = fold(sentence[amount.end() :])
            for key in self.known.organisations.known:
                after = after.replace(key, " ")
            schemes = {scheme for word, scheme in _SCHEMES if word in after}
        period = data.get("periode") or data.get("duree") or {}
        years: list[int] = []
        explicit = re.search(r"(?:pour|au titre de)\s+(?:l'annee\s+)?((?:19|20)\d\d)", folded)
        if explicit:
            years = [int(explicit[1])]
        elif period:
            first, last = (int(str(period[k])[:4]) for k in ("debut", "fin"))
            years = list(range(first, last + 1))
        line: dict[str, Any] = {
            "financeur": funder,
            "beneficiaire": beneficiary,
            "dispositif": schemes.pop() if len(schemes) == 1 else None,
            "nature": "subvention",
            "montant": parse_amount(amount),
            "base": "annuel"
            if re.search(r"annuel|par an|12 mois|chaque annee", folded)
            else "total",
            "annees": years,
            "article": article["numero"],
            "libelle": " ".join(sentence.split()),
        }
        posts = staffing.posts(sentence, data.get("effectifs"))
        if posts:
            line["postes"] = posts
        line_number = article["_line"]
        for key in ("financeur", "beneficiaire", "dispositif"):
            if line[key] is None:
                self.draft.check((*path, key), "non trouvé dans la phrase", line_number)
        self.draft.check(
            path,
            "financeur, dispositif, nature, base et années déduits de la phrase de l'article",
            line_number,
        )
        return line

    def _alias(self, text: str) -> str | None:
        folded = fold(text)
        found = {i for alias, i in self.aliases.items() if alias in folded}
        return found.pop() if len(found) == 1 else None

    def _signature(self) -> dict[str, Any] | None:
        start = self.done_at
        if start >= len(self.lines):
            self.draft.check(("signature",), "« Fait à … » non trouvé")
            return None
        match = _DONE_AT.match(self.lines[start].text)
        assert match is not None
        self.used.update(range(start, len(self.lines)))
        date = parse_date(match[2] or "")
        signature: dict[str, Any] = {"lieu": match[1].strip(), "date": date}
        written = " ".join(self.lines[start].text.split())
        if not re.fullmatch(r"fait\s+[àa]\s+[^,]+,?\s*(?:le\b.*)?", written, re.IGNORECASE):
            self.draft.remark(("signature",), f"« {written} »")
        if date is None and re.search(r"\d", match[2] or ""):
            self.draft.check(
                ("signature", "date"), f"date illisible « {match[2]} »", self.lines[start].number
            )
        rows = [line.text.strip() for line in self.lines[start + 1 :] if line.text.strip()]
        if any(re.search(r"\t|\S\s{2,}\S", row) for row in rows):
            signature["signataires"] = self._signature_columns(rows)
            return signature
        block = " ".join(rows)
        names = list(
            # Words separated by spaces (\s+, not \s*: a word that could also be read as two
            # made a failing match exponential).
            re.finditer(
                rf"{CIVILITY}\s+[A-ZÀ-Ý][\w'’-]*(?:\s+[A-ZÀ-Ý][\w'’-]*)*?(?=\s*{CIVILITY}\s|\s*$)",
                block,
            )
        )
        titles_text = block[: names[0].start()] if names else block
        titles = [t.strip(" ,") for t in _SIGNATORY_START.split(titles_text) if t.strip(" ,")]
        signatories: list[dict[str, Any]] = [{"qualite": title} for title in titles]
        if names and len(names) == len(titles):
            for signatory, name in zip(signatories, names, strict=True):
                identifier, _ = self.known.people.resolve(parse_name(name[0]))
                signatory["personne"] = identifier
        elif names:
            self.draft.check(
                ("signature", "signataires"),
                f"{len(titles)} qualités et {len(names)} noms : noms non rattachés"
                f" ({', '.join(n[0] for n in names)})",
                self.lines[start].number,
            )
        signature["signataires"] = signatories
        return signature

    def _signature_columns(self, rows: list[str]) -> list[dict[str, Any]]:
        """Signature blocks side by side, their columns kept by the extraction (tabs or
        runs of spaces): each column is a title, then the signatory's name."""
        columns: dict[int, list[str]] = {}
        for row in rows:
            for index, cell in enumerate(c for c in re.split(r"\t|\s{2,}", row) if c.strip()):
                columns.setdefault(index, []).append(cell.strip())
        signatories: list[dict[str, Any]] = []
        for cells in columns.values():
            names = [i for i, cell in enumerate(cells) if _NAME_CELL.match(cell)]
            cut = names[-1] if names else len(cells)
            signatory: dict[str, Any] = {"qualite": " ".join(cells[:cut]).strip(" ,") or None}
            if names:
                signatory["personne"], _ = self.known.people.resolve(parse_name(cells[cut]))
            signatories.append(signatory)
        return signatories

    def _representatives(self, data: dict[str, Any]) -> None:
        """A party's representative is the signatory whose title is the party's office."""
        signatories = (data.get("signature") or {}).get("signataires", [])
        for party in data["parties"]:
            office = re.sub(
                r"^(?:monsieur|madame)\s+l[ea]\s+", "", fold(party.get("representee_par") or "")
            )
            if not office:
                continue
            candidates = [
                s for s in signatories if office in fold(s["qualite"]) and s.get("personne")
            ]
            if len(candidates) > 1:
                name = fold(self.known.organisations.name(party["organisation"]))
                candidates = [
                    s
                    for s in candidates
                    if re.search(
                        rf"\b(?:de|du|des|de la|de l')\s*{re.escape(name)}", fold(s["qualite"])
                    )
                ]
            if len(candidates) == 1:
                party.setdefault("representant", candidates[0]["personne"])
                # The signature that carries the party's office binds the party.
                candidates[0].setdefault("pour", []).append(party["organisation"])

    def _members_by_office(self, data: dict[str, Any]) -> None:
        """« du préfet du département de la Côte-d’Or » sits for the party that « Monsieur le
        Préfet du département de la Côte-d’Or » represents (offices of two words or more)."""
        offices = [
            (re.sub(r"^(?:monsieur|madame)\s+l[ea]\s+", "", fold(p["representee_par"])), p)
            for p in data["parties"]
            if p.get("representee_par")
        ]
        for body in data.get("instances", []):
            for member in body.get("membres", []):
                if "organisation" in member:
                    continue
                found = {
                    party["organisation"]
                    for office, party in offices
                    if len(office.split()) >= 2 and office in fold(member["qualite"])
                }
                if len(found) == 1:
                    member["organisation"] = found.pop()

    def _identifier(self, data: dict[str, Any]) -> str:
        title = data.get("titre") or self.kind
        words = [
            w for w in slug(title).split("-") if len(w) > 3 and w not in ("avenant", "convention")
        ][:4]
        if self.kind == "avenant":
            base = data.get("convention") or "-".join(words)
            return slug(f"{base}-avenant-{data.get('numero') or 'x'}")
        start = (data.get("duree") or {}).get("debut")
        return slug("-".join([*words, str(start)[:4] if start else ""]))
