"""What a plan means where it says nothing (omitted tables and keys), and values read exactly as written:
0.1 of a point is 1/10, steps and grades in their order whatever the order they are written in."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest

from tests.core.test_plan_refusals import BASE, LAST, changed
from ward_office.core.attendance import LeaveCode
from ward_office.core.plan import load_plan
from ward_office.core.plan_terms import Aggregation, AttendanceTrigger, CeilingScope, CountUnit, QuotaBasis, TieBreak
from ward_office.core.plan_types import AggregationRule, Bracket, Criterion, EscalationStep
from ward_office.core.plan_values import PlanProblemsError

CALENDAR_MEAN = AggregationRule(Aggregation.MEAN_OF_MONTHS, Aggregation.MEAN_OF_MONTHS, (Fraction(1), Fraction(1)),
                                ((1, 6), (7, 12)), ())


def test_a_plan_without_aggregation_quota_nor_ranking() -> None:
    plan = load_plan(BASE)
    assert plan.aggregation == CALENDAR_MEAN
    assert plan.quota is None
    assert plan.tie_break == (TieBreak.FEWER_UNEXCUSED_ABSENCES, TieBreak.FEWER_VIOLATIONS)  # docs/plan-format.md
    assert (plan.maximum, plan.floor, plan.effective_from, plan.label, plan.description) == (None, None, None, "", "")
    assert plan.ceilings == () and plan.titles == ()
    assert plan.attendance_rules[0].count is CountUnit.SESSION
    assert plan.attendance_rules[0].trigger is AttendanceTrigger.LATE


def test_an_empty_aggregation_table_is_the_calendar_mean_of_months() -> None:
    assert load_plan(changed(LAST, "\n[aggregation]")).aggregation == CALENDAR_MEAN


def test_the_year_is_aggregated_as_the_default_unless_told() -> None:
    plan = load_plan(changed(LAST, '\n[aggregation]\ndefault = "direct"'))
    assert (plan.aggregation.default, plan.aggregation.year) == (Aggregation.DIRECT, Aggregation.DIRECT)
    plan = load_plan(changed(LAST, '\n[aggregation]\ndefault = "direct"\nyear = "weighted_halves"\n'
                                   'year_weights = [0.4, 0.6]\nlong_leave_codes = ["Ô", "Ts"]'))
    assert plan.aggregation == AggregationRule(Aggregation.DIRECT, Aggregation.WEIGHTED_HALVES,
                                               (Fraction(2, 5), Fraction(3, 5)), ((1, 6), (7, 12)),
                                               (LeaveCode.SICK, LeaveCode.MATERNITY))


def test_a_quota_without_basis_is_a_share_of_everyone() -> None:
    quota = load_plan(changed(LAST, '\n[quota]\ngrade = "X"\nmax_share = 0.1')).quota
    assert quota is not None
    assert (quota.grade_code, quota.max_share, quota.basis) == ("X", Fraction(1, 10), QuotaBasis.ALL)


def test_a_quota_of_everyone_is_allowed() -> None:
    quota = load_plan(changed(LAST, '\n[quota]\ngrade = "X"\nmax_share = 1\nbasis = "exactly"')).quota
    assert quota is not None and (quota.max_share, quota.basis) == (Fraction(1), QuotaBasis.EXACTLY)


def test_an_empty_tie_break_list_breaks_no_tie() -> None:
    assert load_plan(changed(LAST, "\n[ranking]\ntie_break = []")).tie_break == ()
    plan = load_plan(changed(LAST, '\n[ranking]\ntie_break = ["more_commendations", "fewer_violations"]'))
    assert plan.tie_break == (TieBreak.MORE_COMMENDATIONS, TieBreak.FEWER_VIOLATIONS)


def test_decimal_points_are_read_as_written_not_as_binary_floats() -> None:
    plan = load_plan(changed(14, "points = -0.1", replace=True).replace("base_score = 100", "base_score = 99.9")
                     .replace("min_score = 95", "min_score = 90.3"))
    assert plan.criteria["A1"].points == Fraction(-1, 10)  # Fraction(-0.1) would be -3602879701896397/2**55
    assert plan.base_score == Fraction(999, 10)
    assert plan.grades[0].min_score == Fraction(903, 10)
    plan = load_plan(changed(14, "cap = 0.3\nescalation = [{ from = 2, points = -0.2 }]"))
    assert plan.criteria["A1"].cap == Fraction(3, 10)
    assert plan.criteria["A1"].escalation == (EscalationStep(2, Fraction(-1, 5)),)


def test_escalation_steps_written_out_of_order_are_taken_in_order() -> None:
    plan = load_plan(changed(14, "escalation = [{ from = 5, points = -4 }, { from = 2, points = -2 },"
                                 " { from = 3, points = -3 }]"))
    criterion = plan.criteria["A1"]
    assert criterion.escalation == (EscalationStep(2, Fraction(-2)), EscalationStep(3, Fraction(-3)),
                                    EscalationStep(5, Fraction(-4)))
    assert [criterion.points_for(occurrence) for occurrence in range(1, 7)] == [-1, -2, -3, -3, -4, -4]


def test_an_escalation_from_the_second_occurrence_is_allowed() -> None:
    assert load_plan(changed(14, "escalation = [{ from = 2, points = -5 }]")).criteria["A1"].points_for(2) == -5


def test_two_escalation_steps_from_one_occurrence_are_refused(vietnamese: None) -> None:
    with pytest.raises(PlanProblemsError) as raised:
        load_plan(changed(19, "escalation = [{ from = 2, points = 3 }, { from = 2, points = 5 }]"))
    assert [(problem.line, problem.where) for problem in raised.value.problems] == [(20, "blocks[1].criteria[2]")]
    assert "hai mức của “escalation” có cùng giá trị “from”" in raised.value.localized()


def test_a_stored_plan_with_two_escalation_steps_from_one_occurrence_is_scored_as_adopted() -> None:
    text = changed(19, "escalation = [{ from = 2, points = 3 }, { from = 2, points = 5 }, { from = 3, points = 4 }]")
    criterion = load_plan(text, unknown_keys=True).criteria["A2"]
    assert [criterion.points_for(occurrence) for occurrence in (1, 2, 3)] == [2, 5, 4]  # the later step of two


def test_brackets_written_out_of_order_are_taken_in_order() -> None:
    plan = load_plan(changed(19, "brackets = [{ from = 4, points = 5 }, { from = 1, points = 2 }]", replace=True))
    assert plan.criteria["A2"].brackets == (Bracket(1, Fraction(2)), Bracket(4, Fraction(5)))
    assert plan.criteria["A2"].points == 2


def test_grades_written_lowest_first_are_kept_best_first() -> None:
    text = BASE.replace('code = "X"\nname = "Xuất sắc"\nmin_score = 95', 'code = "K"\nname = "Khá"\nmin_score = 50')
    plan = load_plan(text + '\n[[grades]]\ncode = "X"\nname = "Xuất sắc"\nmin_score = 95\n')
    assert [(grade.code, grade.min_score) for grade in plan.grades] == [("X", 95), ("K", 50), ("T", 0)]


def test_bounds_equal_to_the_base_score_are_allowed() -> None:
    plan = load_plan(changed(5, "maximum = 100\nfloor = 99.5\neffective_from = 2026-01-01"))
    assert (plan.maximum, plan.floor, plan.effective_from) == (100, Fraction(199, 2), date(2026, 1, 1))
    assert load_plan(changed(5, "floor = 100")).floor == 100


def test_a_ceiling_counted_per_period_unless_told() -> None:
    plan = load_plan(changed(LAST, '\n[[ceilings]]\nblock = "A"\nmax_grade = "T"\nmin_count = 1\nreason = "Vi phạm"'))
    ceiling = plan.ceilings[0]
    assert (ceiling.block_code, ceiling.criterion_code, ceiling.max_grade, ceiling.min_count, ceiling.per) == (
        "A", None, "T", 1, CeilingScope.PERIOD)


def test_an_entered_block_without_criteria_is_entered_under_its_own_code_and_name() -> None:
    plan = load_plan(changed(LAST, '\n[[blocks]]\ncode = "NV"\nname = "Nhiệm vụ"\nentered = true\nmaximum = 50'))
    assert plan.blocks[1].criteria == ("NV",)
    assert plan.criteria["NV"] == Criterion("NV", "Nhiệm vụ", "NV", Fraction(0), maximum=Fraction(50))


def test_a_quota_may_be_on_any_grade_but_the_lowest() -> None:
    text = BASE.replace('code = "X"\nname = "Xuất sắc"\nmin_score = 95', 'code = "K"\nname = "Khá"\nmin_score = 50')
    text += '\n[[grades]]\ncode = "X"\nname = "Xuất sắc"\nmin_score = 95\n\n[quota]\ngrade = "K"\nmax_share = 0.5\n'
    quota = load_plan(text).quota
    assert quota is not None and (quota.grade_code, quota.max_share) == ("K", Fraction(1, 2))


def test_an_escalation_keeps_the_sign_whatever_its_size() -> None:
    # A bonus of 2 whose later occurrences earn 1; a bonus of 1 whose later ones earn 3: both of one sign.
    text = changed(19, "escalation = [{ from = 2, points = 1 }]")
    plan = load_plan(text.replace("points = -1", "points = -1\nescalation = [{ from = 3, points = -1.5 }]"))
    assert plan.criteria["A2"].points_for(2) == 1 and plan.criteria["A1"].points_for(3) == Fraction(-3, 2)
    plan = load_plan(changed(19, "points = 1\nescalation = [{ from = 2, points = 3 }]", replace=True))
    assert plan.criteria["A2"].points_for(2) == 3


def test_brackets_of_one_and_two_points_are_read() -> None:
    plan = load_plan(changed(19, "brackets = [{ from = 1, points = 1 }, { from = 3, points = 2 }]", replace=True))
    assert plan.criteria["A2"].brackets == (Bracket(1, Fraction(1)), Bracket(3, Fraction(2)))
