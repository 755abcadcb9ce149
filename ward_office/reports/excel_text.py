"""How much room text takes in a worksheet, estimated, because neither openpyxl nor Excel nor LibreOffice sizes a
row whose text wraps in merged cells, and a row too short prints its text cut or over the next row.

Widths are in Excel's column unit: the width of a digit of the workbook's default font (Times New Roman
11 pt). A text's width comes from Times New Roman's average letter widths
(capitals 0.66 em, small letters 0.45 em, bold a little wider), which is close enough to choose a line count.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

BODY_SIZE = 13  # NĐ 30/2020: Times New Roman 13–14 for the text of a document
# Tables are set in 11 pt, as on the PDF reports: at 13 pt a table of ten or more columns is wider than the page
# and the sheet is shrunk to fit, its letterhead and signatures with it.
TABLE_SIZE = 11
UNIT_POINTS = 5.5  # a digit of Times New Roman 11 pt, as LibreOffice measures it (Excel: 7 pixels, 5.25 pt)
CELL_PADDING = 0.8  # units a cell keeps clear of its borders
LINE_SPACING = 1.2  # a line's height for a size, with the space Excel and LibreOffice put between lines
ROW_PADDING = 3.0
SAFETY = 1.05  # points above and below the lines of a row

_PUNCTUATION = set(".,;:!'\"()[]/|-")


@dataclass(frozen=True, slots=True)
class Text:
    """A text as it is set in a cell."""

    text: str
    size: float = TABLE_SIZE
    bold: bool = False
    italic: bool = False
    underline: bool = False
    align: str = "center"
    height: float | None = None  # points; None fits the lines

    def with_text(self, text: str) -> Text:
        return replace(self, text=text)


def _em(character: str) -> float:
    if character == " ":
        return 0.25
    if character in _PUNCTUATION:
        return 0.3
    if character.isdigit():
        return 0.5
    if character.isupper():
        return 0.68
    if character.isalpha():
        return 0.46
    return 0.6 if character.isascii() else 1.0  # "—", "→" and the like are wide


def text_units(text: str, size: float = TABLE_SIZE, *, bold: bool = False) -> float:
    """The width of one line of ``text`` in column units, a little more than the average letters give, so that
    a column fitted to a name does not wrap it and a row is never a line short."""
    return sum(_em(character) for character in text) * size * (1.06 if bold else 1.0) * SAFETY / UNIT_POINTS


def text_lines(text: Text, width: float) -> int:
    """Lines ``text`` wraps to in ``width`` column units, broken between words as a spreadsheet does."""
    room = max(width - CELL_PADDING, 1.0)
    space = text_units(" ", text.size, bold=text.bold)
    lines = 0
    for paragraph in text.text.splitlines() or [""]:
        lines += 1
        used = 0.0
        for word in paragraph.split():
            needed = text_units(word, text.size, bold=text.bold)
            if used and used + space + needed > room + 1e-9:
                lines += 1
                used = 0.0
            if needed > room + 1e-9:  # a word longer than the cell is broken at the cell's edge
                lines += math.ceil(needed / room) - 1
                used = needed % room
            else:
                used += (space if used else 0.0) + needed
    return lines


def row_height(lines: int, size: float) -> float:
    """Points for ``lines`` lines of ``size`` points."""
    return round(lines * size * LINE_SPACING + ROW_PADDING, 1)


def fitted_width(header: str, texts: Iterable[str]) -> float:
    """A column as wide as its widest value, and as its header's longest word (headers wrap), in bold."""
    widest_word = max((text_units(word, bold=True) for word in header.split()), default=0.0)
    widest = max((text_units(line) for text in texts for line in text.splitlines()), default=0.0)
    return math.ceil((max(widest_word, widest) + CELL_PADDING) * 10) / 10


def column_blocks(widths: Sequence[float], shares: Sequence[float]) -> list[tuple[int, int]]:
    """Split the columns into consecutive blocks of about ``shares`` of the total width (0-based first and last
    column of each); every block has a column when there are enough."""
    total = sum(widths)
    blocks: list[tuple[int, int]] = []
    first, reached, target = 0, 0.0, 0.0
    for number, share in enumerate(shares):
        target += share * total
        remaining_blocks = len(shares) - number - 1
        if remaining_blocks == 0 or first >= len(widths):
            last = len(widths) - 1
        else:
            last, used = first, reached + widths[first]
            while last + 1 < len(widths) - remaining_blocks and \
                    abs(used + widths[last + 1] - target) < abs(used - target):
                last += 1
                used += widths[last]
        last = max(min(last, len(widths) - 1), first) if first < len(widths) else len(widths) - 1
        blocks.append((min(first, len(widths) - 1), last))
        reached += sum(widths[first:last + 1])
        first = last + 1
    return blocks


__all__ = ["BODY_SIZE", "TABLE_SIZE", "Text", "column_blocks", "fitted_width", "row_height", "text_lines",
           "text_units"]


def page_breaks(heights: Sequence[float], header_row: int, last_table_row: int, page_height: float,
                keep_rows: int = 2) -> list[int]:
    """The rows (1-based) after which a printed page ends, for rows of ``heights`` points on pages
    ``page_height`` points high, the header row repeated on every page after the first.

    The rows after the table (notes and signatures) always share a page with the table's last ``keep_rows``
    rows: a signature never stands alone, and LibreOffice leaves out a last page that holds no table row.
    Given as manual breaks, these are the only ones a spreadsheet program needs when the estimates hold.
    """
    header = heights[header_row - 1]
    breaks: list[int] = []
    used = 0.0
    for row, height in enumerate(heights, start=1):
        if used + height > page_height and used > (header if breaks else 0):
            breaks.append(row - 1)
            used = header
        used += height
    keep_from = max(last_table_row - keep_rows + 1, header_row + 1)
    if any(row >= keep_from for row in breaks):
        breaks = [row for row in breaks if row < keep_from]
        if keep_from - 1 > header_row and (not breaks or breaks[-1] < keep_from - 1):
            breaks.append(keep_from - 1)
    return breaks
