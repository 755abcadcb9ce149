"""Rule 1 for the citizen's voice (``plan.satisfaction_rules``): a month's satisfaction rate and the verified praise
and complaints become occurrences of the criteria the rules name, scored like any other from then on (escalation,
caps, bounds, ceilings, counts).

A person's month with at least ``min_ratings`` ratings (device, portal and survey tallies together) has a rate;
the band it falls in, if any, is one occurrence on the month's last day the person worked in the period, noted
"Tỷ lệ hài lòng tháng 3/2026: 93,8% trên 112 lượt". Each verified praise or complaint is one occurrence on the
day it was received, noted "Phản ánh (hòm thư góp ý), đã xác minh: …". Whoever the rule does not apply to
(``applies_to``) gets nothing from it.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Mapping
from datetime import date
from fractions import Fraction
from typing import Any

from ward_office.core.citizens import FEEDBACK_CHANNEL_LABELS, FEEDBACK_KIND_LABELS, CitizenFeedback, RatingCounts
from ward_office.core.plan_satisfaction import SatisfactionRule, SatisfactionTrigger
from ward_office.core.staff import DepartmentId, Staff, StaffId
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_percent
from ward_office.scoring.results import ItemSource, ScoringInput
from ward_office.scoring.units import CriterionPoints

RATE_NOTE = N_("Satisfaction rate of {month}: {rate} of {count} ratings")
FEEDBACK_NOTE = N_("{kind} ({channel}), verified: {summary}")  # the item's day is the day received
_SATISFACTION = ItemSource.SATISFACTION
_NO_SESSION = 2  # after the morning and the afternoon, as events
_KIND = 2  # after attendance (0) and events (1) of the same day


def rate_note(month: date, counts: RatingCounts) -> str:
    """"Tỷ lệ hài lòng tháng 3/2026: 93,8% trên 112 lượt"."""
    rate = counts.rate or Fraction(0)
    return _(RATE_NOTE).format(month=f"{month.month}/{month.year}", rate=format_percent(rate), count=counts.total)


def satisfaction_occurrences(data: ScoringInput, active: Mapping[StaffId | None, tuple[date, date]],
                             criteria: Mapping[str, CriterionPoints],
                             occurrences: Mapping[StaffId | None, list[Any]]) -> None:
    """Add to ``occurrences`` (a defaultdict by person) each occurrence the plan's satisfaction rules make, as the
    engine's tuple: its place in time first (day, no session, after events, record id, order), then what its item
    shows."""
    facts, rules = data.satisfaction, data.plan.satisfaction_rules
    if facts is None or not rules:
        return
    people = {person.id: person for person in data.staff if person.id in active}
    order = 0
    for staff_id, day, code, record_id, note, recorded_by in _found(rules, facts.monthly, facts.feedback,
                                                                    facts.departments, people, active):
        order += 1
        occurrences[staff_id].append((day, _NO_SESSION, _KIND, record_id is None, record_id or 0, order, 0,
                                      criteria[code], None, _SATISFACTION, record_id, None, None, note, recorded_by))


_Found = tuple[StaffId, date, str, int | None, str, str]  # person, day, criterion, feedback id, note, recorded by


def _found(rules: tuple[SatisfactionRule, ...], monthly: Mapping[tuple[StaffId, date], RatingCounts],
           feedback: tuple[CitizenFeedback, ...], departments: Mapping[DepartmentId, str],
           people: Mapping[StaffId | None, Staff],
           active: Mapping[StaffId | None, tuple[date, date]]) -> Iterator[_Found]:
    def subject(rule: SatisfactionRule, staff_id: StaffId) -> Staff | None:
        person = people.get(staff_id)
        if person is None:
            return None
        department = departments.get(person.department_id, "") if person.department_id is not None else ""
        return person if rule.applies_to(person.position, department) else None

    for rule in rules:
        if rule.on is SatisfactionTrigger.RATE:
            for (staff_id, month), counts in sorted(monthly.items()):
                if subject(rule, staff_id) is None or counts.total < rule.min_ratings or counts.rate is None:
                    continue
                first, last = active[staff_id]
                day = min(month.replace(day=calendar.monthrange(month.year, month.month)[1]), last)
                band = rule.band_for(counts.rate * 100)
                if band is not None and day >= max(first, month):
                    yield staff_id, day, band.criterion_code, None, rate_note(month, counts), ""
            continue
        for item in feedback:  # "praise" and "complaint" name both the trigger and the kind of feedback
            if item.kind.value != rule.on.value or not item.counts or subject(rule, item.staff_id) is None:
                continue
            first, last = active[item.staff_id]
            if first <= item.received_on <= last:
                yield (item.staff_id, item.received_on, rule.criterion_code, item.id,
                       feedback_note(item), item.verified_by)


def feedback_note(item: CitizenFeedback) -> str:
    """"Phản ánh (hòm thư góp ý), đã xác minh: …"."""
    return _(FEEDBACK_NOTE).format(kind=_(FEEDBACK_KIND_LABELS[item.kind]).capitalize(),
                                   channel=_(FEEDBACK_CHANNEL_LABELS[item.channel]), summary=item.summary)
