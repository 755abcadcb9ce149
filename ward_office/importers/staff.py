"""A staff list from a CSV or Excel (.xlsx) file as wards keep it: a header row in Vietnamese or English under
the list's title rows, columns found by their usual names or by the clerk's ``StaffMapping``; only the name,
position and department are required (a code is given by the import, a gender read from the name)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import chain
from pathlib import Path

from ward_office.core.errors import InputProblem
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.core.text_rules import CODE_LIMIT, NAME_LIMIT, SHORT_LIMIT, FieldError, check_day, clean_text, code_key
from ward_office.i18n import N_
from ward_office.i18n.text import fold
from ward_office.importers.csv_files import CsvRow, Problems, SkippedRow, data_rows, find_header, header_key, parse_day
from ward_office.importers.input_tables import read_tables
from ward_office.importers.staff_mapping import REQUIRED, StaffMapping

STAFF_COLUMNS = {  # "STT" and any other column not named here is ignored
    "code": ("mã cán bộ", "mã", "mã số", "mã cb", "mã cbcc", "mã nhân viên", "mã nv", "số hiệu", "số hiệu cán bộ",
             "mã định danh", "code", "staff code", "staff_code", "employee code"),
    "full_name": ("họ và tên", "họ tên", "họ và tên cán bộ", "họ tên cán bộ", "tên cán bộ",
                  "họ và tên cán bộ, công chức", "tên cán bộ, công chức", "name", "full name"),
    "gender": ("giới tính", "phái", "nam/nữ", "gender", "sex"),
    "position": ("chức vụ", "chức danh", "chức vụ/chức danh", "chức vụ, chức danh", "vị trí", "vị trí việc làm",
                 "position", "title", "job title"),
    "category": ("loại", "đối tượng", "ngạch", "loại/ngạch", "loại cán bộ", "phân loại", "category", "type"),
    "department": ("bộ phận", "phòng ban", "đơn vị", "phòng", "bộ phận công tác", "đơn vị công tác",
                   "nơi công tác", "department"),
    "badge_number": ("số thẻ", "số thẻ công chức", "số thẻ cán bộ", "badge", "badge number"),
    "clock_id": ("mã chấm công", "mã máy chấm công", "mã vân tay", "số chấm công", "mã cc", "clock id",
                 "enroll number", "enrollnumber", "ac-no"),
    "active_from": ("ngày bắt đầu", "từ ngày", "ngày vào", "ngày vào làm", "ngày bắt đầu công tác", "start",
                    "start date"),
    "active_to": ("ngày kết thúc", "đến ngày", "ngày nghỉ", "ngày nghỉ việc", "end", "end date"),
}
# The official form writes the birth date under "Nam" or "Nữ" (two columns under a merged "Ngày sinh"), or
# marks one of them with an x: whichever is filled says the gender.
GENDER_MARKS = {"male_mark": ("nam", "male"), "female_mark": ("nữ", "female")}

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
    staff: Staff  # department_id is not set: the caller resolves ``department`` by name; code "" when not given
    department: str
    gender_guessed: bool = False  # the sheet says no gender: read from the middle name (“Thị”)
    given: frozenset[str] = frozenset()  # the fields the sheet has a column for


def staff_rows(path: Path, mapping: StaffMapping | None = None,
               skipped: list[SkippedRow] | None = None) -> Iterator[CsvRow]:
    """The sheet's rows keyed by field: the header found under the title rows by the usual names, or by
    ``mapping``'s columns; a second header row under a merged "Ngày sinh" giving "Nam" and "Nữ" is read too."""
    aliases = mapping.aliases(STAFF_COLUMNS) if mapping is not None else STAFF_COLUMNS
    header = find_header(path, read_tables(path), aliases, REQUIRED)
    columns = dict(header.columns)
    rows = header.rows
    marks = _gender_marks(header.cells, columns)
    below = None if marks else next(rows, None)
    if below is not None:
        marks = _gender_marks(below[1], columns)
        if not marks or any(index < len(below[1]) and below[1][index] for index in columns):
            marks, rows = {}, chain([below], rows)  # a person, not a second header row
    columns.update(marks)
    return data_rows(rows, columns, skipped)


def _gender_marks(cells: list[str], columns: Mapping[int, str]) -> dict[int, str]:
    lookup = {header_key(alias): field for field, names in GENDER_MARKS.items() for alias in names}
    found = {index: lookup[header_key(cell)] for index, cell in enumerate(cells)
             if index not in columns and header_key(cell) in lookup}
    return found if len(set(found.values())) == 2 else {}


def read_staff(path: Path, skipped: list[SkippedRow] | None = None,
               mapping: StaffMapping | None = None) -> list[StaffRow]:
    """Every row checked (core.text_rules: names NFC, spaces collapsed; codes as they are kept, dates in range);
    any bad value refuses the whole file, listing the first hundred problems. Rows with only a running number
    go to ``skipped``."""
    problems = Problems()
    rows: list[StaffRow] = []
    seen_codes: dict[str, int] = {}
    seen_clock_ids: dict[str, int] = {}
    for row in staff_rows(path, mapping, skipped):
        try:
            values = {field: clean_text(value, field, "", LIMITS.get(field, SHORT_LIMIT))
                      for field, value in row.values.items()}
        except FieldError as error:
            problems.add(InputProblem(row.line, error.field, error.message, error.params))
            continue
        line_problems = [InputProblem(row.line, field, N_("this value is required"))
                         for field in REQUIRED if not values.get(field)]
        code = values.get("code", "")
        if code and code_key(code) in seen_codes:
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
        if code:
            seen_codes[code_key(code)] = row.line
        if clock_id:
            seen_clock_ids[clock_id] = row.line
        guessed = not values.get("gender") and not values.get("male_mark") and not values.get("female_mark")
        rows.append(StaffRow(row.line, staff, values.get("department", ""), guessed, frozenset(values)))
    problems.refuse(path)
    return rows


def _staff(line: int, values: Mapping[str, str], clock_id: str, problems: list[InputProblem]) -> Staff | None:
    """The person a row describes; None, with what is wrong added to ``problems``, when anything is (the
    problems already found in the row included)."""
    gender = _gender(values)
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
    return Staff(code=values.get("code", ""), full_name=values.get("full_name", ""), gender=gender,
                 position=values.get("position", ""), category=category, badge_number=values.get("badge_number", ""),
                 clock_id=clock_id, active_from=active_from, active_to=active_to)


def _gender(values: Mapping[str, str]) -> Gender | None:
    """From the gender column, else from the filled one of "Nam" and "Nữ", else from the name: a woman's
    middle name is “Thị” far more often than not (the clerk corrects the few it gets wrong)."""
    text = values.get("gender", "")
    if text:
        return _GENDERS.get(fold(text))
    male, female = values.get("male_mark", ""), values.get("female_mark", "")
    if bool(male) != bool(female):
        return Gender.MALE if male else Gender.FEMALE
    middle = fold(values.get("full_name", "")).split()[1:-1]
    return Gender.FEMALE if "thi" in middle else Gender.MALE
