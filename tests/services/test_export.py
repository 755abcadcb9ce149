"""Excel export read back with openpyxl: the engine's numbers rounded, real dates, the month sheet's codes, the
document frame (letterhead, status, signatures), Vietnamese whatever the language, readable by the office."""

from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from ward_office import i18n
from ward_office.cli import exports
from ward_office.core.access import Account, Role
from ward_office.core.errors import NotFoundError, WardOfficeError
from ward_office.core.period import half_year, month
from ward_office.i18n.formatting import round_half_up
from ward_office.scoring.results import ScoredPeriod
from ward_office.services.attendance_sheet import month_sheet
from ward_office.services.demo import build_demo
from ward_office.services.export import ExportKind, export, pair_text
from ward_office.services.period_locks import lock_period
from ward_office.services.standings import item_lines
from ward_office.services.ward import Ward, in_own_ward
from ward_office.services.ward_settings import save_unit

TODAY = date(2026, 11, 20)
# The letterhead (authority, "ỦY BAN NHÂN DÂN", the ward | the national name, the motto), the dateline, a blank
# row, the title, the period, the score's label, the figures' status, a blank row, then the headers.
TITLE_ROW = 6
HEADER_ROW = 11
TIMESHEET_HEADER_ROW = 10  # a timesheet is no score: no label
LABEL = "Điểm thi đua nội bộ về văn hóa công sở (không thay thế xếp loại chất lượng theo Nghị định 335/2025/NĐ-CP)"


pytestmark = pytest.mark.usefixtures("vietnamese")


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "demo.db"
    build_demo(path, staff=24, months=12, seed=2026, until=TODAY)
    with Ward.open(path) as ward:  # a ward under a superior agency: the letterhead has its three lines
        save_unit(ward, replace(ward.unit(), authority="Thành phố Cần Thơ"))
    return path


@pytest.fixture(scope="module")
def half_year_scored(demo_path: Path) -> ScoredPeriod:
    with Ward.open(demo_path, read_only=True) as ward:
        return ward.score(half_year(2026, 1), TODAY)


def table(worksheet: Worksheet, header_row: int = HEADER_ROW) -> tuple[list[object], list[list[object]]]:
    """The header and the data rows (up to the first empty row under the table)."""
    header = [cell.value for cell in worksheet[header_row]]
    rows = []
    for values in worksheet.iter_rows(min_row=header_row + 1, values_only=True):
        if all(value is None for value in values):
            break
        rows.append(list(values))
    return header, rows


