"""Past violations and commendations kept in Excel or CSV: ``date,staff_code,criterion,note`` (Vietnamese
headers too), so a ward starts with its history."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path

from ward_office.core.checks import Event, EventSource
from ward_office.core.errors import InputFileError, InputProblem
from ward_office.core.plan import Criterion
from ward_office.core.staff import Staff
from ward_office.i18n import N_
from ward_office.importers.csv_files import BAD_DATE, SkippedRow, parse_day, read_rows

EVENT_COLUMNS = {
    "date": ("ngày", "ngay vi pham", "ngày vi phạm", "ngày ghi nhận", "ngày tháng", "ngày khen thưởng", "date",
             "day"),
    "staff_code": ("mã cán bộ", "mã", "ma can bo", "mã cb", "mã cbcc", "mã nhân viên", "code", "staff code"),
    "criterion": ("mã tiêu chí", "tiêu chí", "mã nội dung", "criterion_code", "criterion", "criterion code"),
    "note": ("ghi chú", "nội dung", "nội dung vi phạm", "diễn giải", "note"),
}


def read_events(
    path: Path,
    *,
    staff_by_code: Mapping[str, Staff],
    criteria_on: Callable[[date], Mapping[str, Criterion]],
    is_locked: Callable[[date], bool],
    recorded_by: str,
    skipped: list[SkippedRow] | None = None,
) -> list[Event]:
    """Every row checked against the staff list, the plan in effect on its date and locked periods."""
    problems: list[InputProblem] = []
    events: list[Event] = []
    for row in read_rows(path, EVENT_COLUMNS, ("date", "staff_code", "criterion"), skipped):
        values = row.values
        empty = [InputProblem(row.line, field, N_("this value is required"))
                 for field in ("date", "staff_code", "criterion") if not values[field]]
        if empty:
            problems.extend(empty)
            continue
        try:
            day = parse_day(values["date"])
        except ValueError:
            problems.append(InputProblem(row.line, "date", BAD_DATE, {"value": values["date"]}))
            continue
        person = staff_by_code.get(values["staff_code"])
        code = values["criterion"]
        if person is None or person.id is None:
            problems.append(InputProblem(row.line, "staff_code", N_("no staff member has the code “{code}”"),
                                         {"code": values["staff_code"]}))
        elif not person.is_active_on(day):
            problems.append(InputProblem(row.line, "date", N_("{name} was not working here on {day}"),
                                         {"name": person.full_name, "day": day.strftime("%d/%m/%Y")}))
        criteria = criteria_on(day)
        if code not in criteria:
            problems.append(InputProblem(row.line, "criterion",
                                         N_("the emulation plan in effect on {day} has no criterion “{code}”"),
                                         {"code": code, "day": day.strftime("%d/%m/%Y")}))
        if is_locked(day):
            problems.append(InputProblem(row.line, "date", N_("the period containing {day} is locked"),
                                         {"day": day.strftime("%d/%m/%Y")}))
        if person is not None and person.id is not None and code in criteria:
            events.append(Event(person.id, day, code, note=values.get("note", ""), recorded_by=recorded_by,
                                source=EventSource.IMPORT))
    if problems:
        raise InputFileError(str(path), problems)
    return events
