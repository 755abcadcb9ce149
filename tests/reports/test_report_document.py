"""The NĐ 30/2020 frame: Vietnamese text survives, the font is embedded, page numbers sit where the decree says."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from io import BytesIO
from pathlib import Path

import pypdf
import pytest
from reportlab.platypus import Flowable, PageBreak, Spacer

from ward_office.core.unit import Unit
from ward_office.reports.document import (
    CELL_MAX_CHARS,
    TOP_MARGIN,
    ReportDocument,
    SectionStart,
    Signature,
    agency_lines,
    appendix_heading,
    cell,
    data_table,
    document_title,
    head_signature,
    letterhead,
    paragraph,
    place_of,
    preparer_signature,
    recipients,
    shorten,
    signature_row,
    signed_ending,
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


# ---- Signatures stay with what they sign ----


def closing() -> list[Flowable]:
    return [paragraph("Biên bản kết thúc lúc 08 giờ 15 phút cùng ngày."),
            signature_row([preparer_signature(UNIT), head_signature(UNIT)])]


def numbered_table(rows: int) -> Flowable:
    return data_table([["STT", "Họ và tên"], *[[f"R{n}", NAMES[n % len(NAMES)]] for n in range(1, rows + 1)]],
                      [60, 300])


def rows_on(page: pypdf.PageObject) -> list[int]:
    return [int(word[1:]) for word in page.extract_text().split() if word[:1] == "R" and word[1:].isdigit()]


def test_a_table_s_last_rows_go_over_with_its_signatures() -> None:
    # The most rows that fit on page 1 without the closing: with it, the closing alone would go over.
    rows = next(count for count in range(30, 80) if render([numbered_table(count + 1)])[1] == 2)
    plain, pages = render([numbered_table(rows), *closing()])
    assert pages == 2 and rows_on(plain.pages[1]) == []  # what happens without help: signatures alone
    kept, pages = render([signed_ending(numbered_table(rows), closing())])
    assert pages == 2
    assert rows_on(kept.pages[0]) == list(range(1, rows - 1))
    second = kept.pages[1].extract_text()
    assert rows_on(kept.pages[1]) == [rows - 1, rows] and "Họ và tên" in second  # under the repeated header
    assert "NGƯỜI LẬP BIỂU" in second and "Biên bản kết thúc" in second


def test_a_long_table_keeps_its_rows_and_signatures_on_one_page_when_they_fit() -> None:
    reader, pages = render([signed_ending(numbered_table(12), closing())])
    assert pages == 1 and rows_on(reader.pages[0]) == list(range(1, 13))
    reader, pages = render([signed_ending(numbered_table(300), closing())])  # several pages, paged table
    assert rows_on(reader.pages[-1]) and "NGƯỜI LẬP BIỂU" in reader.pages[-1].extract_text()
    assert [row for page in reader.pages for row in rows_on(page)] == list(range(1, 301))


def test_a_paragraph_s_last_lines_go_over_with_its_signatures() -> None:
    def words(count: int) -> str:
        return " ".join(f"từ{n}" for n in range(1, count + 1))

    # About the most words that fit on page 1: the closing cannot follow them there.
    count = next(count for count in range(300, 3000, 10) if render([paragraph(words(count))])[1] == 2) - 10
    plain, pages = render([paragraph(words(count)), *closing()])
    assert pages == 2 and f"từ{count}" not in plain.pages[1].extract_text()
    kept, pages = render([signed_ending(paragraph(words(count)), closing())])
    second = kept.pages[1].extract_text()
    assert pages == 2 and "NGƯỜI LẬP BIỂU" in second
    assert f"từ{count}" in second and f"từ{count - 1} " in second.replace("\n", " ")  # its last lines came along
    assert "từ1 " in kept.pages[0].extract_text()


# ---- Sections number their own pages ----


def test_a_section_numbers_its_own_pages_under_a_running_header() -> None:
    story: list[Flowable] = [SectionStart("Phiếu điểm cá nhân: Nguyễn Văn Bảo (tiếp theo)"), numbered_table(90),
                             PageBreak(), SectionStart("Phiếu điểm cá nhân: Trần Thị Ngọc Diễm (tiếp theo)"),
                             numbered_table(5)]
    reader, pages = render(story)
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert pages == len(texts) == 4  # 90 rows take three pages, the second section one
    assert "Trang" not in texts[0] and "tiếp theo" not in texts[0]
    for number in (2, 3):
        assert f"Trang {number}/3" in texts[number - 1]
        assert "Phiếu điểm cá nhân: Nguyễn Văn Bảo (tiếp theo)" in texts[number - 1]
    assert "Trang" not in texts[3] and "tiếp theo" not in texts[3]
    assert not any(text.startswith(("2 ", "3 ", "4 ")) for text in texts)  # no running number


# ---- Text that cannot fit is shortened ----


def test_a_cell_shortens_what_would_outgrow_a_page() -> None:
    long_name = "Nguyễn " * 2000
    shortened = cell(long_name).text
    assert len(shortened) == CELL_MAX_CHARS and shortened.endswith("…")
    assert cell("Nguyễn Văn Bảo").text == "Nguyễn Văn Bảo"
    assert cell("x" * 50, max_chars=10).text == "x" * 9 + "…"
    assert shorten("abc", None) == "abc"
    table = data_table([["STT", "Họ và tên"], ["1", cell(long_name)], ["2", cell("y" * 10000)]], [60, 100])
    reader, pages = render([table, signature_row([Signature(("NGƯỜI VI PHẠM",), long_name)])])
    assert pages >= 1 and "Nguyễn Nguyễn" in reader.pages[0].extract_text()


def test_an_appendix_names_the_report_it_goes_with() -> None:
    reader, _pages = render([appendix_heading(UNIT), *document_title("Bảng tổng hợp", "Kỳ thử")])
    text = " ".join(reader.pages[0].extract_text().split())
    assert "THÀNH PHỐ CẦN THƠ ỦY BAN NHÂN DÂN PHƯỜNG TÂN AN" in text
    assert "Phụ lục (Kèm theo Báo cáo số ……/BC-UBND ngày ……/……/…… của Ủy ban nhân dân phường Tân An)" in text
    assert "CỘNG HÒA" not in text and "Số:" not in text
