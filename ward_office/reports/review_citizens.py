"""The review report's section on citizens' satisfaction (sự hài lòng của người dân), after the results by
department: the ward's satisfaction rate, the ratings and the praise and complaints received and what became of
them, beside the period before, then each department's rate in both periods.

A period without any rating says so in words rather than with a column of dashes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ward_office.core.citizens import RatingCounts
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_number, format_percent, period_label
from ward_office.reports.document import cell, data_table, paragraph
from ward_office.reports.review_data import CitizenFigures, CitizenPeriodFigures

SIZE = 10
NO_RATING = N_("no rating")


def rate_text(counts: RatingCounts) -> str:
    return _(NO_RATING) if counts.rate is None else format_percent(counts.rate, 1)


def _change(now: RatingCounts, before: RatingCounts) -> str:
    """"up 3,2 percentage points", or "" when either period has no rating."""
    if now.rate is None or before.rate is None:
        return ""
    points = (now.rate - before.rate) * 100
    if points > 0:
        return _("up {points} percentage points").format(points=format_number(points, 1))
    if points < 0:
        return _("down {points} percentage points").format(points=format_number(-points, 1))
    return _("unchanged")


def summary_sentence(figures: CitizenFigures) -> str:
    """What the section says before its tables."""
    now, before = figures.now, figures.previous
    label, earlier = period_label(now.period), period_label(before.period)
    if not now.ratings.total:
        text = _("No satisfaction rating was imported or tallied in {period}.").format(period=label)
    else:
        text = _("In {period} citizens gave {count} satisfaction ratings; {content} were satisfied or very "
                 "satisfied, a satisfaction rate of {rate}.").format(
            period=label, count=now.ratings.total, content=now.ratings.content, rate=rate_text(now.ratings))
        change = _change(now.ratings, before.ratings)
        if change:
            text += " " + _("Compared with {period} ({rate}): {change}.").format(
                period=earlier, rate=rate_text(before.ratings), change=change)
        elif not before.ratings.total:
            text += " " + _("{period} has no rating to compare with.").format(period=earlier)
    text += " " + _("{praise} praise and {complaints} complaints were received: {verified} verified, {rejected} "
                    "found not true, {answered} answered, {open} still awaiting verification or an answer.").format(
        praise=now.praise, complaints=now.complaints, verified=now.verified, rejected=now.not_verified,
        answered=now.answered, open=now.still_open)
    return text


def _header(label: str) -> Flowable:
    return cell(label, size=SIZE, align="centre", bold=True)


def figures_table(figures: CitizenFigures, width: float) -> Flowable:
    columns = (figures.now, figures.previous)
    rows: list[list[object]] = [[_header(_("Figure")), *(_header(period_label(one.period)) for one in columns)]]

    def row(label: str, value: Callable[[CitizenPeriodFigures], str]) -> None:
        rows.append([cell(label, size=SIZE), *(value(one) for one in columns)])

    row(_("Ratings given"), lambda one: str(one.ratings.total))
    row(_("Satisfaction rate"), lambda one: rate_text(one.ratings))
    row(_("Praise received"), lambda one: str(one.praise))
    row(_("Complaints received"), lambda one: str(one.complaints))
    row(_("Verified"), lambda one: str(one.verified))
    row(_("Found not true"), lambda one: str(one.not_verified))
    row(_("Answered"), lambda one: str(one.answered))
    row(_("Awaiting verification or an answer"), lambda one: str(one.still_open))
    first = 70 * mm
    other = (width - first) / 2
    return data_table(rows, [first, other, other], size=SIZE, align={1: "right", 2: "right"})


def departments_table(figures: CitizenFigures, width: float) -> Flowable:
    now, before = figures.now.period, figures.previous.period
    rows: list[list[object]] = [[_header(_("Department")),
                                 _header(_("Ratings, {period}").format(period=period_label(now))),
                                 _header(_("Rate, {period}").format(period=period_label(now))),
                                 _header(_("Rate, {period}").format(period=period_label(before)))]]
    for department in figures.departments:
        rows.append([cell(department.name or _("No department"), size=SIZE), str(department.ratings.total),
                     rate_text(department.ratings), rate_text(department.previous)])
    fixed = [62 * mm, 22 * mm]
    other = (width - sum(fixed)) / 2
    return data_table(rows, [*fixed, other, other], size=SIZE, align={1: "right", 2: "right", 3: "right"})


def citizens_section(figures: CitizenFigures, width: float, number: int) -> Iterator[Flowable]:
    yield paragraph(_("{number}. Citizens' satisfaction").format(number=number), bold=True, align="left",
                    space_after=4, keep_with_next=True)
    yield paragraph(summary_sentence(figures), first_line_indent=10 * mm, keep_with_next=True)
    yield figures_table(figures, width)
    if figures.departments:
        yield paragraph(_("By department:"), space_after=3, keep_with_next=True)
        yield departments_table(figures, width)
