"""The deductions the score derives from attendance (late, early, absent without leave, missing punches), as
rows of the events register beside the recorded events.

The overview's chart counts a month's violations by block as the score counts them: every occurrence with
negative points, recorded or derived from attendance (``services.overview.violations_by_block``). The register
lists the same occurrences when asked to include attendance, so the chart's button opens a list of exactly
what the chart counted. Each month of the range is scored as the chart scores its month.
"""

from __future__ import annotations

from datetime import date

from ward_office.core.checks import Event
from ward_office.core.excuse import TRIGGER_LABELS
from ward_office.core.period import month
from ward_office.core.schedule import SESSION_LABELS
from ward_office.i18n import _
from ward_office.scoring.results import ItemSource, ScoreItem
from ward_office.services.event_log import EventFilter, EventKind, EventRow
from ward_office.services.ward import Ward


def _months(start: date, end: date) -> list[tuple[int, int]]:
    months = []
    year, number = start.year, start.month
    while (year, number) <= (end.year, end.month):
        months.append((year, number))
        year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return months


def describe(item: ScoreItem) -> str:
    """The occurrence in words: "Buổi sáng: Đi muộn (20 phút)"."""
    what = _(TRIGGER_LABELS[item.trigger]) if item.trigger is not None else item.criterion_code
    if item.minutes:
        what = _("{what} ({minutes} minutes)").format(what=what, minutes=item.minutes)
    if item.session is None:
        return what
    return _("{session}: {what}").format(session=_(SESSION_LABELS[item.session]), what=what)


def attendance_rows(ward: Ward, wanted: EventFilter, today: date) -> list[EventRow]:
    """The attendance deductions of the filter's range (and person, block), one row per occurrence."""
    if wanted.kind is EventKind.COMMENDATION or wanted.start > wanted.end:
        return []
    departments = ward.department_names()
    rows = []
    for year, number in _months(wanted.start, wanted.end):
        ranking = ward.score(month(year, number), today).ranking
        plan = ranking.plan
        for result in ranking.results:
            person = result.staff
            if person.id is None or wanted.staff_id not in (None, person.id):
                continue
            department = departments.get(person.department_id, "") if person.department_id is not None else ""
            for item in result.items:
                if item.source is not ItemSource.ATTENDANCE or item.raw_points >= 0 \
                        or not wanted.start <= item.day <= wanted.end \
                        or wanted.block_code not in (None, item.block_code):
                    continue
                event = Event(person.id, item.day, item.criterion_code, note=describe(item))
                rows.append(EventRow(event, person, department, plan.criteria.get(item.criterion_code),
                                     plan.block(item.block_code).name, None, attendance=item))
    return rows


