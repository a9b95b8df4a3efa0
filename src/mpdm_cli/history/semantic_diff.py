"""Compare the acts at two revisions by meaning and describe the changes in Markdown.

Amounts per funder, scheme and year; staffing per role; term and dates; articles added,
removed or changed; attendance and votes. Conventions are compared consolidated (their
avenants applied), so a new avenant shows as the amounts it changes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from mpdm_cli.domain.consolidation import consolidate
from mpdm_cli.domain.french import format_bound, format_money
from mpdm_cli.domain.terms import committed_spans, span_label
from mpdm_cli.models import AnyDocument, Avenant, Convention, Deliberation
from mpdm_cli.models.common import Period
from mpdm_cli.models.deliberation import Absent, Present
from mpdm_cli.pipeline.diagnostics import Severity
from mpdm_cli.pipeline.repository import Repository
from mpdm_cli.pipeline.validation import Outcome
from mpdm_cli.render.prose import escape_markdown, escape_markdown_inline


@dataclass
class Side:
    """One revision's acts, indexed by id, and the files that are no valid act there.

    ``invalid`` maps such a file's path to its first error; ``invalid_ids`` maps the id an
    invalid file declares (when it can be read) to its path.
    """

    label: str
    outcome: Outcome
    documents: dict[str, AnyDocument] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)
    invalid: dict[str, str] = field(default_factory=dict)
    invalid_ids: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for entry in self.outcome.repository.entries:
            self.documents.setdefault(entry.document.id, entry.document)
            self.paths.setdefault(entry.document.id, entry.file.path)
        valid = {entry.file.path for entry in self.repository.entries}
        for d in sorted(self.outcome.diagnostics):
            if d.location.file not in valid and d.severity is Severity.ERROR:
                self.invalid.setdefault(d.location.file, f"ligne {d.location.line} : {d.message}")
        for loaded in self.outcome.files:
            if loaded.path in valid:
                continue
            self.invalid.setdefault(loaded.path, "fichier non valide")
            declared = loaded.data.get("id") if isinstance(loaded.data, dict) else None
            if isinstance(declared, str):
                self.invalid_ids.setdefault(declared, loaded.path)

    @property
    def repository(self) -> Repository:
        return self.outcome.repository

    @property
    def invalid_files(self) -> int:
        return len(self.invalid)

    def invalid_path(self, identifier: str, elsewhere: str | None) -> str | None:
        """The file that holds ``identifier`` here but is not valid (found by the id it
        declares, or by ``elsewhere``, its path at the other revision)."""
        if identifier in self.invalid_ids:
            return self.invalid_ids[identifier]
        return elsewhere if elsewhere in self.invalid else None


class _Names:
    def __init__(self, *repositories: Repository) -> None:
        self.organisations: dict[str, str] = {}
        self.people: dict[str, str] = {}
        for repository in repositories:
            for identifier, name in repository.organisation_names().items():
                self.organisations.setdefault(identifier, name)
            for identifier, person in repository.people.items():
                self.people.setdefault(identifier, person.full_name)

    def org(self, identifier: str) -> str:
        return self.organisations.get(identifier, identifier)

    def person(self, identifier: str) -> str:
        return self.people.get(identifier, identifier)


def _text(text: object) -> str:
    """Text from the acts (titles, names, paths, revisions) with no Markdown meaning."""
    return escape_markdown(str(text))


_PLAIN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")


def _code(identifier: str) -> str:
    """An id as inline code, or as escaped text when it is not a plain id."""
    return f"`{identifier}`" if _PLAIN_ID.fullmatch(identifier) else _text(identifier)


def _cell(text: object) -> str:
    """A table cell: escaped, on one line (no block can start inside a cell)."""
    return escape_markdown_inline(" ".join(str(text).splitlines()))


def _table(headers: list[str], rows: list[list[str]], right: int = 0) -> list[str]:
    """A Markdown table; the last ``right`` columns are right-aligned."""
    align = ["---"] * (len(headers) - right) + ["--:"] * right
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _signed(amount: Decimal) -> str:
    if amount > 0:
        return "+" + format_money(amount)
    if amount < 0:
        return "−" + format_money(-amount)
    return format_money(amount)


def _signed_count(count: int) -> str:
    return f"+{count}" if count > 0 else ("−" + str(-count) if count < 0 else "0")


def _date(value: dt.date | None) -> str:
    return format_bound(value) if value else "non renseignée"


def _period(period: Period | None) -> str:
    if period is None:
        return "non renseignée"
    return f"{format_bound(period.start)} – {format_bound(period.end)}"


def _change(label: str, before: str, after: str) -> list[str]:
    return [] if before == after else [f"- {label} : {_text(before)} → {_text(after)}"]


# Conventions ------------------------------------------------------------------------------


def _amounts(convention: Convention | None) -> dict[tuple[str, str, str], Decimal]:
    found: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    if convention is None:
        return found
    for line in convention.funding:
        scheme = line.scheme if line.nature == "subvention" else f"{line.scheme} ({line.nature})"
        for first, last in committed_spans(convention, line):
            found[(line.funder, scheme, span_label(first, last))] += line.amount
    return found


def _amount_lines(
    before: dict[tuple[str, str, str], Decimal],
    after: dict[tuple[str, str, str], Decimal],
    names: _Names,
) -> list[str]:
    rows = []
    for key in sorted(set(before) | set(after), key=lambda k: (k[2], k[0], k[1])):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        funder, scheme, year = key
        rows.append(
            [
                names.org(funder),
                scheme,
                year,
                format_money(old) if old is not None else "—",
                format_money(new) if new is not None else "—",
                _signed((new or Decimal(0)) - (old or Decimal(0))),
            ]
        )
    if not rows:
        return []
    headers = ["Financeur", "Dispositif", "Année", "Avant", "Après", "Écart"]
    return ["**Montants**", "", *_table(headers, rows, right=3)]


def _staffing(convention: Convention | None) -> dict[str, tuple[str, int]]:
    if convention is None or convention.staffing is None:
        return {}
    staffing = convention.staffing
    # Head counts (a role counted in ETP only has none to compare).
    found = {role.id: (role.label, role.count) for role in staffing.roles if role.count is not None}
    if staffing.total is not None:
        found["(total)"] = ("effectif total", staffing.total)
    if staffing.ceiling is not None:
        found["(plafond)"] = ("plafond (« jusqu'à »)", staffing.ceiling)
    return found


def _staffing_lines(before: Convention | None, after: Convention | None) -> list[str]:
    old, new = _staffing(before), _staffing(after)
    rows = []
    for role in sorted(set(old) | set(new)):
        was, now = old.get(role), new.get(role)
        if was is not None and now is not None and was[1] == now[1]:
            continue
        label = (now or was or ("", 0))[0]
        count_before = was[1] if was else 0
        count_after = now[1] if now else 0
        rows.append(
            [
                label,
                str(was[1]) if was else "—",
                str(now[1]) if now else "—",
                _signed_count(count_after - count_before),
            ]
        )
    if not rows:
        return []
    return ["**Effectifs**", "", *_table(["Rôle", "Avant", "Après", "Écart"], rows, right=3)]


def _articles(
    before: Iterable[Any], after: Iterable[Any], heading: str = "**Articles**"
) -> list[str]:
    old = {a.number: a for a in before}
    new = {a.number: a for a in after}
    lines = []

    def name(article: Any) -> str:
        title = f" « {_text(article.title)} »" if article.title else ""
        return f"article {_text(article.number)}{title}"

    for number, article in new.items():
        if number not in old:
            lines.append(f"- ajouté : {name(article)}")
        elif (old[number].title, old[number].text) != (article.title, article.text):
            lines.append(f"- modifié : {name(article)}")
    lines += [f"- supprimé : {name(a)}" for n, a in old.items() if n not in new]
    return [heading, "", *lines, ""] if lines else []


def _convention_dates(before: Convention | None, after: Convention | None) -> list[str]:
    def signed(c: Convention | None) -> str:
        return _date(c.signature.date if c and c.signature else None)

    def ended(c: Convention | None) -> str:
        return format_bound(c.termination.effective) if c and c.termination else "aucune"

    lines = [
        *_change(
            "durée",
            _period(before.term if before else None),
            _period(after.term if after else None),
        ),
        *_change("signature", signed(before), signed(after)),
        *_change("dénonciation", ended(before), ended(after)),
    ]
    return ["**Durée et dates**", "", *lines, ""] if lines else []


def _consolidated(side: Side, identifier: str) -> Convention | None:
    document = side.documents.get(identifier)
    if not isinstance(document, Convention):
        return None
    return consolidate(side.repository, document).convention


def _convention_section(identifier: str, before: Side, after: Side, names: _Names) -> list[str]:
    old, new = _consolidated(before, identifier), _consolidated(after, identifier)
    body = [
        *_amount_lines(_amounts(old), _amounts(new), names),
        *_staffing_lines(old, new),
        *_convention_dates(old, new),
        *_articles(old.articles if old else [], new.articles if new else []),
    ]
    if not body:
        return []
    title = new.title if new else old.title if old else identifier
    heading = f"### Convention {_code(identifier)} (avenants appliqués)"
    return [heading, "", f"_{_text(title)}_", "", *body]


def _avenant_section(identifier: str, before: Side, after: Side) -> list[str]:
    """An avenant's own dates and articles (its effects show in its convention)."""
    old, new = before.documents.get(identifier), after.documents.get(identifier)
    old_a = old if isinstance(old, Avenant) else None
    new_a = new if isinstance(new, Avenant) else None
    if old_a is None or new_a is None:
        return []

    def signed(a: Avenant) -> str:
        return _date(a.signature.date if a.signature else None)

    dates = [
        *_change("période", _period(old_a.period), _period(new_a.period)),
        *_change("nouvelle durée", _period(old_a.new_term), _period(new_a.new_term)),
        *_change("signature", signed(old_a), signed(new_a)),
    ]
    body = [*(["**Dates**", "", *dates, ""] if dates else [])]
    body += _articles(old_a.articles, new_a.articles)
    body += _articles(
        old_a.convention_articles,
        new_a.convention_articles,
        "**Articles de la convention remplacés ou ajoutés**",
    )
    if not body:
        return []
    return [f"### Avenant {_code(identifier)} (n° {_text(new_a.number)})", "", *body]


