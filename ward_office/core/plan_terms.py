"""The words of the plan file (``core.plan``): the keys of every table, and the named choices (what triggers an
occurrence, what one occurrence is, how periods are aggregated, what a ceiling counts over, what the quota is a
share of, how ties are broken), each value as a plan file writes it."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

# Every key of the format, by table ("" the file itself; "blocks.criteria" the criteria of a block): a key
# not listed is refused, so a misspelt one is never silently ignored. A new key is one line here.
PLAN_KEYS: Mapping[str, frozenset[str]] = {
    "": frozenset({"plan", "aggregation", "ranking", "blocks", "attendance_rules", "grades", "ceilings", "quota",
                   "titles"}) | {"satisfaction_rules"},
    "plan": frozenset({"code", "name", "version", "effective_from", "base_score", "label", "description", "maximum",
                       "floor"}),
    "aggregation": frozenset({"default", "year", "year_weights", "year_halves", "long_leave_codes"}),
    "ranking": frozenset({"tie_break"}),
    "blocks": frozenset({"code", "name", "cap", "criteria", "maximum", "floor"}) | {"all_or_nothing", "entered"},
    "blocks.criteria": frozenset({"code", "name", "points", "escalation", "cap", "brackets"})
    | {"points_range", "maximum"},
    "blocks.criteria.escalation": frozenset({"from", "points"}),
    "blocks.criteria.brackets": frozenset({"from", "points"}),
    "attendance_rules": frozenset({"on", "criterion", "count", "codes"}),
    "grades": frozenset({"code", "name", "min_score"}),
    "ceilings": frozenset({"criterion", "block", "min_count", "max_grade", "reason", "per"}),
    "quota": frozenset({"grade", "max_share", "basis"}),
    "titles": frozenset({"code", "name", "min_grade", "reason", "requires"}),
    "satisfaction_rules": frozenset({"on", "criterion", "bands", "min_ratings", "applies_to"}),
    "satisfaction_rules.bands": frozenset({"below", "from", "criterion"}),
    "satisfaction_rules.applies_to": frozenset({"departments", "positions"}),
}


class AttendanceTrigger(StrEnum):
    """What in the attendance record counts as one occurrence of a criterion."""

    LATE = "late"  # a session begun later than the grace minutes allow
    EARLY = "early"  # a session left earlier than the grace minutes allow
    ABSENT = "absent"  # a session missed without leave
    MISSING_PUNCH = "missing_punch"  # a session with a clock punch missing
    LEAVE = "leave"  # a session on leave with one of the rule's leave codes


class CountUnit(StrEnum):
    """What one occurrence of an attendance rule is: each session, each day (a day's sessions count once), or
    each run of consecutive working days (days off between them do not break the run)."""

    SESSION = "session"
    DAY = "day"
    RUN = "run"


class Aggregation(StrEnum):
    DIRECT = "direct"  # score the whole period at once: caps and escalation count over it
    MEAN_OF_MONTHS = "mean_of_months"  # score each month, average the months the person worked
    WEIGHTED_HALVES = "weighted_halves"  # years only: weighted mean of the two halves


class QuotaBasis(StrEnum):
    ALL = "all"  # share of everyone ranked
    AT_LEAST_NEXT = "at_least_next"  # share of those graded the next grade or better before the quota
    EXACTLY = "exactly"  # share of those graded exactly the quota grade before the quota


class CeilingScope(StrEnum):
    """Over what a ceiling counts occurrences: the whole period scored, each month of it on its own, or the year
    up to the period's end."""

    PERIOD = "period"
    MONTH = "month"
    YEAR = "year"  # from the start of the year (``scoring.look_back``) to the period's end, months before it too


class TieBreak(StrEnum):
    FEWER_UNEXCUSED_ABSENCES = "fewer_unexcused_absences"
    FEWER_VIOLATIONS = "fewer_violations"
    FEWER_DEDUCTED_POINTS = "fewer_deducted_points"
    MORE_COMMENDATIONS = "more_commendations"


DEFAULT_TIE_BREAK = (TieBreak.FEWER_UNEXCUSED_ABSENCES, TieBreak.FEWER_VIOLATIONS)
