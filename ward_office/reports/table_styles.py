"""Tables whose cells share their styles: the same cell styles as reportlab's, made once per kind of cell.

``Table.setStyle`` makes a style object for every cell and applies each command to every cell of its range,
one at a time: a ward's scorecards apply some four hundred thousand of them. Here each command that sets a
cell's font, alignment or padding is applied once to a style shared by every cell the same commands reach
(reportlab's own ``_setCellStyle``, in the same order); the rules, fills, spans and no-split ranges go to
``setStyle`` as before. Reportlab reads cell styles only by their values (it compares them before drawing),
so the page is the same, operator for operator.

``ReportTable`` writes a plain one-line cell as ``drawString`` would, and ``RepeatedTable`` replays a table
drawn before in the document. Both lean on reportlab internals (``Table._drawCell``, ``Canvas._code``,
``_setCellStyle``); tests/reports/test_report_shared_lines.py compares the pages with reportlab's own way and
will say if an upgrade changes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import count
from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import textobject
from reportlab.platypus import Flowable, Table
from reportlab.platypus.tables import CellStyle, _setCellStyle

# Commands reportlab keeps whole (``Table._addCommand``); every other command sets cell styles.
_TABLE_COMMANDS = frozenset({"BACKGROUND", "ROWBACKGROUNDS", "COLBACKGROUNDS", "SPAN", "NOSPLIT", "GRID",
                             "BOX", "OUTLINE", "INNERGRID", "LINEBELOW", "LINEABOVE", "LINEBEFORE",
                             "LINEAFTER", "ROUNDEDCORNERS"})


_SHOWN = "_wo_shown"  # on the canvas: (font, size, leading, text) → its show operators and its width
_tokens = count()
_DRAWN = "_wo_drawn_tables"  # on the canvas: (table, width) → the operators it drew
_OFFSET = {"LEFT": 0.0, "CENTRE": 0.5, "CENTER": 0.5, "RIGHT": 1.0}  # how much of a text's width goes left of x


class ReportTable(Table):
    """A table whose plain one-line text cells are written straight to the page.

    For such a cell reportlab makes a text object, places it and encodes the text into the font's subsets
    every time; here the encoded text is kept per font, size and text for the document, and the cell's
    "BT … Tm … T* ET" is the one ``Canvas.drawString`` (or its centred and right forms) writes."""

    def _drawCell(self, cellval: Any, cellstyle: CellStyle, pos: tuple[float, float],  # noqa: N802
                  size: tuple[float, float]) -> None:
        offset = _OFFSET.get(cellstyle.alignment)
        if (type(cellval) is not str or offset is None or "\n" in cellval or cellstyle.direction or cellstyle.shaping
                or cellstyle.href or cellstyle.destination or cellstyle.valign not in ("TOP", "MIDDLE", "BOTTOM")
                or textobject.rtlSupport or not self.canv.bottomup):
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        canvas = self.canv
        current: CellStyle | None = self.__dict__.get("_curcellstyle")
        if current is not cellstyle:  # as Table._drawCell: colour and font only when they change
            if current is None or cellstyle.color != current.color:
                canvas.setFillColor(cellstyle.color)
            if (current is None or cellstyle.leading != current.leading or cellstyle.fontname != current.fontname
                    or cellstyle.fontsize != current.fontsize):
                canvas.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
            self._curcellstyle = cellstyle
        colpos, rowpos = pos
        colwidth, rowheight = size
        if offset == 0.0:
            x = colpos + cellstyle.leftPadding
        elif offset == 1.0:
            x = colpos + colwidth - cellstyle.rightPadding
        else:
            x = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding) * 0.5
        leading, fontsize, valign = cellstyle.leading, cellstyle.fontsize, cellstyle.valign
        if valign == "BOTTOM":
            y = rowpos + cellstyle.bottomPadding + leading - fontsize
        elif valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding - fontsize
        else:
            y = rowpos + (cellstyle.bottomPadding + rowheight - cellstyle.topPadding + leading) / 2.0 - fontsize
        shown: dict[tuple[str, float, float, str], tuple[str, float]] | None = canvas.__dict__.get(_SHOWN)
        if shown is None:
            shown = canvas.__dict__[_SHOWN] = {}
        key = (canvas._fontname, canvas._fontsize, canvas._leading, cellval)
        known = shown.get(key)
        if known is None:
            known = shown[key] = (canvas.beginText()._formatText(cellval),
                                  stringWidth(cellval, canvas._fontname, canvas._fontsize))
        text, text_width = known
        if offset == 0.5:
            x = x - 0.5 * text_width
        elif offset == 1.0:
            x = x - text_width
        canvas._code.append(f"BT 1 0 0 1 {fp_str(x, y)} Tm {text} T* ET")


class RepeatedTable(ReportTable):
    """A table printed unchanged many times in a document (the letterhead of every scorecard): measured
    again only at another width or when it no longer fits, and what it draws is replayed after its first
    drawing in a document, the same operators."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab API
        if self.__dict__.get("_measured_at") == availWidth and self._height <= availHeight:
            self.availWidth = availWidth
            return self._width, self._height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._measured_at = availWidth
        return size

    def draw(self) -> None:
        canvas = self.canv
        drawings: dict[tuple[int, float], list[str] | None] = canvas.__dict__.setdefault(_DRAWN, {})
        key = (self.__dict__.setdefault("_token", next(_tokens)), self._measured_at)
        drawn = drawings.get(key)
        if drawn:
            canvas._code.extend(drawn)
            return
        code: list[str] = canvas._code
        start, move = len(code), code[-1]
        super().draw()
        drawings[key] = code[start:] if code[start - 1] is move else None


