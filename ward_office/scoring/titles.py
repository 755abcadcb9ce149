"""Emulation titles (danh hiệu thi đua) a year's grades make people eligible to be proposed for.

Only for a year: a title is judged on the year's grade, after ceilings, quota and the emulation council's
decisions (``StaffResult.grade``). What the program finds is a proposal for the emulation council, never an
award: every screen and paper says "đủ điều kiện đề nghị" and no more, since the council still weighs what the
book does not record (an initiative, solidarity, the vote).
"""

from __future__ import annotations

from ward_office.core.period import PeriodKind
from ward_office.core.plan import EmulationPlan, Title
from ward_office.i18n import N_, _
from ward_office.scoring.results import Ranking, StaffResult

ELIGIBLE_HEADER = N_("Emulation titles eligible to be proposed")
ELIGIBLE_NOTE = N_("Eligible to be proposed for the emulation council, which decides; not an award")
TITLE_LEGEND = N_("Emulation titles eligible to be proposed (the emulation council considers and decides): {titles}.")
TITLE_CODE_COUNT = N_("{code} — “{title}” (grade “{grade}” or better{reason}): {count} people")
TITLE_COUNT = N_("“{title}” (grade “{grade}” or better{reason}): {count} people")


def shows_titles(ranking: Ranking) -> bool:
    """Whether ``ranking`` proposes titles: a year, under a plan that has some."""
    return ranking.period.kind is PeriodKind.YEAR and bool(ranking.plan.titles)


def eligible_titles(ranking: Ranking, result: StaffResult) -> tuple[Title, ...]:
    """The titles ``result``'s year grade makes the person eligible to be proposed for, in plan order; none for a
    period other than a year."""
    if not shows_titles(ranking):
        return ()
    return _eligible(ranking.plan, result)


def _eligible(plan: EmulationPlan, result: StaffResult) -> tuple[Title, ...]:
    grade_index = plan.grade_index(result.grade.code)
    met: list[Title] = []
    codes: set[str] = set()
    for title in plan.titles:  # a title requires only titles listed before it
        if grade_index <= plan.grade_index(title.min_grade) and all(code in codes for code in title.requires):
            met.append(title)
            codes.add(title.code)
    return tuple(met)


def title_lists(ranking: Ranking) -> tuple[tuple[Title, tuple[StaffResult, ...]], ...]:
    """Each title of the plan with those eligible to be proposed for it, in rank order; empty unless a year."""
    if not shows_titles(ranking):
        return ()
    eligible = [(result, _eligible(ranking.plan, result)) for result in ranking.results]
    return tuple((title, tuple(result for result, titles in eligible if title in titles))
                 for title in ranking.plan.titles)


def titles_text(titles: tuple[Title, ...]) -> str:
    """"Lao động tiên tiến; Chiến sĩ thi đua cơ sở": the names, in plan order."""
    return "; ".join(title.name for title in titles)


def title_count_lines(ranking: Ranking) -> list[str]:
    """One line per title: its name, the grade it needs, what else the council weighs, and how many people
    are eligible to be proposed."""
    plan = ranking.plan
    lines = []
    for title, people in title_lists(ranking):
        reason = f"; {title.reason}" if title.reason else ""
        lines.append(_(TITLE_COUNT).format(title=title.name, grade=plan.grade(title.min_grade).name, reason=reason,
                                           count=len(people)))
    return lines


def title_legend_line(ranking: Ranking) -> str:
    """Under a year's ranking: each title's code, name, the grade it needs and how many are eligible."""
    plan = ranking.plan
    parts = [_(TITLE_CODE_COUNT).format(code=title.code, title=title.name, grade=plan.grade(title.min_grade).name,
                                        reason=f"; {title.reason}" if title.reason else "", count=len(people))
             for title, people in title_lists(ranking)]
    return _(TITLE_LEGEND).format(titles="; ".join(parts))
