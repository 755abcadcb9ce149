"""Tables whose cells share their styles: the same cell styles as reportlab's, made once per kind of cell.

``Table.setStyle`` makes a style object for every cell and applies each command to every cell of its range,
one at a time: a ward's scorecards apply some four hundred thousand of them. Here each command that sets a
cell's font, alignment or padding is applied once to a style shared by every cell the same commands reach
(reportlab's own ``_setCellStyle``, in the same order); the rules, fills, spans and no-split ranges go to
``setStyle`` as before. Reportlab reads cell styles only by their values (it compares them before drawing),
so the page is the same, operator for operator.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Table
from reportlab.platypus.tables import CellStyle, _setCellStyle

# Commands reportlab keeps whole (``Table._addCommand``); every other command sets cell styles.
_TABLE_COMMANDS = frozenset({"BACKGROUND", "ROWBACKGROUNDS", "COLBACKGROUNDS", "SPAN", "NOSPLIT", "GRID",
                             "BOX", "OUTLINE", "INNERGRID", "LINEBELOW", "LINEABOVE", "LINEBEFORE",
                             "LINEAFTER", "ROUNDEDCORNERS"})


def _span(first: int, last: int, count: int) -> range:
    """The indices a command's (first, last) reaches, as ``Table.normCellRange`` bounds them."""
    first, last = first + count if first < 0 else first, last + count if last < 0 else last
    return range(max(0, first), min(count - 1, last) + 1)


def styled_table(rows: list[list[object]], widths: Sequence[float | str],
                 commands: Sequence[tuple[object, ...]], **options: object) -> Table:
    """``Table(rows, colWidths=widths, **options)`` styled by ``commands``, as ``setStyle`` would style it."""
    nrows, ncols = len(rows), max((len(row) for row in rows), default=0)
    cell_commands = [command for command in commands if command[0] not in _TABLE_COMMANDS]
    if not nrows or not ncols or any(isinstance(at, str) for command in cell_commands
                                     for at in (*command[1], *command[2])):  # type: ignore[misc]
        # rows named "splitfirst", "splitlast" … are styled at a split: reportlab's own way
        table = Table(rows, colWidths=list(widths), **options)  # type: ignore[arg-type]
        table.setStyle(list(commands))
        return table
    by_row: list[list[int]] = [[] for _row in range(nrows)]
    by_column: list[list[int]] = [[] for _column in range(ncols)]
    for index, command in enumerate(cell_commands):
        for row in _span(command[1][1], command[2][1], nrows):  # type: ignore[arg-type]
            by_row[row].append(index)
        for column in _span(command[1][0], command[2][0], ncols):  # type: ignore[arg-type]
            by_column[column].append(index)
    column_keys = [frozenset(indices) for indices in by_column]
    kinds: dict[tuple[int, ...], CellStyle] = {}
    row_styles: dict[tuple[int, ...], list[CellStyle]] = {}
    cell_styles = []
    for indices in by_row:
        row_key = tuple(indices)
        styles = row_styles.get(row_key)
        if styles is None:
            styles = []
            for column_key in column_keys:
                applied = tuple(index for index in indices if index in column_key)
                style = kinds.get(applied)
                if style is None:
                    style = kinds[applied] = CellStyle(repr(applied))
                    for index in applied:
                        command = cell_commands[index]
                        _setCellStyle([[style]], 0, 0, command[0], command[3:])
                styles.append(style)
            row_styles[row_key] = styles
        cell_styles.append(styles)
    table = Table(rows, colWidths=list(widths), cellStyles=cell_styles, **options)  # type: ignore[arg-type]
    table.setStyle([command for command in commands if command[0] in _TABLE_COMMANDS])
    return table
