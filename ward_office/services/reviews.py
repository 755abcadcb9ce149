"""The review meeting's papers (họp bình xét thi đua): the figures they print and the head's decisions.

``review_papers`` gathers, as plain data for the report modules, everything the review report, the minutes
and the commendation drafts print: the period's figures and those of the period before and of the same
period a year earlier (where the book has records), a summary per department, the three lists of people
proposed, and the head's edits. ``save_review`` keeps the head's edits with the period; only the head may.

The software proposes, the head decides. Default lists, from the ranking (grades after ceilings and quota):
- commendation (khen thưởng): everyone holding the plan's best grade;
- discipline consideration (xem xét kỷ luật): everyone holding the plan's lowest grade;
- reminder (nhắc nhở): everyone holding the second-lowest grade (a plan of three grades or more), and anyone
  else not proposed for commendation with an absence without leave in the period.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from ward_office.core.access import Permission
from ward_office.core.errors import NotFoundError, PeriodLockedError
from ward_office.core.period import Period, PeriodKind, previous_period
from ward_office.core.review import ProposalList, ReviewNotes, Section
from ward_office.i18n import N_, official_language
from ward_office.i18n.formatting import period_label
from ward_office.reports.review_data import (
    Comparison,
    DepartmentSummary,
    PeriodFigures,
    ReviewPapers,
)
from ward_office.scoring.results import Ranking, ScoredPeriod, StaffResult
from ward_office.services.charts import attendance_rates
from ward_office.services.period_locks import figures_status
from ward_office.services.ranking import score_stored_period
from ward_office.services.ward import Ward
from ward_office.storage import Store

# ---- Periods compared ----


def same_period_last_year(period: Period) -> Period | None:
    """The same half, quarter or month a year earlier; None for a year (its previous period already is)."""
    if period.kind in (PeriodKind.YEAR, PeriodKind.RANGE):
        return None
    return Period(period.kind, period.start.replace(year=period.start.year - 1),
                  period.end.replace(year=period.end.year - 1, day=28) if (period.end.month, period.end.day) == (2, 29)
                  else period.end.replace(year=period.end.year - 1))


# ---- Figures ----


def _mean(values: list[Fraction]) -> Fraction | None:
    return sum(values, Fraction(0)) / len(values) if values else None


def period_figures(ward: Ward, scored: ScoredPeriod, today: date) -> PeriodFigures:
    ranking = scored.ranking
    period = ranking.period
    by_block = {block.code: 0 for block in ranking.plan.blocks}
    for result in ranking.results:
        for item in result.items:
            if item.raw_points < 0:
                by_block[item.block_code] = by_block.get(item.block_code, 0) + 1
    blocks = tuple((block.name, by_block[block.code]) for block in ranking.plan.blocks if by_block[block.code])
    rates = [rate for rate in attendance_rates(ward, period, today).rates if rate is not None]
    return PeriodFigures(
        period=period, headcount=len(ranking.results),
        average_score=_mean([result.score for result in ranking.results]),
        attendance_rate=_mean(rates),
        violations=sum(result.violations for result in ranking.results),
        commendations=sum(result.commendations for result in ranking.results),
        check_rounds=len(ward.store.checks.list(period.start, min(period.end, today), with_seen=False)),
        violations_by_block=blocks,
        grade_counts=tuple((grade.name, count) for grade, count in ranking.grade_counts()))


def _comparison(ward: Ward, period: Period | None, today: date) -> Comparison | None:
    if period is None:
        return None
    first_month = next(period.months())
    store = ward.store
    if period.start > today or not store.reviews.has_records(first_month):  # a book begun later: no whole figures
        return Comparison(period, None)
    try:
        scored = score_stored_period(store, period, today)
    except NotFoundError:  # no plan was in effect then
        return Comparison(period, None)
    return Comparison(period, period_figures(ward, scored, today))


def department_summaries(scored: ScoredPeriod) -> tuple[DepartmentSummary, ...]:
    """People, average score, violations and people per grade, per department in the ward's order."""
    ranking = scored.ranking
    grades = [grade.code for grade in ranking.plan.grades]
    groups: dict[int | None, list[StaffResult]] = {}
    for result in ranking.results:
        groups.setdefault(result.staff.department_id, []).append(result)
    order = [*scored.departments, None]
    summaries = []
    for department_id in order:
        people = groups.get(department_id)
        if not people:
            continue
        name = scored.departments.get(department_id, "") if department_id is not None else ""
        summaries.append(DepartmentSummary(
            name, len(people), _mean([result.score for result in people]),
            sum(result.violations for result in people),
            tuple(sum(1 for result in people if result.grade.code == code and result.graded) for code in grades)))
    return tuple(summaries)


