"""The NĐ 30/2020 frame: Vietnamese text survives, the font is embedded, page numbers sit where the decree says."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from io import BytesIO
from pathlib import Path

import pypdf
import pytest
from reportlab.platypus import Flowable, Spacer

from ward_office.core.unit import Unit
from ward_office.reports.document import (
    TOP_MARGIN,
    ReportDocument,
    Signature,
    agency_lines,
    cell,
    data_table,
    document_title,
    head_signature,
    letterhead,
    paragraph,
    place_of,
    preparer_signature,
    recipients,
    signature_row,
)

UNIT = Unit(name="Ủy ban nhân dân phường Tân An", authority="Thành phố Cần Thơ", place_name="Phường Tân An",
            head_title="KT. Chủ tịch / Phó Chủ tịch", head_name="Nguyễn Thị Tuyết", preparer_name="Đặng Văn Lượng")
NAMES = ["Nguyễn Văn Bảo", "Trần Thị Ngọc Diễm", "Lê Hoàng Phượng", "Phạm Thị Mặn", "Vũ Đức Thưởng",
         "Huỳnh Ngọc Ẩn", "Đỗ Thị Ỷ", "Bùi Ỹ Ụt"]


pytestmark = pytest.mark.usefixtures("vietnamese")


def render(story: list[Flowable], *, landscape: bool = False) -> tuple[pypdf.PdfReader, int]:
    out = BytesIO()
    pages = ReportDocument(out, landscape=landscape, title="Thử").build(story)
    out.seek(0)
    return pypdf.PdfReader(out), pages


def sample_story(rows: int = 80) -> list[Flowable]:
    table_rows: list[list[object]] = [["STT", "Họ và tên", "Điểm"]]
    table_rows += [[str(n), cell(NAMES[n % len(NAMES)]), "98,5"] for n in range(1, rows + 1)]
    return [
        letterhead(UNIT, date(2026, 1, 5)),
        *document_title("Báo cáo thử", "Về việc kiểm tra khung văn bản"),
        paragraph("Đoạn văn có đủ dấu: ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự ỳ ỷ ỹ ỵ đ Đ."),
        data_table(table_rows, [20 * 2.83, 300, 60]),
        signature_row([preparer_signature(UNIT), head_signature(UNIT)]),
        *recipients(["Như trên;"]),
    ]


def texts_with_height(page: pypdf.PageObject) -> list[tuple[str, float]]:
    found: list[tuple[str, float]] = []

    def visit(text: str, _cm: object, tm: list[float], _font: object, _size: object) -> None:
        if text.strip():
            found.append((text.strip(), tm[5]))

    page.extract_text(visitor_text=visit)
    return found


def test_letterhead_and_closing_text_round_trip() -> None:
    reader, pages = render(sample_story())
    assert pages == len(reader.pages) >= 2
    first = reader.pages[0].extract_text()
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "THÀNH PHỐ CẦN THƠ",
                     "ỦY BAN NHÂN DÂN", "PHƯỜNG TÂN AN", "Số: ……/BC-UBND",
                     "Phường Tân An, ngày 05 tháng 01 năm 2026", "BÁO CÁO THỬ", "Về việc kiểm tra khung văn bản",
                     "ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự ỳ ỷ ỹ ỵ đ Đ", *NAMES[:4]):
        assert expected in first
    last = reader.pages[-1].extract_text()
    for expected in ("NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)", "Đặng Văn Lượng", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                     "Nguyễn Thị Tuyết", "Nơi nhận:", "- Như trên;", "- Lưu: VT."):
        assert expected in last


def test_the_font_is_embedded_liberation_serif() -> None:
    reader, _pages = render(sample_story(10))
    fonts = [ref.get_object() for ref in reader.pages[0]["/Resources"]["/Font"].values()]
    names = {str(font["/BaseFont"]).split("+")[-1] for font in fonts}
    assert names == {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic", "LiberationSerif-BoldItalic"}
    for font in fonts:
        assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_page_numbers_top_centre_from_page_two() -> None:
    reader, _pages = render(sample_story(), landscape=True)
    page_height = float(reader.pages[0].mediabox.height)
    assert float(reader.pages[0].mediabox.width) > page_height  # landscape
    top_margin_floor = page_height - float(TOP_MARGIN)
    first_top = [text for text, y in texts_with_height(reader.pages[0]) if y > top_margin_floor]
    assert first_top == []
    for number, page in enumerate(reader.pages[1:], start=2):
        in_margin = [text for text, y in texts_with_height(page) if y > top_margin_floor]
        assert in_margin == [str(number)]
        assert page.extract_text().lstrip().startswith(str(number))


def test_the_story_is_consumed_as_pages_fill() -> None:
    produced = 0
    when_first_drawn: list[int] = []

    class Marker(Spacer):
        def draw(self) -> None:
            when_first_drawn.append(produced)

    def story() -> Iterator[Flowable]:
        nonlocal produced
        produced += 1
        yield Marker(1, 1)
        for number in range(600):
            produced += 1
            yield paragraph(f"Dòng thứ {number}: {NAMES[number % len(NAMES)]}")

    pages = ReportDocument(BytesIO()).build(story())
    assert pages > 10
    assert produced == 601
    assert when_first_drawn and when_first_drawn[0] < 50  # not the whole story generated up front


def test_signature_titles_and_place() -> None:
    assert head_signature(Unit(head_title="Chủ tịch")).title_lines == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    assert head_signature(UNIT).title_lines == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert preparer_signature(UNIT) == Signature(("NGƯỜI LẬP BIỂU",), "Đặng Văn Lượng")
    assert agency_lines(UNIT) == ["ỦY BAN NHÂN DÂN", "PHƯỜNG TÂN AN"]
    assert place_of(UNIT) == "Phường Tân An"
    assert place_of(Unit(name="Ủy ban nhân dân phường Tân An", place_name="Tân An")) == "Phường Tân An"
    assert place_of(Unit(name="Ủy ban nhân dân xã Hòa Bình")) == "Xã Hòa Bình"
    assert place_of(Unit(name="Ủy ban nhân dân phường Tân An", place_name="Cần Thơ")) == "Cần Thơ"


def test_writes_to_a_path(tmp_path: Path) -> None:
    out = tmp_path / "frame.pdf"
    assert ReportDocument(out).build(sample_story(5)) == 1
    assert out.read_bytes().startswith(b"%PDF")
