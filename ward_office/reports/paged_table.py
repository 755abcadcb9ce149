"""A long table laid out a page at a time, exactly as reportlab lays out a ``Table`` but in linear time.

When a ``Table`` splits at a page end, reportlab makes the rest a new ``Table`` of every remaining row and
measures it again (its cell styles, spans and row positions, and at the first split the height of every
row), so a table of a thousand rows costs the square of its pages. ``PagedTable`` keeps what reportlab
keeps for the rest — the rows, the heights measured so far, the cell styles and the style commands, moved
along by reportlab's own bookkeeping at each split — but lets reportlab see only a window of the rows that
certainly reaches past the page. Reportlab then places the same rows on each page and draws them with the
same commands as it would have for the whole rest.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Table

_FIRST_WINDOW = 32  # rows beyond the repeated header in the first window; it doubles while the page takes them all
_OVERFLOW = 1.0  # points by which a window must overflow the frame, beyond reportlab's rounding fuzz


def paged(table: Table) -> Flowable:
    """``table`` itself when reportlab handles it well, else a ``PagedTable`` over it.

    Tables with rows spanned across data rows, special split rows or splits inside rows keep reportlab's own
    splitting; ``data_table`` makes none of these.
    """
    header = table.repeatRows
    if not isinstance(header, int) or not header or table._nrows <= header + _FIRST_WINDOW:
        return table
    if (table.splitInRow or table.repeatCols or table._rowSplitRange or table._srflcmds or table._sircmds
            or getattr(table, "_minRowHeights", None) or getattr(table, "_cornerRadii", None)
            or getattr(table, "_renderCB", None) or getattr(table, "_shadow", None)):
        return table
    for command in (*table._linecmds, *table._bkgrndcmds, *table._spanCmds, *table._nosplitCmds):
        if isinstance(command[1][1], str) or isinstance(command[2][1], str):
            return table
    for command in (*table._spanCmds, *table._nosplitCmds):
        first, last = _rows(command, table._nrows)
        if first != last and last >= header:
            return table
    return PagedTable(table)


def _rows(command: tuple[Any, ...], nrows: int) -> tuple[int, int]:
    first, last = command[1][1], command[2][1]
    return (first + nrows if first < 0 else first), (last + nrows if last < 0 else last)


def _clipped(commands: list[tuple[Any, ...]], nrows: int, shown: int) -> list[tuple[Any, ...]]:
    """``commands`` of a table of ``nrows`` rows for its first ``shown`` rows."""
    kept = []
    for command in commands:
        first, last = _rows(command, nrows)
        if first < shown:
            kept.append((command[0], (command[1][0], first), (command[2][0], min(last, shown - 1)), *command[3:]))
    return kept


class PagedTable(Flowable):
    """What is left to place of a long table: its repeated header and the rows from ``start`` on."""

    def __init__(self, source: Table, start: int | None = None, commands: Table | None = None,
                 heights: list[float | None] | None = None) -> None:
        super().__init__()
        self._source = source
        self._header = source.repeatRows
        self._start = self._header if start is None else start  # the source's index of the first row left
        # The commands of the rest, in its own row numbers, as reportlab's rest table would hold them.
        self._commands = source if commands is None else commands
        self._heights = list(source._argH) if heights is None else heights  # by source row, None until measured
        for space in ("spaceBefore", "spaceAfter") if start is None else ("spaceAfter",):
            if hasattr(source, space):
                setattr(self, space, getattr(source, space))
        self.hAlign, self.vAlign = source.hAlign, source.vAlign
        self._window_rows = _FIRST_WINDOW
        self._window: Table | None = None

    @property
    def _nrows(self) -> int:
        """Rows of the rest, header included."""
        rows: int = self._header + self._source._nrows - self._start
        return rows

    def identity(self, maxLen: int | None = None) -> str:  # noqa: N803 - reportlab API
        identity: str = self._source.identity(maxLen or 30)
        return identity

    def _make_window(self, rows: int) -> Table:
        source, header, start = self._source, self._header, self._start
        end = min(start + rows, source._nrows)
        heights = self._heights
        window = type(source)(
            source._cellvalues[:header] + source._cellvalues[start:end], colWidths=source._colWidths,
            rowHeights=heights[:header] + heights[start:end], repeatRows=header, normalizedData=1,
            cellStyles=source._cellStyles[:header] + source._cellStyles[start:end], ident=source.ident,
            hAlign=source.hAlign, vAlign=source.vAlign, longTableOptimize=source._longTableOptimize,
            spaceBefore=getattr(self, "spaceBefore", None), spaceAfter=getattr(self, "spaceAfter", None),
            cornerRadii=getattr(source, "_cornerRadii", None),
        )
        shown, nrows, commands = window._nrows, self._nrows, self._commands
        window._linecmds = _clipped(commands._linecmds, nrows, shown)
        window._bkgrndcmds = _clipped(commands._bkgrndcmds, nrows, shown)
        window._spanCmds = _clipped(commands._spanCmds, nrows, shown)
        window._nosplitCmds = _clipped(commands._nosplitCmds, nrows, shown)
        return window

    def _remember_heights(self, window: Table) -> None:
        measured = window._rowHeights
        known = self._heights
        known[:self._header] = measured[:self._header]
        known[self._start:self._start + len(measured) - self._header] = measured[self._header:]

    def _window_for(self, available_width: float, available_height: float) -> tuple[Table, float, float]:
        """A window that holds every row left or overflows ``available_height``, measured."""
        while True:
            window = self._make_window(self._window_rows)
            width, height = window.wrapOn(getattr(self, "canv", None), available_width, available_height)
            self._remember_heights(window)
            if window._nrows == self._nrows or height > available_height + _OVERFLOW:
                self._window = window
                return window, width, height
            self._window_rows *= 2

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab API
        _window, width, height = self._window_for(availWidth, availHeight)
        self.width, self.height = width, height
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 - reportlab API
        window, _width, _height = self._window_for(availWidth, availHeight)
        parts: list[Flowable] = window.splitOn(getattr(self, "canv", None), availWidth, availHeight)
        self._remember_heights(window)
        if len(parts) != 2:
            return parts  # [] when not even one row fits under the header, [window] when all do
        placed = parts[0]._nrows  # header rows and the rows placed on this page
        rest = PagedTable(self._source, self._start + placed - self._header, self._rest_commands(placed),
                          self._heights)
        rest._window_rows = self._window_rows
        return [parts[0], rest]

    def _rest_commands(self, placed: int) -> Table:
        """The commands of what is left after ``placed`` rows, moved along as ``Table.split`` moves them."""
        nrows, commands = self._nrows, self._commands
        before = Table([[""] * self._source._ncols])  # holds commands only: reportlab's own bookkeeping
        before._nrows = nrows
        before._linecmds = commands._linecmds
        after = Table([[""] * self._source._ncols])
        after._nrows = self._header + nrows - placed
        header = list(range(self._header))
        after._cr_1_1(placed, nrows, header, before._splitLineCmds(placed), 0)
        after._cr_1_1(placed, nrows, header, commands._bkgrndcmds, 0, _srflMode=True)
        after._cr_1_1(placed, nrows, header, commands._spanCmds, 0)
        after._cr_1_1(placed, nrows, header, commands._nosplitCmds, 0)
        return after

    def draw(self) -> None:
        """Only reached when every row left fits: the last window is the whole rest."""
        assert self._window is not None
        self._window._drawOn(self.canv)