# ---- Lists ----


def default_lists(ranking: Ranking) -> dict[ProposalList, tuple[StaffResult, ...]]:
    """The lists the software proposes (see the module's docstring), each in rank order."""
    grades = [grade.code for grade in ranking.plan.grades]
    best = grades[0] if grades else None
    lowest = grades[-1] if len(grades) >= 2 else None
    second_lowest = grades[-2] if len(grades) >= 3 else None
    graded = [result for result in ranking.results if result.graded]  # nobody is proposed before graded
    commendation = tuple(result for result in graded if result.grade.code == best)
    discipline = tuple(result for result in graded if result.grade.code == lowest)
    reminder = tuple(result for result in graded
                     if result.grade.code not in (best, lowest)
                     and (result.grade.code == second_lowest or result.unexcused_absences > 0))
    return {ProposalList.COMMENDATION: commendation, ProposalList.REMINDER: reminder,
            ProposalList.DISCIPLINE: discipline}


def decided_lists(ranking: Ranking, notes: ReviewNotes) -> dict[ProposalList, tuple[StaffResult, ...]]:
    """The head's lists where decided, the default ones otherwise; people no longer ranked are left out."""
    lists = default_lists(ranking)
    for kind, staff_ids in notes.lists.items():
        chosen = set(staff_ids)
        lists[kind] = tuple(result for result in ranking.results if result.staff.id in chosen)
    return lists


# ---- Reading and saving ----


def review_notes(store: Store, period: Period) -> ReviewNotes:
    record = store.reviews.get(period)
    return ReviewNotes() if record is None else record.notes


def review_papers(ward: Ward, period: Period, today: date) -> ReviewPapers:
    from ward_office.services.citizens.review_figures import citizen_figures  # loads with its first use

    store = ward.store
    scored = score_stored_period(store, period, today)
    notes = review_notes(store, period)
    comparisons = tuple(comparison for comparison in (
        _comparison(ward, previous_period(period), today), _comparison(ward, same_period_last_year(period), today))
        if comparison is not None)
    return ReviewPapers(scored, figures_status(store, period, today), period_figures(ward, scored, today),
                        comparisons, department_summaries(scored), decided_lists(scored.ranking, notes), notes, today,
                        citizen_figures(ward, period))


def generated_sections(papers: ReviewPapers) -> dict[Section, str]:
    """The text the program writes for each editable section, in Vietnamese (what is printed)."""
    from ward_office.reports.review_report import generated_sections as write_sections  # reportlab loads later

    with official_language():
        return write_sections(papers)


def save_review(ward: Ward, period: Period, notes: ReviewNotes, today: date) -> None:
    """Keep the head's edits for ``period``; refused for a clerk and once the period is locked (khóa sổ)."""
    ward.require(Permission.DECIDE_REVIEW)
    status = figures_status(ward.store, period, today)
    if status.final:
        raise PeriodLockedError(N_("{period} is locked: the papers of its review meeting cannot be changed. "
                                "Only the head can unlock it."),
                                period=period_label(period))
    ward.store.reviews.save(period, notes, ward.actor)
