"""Excused occurrences (miễn trừ): the head decided, on the record, that a late arrival, an early leave, an absence
or a missing punch had a good enough reason.

An excused occurrence is set aside before the engine scores (``set_aside_excused``): it costs no points and
counts toward nothing, neither escalation nor caps, ceilings, the violation count or the unexcused absences, so
the next late arrival after an excused one is the first. It is then listed among the person's items
(``with_excused_items``) with points 0, its ``excuse`` saying why and who decided, where the engine would have
listed it: a day scored for the person, a working day, a trigger the plan's rules take. Under a rule counting
per day or per run, an excused session leaves the others of the day or run to carry the occurrence; an excused
day inside a run ends that run, as a day worked would.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from fractions import Fraction

from ward_office.core.attendance import Attendance, AttendanceStatus
from ward_office.core.excuse import Excuse, excuse_note, occurrence_text, record_triggers
from ward_office.core.plan import AttendanceRule, Criterion
from ward_office.core.plan_terms import AttendanceTrigger
from ward_office.core.schedule import Session
from ward_office.core.staff import StaffId
from ward_office.scoring.results import ItemSource, Ranking, ScoreItem, ScoringInput, StaffResult

_ZERO = Fraction(0)
_SESSION_ORDER = {Session.MORNING: 0, Session.AFTERNOON: 1, None: 2}

# An attendance record and one of its occurrences the head excused.
Excused = tuple[Attendance, AttendanceTrigger, Excuse]


def set_aside_excused(data: ScoringInput) -> tuple[ScoringInput, list[Excused]]:
    """``data`` without the excused occurrences (a record keeps those not excused), and the occurrences set
    aside; only occurrences the engine would score (beyond the grace minutes) are set aside."""
    if not data.excuses:
        return data, []
    in_force = {(excuse.staff_id, excuse.day, excuse.session, excuse.trigger): excuse
                for excuse in data.excuses if excuse.active}
    grace = data.grace_minutes
    kept: list[Attendance] = []
    excused: list[Excused] = []
    for record in data.attendance:
        found = [(trigger, in_force[key]) for trigger in record_triggers(record)
                 if (key := (record.staff_id, record.day, record.session, trigger)) in in_force
                 and _scored(record, trigger, grace)]
        if not found:
            kept.append(record)
            continue
        excused.extend((record, trigger, excuse) for trigger, excuse in found)
        if record.status is AttendanceStatus.PRESENT:  # what is left of it still scores
            triggers = {trigger for trigger, _excuse in found}
            kept.append(replace(record, late_minutes=0 if AttendanceTrigger.LATE in triggers else record.late_minutes,
                                early_minutes=0 if AttendanceTrigger.EARLY in triggers else record.early_minutes,
                                missing_punch=record.missing_punch and AttendanceTrigger.MISSING_PUNCH not in triggers))
    return replace(data, attendance=kept), excused


def _scored(record: Attendance, trigger: AttendanceTrigger, grace: int) -> bool:
    if trigger is AttendanceTrigger.LATE:
        return record.late_minutes > grace
    if trigger is AttendanceTrigger.EARLY:
        return record.early_minutes > grace
    return True


def with_excused_items(ranking: Ranking, excused: list[Excused]) -> Ranking:
    """``ranking`` with each excused occurrence listed among its person's items at 0 points, in display order."""
    if not excused:
        return ranking
    plan = ranking.plan
    by_person: dict[StaffId | None, list[Excused]] = defaultdict(list)
    for record, trigger, excuse in excused:
        by_person[record.staff_id].append((record, trigger, excuse))
    results = []
    for result in ranking.results:
        extra = [item for occurrence in by_person.get(result.staff.id, ())
                 if (item := _item(plan.rule_for(occurrence[1]), plan.criteria, result, occurrence)) is not None]
        if extra:
            items = sorted((*result.items, *extra), key=_display_key)
            result = replace(result, items=tuple(items))
        results.append(result)
    return replace(ranking, results=tuple(results))


def _item(rule: AttendanceRule | None, criteria: Mapping[str, Criterion], result: StaffResult,
          occurrence: Excused) -> ScoreItem | None:
    """The item of an excused occurrence, if the engine would have listed the occurrence."""
    record, trigger, excuse = occurrence
    criterion = None if rule is None else criteria.get(rule.criterion_code)
    if criterion is None or result.staff.active_between(record.day, record.day) is None:
        return None
    part = next((sub for sub in result.sub_periods if sub.period.start <= record.day <= sub.period.end), None)
    if part is None:
        return None
    minutes = (record.late_minutes if trigger is AttendanceTrigger.LATE
               else record.early_minutes if trigger is AttendanceTrigger.EARLY else None)
    return ScoreItem(criterion.code, criterion.block_code, record.day, record.session, ItemSource.ATTENDANCE,
                     record.id, 0, _ZERO, _ZERO, part.weight, False, part.period, trigger, minutes, record.note,
                     record.recorded_by, excuse)


def _display_key(item: ScoreItem) -> tuple[object, ...]:
    return (item.day, _SESSION_ORDER[item.session], item.criterion_code)


def excused_text(item: ScoreItem) -> str:
    """"Đi muộn 25 phút — miễn trừ: <lý do> (Lãnh đạo … quyết định ngày …)": what every output prints for an
    excused item."""
    excuse = item.excuse
    if excuse is None:
        return ""
    note = excuse_note(excuse.reason, excuse.decided_by, excuse.decided_at)
    return f"{occurrence_text(item.trigger or excuse.trigger, item.minutes)} — {note}"