def repeated(table: Flowable) -> Flowable:
    """``table`` (made by ``styled_table``) as a ``RepeatedTable``, for a table the caller yields many times
    in one document; any other flowable as it is."""
    if type(table) is ReportTable:
        table.__class__ = RepeatedTable
    return table


def _span(first: int, last: int, count: int) -> range:
    """The indices a command's (first, last) reaches, as ``Table.normCellRange`` bounds them."""
    first, last = first + count if first < 0 else first, last + count if last < 0 else last
    return range(max(0, first), min(count - 1, last) + 1)


class _Layout:
    """The cell styles that one list of commands gives the rows of tables of a number of columns: a row's
    styles depend only on which commands reach it (``rows``, keyed by their indices)."""

    def __init__(self, commands: Sequence[tuple[Any, ...]], ncols: int) -> None:
        self.commands = commands
        self.columns = [frozenset(index for index, command in enumerate(commands)
                                  if column in _span(command[1][0], command[2][0], ncols))
                        for column in range(ncols)]
        self.kinds: dict[tuple[int, ...], CellStyle] = {}
        self.rows: dict[tuple[int, ...], list[CellStyle]] = {}

    def row(self, indices: tuple[int, ...]) -> list[CellStyle]:
        styles = []
        for column in self.columns:
            applied = tuple(index for index in indices if index in column)
            style = self.kinds.get(applied)
            if style is None:  # the commands applied in their order, by reportlab's own code
                style = self.kinds[applied] = CellStyle(repr(applied))
                for index in applied:
                    command = self.commands[index]
                    _setCellStyle([[style]], 0, 0, command[0], command[3:])
            styles.append(style)
        return styles


_LAYOUTS: dict[tuple[tuple[tuple[Any, ...], ...], int], _Layout] = {}
_LAYOUTS_KEPT = 64


def _layout(commands: list[tuple[Any, ...]], ncols: int) -> _Layout:
    """The layout of ``commands``, kept for the next table styled alike (a card's tables repeat per person)."""
    key = (tuple(commands), ncols)
    try:
        layout = _LAYOUTS.get(key)
    except TypeError:  # a command holding something unhashable
        return _Layout(commands, ncols)
    if layout is None:
        if len(_LAYOUTS) >= _LAYOUTS_KEPT:
            _LAYOUTS.clear()
        layout = _LAYOUTS[key] = _Layout(commands, ncols)
    return layout


def styled_table(rows: list[list[Any]], widths: Sequence[float | str],
                 commands: Sequence[tuple[Any, ...]], **options: Any) -> Table:
    """``Table(rows, colWidths=widths, **options)`` styled by ``commands``, as ``setStyle`` would style it."""
    nrows, ncols = len(rows), max((len(row) for row in rows), default=0)
    cell_commands = [command for command in commands if command[0] not in _TABLE_COMMANDS]
    if not nrows or not ncols or any(isinstance(at, str) for command in cell_commands
                                     for at in (*command[1], *command[2])):
        # rows named "splitfirst", "splitlast" … are styled at a split: reportlab's own way
        table = ReportTable(rows, colWidths=list(widths), **options)
        table.setStyle(list(commands))
        return table
    by_row: list[list[int]] = [[] for _row in range(nrows)]
    for index, command in enumerate(cell_commands):
        for row in _span(command[1][1], command[2][1], nrows):
            by_row[row].append(index)
    layout = _layout(cell_commands, ncols)
    row_styles = layout.rows
    cell_styles = []
    for indices in by_row:
        row_key = tuple(indices)
        styles = row_styles.get(row_key)
        if styles is None:
            styles = row_styles[row_key] = layout.row(row_key)
        cell_styles.append(styles)
    table = ReportTable(rows, colWidths=list(widths), cellStyles=cell_styles, **options)
    table.setStyle([command for command in commands if command[0] in _TABLE_COMMANDS])
    return table
