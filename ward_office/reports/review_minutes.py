"""Report "Biên bản họp bình xét thi đua": the minutes of the review meeting.

Filled with what the head entered for the meeting (``core.review.MeetingFacts``: day, times, place, chair,
secretary, members present and absent, the vote), dotted lines where nothing was entered, so the same paper
serves before the meeting (to complete by hand) and after it. The header's date is the meeting's day when
known. The content is short whatever the ward's size: the counts per grade and the notes on lowered grades
(the whole ranking is its own report); the conclusion gives the three lists the head decided: proposed for
commendation (with the form of award), for a reminder and for discipline consideration. A grade such as
"Hoàn thành xuất sắc nhiệm vụ" is a mức xếp loại, never a danh hiệu. The layout follows the minutes order of
domain.md §6: time, place, attendance, content, vote, conclusion, closing time, THƯ KÝ left and CHỦ TRÌ right.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ward_office.core.period import PeriodKind
from ward_office.core.review import MeetingFacts, ProposalList, Section
from ward_office.core.unit import Unit
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_number, format_percent, period_label
from ward_office.reports import fonts
from ward_office.reports.document import (
    ReportDocument,
    Signature,
    document_title,
    letterhead,
    paragraph,
    signature_row,
)
from ward_office.reports.ranking import change_notes
from ward_office.reports.review_data import ReviewPapers
from ward_office.reports.review_report import people_table, reason, section_text
from ward_office.scoring.quota_text import quota_line_text
from ward_office.scoring.results import Ranking, StaffResult

TITLE = N_("RECORD")
DOTS = "\u2026" * 5
BODY = 13
NAMES_SHOWN = 10  # a note on lowered grades names at most this many people, then counts the rest


def meeting_name(ranking: Ranking) -> str:
    """"Họp bình xét thi đua sơ kết 6 tháng đầu năm 2026", "… tổng kết năm 2026", or the period's label."""
    period = ranking.period
    year = period.start.year
    if period.kind is PeriodKind.HALF_YEAR:
        text = (_("Emulation review meeting: review of the first six months of {year}") if period.start.month == 1
                else _("Emulation review meeting: review of the last six months of {year}"))
        return text.format(year=year)
    if period.kind is PeriodKind.YEAR:
        return _("Emulation review meeting: review of the year {year}").format(year=year)
    return _("Emulation review meeting: {period}").format(period=period_label(period))


def proposed(ranking: Ranking) -> list[StaffResult]:
    """Who holds the plan's best grade, after ceilings and quota: the default list for commendation."""
    if not ranking.plan.grades:
        return []
    best = ranking.plan.grades[0].code
    return [result for result in ranking.results if result.grade.code == best and result.graded]


def write_minutes(out: str | Path | BinaryIO, papers: ReviewPapers, *, day: date) -> int:
    """Write the minutes of ``papers``' period, dated the meeting's day when entered, else ``day``."""
    document = ReportDocument(out, title=_(TITLE), author=papers.scored.unit.name,
                              subject=meeting_name(papers.ranking))
    return document.build(minutes_story(papers, day, document.width))


