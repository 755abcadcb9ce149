"""The words every output prints beside a score so a person can check it alone: what the score is (the
plan's label), the grade thresholds, a block's subtotal out of its maximum, which cap stopped an item and
what a floor or maximum stopped. Scorecards, the ranking, the Excel sheets and the command line's CSV and
JSON all take them from here, so they say the same thing.
"""

from __future__ import annotations

from fractions import Fraction

from ward_office.core.plan import Block, EmulationPlan
from ward_office.core.staff import Staff
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_number, format_points, period_label
from ward_office.scoring.all_or_nothing import lost_text
from ward_office.scoring.quota_text import tie_note
from ward_office.scoring.results import Bound, Clamp, LeftOutMonth, Ranking, ScoreItem, StaffResult

DEFAULT_LABEL = N_("Internal emulation score of the office's culture plan; it does not replace the quality "
                   "grading of cadres and civil servants under Decree 335/2025/NĐ-CP.")
CLAMP_MESSAGES = {
    (Bound.FLOOR, True): N_("the floor of the block “{block}” ({limit} points) kept {points} more points from "
                            "being taken off ({period})"),
    (Bound.MAXIMUM, True): N_("the maximum of the block “{block}” ({limit} points) kept {points} more points "
                              "from being added ({period})"),
    (Bound.FLOOR, False): N_("the floor of the total score ({limit} points) kept {points} more points from being "
                             "taken off ({period})"),
    (Bound.MAXIMUM, False): N_("the maximum of the total score ({limit} points) kept {points} more points from "
                               "being added ({period})"),
}


def score_label(plan: EmulationPlan) -> str:
    """What the score is, printed on every output: the plan's label, or a sentence saying it is an internal
    emulation score and not the official grading."""
    return plan.label or _(DEFAULT_LABEL)


def plan_grades_line(plan: EmulationPlan) -> str:
    """"Kế hoạch thi đua: …, phiên bản 1. Mức xếp loại (điểm): … ≥ 90; …": what a score is read against."""
    return _("Emulation plan: {plan}, version {version}. Grades (points): {thresholds}.").format(
        plan=plan.name, version=plan.version, thresholds=grade_thresholds(plan))


def grade_thresholds(plan: EmulationPlan) -> str:
    """"Hoàn thành xuất sắc nhiệm vụ ≥ 90; …; Không hoàn thành nhiệm vụ < 50" (in points)."""
    parts = []
    for index, grade in enumerate(plan.grades):
        if index == len(plan.grades) - 1 and index:
            parts.append(f"{grade.name} < {format_number(plan.grades[index - 1].min_score)}")
        else:
            parts.append(f"{grade.name} ≥ {format_number(grade.min_score)}")
    return "; ".join(parts)


def block_score(plan: EmulationPlan, block: Block, subtotal: Fraction, *, fixed: bool = False) -> str:
    """A block's subtotal as a reader checks it: "26/30" for a block with a maximum (its start plus the
    points), else the points it added or took off ("−4"); ``fixed``: always two decimals ("26,00/30")."""
    if block.maximum is None:
        return format_points(subtotal, 2, fixed=fixed)
    score = format_number(plan.block_start(block) + subtotal, 2, fixed=fixed)
    return f"{score}/{format_number(block.maximum, 2)}"


def clamp_text(plan: EmulationPlan, clamp: Clamp) -> str:
    """"the floor of the block “Thời gian làm việc” (0 points) kept 3 more points from being taken off (May 2026)"."""
    if clamp.bound is Bound.ALL_OR_NOTHING:
        return lost_text(plan, clamp, _lowercase_first(period_label(clamp.sub_period)))
    names = {block.code: block.name for block in plan.blocks}
    return _(CLAMP_MESSAGES[clamp.bound, clamp.block_code is not None]).format(
        block=names.get(clamp.block_code or "", clamp.block_code), limit=format_number(clamp.limit),
        points=format_number(abs(clamp.points)), period=_lowercase_first(period_label(clamp.sub_period)))


def _lowercase_first(text: str) -> str:
    """"tháng 6 năm 2026" inside a sentence."""
    return text[:1].lower() + text[1:]


def cap_text(plan: EmulationPlan, result: StaffResult, item: ScoreItem) -> str:
    """Which cap stopped a capped item, and what it let through: the criterion's cap when the criterion's
    items of that sub-period have reached it (it applies first), else the block's."""
    criterion = plan.criteria.get(item.criterion_code)
    block = next((block for block in plan.blocks if block.code == item.block_code), None)
    counted = format_number(abs(item.points))
    if criterion is not None and criterion.cap is not None:
        reached = sum(abs(other.points) for other in result.items
                      if other.criterion_code == item.criterion_code and other.sub_period == item.sub_period)
        if reached >= criterion.cap or block is None or block.cap is None:
            return _("over the criterion's cap of {cap} points: {counted} counted").format(
                cap=format_number(criterion.cap), counted=counted)
    if block is not None and block.cap is not None:
        return _("over the cap of the block “{block}” ({cap} points): {counted} counted").format(
            block=block.name, cap=format_number(block.cap), counted=counted)
    return _("over the cap: {counted} counted").format(counted=counted)


def left_out_text(left_out: LeftOutMonth) -> str:
    """"tháng 3 năm 2027 (Ts)": a month left out of the mean, with the leave that filled it, or "(không có ngày
    làm việc)" when it had no working day for the person."""
    month = _lowercase_first(period_label(left_out.month))
    if not left_out.codes:
        return _("{month} (no working day)").format(month=month)
    return f"{month} ({', '.join(code.value for code in left_out.codes)})"


def left_out_line(ranking: Ranking, staff: Staff) -> str:
    """"Tháng không tính vào điểm bình quân (nghỉ dài ngày cả tháng): tháng 3 năm 2027 (Ts), …", or "" when none."""
    months = ranking.months_left_out.get(staff.id, ())
    if not months:
        return ""
    return _("Months left out of the mean (on long leave every working day): {months}.").format(
        months="; ".join(left_out_text(month) for month in months))


def not_scored_line(ranking: Ranking) -> str:
    """Who is not scored for being on long leave the whole period, or "" when nobody."""
    if not ranking.not_scored:
        return ""
    return _("Not scored, on long leave the whole period ({codes}): {names}.").format(
        codes=", ".join(code.value for code in ranking.plan.aggregation.long_leave_codes),
        names=", ".join(person.full_name for person in ranking.not_scored))


def result_note(ranking: Ranking, result: StaffResult) -> str:
    """The note beside a person in a ranking: each grade change, what a tie at the quota line means for them,
    then the months left out of their mean."""
    return "; ".join([*(change.localized() for change in result.changes),
                      *filter(None, [tie_note(ranking, result), left_out_line(ranking, result.staff)])])
