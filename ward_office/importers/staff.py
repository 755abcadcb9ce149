"""A staff list from a CSV or Excel (.xlsx) file with a header row in Vietnamese or English, as offices keep it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ward_office.core.errors import InputProblem
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.core.text_rules import CODE_LIMIT, NAME_LIMIT, SHORT_LIMIT, FieldError, check_day, clean_text, code_key
from ward_office.i18n import N_
from ward_office.i18n.text import fold
from ward_office.importers.csv_files import Problems, SkippedRow, parse_day
from ward_office.importers.input_tables import read_rows

STAFF_COLUMNS = {  # "STT" and any other column not named here is ignored
    "code": ("mã cán bộ", "mã", "mã số", "mã cb", "mã cbcc", "mã nhân viên", "mã nv", "code", "staff code",
             "staff_code", "employee code"),
    "full_name": ("họ và tên", "họ tên", "họ và tên cán bộ", "họ tên cán bộ", "name", "full name"),
    "gender": ("giới tính", "phái", "gender", "sex"),
    "position": ("chức vụ", "chức danh", "chức vụ/chức danh", "vị trí", "position", "title", "job title"),
    "category": ("loại", "đối tượng", "ngạch", "loại/ngạch", "loại cán bộ", "phân loại", "category", "type"),
    "department": ("bộ phận", "phòng ban", "đơn vị", "phòng", "bộ phận công tác", "đơn vị công tác",
                   "department"),
    "badge_number": ("số thẻ", "số thẻ công chức", "số thẻ cán bộ", "badge", "badge number"),
    "clock_id": ("mã chấm công", "mã máy chấm công", "mã vân tay", "số chấm công", "clock id", "enroll number",
                 "enrollnumber", "ac-no"),
    "active_from": ("ngày bắt đầu", "từ ngày", "ngày vào", "ngày vào làm", "ngày bắt đầu công tác", "start",
                    "start date"),
    "active_to": ("ngày kết thúc", "đến ngày", "ngày nghỉ", "ngày nghỉ việc", "end", "end date"),
}

LIMITS = {"code": CODE_LIMIT, "full_name": NAME_LIMIT, "badge_number": CODE_LIMIT, "clock_id": CODE_LIMIT}
_GENDERS = {"nam": Gender.MALE, "male": Gender.MALE, "m": Gender.MALE,
            "nu": Gender.FEMALE, "female": Gender.FEMALE, "f": Gender.FEMALE}
_CATEGORIES = {
    "can bo": StaffCategory.CAN_BO, "cong chuc": StaffCategory.CONG_CHUC,
    "vien chuc": StaffCategory.VIEN_CHUC, "nguoi lao dong": StaffCategory.NGUOI_LAO_DONG,
    "hop dong": StaffCategory.NGUOI_LAO_DONG, "lao dong hop dong": StaffCategory.NGUOI_LAO_DONG,
    **{category.value.replace("_", " "): category for category in StaffCategory},
}


@dataclass(frozen=True, slots=True)
class StaffRow:
    line: int
    staff: Staff  # department_id is not set: the caller resolves ``department`` by name
    department: str


def read_staff(path: Path, skipped: list[SkippedRow] | None = None) -> list[StaffRow]:
    """Every row checked (core.text_rules: codes and names as they are kept, dates in range); any bad value
    refuses the whole file, listing the first hundred problems. Rows with only a running number go to
    ``skipped``."""
    problems = Problems()
    rows: list[StaffRow] = []
    seen_codes: dict[str, int] = {}
    seen_clock_ids: dict[str, int] = {}
    for row in read_rows(path, STAFF_COLUMNS, ("code", "full_name", "gender", "position", "department"), skipped):
        try:
            values = {field: clean_text(value, field, "", LIMITS.get(field, SHORT_LIMIT))
                      for field, value in row.values.items()}
        except FieldError as error:
            problems.add(InputProblem(row.line, error.field, error.message, error.params))
            continue
        line_problems = [InputProblem(row.line, field, N_("this value is required"))
                         for field in ("code", "full_name", "position", "department") if not values.get(field)]
        code = values.get("code", "")
        if code_key(code) in seen_codes:
            line_problems.append(InputProblem(row.line, "code", N_("the code “{code}” is already on line {other}"),
                                              {"code": code, "other": seen_codes[code_key(code)]}))
        clock_id = values.get("clock_id", "").lstrip("0") or values.get("clock_id", "")
        if clock_id and clock_id in seen_clock_ids:
            line_problems.append(InputProblem(row.line, "clock_id",
                                              N_("the clock id “{code}” is already on line {other}"),
                                              {"code": clock_id, "other": seen_clock_ids[clock_id]}))
        staff = _staff(row.line, values, clock_id, line_problems)
        if staff is None:
            problems.extend(line_problems)
            continue
        seen_codes[code_key(code)] = row.line
        if clock_id:
            seen_clock_ids[clock_id] = row.line
        rows.append(StaffRow(row.line, staff, " ".join(values.get("department", "").split())))
    problems.refuse(path)
    return rows


def _staff(line: int, values: Mapping[str, str], clock_id: str, problems: list[InputProblem]) -> Staff | None:
    """The person a row describes; None, with what is wrong added to ``problems``, when anything is (the
    problems already found in the row included)."""
    gender = _GENDERS.get(fold(values.get("gender", "")))
    if gender is None:
        problems.append(InputProblem(line, "gender", N_("“{value}” is not a gender; write Nam or Nữ"),
                                     {"value": values.get("gender", "")}))
    category_text = values.get("category", "")
    category = _CATEGORIES.get(fold(category_text)) if category_text else StaffCategory.CONG_CHUC
    if category is None:
        problems.append(InputProblem(
            line, "category", N_("“{value}” is not a category; write Cán bộ, Công chức, Viên chức or Người lao động"),
            {"value": category_text}))
    dates: dict[str, date | None] = {}
    for field in ("active_from", "active_to"):
        text = values.get(field, "")
        try:
            dates[field] = parse_day(text, field) if text else None
            check_day(dates[field], field, "")
        except FieldError as error:
            problems.append(InputProblem(line, field, error.message, error.params))
    active_from, active_to = dates.get("active_from"), dates.get("active_to")
    if active_from and active_to and active_to < active_from:
        problems.append(InputProblem(line, "active_to", N_("ends before it starts")))
    if problems or gender is None or category is None:
        return None
    return Staff(code=values.get("code", ""), full_name=" ".join(values.get("full_name", "").split()), gender=gender,
                 position=values.get("position", ""), category=category, badge_number=values.get("badge_number", ""),
                 clock_id=clock_id, active_from=active_from, active_to=active_to)
