"""The acts as Word blocks, from the same job context and French formatting as the templates.

The layout follows ``templates/*.md.j2`` section by section (title, visas, parties,
articles, signatures, annex); every text goes through ``french.typographic`` as in the PDF.
YAML text only ever becomes span text: never a field, a style name or markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mpdm_cli.checks.attendance import presence
from mpdm_cli.domain import french
from mpdm_cli.models import Avenant, Convention, Deliberation
from mpdm_cli.models.common import Article, Party, Period, Signature
from mpdm_cli.models.convention import Restatable
from mpdm_cli.render.documents import Directory, Job
from mpdm_cli.render.docx.model import Block, Cell, Paragraph, Row, Span, Table, para
from mpdm_cli.render.prose import Inline, parse

DRAFT = "PROJET — NON VALIDÉ"


def blocks_of(job: Job, draft: bool = False) -> list[Block]:
    """The document of ``job`` (a convention, consolidated or not, an avenant, a délibération)."""
    context = job.context
    body: list[Block] = [para(DRAFT, bold=True)] if draft else []
    if job.template == "convention":
        body += convention_blocks(context["convention"], context["applied"], context["directory"])
    elif job.template == "avenant":
        body += avenant_blocks(context["avenant"], context["directory"])
    else:
        body += deliberation_blocks(context["deliberation"], context["directory"])
    return body


def _span(text: str, bold: bool = False, italic: bool = False) -> Span:
    return Span(french.typographic(text), bold, italic)


def _p(*spans: Span, style: str = "Normal") -> Paragraph:
    return Paragraph(tuple(spans), style)


def _text(text: str, style: str = "Normal", bold: bool = False, italic: bool = False) -> Paragraph:
    return _p(_span(text, bold, italic), style=style)


def _inline(nodes: Iterable[Inline], bold: bool = False, italic: bool = False) -> list[Span]:
    spans: list[Span] = []
    for node in nodes:
        if isinstance(node, str):
            spans.append(_span(node, bold, italic))
        else:
            kind, children = node
            spans += _inline(children, bold or kind == "strong", italic or kind == "em")
    return spans


def prose(text: str) -> list[Paragraph]:
    """The small Markdown of the prose fields: paragraphs, bullet items, emphasis."""
    paragraphs = []
    for block in parse(text):
        spans: list[Span] = []
        for index, line in enumerate(block.lines):
            if index:
                spans.append(Span(" "))
            spans += _inline(line)
        style = "List Bullet" if block.kind == "item" else "Normal"
        paragraphs.append(_p(*spans, style=style))
    return paragraphs


def _visas(lines: list[str]) -> list[Block]:
    return [_text(f"VU {line}") for line in lines]


def _parties(parties: list[Party], directory: Directory) -> list[Block]:
    out: list[Block] = [_text("Entre :")]
    for index, party in enumerate(parties):
        if index == len(parties) - 1 and len(parties) > 1:
            out.append(_text("Et"))
        out.append(_text(f"{directory.party(party)},"))
    return out


def _articles(articles: list[Article], level: int = 2) -> list[Block]:
    out: list[Block] = []
    for article in articles:
        out.append(_text(french.article_heading(article.number, article.title), f"Heading {level}"))
        out += prose(article.text)
    return out


def _cell(*lines: str, bold: bool = False) -> Cell:
    return tuple(_text(line, bold=bold) for line in lines)


def _signature(signature: Signature | None, directory: Directory) -> list[Block]:
    if signature is None:
        return [_text("Fait à ………, le ………")]
    when = french.format_date(signature.date)
    out: list[Block] = [_text(f"Fait à {signature.place or '………'}, le {when}")]
    names = [
        (s.title, directory.full_name(s.person) if s.person else "") for s in signature.signatories
    ]
    if names:
        out.append(signature_table(names))
    return out


def signature_table(names: list[tuple[str, str]]) -> Table:
    """Signature blocks side by side, two per row, without borders: the titles with room to
    sign below, then the names on a row of their own, so that they line up."""
    rows = []
    for start in range(0, len(names), 2):
        pair = names[start : start + 2] + [("", "")] * (start + 2 - len(names))
        rows.append(Row(tuple(_cell(title, "", "") for title, _ in pair)))
        rows.append(Row(tuple(_cell(name) for _, name in pair)))
    return Table(tuple(rows), header=False, ruled=False)


def _table(header: list[str], rows: list[list[str]], right: Iterable[int] = ()) -> Table:
    head = Row(tuple(_cell(text, bold=True) for text in header))
    body = (Row(tuple(_cell(text) for text in row)) for row in rows)
    return Table((head, *body), right=frozenset(right))


def _annex(document: Restatable, directory: Directory, term: Period | None) -> list[Block]:
    if not (document.funding or document.staffing or term):
        return []
    out: list[Block] = [
        _text("Annexe : tableaux récapitulatifs", "Heading 2"),
        _text(
            "Tableaux établis à partir des données de l’acte ; le texte des articles fait foi.",
            italic=True,
        ),
    ]
    if term:
        out.append(_text(f"Durée : {french.format_period(term.start, term.end)}."))
    if document.funding:
        out.append(_text("Financements", "Heading 3"))
        rows = [
            [
                directory.name(line.funder),
                directory.name(line.beneficiary),
                directory.scheme(line.scheme),
                line.nature,
                french.format_money(line.amount)
                + (" par an" if line.basis == "annuel" else " au total"),
                directory.years(line.years),
            ]
            for line in document.funding
        ]
        header = ["Financeur", "Bénéficiaire", "Dispositif", "Nature", "Montant", "Années"]
        out.append(_table(header, rows, right=[4]))
        total = directory.funding_total(document)
        out.append(
            _text(
                f"Total sur la durée : {french.format_money(total)}"
                f" ({french.amount_in_words(total)})."
            )
        )
    staffing = document.staffing
    if staffing:
        out.append(_text("Effectifs", "Heading 3"))
        if staffing.ceiling:
            out.append(_text(f"Effectif maximal : jusqu’à {staffing.ceiling}."))
        if staffing.total:
            out.append(_text(f"Effectif total : {staffing.total}."))
        if staffing.roles:
            rows = [
                [
                    role.label,
                    directory.headcount(role),
                    ", ".join(role.contracts),
                    directory.breakdown(role),
                ]
                for role in staffing.roles
            ]
            out.append(_table(["Rôle", "Effectif", "Contrats", "Répartition"], rows, right=[1]))
    return out


def _preamble(text: str | None) -> list[Block]:
    return [_text("Préambule", "Heading 2"), *prose(text)] if text else []


def convention_blocks(
    convention: Convention, applied: tuple[Avenant, ...], directory: Directory
) -> list[Block]:
    out: list[Block] = [
        _text(convention.title, "Heading 1"),
        _text(convention.kind[:1].upper() + convention.kind[1:], italic=True),
    ]
    if applied:
        out.append(_text(consolidation_note(applied), italic=True))
    out += _visas(convention.visas)
    out += _parties(convention.parties, directory)
    out.append(_text("IL EST CONVENU QUE,"))
    out += _preamble(convention.preamble)
    out += _articles(convention.articles)
    if not applied:
        out += _signature(convention.signature, directory)
    out += _annex(convention, directory, convention.term)
    return out


def consolidation_note(applied: Iterable[Avenant]) -> str:
    numbers = ", ".join(f"l’avenant n° {a.number}" for a in applied)
    return (
        f"Version consolidée intégrant {numbers}, établie à titre d’information : seuls la"
        " convention et ses avenants signés font foi."
    )


def avenant_blocks(avenant: Avenant, directory: Directory) -> list[Block]:
    out: list[Block] = [_text(avenant.title, "Heading 1")]
    out += _visas(avenant.visas)
    out += _parties(avenant.parties, directory)
    out.append(_text("IL EST CONVENU QUE,"))
    out += _preamble(avenant.preamble)
    out += _articles(avenant.articles)
    if avenant.convention_articles:
        out.append(_text("Articles de la convention modifiés par le présent avenant", "Heading 2"))
        out += _articles(avenant.convention_articles, level=3)
    out += _signature(avenant.signature, directory)
    out += _annex(avenant, directory, avenant.period)
    return out


def _dash(value: Any) -> str:
    return "—" if value is None else str(value)


def deliberation_blocks(d: Deliberation, directory: Directory) -> list[Block]:
    organisation = directory.name(d.assembly.organisation)
    if d.sitting.weekday:
        sitting = f"{d.sitting.weekday} {french.format_date(d.sitting.date)}"
    else:
        sitting = french.format_date(d.sitting.date, weekday=True)
    out: list[Block] = [
        _text(
            f"EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS du {d.assembly.name} de {organisation}",
            "Heading 1",
        ),
        _text(f"Séance du {sitting}"),
        _text(f"Président : {directory.short_name(d.sitting.president)}"),
        _text(f"Secrétaire de séance : {directory.short_name(d.sitting.secretary)}"),
    ]
    if d.convocation:
        out.append(_text(f"Convocation envoyée le {french.format_date(d.convocation)}"))
    out.append(_text(f"Nombre de membres du {d.assembly.name} : {d.membership.seats}"))
    out.append(_text(f"Nombre de membres en exercice : {d.membership.in_office}"))
    if d.present.count_at_opening is not None:
        out.append(
            _text(f"Nombre de présents à l’ouverture de la séance : {d.present.count_at_opening}")
        )
    # As the templates count it (their ``attending`` filter): those at the item voted.
    present = d.present.count if d.present.count is not None else presence(d).count
    out.append(_text(f"Nombre de présents participant au vote : {present}"))
    if d.proxies is not None:
        out.append(_text(f"Nombre de procurations : {d.proxies}"))
    out.append(_text("Membres présents :"))
    out += [_text(directory.present(m), "List Bullet") for m in d.present.members]
    out.append(_text("Membres absents :"))
    out += [_text(directory.absent(m), "List Bullet") for m in d.absent.members]
    out.append(_text(f"OBJET : {d.subject.theme or ''}"))
    out.append(_text(d.subject.title, bold=True))
    out += prose(d.statement)
    out.append(_text("Le Conseil, après en avoir délibéré, décide :", bold=True))
    for decision in d.decisions:
        out.append(
            _p(_span(decision.verb, bold=True), _span(f" {decision.text}"), style="List Bullet")
        )
    out.append(_vote_table(d))
    if d.signatures:
        names = [(s.title.rstrip(",") + ",", directory.short_name(s.person)) for s in d.signatures]
        out.append(signature_table(names))
    return out


def _vote_table(d: Deliberation) -> Table:
    v = d.vote
    outcome = {"adoptee": "ADOPTÉE", "rejetee": "REJETÉE"}.get(v.outcome or "")
    if v.unanimous:
        rows = [["SCRUTIN", "UNANIMITÉ"]] + ([["", outcome]] if outcome else [])
    else:
        rows = [
            ["SCRUTIN", "", ""],
            ["", f"POUR : {_dash(v.for_)}", f"ABSTENTION : {_dash(v.abstention)}"],
            ["", f"CONTRE : {_dash(v.against)}", f"{v.not_voting_label} : {_dash(v.not_voting)}"],
        ]
        if v.proxies is not None:
            rows.append(["", f"DONT {v.proxies} PROCURATION(S)", ""])
        if outcome:
            rows.append(["", outcome, ""])
    return _table(rows[0], rows[1:])
