"""Excel export read back with openpyxl: the engine's numbers, real dates, the month sheet's codes, Vietnamese."""

from __future__ import annotations

import argparse
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from ward_office import cli_export, i18n
from ward_office.core.errors import NotFoundError, WardOfficeError
from ward_office.core.period import half_year, month
from ward_office.services.attendance_sheet import month_sheet
from ward_office.services.export import ExportKind, export, pair_text
from ward_office.services.presentation import ScoredPeriod
from ward_office.services.records import build_demo
from ward_office.services.ward import Ward

TODAY = date(2026, 11, 20)
HEADER_ROW = 6  # authority, ward, title, period, a blank row, then the headers


pytestmark = pytest.mark.usefixtures("vietnamese")


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "demo.db"
    build_demo(path, staff=24, months=12, seed=2026, until=TODAY)
    return path


@pytest.fixture(scope="module")
def half_year_scored(demo_path: Path) -> ScoredPeriod:
    with Ward.open(demo_path, read_only=True) as ward:
        return ward.score(half_year(2026, 1), TODAY)


def table(worksheet: Worksheet) -> tuple[list[object], list[list[object]]]:
    """The header and the data rows (up to the first empty row under the table)."""
    header = [cell.value for cell in worksheet[HEADER_ROW]]
    rows = []
    for values in worksheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
        if all(value is None for value in values):
            break
        rows.append(list(values))
    return header, rows


def test_ranking_sheet_has_the_engine_scores(demo_path: Path, half_year_scored: ScoredPeriod,
                                             tmp_path: Path) -> None:
    out = tmp_path / "xep-loai.xlsx"
    summary = export(demo_path, ExportKind.RANKING, "2026-H1", out, today=TODAY)
    assert summary.localized() == f"Đã xuất 24 dòng ra tệp {out}."
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Xếp loại"]
    worksheet = workbook["Xếp loại"]
    plan = half_year_scored.ranking.plan
    assert [worksheet.cell(row, 1).value for row in range(1, 5)] == [
        "THÀNH PHỐ CẦN THƠ", "ỦY BAN NHÂN DÂN PHƯỜNG TÂN AN", "BẢNG TỔNG HỢP KẾT QUẢ THI ĐUA",
        f"{plan.name} — 6 tháng đầu năm 2026"]
    header, rows = table(worksheet)
    blocks = [block.name for block in plan.blocks]
    assert header == ["Thứ hạng", "Mã", "Họ và tên", "Chức vụ", "Bộ phận", *blocks, "Điểm", "Xếp loại", "Ghi chú"]
    assert worksheet.freeze_panes == "D7"
    results = half_year_scored.ranking.results
    assert len(rows) == len(results)
    score_column = header.index("Điểm")
    for row, result in zip(rows, results, strict=True):
        assert row[:3] == [result.rank, result.staff.code, result.staff.full_name]
        assert isinstance(row[score_column], int | float)  # a number, not text
        assert row[score_column] == pytest.approx(float(result.score), abs=1e-9)
        block_points = row[5:score_column]
        assert float(plan.base_score) + sum(block_points) == pytest.approx(row[score_column], abs=1e-9)
        assert row[score_column + 1] == result.grade.name
        assert (row[score_column + 2] or "") == "; ".join(change.localized() for change in result.changes)
    assert worksheet.cell(HEADER_ROW + 1, score_column + 1).number_format == "0.0#"
    assert any(row[score_column + 2] for row in rows), "the demo half-year has grade changes to explain"
    notes = [worksheet.cell(row, 1).value for row in range(HEADER_ROW + len(rows) + 2, worksheet.max_row + 1)]
    assert any(str(note).startswith("Kết quả xếp loại: ") for note in notes)