# Délibérations ----------------------------------------------------------------------------


def _people(members: Iterable[str | Present | Absent]) -> set[str]:
    return {m if isinstance(m, str) else m.person for m in members}


def _proxies(deliberation: Deliberation) -> dict[str, str]:
    return {
        m.person: m.proxy_to
        for m in deliberation.absent.members
        if isinstance(m, Absent) and m.proxy_to
    }


def _deliberation_section(identifier: str, before: Side, after: Side, names: _Names) -> list[str]:
    old, new = before.documents.get(identifier), after.documents.get(identifier)
    old_d = old if isinstance(old, Deliberation) else None
    new_d = new if isinstance(new, Deliberation) else None
    if old_d is None and new_d is None:
        return []

    def counts(d: Deliberation | None) -> dict[str, str]:
        if d is None:
            return {}
        vote = d.vote

        def number(value: int | None) -> str:
            return "—" if value is None else str(value)

        return {
            "membres en exercice": str(d.membership.in_office),
            "présents (déclarés)": number(d.present.count),
            "présents (liste)": str(len(d.present.members)),
            "absents (liste)": str(len(d.absent.members)),
            "procurations": number(d.proxies),
            "pour": "unanimité" if vote.unanimous and vote.for_ is None else number(vote.for_),
            "contre": number(vote.against),
            "abstention": number(vote.abstention),
            "non-participation": number(vote.not_voting),
            "résultat": vote.outcome or "—",
        }

    was, now = counts(old_d), counts(new_d)
    rows = [
        [label, was.get(label, "—"), now.get(label, "—")]
        for label in (now or was)
        if was.get(label) != now.get(label)
    ]
    body: list[str] = []
    if rows:
        body += ["**Présences et vote**", "", *_table(["", "Avant", "Après"], rows, right=2)]
    people_lines = []
    if old_d and new_d:
        for label, old_set, new_set in (
            ("présents", _people(old_d.present.members), _people(new_d.present.members)),
            ("absents", _people(old_d.absent.members), _people(new_d.absent.members)),
        ):
            added = ", ".join(sorted(_text(names.person(p)) for p in new_set - old_set))
            gone = ", ".join(sorted(_text(names.person(p)) for p in old_set - new_set))
            people_lines += [f"- {label} ajoutés : {added}"] if added else []
            people_lines += [f"- {label} retirés : {gone}"] if gone else []
    if old_d and new_d:
        old_p, new_p = _proxies(old_d), _proxies(new_d)
        for mandant in sorted(set(old_p) | set(new_p)):
            if old_p.get(mandant) != new_p.get(mandant):
                people_lines.append(
                    f"- procuration de {_text(names.person(mandant))} :"
                    f" {_text(names.person(old_p[mandant])) if mandant in old_p else 'aucune'}"
                    f" → {_text(names.person(new_p[mandant])) if mandant in new_p else 'aucune'}"
                )
    if people_lines:
        body += ["**Membres**", "", *people_lines, ""]
    body += _amount_lines(_authorised(old_d), _authorised(new_d), names)
    dates = [
        *_change(
            "séance",
            _date(old_d.sitting.date if old_d else None),
            _date(new_d.sitting.date if new_d else None),
        ),
        *_change(
            "convocation",
            _date(old_d.convocation if old_d else None),
            _date(new_d.convocation if new_d else None),
        ),
    ]
    if dates:
        body += ["**Dates**", "", *dates, ""]
    if not body:
        return []
    title = new_d.subject.title if new_d else old_d.subject.title if old_d else ""
    title_text = _text(" ".join(title.split()))
    return [f"### Délibération {_code(identifier)}", "", f"_{title_text}_", "", *body]


