"""The Excel exports printed as the ward office prints them: through LibreOffice to PDF, read back with poppler.

Each paper must read as an official document (motto, dateline, title, the figures' status, signatures), its
table must print large enough to read, and no two words may print over each other. Sizes are measured against
a reference workbook with one cell of 10 pt Times New Roman, converted in the same run.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from ward_office import i18n
from ward_office.services.change_log import ChangeFilter, export_change_log
from ward_office.services.demo import build_demo
from ward_office.services.export import export
from ward_office.services.ward import in_own_ward

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TOOLS = SOFFICE is not None and shutil.which("pdftotext") is not None
needs_libreoffice = pytest.mark.skipif(
    not TOOLS, reason="LibreOffice (soffice) or pdftotext is missing: ./dev setup installs libreoffice-calc-nogui "
                      "and poppler-utils")
TODAY = date(2026, 7, 3)
NOW = datetime(2026, 7, 3, 9, 5)
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
SIGNATURES = ["NGƯỜI LẬP BIỂU", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Ký, ghi rõ họ tên)"]


@dataclass(frozen=True)
class Word:
    left: float
    top: float
    right: float
    bottom: float
    text: str


@dataclass(frozen=True)
class Printed:
    text: str  # the whole text, spaces collapsed
    pages: list[list[Word]]
    points_per_height: float  # a word's printed size in points per point of its box's height


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Printed]:
    if not TOOLS:
        pytest.skip("LibreOffice is missing")
    folder = tmp_path_factory.mktemp("print")
    db = folder / "demo.db"
    # Built in Vietnamese, as a ward's book is: its change log then prints at 91 %, where a page header made
    # LibreOffice leave out the last page, signatures and all.
    previous = i18n.current_language()
    i18n.set_language("vi")
    try:
        build_demo(db, staff=14, months=6, seed=2026, until=date(2026, 6, 30))
    finally:
        i18n.set_language(previous)
    in_own_ward(db, lambda ward: export(
        ward, "ranking", "2026-H1", folder / "ranking.xlsx", today=TODAY), read_only=True)
    in_own_ward(db, lambda ward: export(ward, "items", "2026-05", folder / "items.xlsx", today=TODAY), read_only=True)
    in_own_ward(db, lambda ward: export(
        ward, "timesheet", "2026-05", folder / "timesheet.xlsx", today=TODAY), read_only=True)
    since_june = ChangeFilter(start=date(2026, 6, 1))
    in_own_ward(db, lambda ward: export_change_log(ward, since_june, folder / "log.xlsx", now=NOW), read_only=True)
    reference = Workbook()
    reference.active["A1"] = "Mẫu"
    reference.active["A1"].font = Font(name="Times New Roman", size=10)
    reference.save(folder / "reference.xlsx")
    names = ["ranking", "items", "timesheet", "log", "reference"]
    # A profile of its own, so that a run never waits for another LibreOffice or a user's open window.
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(folder), *(str(folder / f"{name}.xlsx") for name in names)],
                   check=True, capture_output=True, timeout=180)
    pages = {name: _pages(folder / f"{name}.pdf") for name in names}
    sample = pages["reference"][0][0]
    points_per_height = 10 / (sample.bottom - sample.top)
    return {name: Printed(" ".join(subprocess.run(["pdftotext", str(folder / f"{name}.pdf"), "-"], check=True,
                                                  capture_output=True, text=True).stdout.split()),
                          pages[name], points_per_height) for name in names[:-1]}


def _pages(pdf: Path) -> list[list[Word]]:
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [[Word(float(a), float(b), float(c), float(d), text) for a, b, c, d, text in WORD.findall(page)]
            for page in boxes.split("<page ")[1:]]


def size(word: Word, paper: Printed) -> float:
    return (word.bottom - word.top) * paper.points_per_height


def overlapping(words: list[Word]) -> list[tuple[str, str]]:
    """Pairs of words whose boxes cover each other by more than a quarter of the smaller one."""
    found = []
    ordered = sorted(words, key=lambda word: word.left)
    for index, word in enumerate(ordered):
        for other in ordered[index + 1:]:
            if other.left >= word.right:
                break
            width = min(word.right, other.right) - other.left
            height = min(word.bottom, other.bottom) - max(word.top, other.top)
            smaller = min((word.right - word.left) * (word.bottom - word.top),
                          (other.right - other.left) * (other.bottom - other.top))
            if width > 0 and height > 0 and width * height > 0.25 * smaller:
                found.append((word.text, other.text))
    return found


EXPECTED = {
    "ranking": ("BẢNG TỔNG HỢP KẾT QUẢ THI ĐUA", "(Số liệu tạm tính đến ngày 03/07/2026)", SIGNATURES),
    "items": ("BẢNG CHI TIẾT ĐIỂM THI ĐUA CỦA CÁN BỘ, CÔNG CHỨC", "(Số liệu tạm tính đến ngày 03/07/2026)",
              SIGNATURES),
    "timesheet": ("BẢNG CHẤM CÔNG", "(Số liệu tạm tính đến ngày 03/07/2026)",
                  ["NGƯỜI CHẤM CÔNG", "PHỤ TRÁCH BỘ PHẬN", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên)"]),
    "log": ("NHẬT KÝ THAY ĐỔI DỮ LIỆU", "(Trích từ nhật ký lúc 09:05 ngày 03/07/2026)", SIGNATURES),
}
# The timesheet's 31 day columns make it the widest table: it prints smaller, as the PDF C01-HD does (7 pt).
SMALLEST_TABLE_SIZE = {"ranking": 8.5, "items": 8.5, "timesheet": 6.5, "log": 8.5}


@needs_libreoffice
@pytest.mark.parametrize("name", list(EXPECTED))
def test_the_paper_reads_as_an_official_document(printed: dict[str, Printed], name: str) -> None:
    paper = printed[name]
    title, status, signatures = EXPECTED[name]
    for words in ("ỦY BAN NHÂN DÂN PHƯỜNG TÂN AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                  "Độc lập - Tự do - Hạnh phúc", "Phường Tân An, ngày 03 tháng 7 năm 2026", title, status,
                  *signatures):
        assert words in paper.text, f"{words!r} is not printed on the {name} paper"
    assert paper.text.index(title) < paper.text.index(status) < paper.text.index(signatures[0])


@needs_libreoffice
@pytest.mark.parametrize("name", list(EXPECTED))
def test_the_paper_is_readable(printed: dict[str, Printed], name: str) -> None:
    paper = printed[name]
    motto = next(word for word in paper.pages[0] if word.text == "Độc")
    assert 12.5 <= size(motto, paper) <= 13.5  # the letterhead prints in its own size, however wide the table
    for number, words in enumerate(paper.pages, start=1):
        # Most words on a page are the table's: their usual size is the table's printed size.
        assert statistics.median(size(word, paper) for word in words) >= SMALLEST_TABLE_SIZE[name], (name, number)
        assert not overlapping(words), (name, number)
        if number > 1:  # the page number, centred at the foot from page 2 on
            bottom = max(words, key=lambda word: word.bottom)
            assert bottom.text == str(number)
