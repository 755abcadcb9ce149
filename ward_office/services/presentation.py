"""A scored period as the command line shows it: a table for people, CSV and JSON for other programs.

JSON and CSV keep machine forms (dot decimals, ISO dates) so other tools can read them; the table uses
Vietnamese number and date forms. In JSON each item's ``points`` is its contribution to this period's
score, so ``score == base + sum(points)`` over the items and the ``clamps`` (what a floor or maximum of
the plan stopped); ``counted_points`` is what it counted in its month (after caps) and ``raw_points`` what
the plan gives for it (after escalation). Every output carries the score's ``label``: an internal emulation
score, not the official grading.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from ward_office.core.plan import EmulationPlan
from ward_office.core.staff import Staff
from ward_office.i18n import _
from ward_office.i18n.formatting import format_number, period_label
from ward_office.scoring.entered import ungraded_line
from ward_office.scoring.excused import excused_text
from ward_office.scoring.explained import (
    cap_text,
    clamp_text,
    left_out_line,
    not_scored_line,
    plan_grades_line,
    result_note,
    score_label,
)
from ward_office.scoring.quota_text import quota_line_text
from ward_office.scoring.results import Clamp, ItemSource, Ranking, ScoredPeriod, ScoreItem, StaffResult
from ward_office.scoring.titles import (
    ELIGIBLE_HEADER,
    ELIGIBLE_NOTE,
    eligible_titles,
    shows_titles,
    title_count_lines,
    titles_text,
)
from ward_office.scoring.versions import versions_line


def _department(scored: ScoredPeriod, result: StaffResult) -> str:
    department_id = result.staff.department_id
    return scored.departments.get(department_id, "") if department_id is not None else ""


def ranking_to_json(scored: ScoredPeriod) -> dict[str, Any]:
    """The ranking for other programs: what the score is (``label``), the plan it was scored under (its
    version, grades and block bounds), the period, and ``people`` in rank order."""
    ranking = scored.ranking
    plan = ranking.plan
    return {
        "unit": scored.unit.name,
        "period": {"kind": ranking.period.kind.value, "start": ranking.period.start.isoformat(),
                   "end": ranking.period.end.isoformat()},
        "label": score_label(plan),
        "plan": {
            "code": plan.code, "name": plan.name, "version": plan.version, "base_score": float(plan.base_score),
            "maximum": _number(plan.maximum), "floor": _number(plan.floor),
            "grades": [{"code": grade.code, "name": grade.name, "min_score": float(grade.min_score)}
                       for grade in plan.grades],
            "blocks": [{"code": block.code, "name": block.name, "maximum": _number(block.maximum),
                        "floor": _number(block.floor)} for block in plan.blocks],
            "titles": [{"code": title.code, "name": title.name, "min_grade": title.min_grade, "reason": title.reason,
                        "requires": list(title.requires)} for title in plan.titles],
        },
        "quota": _quota_json(ranking),
        "titles_note": _(ELIGIBLE_NOTE) if shows_titles(ranking) else None,
        "people": _people(scored),
        "not_scored": [{"staff_code": person.code, "full_name": person.full_name,
                        "months_left_out": _left_out_json(ranking, person)} for person in ranking.not_scored],
        "ungraded_count": ranking.ungraded_count,  # people not graded yet ("chưa chấm"): no rank nor grade
    }


def _quota_json(ranking: Ranking) -> dict[str, Any] | None:
    """The plan's quota, its limit in this period and the tie at its line: ``tie.state`` is ``pending`` until
    the emulation council's decision, then ``decided`` with the decision."""
    quota = ranking.plan.quota
    if quota is None:
        return None
    tie = ranking.quota_tie
    tie_json = None
    if tie is not None:
        decision = tie.decision
        tie_json = {
            "state": tie.state.value,
            "places": tie.places,
            "score": float(tie.score),
            "rank": tie.rank,
            "tied": [person.code for person in tie.tied],
            "decision": None if decision is None else {
                "meeting_date": decision.meeting_date.isoformat(), "minute_number": decision.minute_number,
                "reason": decision.reason, "decided_by": decision.decided_by,
                "chosen": [person.code for person in tie.tied if person.id in decision.chosen],
            },
        }
    return {"grade": quota.grade_code, "max_share": float(quota.max_share), "basis": quota.basis.value,
            "limit": ranking.quota_limit, "line": quota_line_text(ranking), "tie": tie_json}