def _authorised(deliberation: Deliberation | None) -> dict[tuple[str, str, str], Decimal]:
    found: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    if deliberation is None:
        return found
    for decision in deliberation.decisions:
        paid = decision.authorisation
        if paid is not None:
            scheme = (
                paid.scheme if paid.nature == "subvention" else f"{paid.scheme} ({paid.nature})"
            )
            found[(paid.funder, scheme, str(paid.year))] += paid.amount
    return found


# The whole report -------------------------------------------------------------------------


def markdown(before: Side, after: Side) -> str:
    """The changes from ``before`` to ``after``, every text from the acts escaped.

    A document that is not valid at one revision is said to be so, with its first error,
    and not compared (it would otherwise read as deleted or added, amounts and all); nor is
    the convention of such an avenant, whose consolidation would lack it.
    """
    names = _Names(after.repository, before.repository)
    lines = [f"## Changements des actes : {_text(before.label)} → {_text(after.label)}", ""]
    for side in (before, after):
        if side.invalid_files:
            lines += [
                f"> **Attention** : {side.invalid_files} fichier(s) non valide(s) dans"
                f" {_text(side.label)}, ignoré(s) ici ; lancez `mpdm validate`.",
                "",
            ]
    documents = []
    skipped: set[str] = set()
    for identifier in sorted(set(before.documents) | set(after.documents)):
        old, new = before.documents.get(identifier), after.documents.get(identifier)
        document = new or old
        kind = document.kind_label if document else "document"
        # Valid at one revision only: not valid at the other, or really added or deleted.
        side, there = (before, after) if old is None else (after, before)
        invalid = (
            side.invalid_path(identifier, there.paths[identifier])
            if old is None or new is None
            else None
        )
        if invalid is not None:
            documents.append(
                f"- non valide dans {_text(side.label)} : {kind} {_code(identifier)}"
                f" ({_text(invalid)}), non comparé : {_text(side.invalid[invalid])}"
            )
            skipped.add(identifier)
            if isinstance(document, Avenant):
                skipped.add(document.convention)
                documents.append(
                    f"- non comparée : convention {_code(document.convention)}, dont l'avenant"
                    f" {_code(identifier)} n'est pas valide dans {_text(side.label)}"
                )
        elif old is None:
            documents.append(
                f"- ajouté : {kind} {_code(identifier)} ({_text(after.paths[identifier])})"
            )
        elif new is None:
            documents.append(
                f"- supprimé : {kind} {_code(identifier)} ({_text(before.paths[identifier])})"
            )
        elif old != new:
            documents.append(
                f"- modifié : {kind} {_code(identifier)} ({_text(after.paths[identifier])})"
            )
    if not documents:
        lines += ["Aucun changement dans les actes.", ""]
        return "\n".join(lines)
    lines += ["### Documents", "", *documents, ""]

    def of_type(kind: type[Any], sides: tuple[Side, ...] = (before, after)) -> list[str]:
        found = {i for side in sides for i, doc in side.documents.items() if isinstance(doc, kind)}
        return sorted(found - skipped)

    details = []
    for identifier in of_type(Convention):
        details += _convention_section(identifier, before, after, names)
    for identifier in of_type(Avenant, (after,)):
        details += _avenant_section(identifier, before, after)
    for identifier in of_type(Deliberation):
        details += _deliberation_section(identifier, before, after, names)
    if details:
        lines += details
    else:
        lines += ["Aucun changement de montant, d'effectif, de date, d'article ni de vote.", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