def test_ranking_sheet_has_the_engine_scores(demo_path: Path, half_year_scored: ScoredPeriod,
                                             tmp_path: Path) -> None:
    out = tmp_path / "xep-loai.xlsx"
    summary = in_own_ward(demo_path, lambda ward: export(
        ward, ExportKind.RANKING, "2026-H1", out, today=TODAY), read_only=True)
    assert summary.localized() == f"Đã xuất 24 dòng ra tệp {out}."
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Xếp loại"]
    worksheet = workbook["Xếp loại"]
    plan = half_year_scored.ranking.plan
    assert [worksheet.cell(row, 1).value for row in range(1, 10)] == [
        "THÀNH PHỐ CẦN THƠ", "ỦY BAN NHÂN DÂN", "PHƯỜNG TÂN AN", None, None, "BẢNG TỔNG HỢP KẾT QUẢ THI ĐUA",
        f"{plan.name} — 6 tháng đầu năm 2026", LABEL, "(Số liệu tạm tính đến ngày 20/11/2026)"]
    motto_column = next(cell.column for cell in worksheet[2] if cell.value == "Độc lập - Tự do - Hạnh phúc")
    assert worksheet.cell(1, motto_column).value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert worksheet.cell(4, motto_column).value == "Phường Tân An, ngày 20 tháng 11 năm 2026"
    assert sys.platform == "win32" or out.stat().st_mode & 0o777 == 0o644
    header, rows = table(worksheet)
    blocks = [block.name for block in plan.blocks]
    assert header == ["Thứ hạng", "Mã", "Họ và tên", "Chức vụ", "Bộ phận", *blocks, "Điểm", "Xếp loại", "Ghi chú"]
    assert worksheet.freeze_panes == f"D{HEADER_ROW + 1}"
    results = half_year_scored.ranking.results
    assert len(rows) == len(results)
    score_column = header.index("Điểm")
    for row, result in zip(rows, results, strict=True):
        assert row[:3] == [result.rank, result.staff.code, result.staff.full_name]
        assert isinstance(row[score_column], int | float)  # a number, not text
        assert row[score_column] == float(round_half_up(result.score, 2))
        block_points = row[5:score_column]
        assert block_points == [float(round_half_up(result.block_totals.get(block.code, 0), 2))
                                for block in plan.blocks]
        # Each part is rounded on its own: the sum may be off by up to half a hundredth per block.
        assert float(plan.base_score) + sum(block_points) == pytest.approx(row[score_column], abs=0.005 * len(blocks))
        assert row[score_column + 1] == result.grade.name
        assert (row[score_column + 2] or "") == "; ".join(change.localized() for change in result.changes)
    whole = [value for row in rows for value in row[5:score_column + 1] if value == int(value)]
    assert whole and all(type(value) is int for value in whole)  # 100, not 100.0
    assert worksheet.cell(HEADER_ROW + 1, score_column + 1).number_format == "General"
    assert any(row[score_column + 2] for row in rows), "the demo half-year has grade changes to explain"
    notes = [worksheet.cell(row, 1).value for row in range(HEADER_ROW + len(rows) + 2, worksheet.max_row + 1)]
    assert any(str(note).startswith("Kết quả xếp loại: ") for note in notes)
    assert ("Kế hoạch thi đua: Chấm điểm thi đua thực hiện văn hóa công sở, phiên bản 1. Mức xếp loại (điểm): Xuất "
            "sắc ≥ 90; Tốt ≥ 70; Đạt ≥ 50; Chưa đạt < 50.") in notes
    under = [cell.value for row in worksheet.iter_rows(min_row=HEADER_ROW + len(rows) + 1) for cell in row
             if cell.value]
    assert under[-5:] == ["NGƯỜI LẬP BIỂU", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Ký, ghi rõ họ tên)",
                          "(Ký, ghi rõ họ tên)"]
    noted = next(number for number, row in enumerate(rows, start=HEADER_ROW + 1) if row[score_column + 2])
    assert worksheet.row_dimensions[noted].height > 2 * 11  # the note wraps in a row tall enough for it


