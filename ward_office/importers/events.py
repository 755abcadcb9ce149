"""Past violations and commendations from a CSV file: ``date,staff_code,criterion,note``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path

from ward_office.core.checks import Event, EventSource
from ward_office.core.errors import InputFileError, InputProblem
from ward_office.core.plan import Criterion
from ward_office.core.staff import Staff
from ward_office.i18n import N_
from ward_office.importers.csv_files import BAD_DATE, parse_day, read_rows

EVENT_COLUMNS = {
    "date": ("ngày", "ngay vi pham", "ngày ghi nhận"),
    "staff_code": ("mã cán bộ", "mã", "ma can bo", "code"),
    "criterion": ("mã tiêu chí", "tiêu chí", "criterion_code"),
    "note": ("ghi chú", "nội dung"),
}


def read_events(
    path: Path,
    *,
    staff_by_code: Mapping[str, Staff],
    criteria_on: Callable[[date], Mapping[str, Criterion]],
    is_locked: Callable[[date], bool],
    recorded_by: str,
) -> list[Event]:
    """Every row checked against the staff list, the plan in effect on its date and locked periods."""
    problems: list[InputProblem] = []
    events: list[Event] = []
    for row in read_rows(path, EVENT_COLUMNS, required=("date", "staff_code", "criterion")):
        values = row.values
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
