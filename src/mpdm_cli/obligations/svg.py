"""The timeline drawn as SVG on an A4 landscape page, by hand: every text escaped, every
number written with two decimals, so the same acts always give the same bytes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from xml.sax.saxutils import escape

from mpdm_cli.domain.french import NBSP, NNBSP, format_date, format_money
from mpdm_cli.obligations.timeline import Group, Row, Span, Timeline

WIDTH, HEIGHT = 297.0, 210.0  # mm, A4 landscape
LEFT, PLOT_LEFT, PLOT_RIGHT = 10.0, 90.0, 287.0
AXIS_Y, ROWS_TOP, ROWS_BOTTOM = 27.0, 33.0, 190.0
HEADER = 6.0
MIN_ROW, MAX_ROW = 10.0, 16.0  # mm: below 10, a row's labels are too small to print
FONT = "Libertinus Serif, serif"
Scale = Callable[[dt.date], float]  # a day → its abscissa, in mm
TERM, AVENANT, CUT, BLANK, TODAY, FUNDING = (
    "#3b6ea5", "#e08a1e", "#c62828", "#c62828", "#c62828", "#7fa88a",
)  # fmt: skip


def _text(value: str) -> str:
    """Character data for an element or an attribute: never markup."""
    plain = value.replace(NNBSP, " ").replace(NBSP, " ")
    return escape(plain, {'"': "&quot;"})


def _n(value: float) -> str:
    return f"{value:.2f}"


def _fit(value: str, width: float, size: float) -> str:
    """Cut ``value`` to about ``width`` mm at ``size`` (an average glyph is half an em)."""
    room = max(int(width / (size * 0.48)), 4)
    return value if len(value) <= room else value[: room - 1].rstrip() + "…"


class _Canvas:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def rect(self, x: float, y: float, w: float, h: float, style: str) -> None:
        self.parts.append(
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(max(w, 0.3))}" height="{_n(h)}" {style}/>'
        )

    def line(self, x1: float, y1: float, x2: float, y2: float, style: str) -> None:
        self.parts.append(
            f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" {style}/>'
        )

    def text(
        self, x: float, y: float, value: str, size: float, style: str = "", anchor: str = "start"
    ) -> None:
        self.parts.append(
            f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" text-anchor="{anchor}"'
            f"{' ' + style if style else ''}>{_text(value)}</text>"
        )


Page = list[tuple[Group, list[Row], bool]]  # (group, its rows on this page, continued)


def paginate(timeline: Timeline) -> tuple[float, list[Page]]:
    """The row height and the rows of each page: as tall as one page allows, down to
    MIN_ROW; past that, more pages, a group cut between two repeating its heading."""
    rows = sum(len(group.rows) for group in timeline.groups)
    room = ROWS_BOTTOM - ROWS_TOP
    fitting = (room - HEADER * len(timeline.groups)) / rows if rows else MAX_ROW
    height = max(min(MAX_ROW, fitting), MIN_ROW)
    pages: list[Page] = []
    current: Page = []
    used = 0.0
    for group in timeline.groups:
        pending, continued = list(group.rows), False
        while pending:
            fit = int((room - used - HEADER) / height + 1e-9)
            if fit <= 0:
                pages.append(current)
                current, used = [], 0.0
                continue
            current.append((group, pending[:fit], continued))
            used += HEADER + height * len(pending[:fit])
            pending, continued = pending[fit:], True
    pages.append(current)
    return height, pages


def timeline_svg(timeline: Timeline, names: dict[str, str]) -> list[str]:
    """One SVG document per A4 landscape page."""
    height, pages = paginate(timeline)
    peak = max(
        (amount for g in timeline.groups for r in g.rows for _, amount in r.funding),
        default=Decimal(0),
    )
    return [
        _page(timeline, names, page, height, peak, number, len(pages))
        for number, page in enumerate(pages, 1)
    ]


def _page(
    timeline: Timeline,
    names: dict[str, str],
    page: Page,
    height: float,
    peak: Decimal,
    number: int,
    count: int,
) -> str:
    canvas = _Canvas()
    first = dt.date(timeline.first_year, 1, 1)
    last = dt.date(timeline.last_year + 1, 1, 1)
    span = (last - first).days

    def x(day: dt.date) -> float:
        return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * (day - first).days / span

    today = format_date(timeline.today)
    canvas.text(LEFT, 13, "Frise des conventions et de leurs avenants", 5.5, 'font-weight="bold"')
    of = f" — page {number}/{count}" if count > 1 else ""
    canvas.text(
        LEFT, 19.5,
        f"Situation au {today} — par dispositif et bénéficiaire ; barres vertes : montants"
        f" engagés par année (avenants appliqués){of}",
        3.0, 'fill="#444444"',
    )  # fmt: skip
    bottom = ROWS_TOP + sum(HEADER + height * len(rows) for _, rows, _ in page)
    _axis(canvas, timeline, x, bottom)
    y = ROWS_TOP
    for group, rows, continued in page:
        canvas.rect(LEFT, y, PLOT_RIGHT - LEFT, HEADER - 0.8, 'fill="#eeeeee"')
        label = f"{group.scheme} — {names.get(group.beneficiary, group.beneficiary)}"
        canvas.text(LEFT + 1, y + 3.8, label + (" (suite)" if continued else ""), 3.4,
                    'font-weight="bold"')  # fmt: skip
        y += HEADER
        for row in rows:
            _row(canvas, row, y, height, x, peak)
            y += height
    today_x = x(timeline.today)
    canvas.line(
        today_x, AXIS_Y - 3, today_x, bottom,
        f'stroke="{TODAY}" stroke-width="0.5" stroke-dasharray="1.5,1"',
    )  # fmt: skip
    canvas.text(today_x, AXIS_Y - 3.8, f"au {today}", 2.8, f'fill="{TODAY}"', "middle")
    _legend(canvas)
    body = "\n".join(canvas.parts)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(WIDTH)}mm" height="{_n(HEIGHT)}mm"'
        f' viewBox="0 0 {_n(WIDTH)} {_n(HEIGHT)}" font-family="{FONT}">\n'
        f'<rect x="0" y="0" width="{_n(WIDTH)}" height="{_n(HEIGHT)}" fill="#ffffff"/>\n'
        f"{body}\n</svg>\n"
    )


def _axis(canvas: _Canvas, timeline: Timeline, x: Scale, bottom: float) -> None:
    for year in range(timeline.first_year, timeline.last_year + 2):
        left = x(dt.date(year, 1, 1))
        canvas.line(left, AXIS_Y, left, bottom, 'stroke="#bbbbbb" stroke-width="0.2"')
        if year <= timeline.last_year:
            middle = (left + x(dt.date(year + 1, 1, 1))) / 2
            canvas.text(middle, AXIS_Y + 3.5, str(year), 3.2, 'font-weight="bold"', "middle")
    canvas.line(PLOT_LEFT, AXIS_Y, PLOT_RIGHT, AXIS_Y, 'stroke="#333333" stroke-width="0.3"')


def _row(canvas: _Canvas, row: Row, y: float, height: float, x: Scale, peak: Decimal) -> None:
    size = min(3.6, height * 0.24)
    canvas.text(LEFT + 1, y + size + 0.8, _fit(row.act, PLOT_LEFT - LEFT - 3, size), size)
    small = size * 0.78
    canvas.text(
        LEFT + 1, y + 2 * size + 1.4, _fit(row.title, PLOT_LEFT - LEFT - 3, small), small,
        'fill="#666666"',
    )  # fmt: skip
    bar_y, bar_h = y + 0.8, max(height * 0.22, 1.2)
    if row.term is not None:
        end = row.term.end + dt.timedelta(days=1)
        kept = min(end, row.cut) if row.cut is not None else end
        canvas.rect(x(row.term.start), bar_y, x(kept) - x(row.term.start), bar_h, f'fill="{TERM}"')
        if row.cut is not None and row.cut < end:
            _cut(canvas, x(row.cut), x(end), bar_y, bar_h, size)
    elif row.known_from is not None:
        left = x(row.known_from)
        canvas.rect(left - 0.6, bar_y, 1.2, bar_h, f'fill="{TERM}"')
        signed = format_date(row.known_from)
        canvas.text(left + 1.5, bar_y + bar_h - 0.2, f"signée le {signed}, durée inconnue", small)
    for avenant in row.avenants:
        _avenant(canvas, avenant, bar_y + bar_h + 0.4, bar_h, x, small)
    for day in row.blank_signatures:
        _blank(canvas, x(day), bar_y + bar_h + 0.4, bar_h, small)
    _funding(canvas, row, y, height, x, peak, small)


def _cut(canvas: _Canvas, left: float, right: float, y: float, h: float, size: float) -> None:
    canvas.rect(
        left, y, right - left, h,
        f'fill="none" stroke="{CUT}" stroke-width="0.3" stroke-dasharray="1,0.6"',
    )  # fmt: skip
    canvas.line(left - 1, y - 0.4, left + 1, y + h + 0.4, f'stroke="{CUT}" stroke-width="0.5"')
    canvas.line(left - 1, y + h + 0.4, left + 1, y - 0.4, f'stroke="{CUT}" stroke-width="0.5"')
    canvas.text(left + 1.5, y + h - 0.2, "dénoncée", size * 0.9, f'fill="{CUT}"')


def _avenant(canvas: _Canvas, span: Span, y: float, h: float, x: Scale, size: float) -> None:
    left, right = x(span.start), x(span.end + dt.timedelta(days=1))
    canvas.rect(left, y, right - left, h, f'fill="{AVENANT}"')
    # After the room of a « signature en blanc » mark, which sits on the avenant's start.
    canvas.text(left + h / 2 + 1.2, y + h - 0.25, span.label, min(size, h * 0.9), 'fill="#ffffff"')


def _blank(canvas: _Canvas, left: float, y: float, h: float, size: float) -> None:
    """A red « ! » at the act's start, on the line of its avenant bar, named to its left."""
    middle = y + h / 2
    canvas.parts.append(
        f'<circle cx="{_n(left)}" cy="{_n(middle)}" r="{_n(h / 2 + 0.3)}" fill="#ffffff"'
        f' stroke="{BLANK}" stroke-width="0.4"/>'
    )
    canvas.text(
        left, middle + size * 0.33, "!", size, f'fill="{BLANK}" font-weight="bold"', "middle"
    )
    canvas.text(
        left - h / 2 - 1, middle + size * 0.33, "signature en blanc", size,
        f'fill="{BLANK}"', "end",
    )  # fmt: skip


