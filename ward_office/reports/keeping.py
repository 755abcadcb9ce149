"""Keeping a signature block on the page of what it signs, and keeping any text printable.

A head does not sign a page that holds nothing but signatures: ``SignedEnding`` places the closing of a
report (totals, notes, signature row, "Nơi nhận") on the page of the body's last rows or lines. When the
closing does not fit under the body, only the body's tail moves to the next page with it (a table's last
rows under its repeated header, a paragraph's last lines) instead of a whole block jumping and leaving
half a page empty.

``shorten`` cuts text that cannot fit its place in a printed table; the full text stays in the record and
in the Excel export.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus.doctemplate import FrameBreak

from ward_office.reports.paged_table import PagedTable

ELLIPSIS = "\u2026"
NAME_MAX_CHARS = 120  # a name under a signature or in a page's running header
_FUZZ = 0.5  # points: reportlab's own rounding when it compares heights
_EXACT = 1e-6  # points: what a frame lets a flowable overrun it by (reportlab's rl_config._FUZZ)


def shorten(value: str, limit: int | None) -> str:
    """``value`` with at most ``limit`` characters, its end replaced by "…" when it is longer."""
    if limit is None or len(value) <= limit:
        return value
    return value[:max(limit - 1, 1)].rstrip() + ELLIPSIS


def _height(flowable: Flowable, width: float, height: float) -> float:
    _width, tall = flowable.wrap(width, height)
    total: float = tall + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total


class SignedEnding(Flowable):
    """A body (a table or a paragraph) and the closing that signs it, the closing never on a page alone."""

    def __init__(self, body: Flowable, closing: Sequence[Flowable], *, keep_rows: int = 2,
                 keep_lines: int = 2) -> None:
        super().__init__()
        self.body = body
        self.closing = list(closing)
        self.keep_rows = keep_rows
        self.keep_lines = keep_lines
        for space in ("spaceBefore",):
            if hasattr(body, space):
                setattr(self, space, getattr(body, space))

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab API
        return availWidth, 0xFFFFFF  # always split: ``split`` decides what goes on this page

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 - reportlab API
        frame = getattr(self, "_frame", None)
        at_top = bool(getattr(frame, "_atTop", False))
        page = float(getattr(frame, "_height", availHeight))
        body = self.body
        body_height = body.wrap(availWidth, availHeight)[1]
        closing_height = sum(_height(flowable, availWidth, page) for flowable in self.closing)
        # Measured as the frame does: a closing that is 0.4 pt too tall would leave its signature row alone.
        if body_height + closing_height <= availHeight + _EXACT:
            return [body, *self.closing]
        if body_height > availHeight + _EXACT:  # the body runs on: place what fits, decide again on the next page
            parts = body.split(availWidth, availHeight)
            if len(parts) == 2:
                return [parts[0], SignedEnding(parts[1], self.closing, keep_rows=self.keep_rows,
                                               keep_lines=self.keep_lines)]
            if parts or at_top:
                return [*(parts or [body]), *self.closing]
            return []
        # The body fits but its closing does not: its tail goes over with the closing.
        head_tail = self._split_tail(availWidth)
        if head_tail is not None:
            head, tail = head_tail
            if _height(tail, availWidth, page) + closing_height <= page:
                return [head, FrameBreak(),  # the tail starts the next page, not the room left on this one
                        SignedEnding(tail, self.closing, keep_rows=self.keep_rows, keep_lines=self.keep_lines)]
        if at_top or closing_height + body_height > page:
            return [body, *self.closing]  # nothing better can be done: the closing runs on by itself
        return [FrameBreak(), body, *self.closing]

    def _split_tail(self, width: float) -> tuple[Flowable, Flowable] | None:
        """The body cut before its last rows or lines, or None when it is too short to cut."""
        body = self.body
        if isinstance(body, (Table, PagedTable)):
            table = body._window if isinstance(body, PagedTable) else body
            if table is None:
                return None
            header = table.repeatRows if isinstance(table.repeatRows, int) else 0
            heights = list(table._rowHeights)
            if len(heights) - header <= self.keep_rows:
                return None
            cut = sum(heights[:len(heights) - self.keep_rows]) + _FUZZ
        elif isinstance(body, Paragraph):
            lines = len(body.blPara.lines) if hasattr(body, "blPara") else 0
            if lines <= self.keep_lines:
                return None
            cut = (lines - self.keep_lines) * body.style.leading + _FUZZ
        else:
            return None
        parts = body.split(width, cut)
        return (parts[0], parts[1]) if len(parts) == 2 else None

    def identity(self, maxLen: int | None = None) -> str:  # noqa: N803 - reportlab API
        return f"SignedEnding({self.body.identity(maxLen)})"
