"""Past violations and commendations kept in Excel or CSV: ``date,staff_code,criterion,note`` (Vietnamese
headers too), so a ward starts with its history; an optional ``points`` ("Điểm") column gives the points of
an event of a criterion with a range of points, chosen within it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Literal

from ward_office.core.checks import Event, EventSource, cleaned_event
from ward_office.core.errors import InputProblem
from ward_office.core.plan import Criterion
from ward_office.core.plan_ranges import points_problem
from ward_office.core.staff import Staff
from ward_office.core.text_rules import FieldError, check_day, code_key
from ward_office.i18n import N_
from ward_office.i18n.formatting import format_number
from ward_office.importers.csv_files import Problems, SkippedRow, parse_day
from ward_office.importers.input_tables import read_rows

EVENT_COLUMNS = {
    "date": ("ngày", "ngay vi pham", "ngày vi phạm", "ngày ghi nhận", "ngày tháng", "ngày khen thưởng", "date",
             "day"),
    "staff_code": ("mã cán bộ", "mã", "ma can bo", "mã cb", "mã cbcc", "mã nhân viên", "code", "staff code"),
    "criterion": ("mã tiêu chí", "tiêu chí", "mã nội dung", "criterion_code", "criterion", "criterion code"),
    "note": ("ghi chú", "nội dung", "nội dung vi phạm", "diễn giải", "note"),
    "points": ("điểm", "số điểm", "điểm trừ", "điểm cộng", "points"),
}
POINTS_FIELD = N_("points")  # the column's name in messages: "cột “Điểm”"


def read_events(
    path: Path,
    *,
    staff_by_code: Mapping[str, Staff],
    criteria_on: Callable[[date], Mapping[str, Criterion]],
    is_locked: Callable[[date], bool],
    recorded_by: str,
    skipped: list[SkippedRow] | None = None,
) -> list[Event]:
    """Every row checked against the staff list, the plan in effect on its date and locked periods. Rows are
    read one by one; a file of many bad rows lists the first hundred and counts the rest."""
    problems = Problems()
    events: list[Event] = []
    plans_by_day: dict[date, Mapping[str, Criterion]] = {}  # a file has few days and many rows: ask once a day
    locked_by_day: dict[date, bool] = {}
    by_key = {code_key(code): person for code, person in staff_by_code.items()}
    for row in read_rows(path, EVENT_COLUMNS, ("date", "staff_code", "criterion"), skipped):
        values = row.values
        empty = [InputProblem(row.line, field, N_("this value is required"))
                 for field in ("date", "staff_code", "criterion") if not values[field]]
        if empty:
            problems.extend(empty)
            continue
        try:
            day = parse_day(values["date"], "date")
            check_day(day, "date", "")
        except FieldError as error:
            problems.add(InputProblem(row.line, "date", error.message, error.params))
            continue
        person = staff_by_code.get(values["staff_code"]) or by_key.get(code_key(values["staff_code"]))
        code = values["criterion"]
        if person is None or person.id is None:
            problems.add(InputProblem(row.line, "staff_code", N_("no staff member has the code “{code}”"),
                                      {"code": values["staff_code"]}))
        elif not person.is_active_on(day):
            problems.add(InputProblem(row.line, "date", N_("{name} was not working here on {day}"),
                                      {"name": person.full_name, "day": day.strftime("%d/%m/%Y")}))
        criteria = plans_by_day[day] if day in plans_by_day else plans_by_day.setdefault(day, criteria_on(day))
        if code not in criteria:
            problems.add(InputProblem(row.line, "criterion",
                                      N_("the emulation plan in effect on {day} has no criterion “{code}”"),
                                      {"code": code, "day": day.strftime("%d/%m/%Y")}))
        if locked_by_day[day] if day in locked_by_day else locked_by_day.setdefault(day, is_locked(day)):
            problems.add(InputProblem(row.line, "date", N_("the period containing {day} is locked"),
                                      {"day": day.strftime("%d/%m/%Y")}))
        points = _points(row.line, values.get("points", ""), criteria.get(code), problems)
        if person is not None and person.id is not None and code in criteria and points is not False:
            try:
                event = cleaned_event(Event(person.id, day, code, note=values.get("note", ""),
                                            recorded_by=recorded_by, source=EventSource.IMPORT, points=points))
            except FieldError as error:
                problems.add(InputProblem(row.line, error.field, error.message, error.params))
                continue
            if not problems:  # once the file is refused, its good rows are not kept
                events.append(event)
    problems.refuse(path)
    return events


def _points(line: int, text: str, criterion: Criterion | None, problems: Problems) -> Fraction | Literal[False] | None:
    """The row's chosen points (None: none, as a criterion with fixed points has), or False when refused."""
    text = text.strip().replace("−", "-").replace(",", ".")
    if criterion is None:
        return None
    try:
        points = Fraction(text) if text else None
    except ValueError:
        problems.add(InputProblem(line, POINTS_FIELD, N_("“{value}” is not a number of points"), {"value": text}))
        return False
    problem = points_problem(criterion, points)
    if problem is not None:
        low, high = criterion.points_range or (0, 0)
        problems.add(InputProblem(line, POINTS_FIELD, problem, {"code": criterion.code, "low": format_number(low),
                                                               "high": format_number(high)}))
        return False
    return points