def test_items_sheet_has_real_dates_and_adds_up_to_the_scores(demo_path: Path, half_year_scored: ScoredPeriod,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "chi-tiet.xlsx"
    export(demo_path, "items", "2026-H1", out, today=TODAY)
    worksheet = load_workbook(out)["Chi tiết điểm"]
    assert worksheet.cell(3, 1).value == "BẢNG CHI TIẾT ĐIỂM THI ĐUA CỦA CÁN BỘ, CÔNG CHỨC"
    header, rows = table(worksheet)
    assert header == ["Mã cán bộ", "Họ và tên", "Ngày", "Buổi", "Mã tiêu chí", "Tiêu chí", "Khối", "Điểm",
                      "Điểm gốc", "Ghi chú", "Người ghi", "Nguồn"]
    results = half_year_scored.ranking.results
    assert len(rows) == sum(len(result.items) for result in results) > 100
    points: dict[str, float] = defaultdict(float)
    for row_number, row in enumerate(rows, start=HEADER_ROW + 1):
        code, _name, day, session, _criterion, criterion_name, block, item_points, raw, _note, _by, source = row
        assert isinstance(day, datetime) and date(2026, 1, 1) <= day.date() <= date(2026, 6, 30)
        assert worksheet.cell(row_number, 3).number_format == "dd/mm/yyyy"
        assert session in (None, "Sáng", "Chiều")
        assert criterion_name and block
        assert isinstance(item_points, int | float) and isinstance(raw, int | float)
        assert source in ("Chấm công", "Ghi nhận sự việc", "Đợt kiểm tra")
        points[str(code)] += float(item_points)
    base = float(half_year_scored.ranking.plan.base_score)
    for result in results:
        assert points[result.staff.code] == pytest.approx(float(result.score) - base, abs=1e-9)
    assert {row[11] for row in rows} >= {"Chấm công", "Đợt kiểm tra"}
    assert any(row[9] and "chia bình quân 6 tháng" in row[9] for row in rows)


def test_timesheet_has_the_codes_and_totals_of_the_printed_sheet(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "cham-cong.xlsx"
    summary = export(demo_path, "timesheet", "2026-10", out, today=TODAY)
    worksheet = load_workbook(out)["Bảng chấm công"]
    assert [worksheet.cell(row, 1).value for row in (3, 4)] == ["BẢNG CHẤM CÔNG", "Tháng 10 năm 2026"]
    with Ward.open(demo_path, read_only=True) as ward:
        sheet = month_sheet(ward, 2026, 10, until=TODAY)
    header, rows = table(worksheet)
    # One header row: each day's number with its weekday below it (1/10/2026 is a Thursday).
    assert header[5:8] == ["1\nT5", "2\nT6", "3\nT7"] and header[35] == "31\nT7"
    assert header[:5] == ["STT", "Mã", "Họ và tên", "Chức vụ", "Bộ phận"]
    assert header[36:] == ["Công hưởng lương thời gian (+, M, S, CT, H)", "Nghỉ hưởng lương (P, Nb)",
                           "Hưởng BHXH (Ô, Cô, Ts, T)", "Nghỉ không lương (No)", "Vắng không lý do (Ko)", "Đi muộn",
                           "Về sớm"]
    expected_rows = [(group.name or "chưa phân bộ phận", row) for group in sheet.by_department() for row in group.rows]
    assert summary.rows == len(rows) == len(expected_rows) == len(sheet.rows)
    days = len(sheet.days)
    for number, (row, (department, expected)) in enumerate(zip(rows, expected_rows, strict=True), start=1):
        assert row[:5] == [number, expected.staff.code, expected.staff.full_name, expected.staff.position,
                           department]
        assert [code or "" for code in row[5:5 + days]] == [pair_text(codes) for codes in expected.codes]
        totals = row[5 + days:]
        assert totals == pytest.approx([*(float(value) for value in expected.totals.form_days()),
                                        expected.totals.late, expected.totals.early])
    codes = {code for row in rows for code in row[5:5 + days] if code}
    assert "+" in codes and codes & {"M", "+/M", "M/+", "P", "Ko"}
    saturday = 5 + 3  # the column of 03/10/2026, a Saturday: grey, and Friday's is not
    assert worksheet.cell(HEADER_ROW + 1, saturday).fill.fgColor.rgb.endswith("E7E6E6")
    assert worksheet.cell(HEADER_ROW + 1, saturday - 1).fill.fill_type is None


def test_timesheet_leaves_days_after_today_blank(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "thang-11.xlsx"
    export(demo_path, "timesheet", "2026-11", out, today=TODAY)
    _header, rows = table(load_workbook(out).active)
    assert all(row[5 + 20] is None for row in rows)  # 21/11 and later are not yet recorded
    assert any(row[5 + 19] == "+" for row in rows)  # 20/11, a Friday, is


@pytest.mark.parametrize(("kind", "period", "name", "words"), [
    ("ranking", "2026-13", "xep-loai.xlsx", "2026-13"),
    ("ranking", "nửa năm", "xep-loai.xlsx", "nửa năm"),
    ("timesheet", "2026-H1", "cham-cong.xlsx", "Bảng chấm công lập theo từng tháng"),
    ("items", "2026-Q2", "chi-tiet.csv", "Tệp Excel phải có đuôi .xlsx"),
])
def test_bad_input_is_refused_in_vietnamese_and_writes_nothing(demo_path: Path, tmp_path: Path, kind: str,
                                                              period: str, name: str, words: str) -> None:
    with pytest.raises(WardOfficeError) as raised:
        export(demo_path, kind, period, tmp_path / name, today=TODAY)
    message = raised.value.localized()
    assert words in message
    assert message != str(raised.value)  # translated, not the English msgid
    assert list(tmp_path.iterdir()) == []


def test_a_missing_database_is_not_created(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError) as raised:
        export(tmp_path / "khong-co.db", "ranking", "2026-H1", tmp_path / "xep-loai.xlsx", today=TODAY)
    assert "khong-co.db" in raised.value.localized()
    assert list(tmp_path.iterdir()) == []


def command_line(*arguments: object) -> argparse.Namespace:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path)
    common.add_argument("--lang")
    parser = argparse.ArgumentParser(prog="ward-office")
    cli_export.register(parser.add_subparsers(dest="command"), common)
    return parser.parse_args([str(argument) for argument in arguments])


def test_the_export_command_writes_the_file(demo_path: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "quy-2.xlsx"
    options = command_line("export", "items", "--db", demo_path, "--period", "2026-Q2", "--out", out)
    assert options.command == cli_export.COMMAND
    assert cli_export.run(options) == 0
    assert capsys.readouterr().out.startswith("Đã xuất ")
    assert load_workbook(out).sheetnames == ["Chi tiết điểm"]


def test_the_export_command_refuses_a_bad_period_and_an_unknown_kind(demo_path: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.xlsx"
    with pytest.raises(WardOfficeError):
        cli_export.run(command_line("export", "ranking", "--db", demo_path, "--period", "2026-Q5", "--out", out))
    assert not out.exists()
    with pytest.raises(SystemExit):
        command_line("export", "charts", "--db", demo_path, "--period", "2026-05", "--out", out)
    assert "charts" in capsys.readouterr().err
    assert cli_export.KINDS == tuple(kind.value for kind in ExportKind)


def test_english_headers_with_the_english_language(demo_path: Path, tmp_path: Path) -> None:
    i18n.set_language("en")
    out = tmp_path / "ranking.xlsx"
    export(demo_path, "ranking", month(2026, 5).code, out, today=TODAY)
    header, _rows = table(load_workbook(out)["Ranking"])
    assert header[:3] == ["Rank", "Code", "Full name"]


def test_pair_text() -> None:
    assert pair_text(None) == ""
    assert pair_text(("+", "+")) == "+"
    assert pair_text(("M", "+")) == "M/+"