def _funding(
    canvas: _Canvas,
    row: Row,
    y: float,
    height: float,
    x: Scale,
    peak: Decimal,
    size: float,
) -> None:
    if peak <= 0:
        return
    base = y + height - 0.6
    tallest = height * 0.22
    for year, amount in row.funding:
        left, right = x(dt.date(year, 1, 1)), x(dt.date(year + 1, 1, 1))
        width = (right - left) * 0.5
        bar = tallest * float(amount / peak)
        middle = (left + right) / 2
        canvas.rect(middle - width / 2, base - bar, width, bar, f'fill="{FUNDING}"')
        canvas.text(middle, base - bar - 0.5, format_money(amount), 2.6, "", "middle")


def _legend(canvas: _Canvas) -> None:
    y = 200.0
    items = (
        (TERM, "durée de la convention"),
        (AVENANT, "période d'un avenant"),
        (FUNDING, "montant engagé par année"),
        (CUT, "dénonciation (reste de la durée en pointillés)"),
    )
    left = LEFT
    for colour, label in items:
        canvas.rect(left, y - 2.4, 5, 2.6, f'fill="{colour}"')
        canvas.text(left + 6.5, y, label, 2.8)
        left += 10 + len(label) * 1.35
    canvas.text(left, y, "! signature en blanc", 2.8, f'fill="{BLANK}"')
