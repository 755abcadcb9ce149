"""A long table laid out a page at a time prints exactly what reportlab's own splitting prints."""

from __future__ import annotations

from io import BytesIO

import pypdf
import pytest
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Table

from ward_office.reports import document, fonts
from ward_office.reports.document import ReportDocument, cell, data_table, paragraph
from ward_office.reports.paged_table import PagedTable

NAMES = ["Nguyễn Văn Bảo", "Trần Thị Ngọc Diễm Phương Thảo Nguyên", "Lê Hoàng Phượng", "Vũ Đức Thưởng"]

pytestmark = pytest.mark.usefixtures("vietnamese")


def ranking_like(rows: int) -> Flowable:
    """Two spanned header rows, wrapping cells of varied heights, a bold column and a spanned total row."""
    top = [cell("STT"), cell("Họ và tên"), cell("Điểm theo khối"), "", cell("Tổng")]
    second = ["", "", cell("Khối A"), cell("Khối B"), ""]
    body = [[str(n), cell(NAMES[n % len(NAMES)] * (1 + n % 3)), "-2", "+1", f"{90 + n % 10},5"]
            for n in range(1, rows + 1)]
    total = [cell("Cộng", bold=True), "", "", "", str(rows)]
    return data_table([top, second, *body, total], [15 * mm, 60 * mm, 25 * mm, 25 * mm, 25 * mm], header_rows=2,
                      align={0: "centre", 4: "right"}, extra_style=[
                          ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (3, 0)),
                          ("SPAN", (4, 0), (4, 1)), ("FONTNAME", (4, 2), (4, -1), fonts.BOLD),
                          ("SPAN", (0, -1), (3, -1)), ("BACKGROUND", (0, -1), (-1, -1), (0.8, 0.8, 0.8)),
                      ])


def page_streams(story: list[Flowable]) -> list[bytes]:
    out = BytesIO()
    pages = ReportDocument(out).build(story)
    out.seek(0)
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == pages
    return [page.get_contents().get_data() for page in reader.pages]


def story(rows: int) -> list[Flowable]:
    return [paragraph("Bảng dài " * 30), ranking_like(rows), paragraph("Sau bảng."), PageBreak(),
            ranking_like(rows // 3), paragraph("Hết.")]


@pytest.mark.parametrize("rows", [40, 333])
def test_pages_are_drawn_exactly_as_reportlab_splits_the_whole_table(rows: int,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    paged = page_streams(story(rows))
    monkeypatch.setattr(document, "paged", lambda table: table)
    whole = page_streams(story(rows))
    assert len(paged) == len(whole) >= 3
    assert paged == whole


def test_only_long_tables_are_paged() -> None:
    assert isinstance(ranking_like(200), PagedTable)
    assert isinstance(ranking_like(3), Table)
