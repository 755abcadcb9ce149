"""The pages of a printed report: an A4 sheet in the NĐ 30/2020 frame and how its pages are numbered.

Margins 20/20/30/15 mm (top, bottom, left, right; the 30 mm binding side stays on the left in landscape),
page numbers centred in the top margin from page 2 on. A report made of parts that are handed out one by
one (a scorecard per person) marks each part with ``SectionStart``: its pages are then numbered
"Trang 2/3" within the part, under a running header naming it, instead of running through the file.
``reports.document`` re-exports everything here; report modules import it from there.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as landscape_of
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import ActionFlowable, BaseDocTemplate, Flowable, Frame, PageTemplate

from ward_office.i18n import _
from ward_office.reports import fonts
from ward_office.reports.keeping import NAME_MAX_CHARS, shorten

TOP_MARGIN = 20 * mm
BOTTOM_MARGIN = 20 * mm
LEFT_MARGIN = 30 * mm  # the binding side
RIGHT_MARGIN = 15 * mm

BODY_SIZE = 13
PAGE_NUMBER_SIZE = 13


class _Story(list):  # type: ignore[type-arg]
    """A list that platypus consumes from the front while we refill it from an iterator.

    platypus takes a list and deletes each flowable as it places it; by pulling from the iterator only
    when it looks ahead, a long report is generated page by page instead of being built whole first.
    """

    LOOKAHEAD = 16  # enough for keepWithNext chains, which platypus reads ahead

    def __init__(self, flowables: Iterable[Flowable]) -> None:
        super().__init__()
        self._source: Iterator[Flowable] | None = iter(flowables)

    def _fill(self, count: int) -> None:
        while self._source is not None and list.__len__(self) < count:
            try:
                self.append(next(self._source))
            except StopIteration:
                self._source = None

    def __len__(self) -> int:
        self._fill(self.LOOKAHEAD)
        return list.__len__(self)

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        if isinstance(index, slice):
            self._fill(sys.maxsize if index.stop is None or index.stop < 0 else index.stop)
        else:
            self._fill(sys.maxsize if index < 0 else index + 1)
        return list.__getitem__(self, index)


class SectionStart(Flowable):
    """Where a part with its own page numbers begins (one person's scorecard); it takes no room.

    Its pages are numbered "Trang 2/3" from its second page on, under a running header naming the part.
    """

    _ZEROSIZE = True

    def __init__(self, header: str) -> None:
        super().__init__()
        self.header = shorten(" ".join(header.split()), NAME_MAX_CHARS + 60)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab API
        return 0, 0

    def draw(self) -> None:
        pass


@dataclass(slots=True)
class _Section:
    header: str
    first_page: int
    last_page: int
    numbered: list[int]  # its pages that wait for "Trang i/n" until n is known


class ReportDocument:
    """An A4 PDF in the NĐ 30/2020 frame, written to a path or a binary stream."""

    def __init__(self, out: str | Path | BinaryIO, *, landscape: bool = False, title: str = "",
                 author: str = "", subject: str = "") -> None:
        fonts.register_fonts()
        self.page_size = landscape_of(A4) if landscape else A4
        self.width = self.page_size[0] - LEFT_MARGIN - RIGHT_MARGIN
        self.height = self.page_size[1] - TOP_MARGIN - BOTTOM_MARGIN
        self._template = BaseDocTemplate(
            str(out) if isinstance(out, Path) else out, pagesize=self.page_size,
            leftMargin=LEFT_MARGIN, rightMargin=RIGHT_MARGIN, topMargin=TOP_MARGIN, bottomMargin=BOTTOM_MARGIN,
            title=title, author=author, subject=subject, creator="Ward Office", lang="vi",
            initialFontName=fonts.REGULAR, initialFontSize=BODY_SIZE,  # no stray, unembedded Helvetica
        )
        frame = Frame(LEFT_MARGIN, BOTTOM_MARGIN, self.width, self.height, leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0, id="text")
        self._template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._page_begin,
                                                      onPageEnd=self._page_end)])
        self._template.afterFlowable = self._after_flowable
        self._section: _Section | None = None

    def _after_flowable(self, flowable: Flowable) -> None:
        page = self._template.page
        if isinstance(flowable, SectionStart):
            self._close_section()
            self._section = _Section(flowable.header, page, page, [])
        elif self._section is not None and not isinstance(flowable, ActionFlowable):
            self._section.last_page = page

    def _page_begin(self, canvas: Canvas, _template: BaseDocTemplate) -> None:
        """Arabic numerals, centred in the top margin, not on page 1 (NĐ 30/2020)."""
        number = canvas.getPageNumber()
        if self._section is None and number >= 2:
            self._draw_page_number(canvas, str(number))

    def _page_end(self, canvas: Canvas, _template: BaseDocTemplate) -> None:
        """Within a section, from its second page on: its running header and "Trang i/n", whose n is
        known when the section ends."""
        number = canvas.getPageNumber()
        section = self._section
        if section is None or number <= section.first_page:
            return
        canvas.saveState()
        canvas.setFont(fonts.face(italic=True), 11)
        canvas.drawString(LEFT_MARGIN, self.page_size[1] - TOP_MARGIN + 2.5 * mm, section.header)
        canvas.restoreState()
        canvas.doForm(f"wo-page-{number}")
        section.numbered.append(number)

    def _draw_page_number(self, canvas: Canvas, label: str) -> None:
        canvas.saveState()
        canvas.setFont(fonts.face(), PAGE_NUMBER_SIZE)
        canvas.drawCentredString(self.page_size[0] / 2 + (LEFT_MARGIN - RIGHT_MARGIN) / 2,
                                 self.page_size[1] - TOP_MARGIN / 2 - PAGE_NUMBER_SIZE / 3, label)
        canvas.restoreState()

    def _close_section(self) -> None:
        section, canvas = self._section, self._template.canv
        if section is None:
            return
        pages = section.last_page - section.first_page + 1
        for number in section.numbered:
            canvas.beginForm(f"wo-page-{number}")
            self._draw_page_number(canvas, _("Page {page}/{pages}").format(
                page=number - section.first_page + 1, pages=max(pages, number - section.first_page + 1)))
            canvas.endForm()
        self._section = None

    def build(self, story: Iterable[Flowable]) -> int:
        """Lay out the flowables as they come and write the PDF; return the number of pages."""
        self._template._doSave = 0  # the last section's page numbers are written before the file is
        self._template.build(_Story(story))
        self._close_section()
        self._template.canv.save()
        pages: int = self._template.page
        return pages