def _left_out_json(ranking: Ranking, person: Staff) -> list[dict[str, Any]]:
    """The months left out of the person's mean (long leave), each with the leave codes that filled it."""
    return [{"start": left_out.month.start.isoformat(), "end": left_out.month.end.isoformat(),
             "leave_codes": [code.value for code in left_out.codes]}
            for left_out in ranking.months_left_out.get(person.id, ())]


def _number(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _people(scored: ScoredPeriod) -> list[dict[str, Any]]:
    plan = scored.ranking.plan
    people = []
    for result in scored.ranking.results:
        people.append({
            "rank": result.rank if result.graded else None,
            "staff_code": result.staff.code,
            "full_name": result.staff.full_name,
            "position": result.staff.position,
            "department": _department(scored, result),
            "base": float(plan.base_score),
            "score": float(result.score),
            "grade": result.grade.code if result.graded else None,
            "grade_name": result.grade_name,
            "grade_by_score": result.grade_by_score.code if result.graded else None,
            "note": result_note(scored.ranking, result),
            "ungraded": [{"month": month.isoformat(), "item": code} for month, code in result.ungraded],
            "grade_changes": [
                {"kind": change.kind.value, "from": change.from_grade.code, "to": change.to_grade.code,
                 "reason": change.localized()}
                for change in result.changes
            ],
            # Codes of the emulation titles the year's grade makes the person eligible to be proposed for; empty
            # outside a year. Proposals for the emulation council, not awards.
            "eligible_titles": [title.code for title in eligible_titles(scored.ranking, result)],
            "months_counted": result.sub_periods_counted,
            "months_left_out": _left_out_json(scored.ranking, result.staff),
            "block_totals": {code: float(total) for code, total in result.block_totals.items()},
            "block_scores": {block.code: float(plan.block_start(block) + result.block_totals.get(block.code, 0))
                             for block in plan.blocks if block.maximum is not None},
            "unexcused_absences": result.unexcused_absences,
            "violations": result.violations,
            "commendations": result.commendations,
            "items": [
                {
                    "criterion": item.criterion_code,
                    "criterion_name": getattr(plan.criteria.get(item.criterion_code), "name", item.criterion_code),
                    "block": item.block_code,
                    "date": item.day.isoformat(),
                    "session": item.session.value if item.session else None,
                    "points": float(item.contribution),
                    "counted_points": float(item.points),
                    "raw_points": float(item.raw_points),
                    "weight": float(item.weight),
                    "capped": item.capped,
                    "cap": cap_text(plan, result, item) if item.capped else None,
                    "occurrence": item.occurrence,
                    "source": item.source.value,
                    "record_id": item.record_id,
                    "minutes": item.minutes,
                    "note": item.note,
                    "recorded_by": item.recorded_by,
                    "excused": excused_text(item) or None,
                    **_entered_json(plan, result, item),
                }
                for item in result.items
            ],
            "clamps": [_clamp_json(plan, clamp) for clamp in result.clamps],
        })
    return people


def _entered_json(plan: EmulationPlan, result: StaffResult, item: ScoreItem) -> dict[str, Any]:
    """For an entered item: the points entered, its maximum and the self-assessment, as the head entered them."""
    if item.source is not ItemSource.ENTERED:
        return {}
    maximum = plan.criteria[item.criterion_code].maximum or Fraction(0)
    score = next((score for score in result.entered if score.id == item.record_id), None)
    self_points = None if score is None or score.self_points is None else float(score.self_points)
    return {"entered_points": float(item.points + maximum), "maximum": float(maximum), "self_points": self_points}


def _clamp_json(plan: EmulationPlan, clamp: Clamp) -> dict[str, Any]:
    """What a floor or maximum of the plan stopped: ``points`` is its contribution to the period's score."""
    return {
        "bound": clamp.bound.value,
        "block": clamp.block_code,
        "start": clamp.sub_period.start.isoformat(),
        "end": clamp.sub_period.end.isoformat(),
        "limit": float(clamp.limit),
        "unbounded": float(clamp.unbounded),
        "points": float(clamp.contribution),
        "counted_points": float(clamp.points),
        "explanation": clamp_text(plan, clamp),
    }


def ranking_rows(scored: ScoredPeriod, with_header: bool = True) -> list[list[str | int | Decimal]]:
    """The ranking as CSV rows: rank and score as numbers (the score with two decimals, "-1.50"), the rest
    text, which ``reports.spreadsheet_text.csv_row`` keeps from being read as a formula."""
    rows: list[list[str | int | Decimal]] = []
    if with_header:
        rows.append([_("Rank"), _("Code"), _("Full name"), _("Position"), _("Department"), _("Score"),
                     _("Grade"), _("Note"), _("Kind of score")])
    label = score_label(scored.ranking.plan)
    for result in scored.ranking.results:
        rows.append([result.rank if result.graded else "", result.staff.code, result.staff.full_name,
                     result.staff.position, _department(scored, result), Decimal(f"{float(result.score):.2f}"),
                     result.grade_name, result_note(scored.ranking, result), label])
    if shows_titles(scored.ranking):  # a year: the titles each person is eligible to be proposed for, last
        if with_header:
            rows[0].append(_(ELIGIBLE_HEADER))
        for row, result in zip(rows[1 if with_header else 0:], scored.ranking.results, strict=True):
            row.append(titles_text(eligible_titles(scored.ranking, result)))
    waiting = ungraded_line(scored.ranking)
    if waiting:  # a last row says how many are not graded yet, in the Note column
        rows.append(["", "", "", "", "", "", "", waiting, label])
    return rows


def ranking_table(scored: ScoredPeriod) -> str:
    """A plain-text table for a terminal, with grade changes explained under it."""
    ranking = scored.ranking
    header = [_("Rank"), _("Code"), _("Full name"), _("Position"), _("Score"), _("Grade")]
    body = []
    notes: dict[str, list[str]] = {}  # one numbered note per distinct explanation, with who it concerns
    for result in ranking.results:
        marks = []
        for change in result.changes:
            names = notes.setdefault(change.localized(), [])
            names.append(result.staff.full_name)
            marks.append(f"({list(notes).index(change.localized()) + 1})")
        body.append([result.rank_text, result.staff.code, result.staff.full_name, result.staff.position,
                     format_number(result.score), " ".join([result.grade_name, *marks])])
    widths = [max(len(row[column]) for row in [header, *body]) for column in range(len(header))]
    right_aligned = {0, 4}

    def line(cells: list[str]) -> str:
        return "  ".join(cell.rjust(widths[i]) if i in right_aligned else cell.ljust(widths[i])
                         for i, cell in enumerate(cells)).rstrip()

    title = _("{plan} — {period}").format(plan=ranking.plan.name, period=period_label(ranking.period))
    out = [scored.unit.name.upper(), title, score_label(ranking.plan)]
    out += ["", line(header), line(["-" * width for width in widths])]
    out += [line(row) for row in body]
    for number, (explanation, names) in enumerate(notes.items(), start=1):
        out += ["", f"({number}) {explanation}: {', '.join(names)}"]
    counts: dict[str, int] = {}
    for result in ranking.results:
        counts[result.grade_name] = counts.get(result.grade_name, 0) + 1
    out.append("")
    out.append(_("Graded: {counts}").format(counts="; ".join(
        f"{grade.name} {counts.get(grade.name, 0)}" for grade in ranking.plan.grades)))
    waiting = ungraded_line(ranking)
    if waiting:
        out.append(waiting)
    out.append(plan_grades_line(ranking.plan))
    out += filter(None, [versions_line(ranking)])
    out += [f"{result.staff.full_name}: {left_out_line(ranking, result.staff)}" for result in ranking.results
            if result.staff.id in ranking.months_left_out]
    if ranking.not_scored:
        out.append(not_scored_line(ranking))
    if shows_titles(ranking):  # a year: how many are eligible to be proposed for each title
        out.append(_(ELIGIBLE_HEADER) + ": " + "; ".join(title_count_lines(ranking)) + ". " + _(ELIGIBLE_NOTE) + ".")
    if ranking.unknown_criteria:
        out.append(_("Events skipped because the plan has no such criterion: {codes}").format(
            codes=", ".join(ranking.unknown_criteria)))
    return "\n".join(out) + "\n"

