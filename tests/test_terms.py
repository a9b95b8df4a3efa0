"""One consolidation for every reader: a termination's cut-off and annual or total amounts."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from mpdm_cli.cli import main
from mpdm_cli.domain.terms import (
    applies_on,
    committed_spans,
    line_total,
    mean_yearly_amount,
    yearly_amount,
)
from mpdm_cli.models.convention import FundingLine
from mpdm_cli.pipeline.validation import validate

REPO_ROOT = Path(__file__).resolve().parent.parent
SHIPPED = REPO_ROOT / "conventions"
TERMINATED = "mpdm-mediation-sociale-cpom-2022-2024"  # dénoncée avec effet pour 2024


def _line(basis: str, amount: str, years: list[int]) -> FundingLine:
    return FundingLine.model_validate(
        {
            "financeur": "a",
            "beneficiaire": "b",
            "dispositif": "d",
            "nature": "subvention",
            "montant": Decimal(amount),
            "base": basis,
            "annees": years,
        }
    )


def test_show_leaves_out_the_years_budget_leaves_out(capsys: pytest.CaptureFixture[str]) -> None:
    repository = validate([SHIPPED]).repository
    convention = repository.find("convention", TERMINATED)
    assert convention is not None
    assert not applies_on(convention.document, dt.date(2024, 6, 30))  # type: ignore[arg-type]
    assert main(["show", TERMINATED, "--at", "2024-06-30", "--source", str(SHIPPED)]) == 0
    out = capsys.readouterr().out
    assert "en vigueur" not in out
    assert "ne s'applique plus le 30 juin 2024" in out
    shown = set(re.findall(r"│ (20[0-9]{2}) ", out))
    spans = {
        year
        for line in convention.document.funding  # type: ignore[union-attr]
        for first, last in committed_spans(convention.document, line)  # type: ignore[arg-type]
        for year in range(first, last + 1)
    }
    assert shown == {str(year) for year in spans} == {"2022", "2023"}
    assert main(["show", TERMINATED, "--at", "2023-06-30", "--source", str(SHIPPED)]) == 0
    assert "en vigueur le 30 juin 2023" in capsys.readouterr().out


def test_termination_cut_off() -> None:
    repository = validate([SHIPPED]).repository
    entry = repository.find("convention", TERMINATED)
    assert entry is not None
    convention = entry.document
    yearly = _line("annuel", "1000", [2022, 2023, 2024])
    total = _line("total", "3000", [2022, 2023, 2024])
    assert committed_spans(convention, yearly) == [(2022, 2022), (2023, 2023)]  # type: ignore[arg-type]
    assert committed_spans(convention, total) == [(2022, 2023)]  # type: ignore[arg-type]
    assert applies_on(convention, dt.date(2023, 12, 31))  # type: ignore[arg-type]
    assert not applies_on(convention, dt.date(2024, 1, 1))  # type: ignore[arg-type]


def test_annual_or_total_amounts() -> None:
    yearly = _line("annuel", "1000", [2024, 2025, 2026])
    total = _line("total", "3000", [2024, 2025, 2026])
    single = _line("total", "500.50", [2024])
    assert (yearly_amount(yearly), line_total(yearly), mean_yearly_amount(yearly)) == (
        Decimal(1000),
        Decimal(3000),
        Decimal(1000),
    )
    assert yearly_amount(total) is None  # a total over three years is not split by the act
    assert line_total(total) == Decimal(3000)
    assert mean_yearly_amount(total) == Decimal(1000)
    assert (yearly_amount(single), line_total(single)) == (Decimal("500.50"), Decimal("500.50"))
