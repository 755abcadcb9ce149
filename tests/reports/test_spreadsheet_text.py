"""Text bound for a spreadsheet cannot start a formula; numbers stay numbers."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from ward_office.reports.spreadsheet_text import csv_field, csv_row, set_cell


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1"])
def test_text_that_could_start_a_formula_gets_a_quote(text: str) -> None:
    assert csv_field(text) == "'" + text


def test_other_text_and_numbers_are_left_alone() -> None:
    assert csv_row(["Nguyễn Văn An", "", None, -1, Decimal("-1.50"), 2.5, "1-2"]) == \
        ["Nguyễn Văn An", "", None, -1, Decimal("-1.50"), 2.5, "1-2"]


def test_a_cell_keeps_text_as_text(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    set_cell(sheet["A1"], "=cmd|' /C calc'!A0")
    set_cell(sheet["A2"], "bad\x01char")
    set_cell(sheet["A3"], -1.5)
    workbook.save(tmp_path / "x.xlsx")
    read = load_workbook(tmp_path / "x.xlsx").active
    assert (read["A1"].data_type, read["A1"].value) == ("s", "=cmd|' /C calc'!A0")
    assert read["A2"].value == "badchar"
    assert (read["A3"].data_type, read["A3"].value) == ("n", -1.5)