def dotted_line(width: float, lead: str = "") -> str:
    """``lead`` followed by dots to the end of a line ``width`` wide: room to write by hand."""
    room = width - fonts.text_width(lead, BODY) - 2
    return lead + "\u2026" * max(int(room // fonts.text_width("\u2026", BODY)), 3)


def _fill(value: str) -> Flowable:
    """A line with blanks to fill: left-aligned, so justification does not stretch the dots."""
    return paragraph(value, align="left", space_after=4)


def _heading(value: str) -> Flowable:
    return paragraph(value, bold=True, align="left", space_after=3, keep_with_next=True)


def _or_dots(value: object, dots: str = DOTS) -> str:
    return dots if value is None or str(value).strip() == "" else str(value).strip()


def _clock(value: str) -> tuple[str, str]:
    """"08:30" → ("08", "30"); blanks when not entered."""
    hours, _sep, minutes = value.strip().partition(":")
    return (hours, minutes or "00") if hours else (DOTS, DOTS)


def _share(part: int | None, whole: int | None) -> str:
    if part is None or not whole:
        return DOTS
    return format_percent(Fraction(part, whole), 1)


def _line_or_dots(width: float, lead: str, value: str) -> Flowable:
    return _fill(lead + " " + value.strip()) if value.strip() else _fill(dotted_line(width, lead + " "))


def minutes_story(papers: ReviewPapers, day: date, width: float) -> Iterator[Flowable]:
    ranking, unit, meeting = papers.ranking, papers.scored.unit, papers.notes.meeting
    held = meeting.day
    yield letterhead(unit, held or day, symbol="BB-UBND")
    yield from document_title(_(TITLE), meeting_name(ranking), status=papers.status)
    hours, minutes = _clock(meeting.start_time)
    yield _fill(_("Time: {hours} h {minutes} min, day {day} month {month} year {year}.").format(
        hours=hours, minutes=minutes, day=f"{held.day:02d}" if held else DOTS,
        month=f"{held.month:02d}" if held else DOTS, year=held.year if held else DOTS))
    yield _line_or_dots(width, _("Place:"), meeting.place)
    yield from _attendance_part(meeting, unit, width)
    yield from _content_part(papers, width)
    yield _heading(_("III. VOTE"))
    total = meeting.members_present
    yield _fill(_("Members voting: {total}; in favour: {yes} ({yes_share}); against: {no} ({no_share}).").format(
        total=_or_dots(total), yes=_or_dots(meeting.votes_for), yes_share=_share(meeting.votes_for, total),
        no=_or_dots(meeting.votes_against), no_share=_share(meeting.votes_against, total)))
    yield _heading(_("IV. CONCLUSION"))
    yield from conclusion(papers, width)
    yield Spacer(1, 2 * mm)
    end_hours, end_minutes = _clock(meeting.end_time)
    yield KeepTogether([
        _fill(_("The meeting closed at {hours} h {minutes} min on the same day.").format(
            hours=end_hours, minutes=end_minutes)),
        signature_row([Signature((_("SECRETARY").upper(),), meeting.secretary.strip()),
                       Signature((_("CHAIR").upper(),), meeting.chair.strip().split(",")[0] or unit.head_name)]),
    ])


def _attendance_part(meeting: MeetingFacts, unit: Unit, width: float) -> Iterator[Flowable]:
    """I. Who chaired, who wrote the minutes, who attended and who was absent."""
    yield _heading(_("I. ATTENDANCE"))
    chair = meeting.chair.strip() or f"{unit.head_name or DOTS * 4}, {unit.head_title or DOTS * 3}"
    yield _fill(_("- Chaired by: {chair}.").format(chair=chair))
    yield _line_or_dots(width, _("- Secretary:"), meeting.secretary)
    yield _fill(_("- Members present: {count} people, namely:").format(count=_or_dots(meeting.members_present)))
    if meeting.members_names.strip():
        yield paragraph(meeting.members_names.strip(), align="left", space_after=4)
    else:
        yield _fill(dotted_line(width))
        yield _fill(dotted_line(width))
    absent = _("- Absent: {count} people; reason:").format(count=_or_dots(meeting.absent))
    if meeting.absent == 0:
        yield _fill(_("- Absent: none."))
    else:
        yield _line_or_dots(width, absent, meeting.absent_reason)


def _content_part(papers: ReviewPapers, width: float) -> Iterator[Flowable]:
    """II. What was reviewed: the period, the counts by grade, the quota, the grade changes, the discussion."""
    ranking = papers.ranking
    plan = ranking.plan
    yield _heading(_("II. CONTENT"))
    yield paragraph(_("The meeting reviewed the results of the emulation scoring for {period} under “{plan}”"
                      " (base score {base}):").format(period=period_label(ranking.period), plan=plan.name,
                                                      base=format_number(plan.base_score)), first_line_indent=10 * mm)
    counts = "; ".join(_("{grade}: {count}").format(grade=name, count=count)
                       for name, count in papers.figures.grade_counts)
    yield paragraph(_("People scored: {total}; by grade: {counts}.").format(total=len(ranking.results), counts=counts),
                    first_line_indent=10 * mm)
    if ranking.quota_limit is not None and plan.quota is not None:
        quota_grade = next((grade.name for grade in plan.grades if grade.code == plan.quota.grade_code),
                           plan.quota.grade_code)
        yield paragraph(_("Under the plan, at most {limit} people may be graded “{grade}”.").format(
            limit=ranking.quota_limit, grade=quota_grade), first_line_indent=10 * mm)
        quota_line = quota_line_text(ranking)
        if quota_line:
            yield paragraph(quota_line + ".", first_line_indent=10 * mm)
    for number, (explanation, names) in enumerate(change_notes(ranking), start=1):
        shown = ", ".join(names[:NAMES_SHOWN])
        if len(names) > NAMES_SHOWN:
            shown = _("{names} and {count} others").format(names=shown, count=len(names) - NAMES_SHOWN)
        yield paragraph(_("({number}) {explanation}: {names}.").format(
            number=number, explanation=explanation, names=shown), size=11, space_after=2)
    yield paragraph(_("Each person's score and grade: the summary of emulation results attached."), size=12,
                    italic=True, first_line_indent=10 * mm)
    yield paragraph(_("Opinions in the discussion:"), space_after=4)
    for _line in range(3):
        yield _fill(dotted_line(width))


def conclusion(papers: ReviewPapers, width: float) -> Iterator[Flowable]:
    lists = papers.lists
    award = section_text(papers, Section.AWARD)
    commended = lists[ProposalList.COMMENDATION]
    if commended:
        yield paragraph(_("1. The meeting agreed to propose {count} people for commendation ({award}):").format(
            count=len(commended), award=award))
        yield people_table(papers, commended, width)
    else:
        yield paragraph(_("1. Nobody is proposed for commendation."))
    yield from _listed(papers, width, lists[ProposalList.REMINDER],
                       _("2. The meeting agreed to remind {count} people:"), _("2. Nobody is to be reminded."))
    yield from _listed(papers, width, lists[ProposalList.DISCIPLINE],
                       _("3. The meeting proposes {count} people for discipline consideration:"),
                       _("3. Nobody is proposed for discipline consideration."))


def _listed(papers: ReviewPapers, width: float, people: Sequence[StaffResult], lead: str,
            nobody: str) -> Iterator[Flowable]:
    if not people:
        yield paragraph(nobody)
        return
    yield paragraph(lead.format(count=len(people)))
    yield people_table(papers, people, width, last_header=_("Reason"), last=reason)