def test_items_sheet_has_real_dates_and_adds_up_to_the_scores(demo_path: Path, half_year_scored: ScoredPeriod,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "chi-tiet.xlsx"
    in_own_ward(demo_path, lambda ward: export(ward, "items", "2026-H1", out, today=TODAY), read_only=True)
    worksheet = load_workbook(out)["Chi tiết điểm"]
    assert worksheet.cell(TITLE_ROW, 1).value == "BẢNG CHI TIẾT ĐIỂM THI ĐUA CỦA CÁN BỘ, CÔNG CHỨC"
    assert worksheet.cell(TITLE_ROW + 2, 1).value == LABEL
    header, rows = table(worksheet)
    assert header == ["Mã cán bộ", "Họ và tên", "Ngày", "Buổi", "Mã tiêu chí", "Tiêu chí", "Nhóm tiêu chí", "Điểm",
                      "Điểm gốc", "Ghi chú", "Người ghi", "Nguồn"]
    results = half_year_scored.ranking.results
    assert len(rows) == sum(len(result.items) for result in results) > 100
    plan = half_year_scored.ranking.plan
    items = [line.item for result in results for line in item_lines(result, plan)]
    assert [row[7] for row in rows] == [float(round_half_up(item.contribution, 2)) for item in items]
    points: dict[str, float] = defaultdict(float)
    counted: dict[str, int] = defaultdict(int)
    for row_number, row in enumerate(rows, start=HEADER_ROW + 1):
        code, _name, day, session, _criterion, criterion_name, block, item_points, raw, _note, _by, source = row
        assert isinstance(day, datetime) and date(2026, 1, 1) <= day.date() <= date(2026, 6, 30)
        assert worksheet.cell(row_number, 3).number_format == "dd/mm/yyyy"
        assert session in (None, "Sáng", "Chiều")
        assert criterion_name and block
        assert isinstance(item_points, int | float) and isinstance(raw, int | float)
        assert source in ("Chấm công", "Ghi nhận sự việc", "Đợt kiểm tra")
        points[str(code)] += float(item_points)
        counted[str(code)] += 1
    base = float(half_year_scored.ranking.plan.base_score)
    for result in results:  # each item rounded on its own, to a hundredth
        assert points[result.staff.code] == pytest.approx(float(result.score) - base,
                                                          abs=0.005 * counted[result.staff.code] + 1e-9)
    assert {row[11] for row in rows} >= {"Chấm công", "Đợt kiểm tra"}
    assert any(row[9] and "chia bình quân 6 tháng" in row[9] for row in rows)


def test_timesheet_has_the_codes_and_totals_of_the_printed_sheet(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "cham-cong.xlsx"
    summary = in_own_ward(demo_path, lambda ward: export(
        ward, "timesheet", "2026-10", out, today=TODAY), read_only=True)
    worksheet = load_workbook(out)["Bảng chấm công"]
    assert [worksheet.cell(row, 1).value for row in (TITLE_ROW, TITLE_ROW + 1)] == ["BẢNG CHẤM CÔNG",
                                                                                   "Tháng 10 năm 2026"]
    with Ward.open(demo_path, read_only=True) as ward:
        sheet = month_sheet(ward, 2026, 10, until=TODAY)
    header, rows = table(worksheet, TIMESHEET_HEADER_ROW)
    # One header row: each day's number with its weekday below it (1/10/2026 is a Thursday).
    assert header[4:7] == ["1\nT5", "2\nT6", "3\nT7"] and header[34] == "31\nT7"
    assert header[:4] == ["STT", "Mã", "Họ và tên", "Bộ phận"]
    assert header[35:] == ["Công hưởng lương thời gian (+, M, S, CT, H)", "Nghỉ hưởng lương (P, Nb)",
                           "Hưởng BHXH (Ô, Cô, Ts, T)", "Nghỉ không lương (No)", "Vắng không lý do (Ko)", "Đi muộn",
                           "Về sớm"]
    expected_rows = [(group.name or "chưa phân bộ phận", row) for group in sheet.by_department() for row in group.rows]
    assert summary.rows == len(rows) == len(expected_rows) == len(sheet.rows)
    days = len(sheet.days)
    for number, (row, (department, expected)) in enumerate(zip(rows, expected_rows, strict=True), start=1):
        assert row[:4] == [number, expected.staff.code, expected.staff.full_name, department]
        assert [code or "" for code in row[4:4 + days]] == [pair_text(codes) for codes in expected.codes]
        totals = row[4 + days:]
        assert totals == pytest.approx([*(float(value) for value in expected.totals.form_days()),
                                        expected.totals.late, expected.totals.early])
    codes = {code for row in rows for code in row[4:4 + days] if code}
    assert "+" in codes and codes & {"M", "+/M", "M/+", "P", "Ko"}
    saturday = 4 + 3  # the column of 03/10/2026, a Saturday: grey, and Friday's is not
    assert worksheet.cell(TIMESHEET_HEADER_ROW + 1, saturday).fill.fgColor.rgb.endswith("E7E6E6")
    assert worksheet.cell(TIMESHEET_HEADER_ROW + 1, saturday - 1).fill.fill_type is None


def test_timesheet_leaves_days_after_today_blank(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "thang-11.xlsx"
    in_own_ward(demo_path, lambda ward: export(ward, "timesheet", "2026-11", out, today=TODAY), read_only=True)
    _header, rows = table(load_workbook(out).active)
    assert all(row[4 + 20] is None for row in rows)  # 21/11 and later are not yet recorded
    assert any(row[4 + 19] == "+" for row in rows)  # 20/11, a Friday, is


@pytest.mark.parametrize(("kind", "period", "name", "words"), [
    ("ranking", "2026-13", "xep-loai.xlsx", "2026-13"),
    ("ranking", "nửa năm", "xep-loai.xlsx", "nửa năm"),
    ("timesheet", "2026-H1", "cham-cong.xlsx", "Bảng chấm công lập theo từng tháng"),
    ("items", "2026-Q2", "chi-tiet.csv", "Tệp Excel phải có đuôi .xlsx"),
])
def test_bad_input_is_refused_in_vietnamese_and_writes_nothing(demo_path: Path, tmp_path: Path, kind: str,
                                                              period: str, name: str, words: str) -> None:
    with pytest.raises(WardOfficeError) as raised:
        in_own_ward(demo_path, lambda ward: export(ward, kind, period, tmp_path / name, today=TODAY), read_only=True)
    message = raised.value.localized()
    assert words in message
    assert message != str(raised.value)  # translated, not the English msgid
    assert list(tmp_path.iterdir()) == []


def test_a_missing_database_is_not_created(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError) as raised:
        in_own_ward(tmp_path / "khong-co.db", lambda ward: export(
            ward, "ranking", "2026-H1", tmp_path / "xep-loai.xlsx", today=TODAY), read_only=True)
    assert "khong-co.db" in raised.value.localized()
    assert list(tmp_path.iterdir()) == []


def command_line(*arguments: object) -> argparse.Namespace:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path)
    common.add_argument("--lang")
    parser = argparse.ArgumentParser(prog="ward-office")
    exports.register(parser.add_subparsers(dest="command"), common)
    return parser.parse_args([str(argument) for argument in arguments])


def test_the_export_command_writes_the_file(demo_path: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "quy-2.xlsx"
    options = command_line("export", "items", "--db", demo_path, "--period", "2026-Q2", "--out", out)
    assert options.command == exports.COMMAND
    assert exports.run(options) == 0
    assert capsys.readouterr().out.startswith("Đã xuất ")
    assert load_workbook(out).sheetnames == ["Chi tiết điểm"]


def test_the_export_command_refuses_a_bad_period_and_an_unknown_kind(demo_path: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.xlsx"
    with pytest.raises(WardOfficeError):
        exports.run(command_line("export", "ranking", "--db", demo_path, "--period", "2026-Q5", "--out", out))
    assert not out.exists()
    with pytest.raises(SystemExit):
        command_line("export", "charts", "--db", demo_path, "--period", "2026-05", "--out", out)
    assert "charts" in capsys.readouterr().err
    assert exports.KINDS == tuple(kind.value for kind in ExportKind)


def test_vietnamese_sheets_with_the_english_language(demo_path: Path, tmp_path: Path) -> None:
    i18n.set_language("en")
    out = tmp_path / "ranking.xlsx"
    summary = in_own_ward(demo_path, lambda ward: export(
        ward, "ranking", month(2026, 5).code, out, today=TODAY), read_only=True)
    assert summary.localized().startswith("Wrote ")  # the message speaks the user's language
    assert i18n.current_language() == "en"
    worksheet = load_workbook(out)["Xếp loại"]  # the document is official: Vietnamese
    header, _rows = table(worksheet)
    assert header[:3] == ["Thứ hạng", "Mã", "Họ và tên"]
    assert worksheet.cell(TITLE_ROW + 2, 1).value == LABEL
    assert worksheet.cell(TITLE_ROW + 3, 1).value == "(Số liệu tạm tính đến ngày 20/11/2026)"


def test_a_locked_period_says_its_figures_are_final(tmp_path: Path) -> None:
    path = tmp_path / "khoa.db"
    build_demo(path, staff=6, months=2, seed=7, until=date(2026, 2, 28))
    with Ward.open(path, actor="chutich") as ward:
        ward.account = Account(1, "chutich", "Trần Văn Hùng", Role.HEAD)
        lock_period(ward, month(2026, 1), date(2026, 3, 1))
    out = tmp_path / "thang-1.xlsx"
    umask = os.umask(0o077)
    try:
        in_own_ward(path, lambda ward: export(
            ward, "timesheet", "2026-01", out, today=date(2026, 3, 2)), read_only=True)
    finally:
        os.umask(umask)
    worksheet = load_workbook(out).active
    status = next(row[0] for row in worksheet.iter_rows(max_col=1) if str(row[0].value).startswith("(Số liệu"))
    assert str(status.value).startswith("(Số liệu chính thức: đã khóa sổ ngày ")
    assert status.row == TITLE_ROW + 1  # no superior agency: the letterhead has two lines, not three
    assert not status.font.bold  # final figures are not stressed
    assert sys.platform == "win32" or out.stat().st_mode & 0o777 == 0o644  # others in the office can open it
    signed = next(row for row in worksheet.iter_rows(values_only=True) if row[0] == "NGƯỜI CHẤM CÔNG")
    assert [value for value in signed if value] == ["NGƯỜI CHẤM CÔNG", "PHỤ TRÁCH BỘ PHẬN", "THỦ TRƯỞNG ĐƠN VỊ"]


def test_pair_text() -> None:
    assert pair_text(None) == ""
    assert pair_text(("+", "+")) == "+"
    assert pair_text(("M", "+")) == "M/+"
