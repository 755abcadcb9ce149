"""Importing a month's entered points from a file: a good file (CSV or Excel) enters them all, a file with
mistakes enters none and names each, a locked month is refused, the blank file (tệp mẫu) lists the month's people
and items and comes back filled in; and the same through ``ward-office import-scores``."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from entered_book import ENTERED_PLAN, HEAD, PEOPLE
from openpyxl import Workbook, load_workbook

from ward_office import cli
from ward_office.core.entered_scores import ScoreEntry
from ward_office.core.errors import InputFileError, PeriodLockedError
from ward_office.core.period import month
from ward_office.core.staff import Gender, Staff, StaffCategory, StaffId
from ward_office.services.entered_scores import enter_scores, entry_sheet
from ward_office.services.score_imports import import_scores, write_score_template
from ward_office.services.ward import Ward

AN, BINH, CUONG, DUNG = (StaffId(number) for number in range(1, 5))
MARCH = date(2026, 3, 1)


def points(ward: Ward, day: date = MARCH) -> dict[tuple[StaffId, str], tuple[Fraction, Fraction | None]]:
    return {key: (score.points, score.self_points) for key, score in entry_sheet(ward, day).scores.items()}


def test_a_good_csv_enters_its_points_and_an_empty_cell_keeps_what_was_entered(ward: Ward, tmp_path: Path,
                                                                                vietnamese: None) -> None:
    enter_scores(ward, MARCH, [ScoreEntry(BINH, "NV2", Fraction(20))])
    file = tmp_path / "diem.csv"
    file.write_text("Mã cán bộ;Họ và tên;NV1;NV2;Tự chấm NV1\n"
                    "CB001;Lê Văn An;37,5;28;38\n"
                    "CB002;Trần Thị Bình;30;;\n"
                    "CB003;Phạm Văn Cường;;;\n", encoding="utf-8")
    summary = import_scores(ward, MARCH, file)
    assert points(ward) == {(AN, "NV1"): (Fraction(75, 2), Fraction(38)), (AN, "NV2"): (Fraction(28), None),
                            (BINH, "NV1"): (Fraction(30), None), (BINH, "NV2"): (Fraction(20), None)}
    assert (summary.rows, summary.added, summary.changed, summary.unchanged, summary.left_empty) == (3, 3, 0, 0, 3)
    assert summary.localized().startswith(f"{file}, Tháng 3/2026: đọc 3 người, nhập 3 điểm, sửa 0, giữ nguyên 0")
    again = import_scores(ward, MARCH, file)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 3)


def test_a_good_xlsx_enters_its_points(ward: Ward, tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.append(["STT", "Mã", "Họ và tên", "NV1 Khối lượng công việc (tối đa 40)", "NV2 (tối đa 30)"])
    workbook.active.append([1, "CB001", "Lê Văn An", 40, 29.5])
    workbook.active.append([2, "CB003", "Phạm Văn Cường", "12,75", 0])
    workbook.save(tmp_path / "diem.xlsx")
    import_scores(ward, MARCH, tmp_path / "diem.xlsx")
    assert points(ward) == {(AN, "NV1"): (Fraction(40), None), (AN, "NV2"): (Fraction(59, 2), None),
                            (CUONG, "NV1"): (Fraction(51, 4), None), (CUONG, "NV2"): (Fraction(0), None)}


def test_a_file_with_three_mistakes_names_them_all_and_changes_nothing(ward: Ward, tmp_path: Path,
                                                                       vietnamese: None) -> None:
    enter_scores(ward, MARCH, [ScoreEntry(AN, "NV1", Fraction(35))])
    before = ward.store.change_log.changes()
    file = tmp_path / "diem.csv"
    file.write_text("Mã cán bộ,Họ và tên,NV1,NV2\n"
                    "CB001,Lê Văn An,20,mười\n"
                    "CB004,Hoàng Văn Dũng,30,30\n"  # left in February
                    "CB002,Trần Thị Bình,40,31\n", encoding="utf-8")
    with pytest.raises(InputFileError) as refused:
        import_scores(ward, MARCH, file)
    assert [(problem.line, problem.field) for problem in refused.value.problems] == [
        (2, "NV2"), (3, "code"), (4, "NV2")]
    assert refused.value.localized().splitlines()[1:] == [
        f"{file}, dòng 2, cột “NV2”: “mười” không phải là số; hãy viết số điểm, ví dụ 35 hoặc 37,5",
        f"{file}, dòng 3, cột “Mã cán bộ”: Hoàng Văn Dũng không công tác tại đơn vị trong tháng 3/2026",
        f"{file}, dòng 4, cột “NV2”: 31 không nằm trong khoảng từ 0 đến 30 (điểm tối đa của NV2)",
    ]
    assert points(ward) == {(AN, "NV1"): (Fraction(35), None)} and ward.store.change_log.changes() == before


def test_a_locked_month_is_refused(ward: Ward, tmp_path: Path, vietnamese: None) -> None:
    february = date(2026, 2, 1)
    enter_scores(ward, february, [ScoreEntry(person, code, Fraction(10)) for person in (AN, BINH, DUNG)
                                  for code in ("NV1", "NV2")])
    ward.store.periods.lock(month(2026, 2), "truong")
    file = tmp_path / "diem.csv"
    file.write_text("Mã,NV1\nCB001,30\n", encoding="utf-8")
    with pytest.raises(PeriodLockedError) as refused:
        import_scores(ward, february, file)
    assert "Tháng 2/2026 thuộc kỳ đã khóa sổ" in refused.value.localized()
    assert points(ward, february)[(AN, "NV1")] == (Fraction(10), None)


def test_the_template_lists_the_months_people_and_items_and_comes_back_filled_in(ward: Ward, tmp_path: Path,
                                                                                 vietnamese: None) -> None:
    template = tmp_path / "mau.xlsx"
    assert write_score_template(ward, MARCH, template) == 3
    sheet = load_workbook(template).active
    rows = list(sheet.iter_rows(values_only=True))
    header = next(number for number, row in enumerate(rows) if row[0] == "STT")
    assert "BẢNG CHẤM ĐIỂM" in " ".join(str(row[0]) for row in rows[:header])
    assert any("Ô để trống" in str(row[0]) for row in rows[:header])
    assert rows[header] == ("STT", "Mã", "Họ và tên", "Bộ phận", "NV1\nKhối lượng công việc\n(tối đa 40)",
                            "NV2\nChất lượng, tiến độ\n(tối đa 30)")
    assert [row[1:3] for row in rows[header + 1:]] == [("CB001", "Lê Văn An"), ("CB002", "Trần Thị Bình"),
                                                       ("CB003", "Phạm Văn Cường")]
    workbook = load_workbook(template)
    for column, values in (("E", (36, None, "18,5")), ("F", (27.5, 30, None))):
        for row, value in enumerate(values, start=header + 2):
            workbook.active[f"{column}{row}"] = value
    workbook.save(template)
    summary = import_scores(ward, MARCH, template)
    assert (summary.added, summary.left_empty) == (4, 2)  # Bình's NV1, Cường's NV2
    assert points(ward) == {(AN, "NV1"): (Fraction(36), None), (AN, "NV2"): (Fraction(55, 2), None),
                            (BINH, "NV2"): (Fraction(30), None), (CUONG, "NV1"): (Fraction(37, 2), None)}


def test_the_command_writes_the_template_and_imports_it(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        vietnamese: None) -> None:
    book = tmp_path / "so.db"
    with Ward.open(book, actor="truong") as ward:
        ward.store.plans.adopt(ENTERED_PLAN, "truong")
        for code, name, start, end in PEOPLE:
            ward.store.staff.add(Staff(code, name, Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC,
                                       active_from=start, active_to=end), "truong")
    template = tmp_path / "mau.xlsx"
    assert cli.main(["import-scores", "--db", str(book), "--month", "3/2026", "--template", str(template)]) == 0
    assert "3 người" in capsys.readouterr().out
    workbook = load_workbook(template)
    sheet = workbook.active
    header = next(row[0].row for row in sheet.iter_rows() if row[0].value == "STT")
    sheet[f"E{header + 1}"] = 33
    workbook.save(template)
    assert cli.main(["import-scores", "--db", str(book), "--month", "03/2026", str(template), "--dry-run"]) == 0
    assert "Chưa lưu gì (chạy thử)" in capsys.readouterr().out
    assert cli.main(["import-scores", "--db", str(book), "--month", "03/2026", str(template)]) == 0
    assert "nhập 1 điểm" in capsys.readouterr().out
    with Ward.open(book, account=HEAD) as ward:
        assert points(ward) == {(AN, "NV1"): (Fraction(33), None)}
    assert cli.main(["import-scores", "--db", str(book), "--month", "13/2026", str(template)]) == 1
    assert "“13/2026” không phải là tháng" in capsys.readouterr().err
