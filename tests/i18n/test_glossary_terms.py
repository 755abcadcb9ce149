"""docs/glossary.md gives one Vietnamese term per concept. This test reads every text a user sees outside the
code (catalog translations, shipped plans, Excel templates, the user guide) and fails on a form the glossary
marks "do not use", so a word once settled cannot drift back."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "translations" / "vi" / "LC_MESSAGES" / "ward_office.po"
RESOURCES = ROOT / "resources"

# concept -> forms the glossary says not to use (regular expressions, matched case-insensitively on whole
# words). Forms that are right in one place and wrong in another are handled by ALLOWED below.
FORBIDDEN: dict[str, list[str]] = {
    "record book": [r"cơ sở dữ liệu", r"bản ghi"],
    "head (role)": [r"trưởng đơn vị", r"lãnh đạo \(trưởng\)", r"trưởng"],
    "clerk (role)": [r"văn thư/cán bộ", r"văn thư, cán bộ", r"văn thư"],
    "signatory": [r"lãnh đạo ký", r"chức danh người ký"],
    "superior agency": [r"cơ quan chủ quản"],
    "staff member": [r"nhân sự"],
    "category": [r"ngạch"],
    "punch": [r"lượt chấm"],
    "fingerprint clock file": [r"nhật ký máy chấm công"],
    "link a clock id": [r"gắn"],
    "column mapping": [r"cách ghép cột"],
    "late": [r"đến muộn"],
    "leave with a reason": [r"nghỉ có phép"],
    "attendance rate": [r"tỷ lệ đi làm đầy đủ", r"đi làm đúng giờ"],
    "seen in a check": [r"có mặt khi kiểm tra", r"chưa gặp"],
    "commendation": [r"khen thưởng"],
    "block of criteria": [r"khối"],
    "cap": [r"mức trần", r"mức trừ tối đa"],
    "grade": [r"giới hạn xếp loại", r"đề nghị danh hiệu(?! thi đua)"],
    "quota": [r"tỷ lệ khống chế", r"giới hạn tỷ lệ"],
    "demoted": [r"chuyển xuống"],
    "review meeting": [r"họp xét thi đua"],
    "lock a period": [r"khóa kỳ", r"kỳ đã khóa(?! sổ)"],
    "idle lock": [r"sổ đang khóa", r"sổ đã tự khóa"],
    "leave work": [r"cho nghỉ việc", r"công tác trở lại", r"ngày nghỉ việc"],
    "double-click": [r"nháy đúp", r"bấm đúp"],
    "all files": [r"mọi tệp \(\*\)"],
    "timesheet": [r"bảng tháng"],
    # "ghi nhận" stays as a verb (to record); as a noun a recorded event is a "sự việc"
    "event": [r"(?:\d+|\{\w+\}|các|những|một|có|không có) ghi nhận", r"ghi nhận (?:số|này|đó)"],
    "emulation plan": [r"quy chế"],
    "pronoun": [r"bạn"],
}

# Forms a forbidden pattern also catches where they are right, each with its reason.
ALLOWED: list[str] = [
    # the emulation council, the Law on emulation and commendation, and the papers that propose or decide a real
    # award (submission, decision, its list and "form of commendation") keep the formal word
    r"thi đua - khen thưởng",
    r"thi đua, khen thưởng",
    r"(?:đề nghị|quyết định|hình thức|được|việc) khen thưởng",
    # the C01-HD timesheet is signed by the head of the unit
    r"thủ trưởng đơn vị",
    # a school plan names the school's principal, who exempts and scores there
    r"hiệu trưởng",
    # "khối lượng công việc" is workload, not a block of criteria
    r"khối lượng",
    # the college's own rules (quy chế), which its bundled plan follows, and a criterion breaking them
    r"quy chế này", r"quy chế chỉ", r"nội quy, quy chế",
]


def _catalog_texts() -> Iterator[tuple[str, str]]:
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id or not message.string:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            yield f"catalog: {message.id if isinstance(message.id, str) else message.id[0]!r}", text


def _plan_texts() -> Iterator[tuple[str, str]]:
    for plan in sorted((RESOURCES / "plans").glob("*.toml")):
        for number, line in enumerate(plan.read_text(encoding="utf-8").splitlines(), start=1):
            yield f"{plan.name}:{number}", line


def _template_texts() -> Iterator[tuple[str, str]]:
    for template in sorted((RESOURCES / "templates").glob("*.xlsx")):
        book = openpyxl.load_workbook(template)
        for sheet in book.worksheets:
            yield f"{template.name} sheet name", sheet.title
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        yield f"{template.name} {sheet.title}!{cell.coordinate}", cell.value
                    if cell.comment is not None:
                        yield f"{template.name} {sheet.title}!{cell.coordinate} note", cell.comment.text


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.extend(value for name, value in attrs if name in {"alt", "title"} and value)


def _guide_texts() -> Iterator[tuple[str, str]]:
    for page in sorted((RESOURCES / "guide").glob("*.html")):
        parser = _Text()
        parser.feed(page.read_text(encoding="utf-8"))
        for number, line in enumerate(" ".join(parser.parts).split("\n"), start=1):
            yield f"{page.name} text line {number}", line


def _word(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE)


FORBIDDEN_RE = {concept: [_word(form) for form in forms] for concept, forms in FORBIDDEN.items()}
ALLOWED_RE = [_word(form) for form in ALLOWED]


def offending(texts: Iterator[tuple[str, str]]) -> list[str]:
    found = []
    for where, text in texts:
        cleaned = text.replace("&&", "\0").replace("&", "").replace("\0", "&")  # a key's "&" hides no term
        for allowed in ALLOWED_RE:
            cleaned = allowed.sub("…", cleaned)
        for concept, patterns in FORBIDDEN_RE.items():
            for pattern in patterns:
                hit = pattern.search(cleaned)
                if hit:
                    found.append(f"{where}: {hit.group(0)!r} ({concept}) in {text.strip()[:120]!r}")
    return found


@pytest.mark.parametrize(
    "texts", [_catalog_texts, _plan_texts, _template_texts, _guide_texts],
    ids=["catalog", "plans", "templates", "guide"],
)
def test_no_term_the_glossary_forbids(texts) -> None:
    found = offending(texts())
    assert not found, "\n".join(found)


def test_an_old_term_put_back_is_caught_and_an_allowed_one_is_not() -> None:
    assert offending(iter([("x", "Đã ghi khen thưởng cho Lan")]))
    assert offending(iter([("x", "Sổ đang khóa")]))
    assert offending(iter([("x", "Điểm khối Chuyên cần")]))
    assert offending(iter([("x", "Văn thư/cán bộ")]))
    assert not offending(iter([("x", "Hội đồng Thi đua - Khen thưởng phường")]))
    assert not offending(iter([("x", "THỦ TRƯỞNG ĐƠN VỊ")]))
    assert not offending(iter([("x", "Quyết định khen thưởng")]))
    assert offending(iter([("x", "Tài khoản của thủ trưởng")]))
    assert not offending(iter([("x", "Lãnh đạo khóa sổ kỳ đã khóa sổ")]))
