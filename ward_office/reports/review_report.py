"""Report "Báo cáo sơ kết/tổng kết thi đua": the narrative review report the meeting reads, figures on top.

The figures come first, beside those of the period before and of the same period a year earlier (or "no
figures yet" where the book holds none), then a summary per department, the citizens' satisfaction (for a ward
that keeps it: ``review_citizens``), the first and last five of the ranking, the lists proposed for
commendation, reminder and discipline consideration, and the narrative sections (results, strengths,
shortcomings, directions). Each section starts from text the program writes from the figures
(``generated_sections``) and is printed as the head edited it, when edited. The ranking follows as an
appendix, portrait like the report (the landscape ranking report has every block column).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from ward_office.core.period import PeriodKind
from ward_office.core.review import ProposalList, Section
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_number, format_percent, period_label
from ward_office.reports.document import (
    ReportDocument,
    cell,
    data_table,
    document_title,
    head_signature,
    letterhead,
    paragraph,
    signature_row,
    signed_ending,
)
from ward_office.reports.ranking import DEFAULT_RECIPIENTS
from ward_office.reports.review_citizens import citizens_section
from ward_office.reports.review_data import PeriodFigures, ReviewPapers
from ward_office.scoring.explained import score_label
from ward_office.scoring.results import StaffResult
from ward_office.scoring.titles import ELIGIBLE_NOTE, title_lists

TITLE = N_("REPORT")
SIZE = 10
NO_FIGURES = N_("no figures yet")
LIST_HEADINGS = {
    ProposalList.COMMENDATION: N_("Proposed for commendation"),
    ProposalList.REMINDER: N_("Proposed for a reminder"),
    ProposalList.DISCIPLINE: N_("Proposed for discipline consideration"),
}


def review_summary(papers: ReviewPapers) -> str:
    """The trích yếu: "Sơ kết 6 tháng đầu năm 2026 thực hiện kế hoạch thi đua văn hóa công sở"."""
    period = papers.ranking.period
    year = period.start.year
    if period.kind is PeriodKind.HALF_YEAR:
        text = (_("Review of the first six months of {year} of the emulation plan for office culture")
                if period.start.month == 1 else
                _("Review of the last six months of {year} of the emulation plan for office culture"))
        return text.format(year=year)
    if period.kind is PeriodKind.YEAR:
        return _("Review of the year {year} of the emulation plan for office culture").format(year=year)
    return _("Results of the emulation plan for office culture, {period}").format(period=period_label(period))


def _score(value: Fraction | None) -> str:
    return _(NO_FIGURES) if value is None else format_number(value, 2, fixed=True)


def _rate(value: Fraction | None) -> str:
    return _(NO_FIGURES) if value is None else format_percent(value, 1)


# ---- The text the program writes ----


def _main_block(figures: PeriodFigures) -> tuple[str, int] | None:
    return max(figures.violations_by_block, key=lambda pair: pair[1], default=None)


def _comparison_sentence(papers: ReviewPapers) -> str:
    for comparison in papers.comparisons:
        if comparison.figures is None:
            continue
        before, now = comparison.figures.violations, papers.figures.violations
        label = period_label(comparison.period)
        if now < before:
            return _("Compared with {period}, violations fell by {count}.").format(period=label, count=before - now)
        if now > before:
            return _("Compared with {period}, violations rose by {count}.").format(period=label, count=now - before)
        return _("Violations were as many as in {period}.").format(period=label)
    return ""


def generated_sections(papers: ReviewPapers) -> dict[Section, str]:
    """What the program proposes for each editable text, from the figures."""
    figures, ranking = papers.figures, papers.ranking
    grades = figures.grade_counts
    sentences = [_("In the period {count} cadres, civil servants, public employees and workers were scored; "
                   "the average score was {score} and the attendance rate {rate}.").format(
                       count=figures.headcount, score=_score(figures.average_score),
                       rate=_rate(figures.attendance_rate)),
                 _("{violations} violations and {commendations} commendations were recorded; {rounds} check rounds "
                   "were held.").format(violations=figures.violations, commendations=figures.commendations,
                                        rounds=figures.check_rounds)]
    block = _main_block(figures)
    if block is not None:
        sentences.append(_("Most violations concerned the block of criteria “{block}” ({count}).").format(
            block=block[0], count=block[1]))
    comparison = _comparison_sentence(papers)
    if comparison:
        sentences.append(comparison)
    best = grades[0] if grades else ("", 0)
    lists = papers.lists
    strengths = _("Most cadres, civil servants, public employees and workers kept the working hours and the rules "
                  "of conduct at the office; {count} people were graded “{grade}”.").format(
                      count=best[1], grade=best[0])
    weaknesses = _("Violations remain ({count} in the period){block}; {reminder} people are proposed for a reminder "
                   "and {discipline} for discipline consideration.").format(
                       count=figures.violations,
                       block=_(", mostly in “{block}”").format(block=block[0]) if block else "",
                       reminder=len(lists[ProposalList.REMINDER]), discipline=len(lists[ProposalList.DISCIPLINE]))
    directions = "\n".join((
        _("1. Keep up the emulation movement for office culture; publish the results of each month."),
        _("2. Check working hours, badges and attire regularly and without notice; remind those who break the "
          "rules at once."),
        _("3. Heads of departments answer for the discipline of their staff; commend good examples in time."),
    ))
    bases = "\n".join((
        _("Pursuant to the Law on Emulation and Commendation of 15 June 2022;"),
        _("Pursuant to Decree 98/2023/ND-CP of 31 December 2023 detailing the Law on Emulation and "
          "Commendation;"),
        _("Pursuant to “{plan}” of the ward People's Committee;").format(plan=ranking.plan.name),
        _("At the proposal of the ward Emulation and Commendation Council."),
    ))
    return {Section.RESULTS: " ".join(sentences), Section.STRENGTHS: strengths, Section.WEAKNESSES: weaknesses,
            Section.DIRECTIONS: directions, Section.BASES: bases,
            Section.AWARD: _("Certificate of merit of the Chairman of the ward People's Committee")}


def section_text(papers: ReviewPapers, section: Section) -> str:
    """The section as the head edited it, else as the program writes it."""
    edited = papers.notes.sections.get(section)
    return edited if edited is not None and edited.strip() else generated_sections(papers)[section]


def text_paragraphs(value: str, *, indent: bool = True) -> Iterator[Flowable]:
    for line in value.splitlines():
        if line.strip():
            yield paragraph(line.strip(), first_line_indent=10 * mm if indent else 0)


# ---- Tables ----


def _header(label: str) -> Flowable:
    return cell(label, size=SIZE, align="centre", bold=True)


def figures_table(papers: ReviewPapers, width: float) -> Flowable:
    """Each figure of the period beside those of the periods compared."""
    columns = [papers.figures, *(comparison.figures for comparison in papers.comparisons)]
    labels = [period_label(papers.ranking.period),
              *(period_label(comparison.period) for comparison in papers.comparisons)]
    rows: list[list[object]] = [[_header(_("Figure")), *(_header(label) for label in labels)]]

    def row(label: str, value: object) -> None:
        rows.append([cell(label, size=SIZE), *(_(NO_FIGURES) if figures is None else value(figures)  # type: ignore[operator]
                                               for figures in columns)])

    row(_("People scored"), lambda figures: str(figures.headcount))
    row(_("Average score"), lambda figures: _score(figures.average_score))
    row(_("Attendance rate"), lambda figures: _rate(figures.attendance_rate))
    row(_("Violations"), lambda figures: str(figures.violations))
    row(_("Commendations recorded"), lambda figures: str(figures.commendations))
    row(_("Check rounds held"), lambda figures: str(figures.check_rounds))
    for index, (grade, _count) in enumerate(papers.figures.grade_counts):
        row(_("Graded “{grade}”").format(grade=grade),
            lambda figures, index=index: (str(figures.grade_counts[index][1])
                                          if index < len(figures.grade_counts) else ""))
    first = 70 * mm
    other = (width - first) / max(len(columns), 1)
    return data_table(rows, [first, *[other] * len(columns)], size=SIZE, align={i: "right" for i in range(1, 4)})


def departments_table(papers: ReviewPapers, width: float) -> Flowable:
    grades = [name for name, _count in papers.figures.grade_counts]
    fixed = [42 * mm, 15 * mm, 17 * mm, 17 * mm]
    grade_width = (width - sum(fixed)) / max(len(grades), 1)
    rows: list[list[object]] = [[_header(_("Department")), _header(_("People")), _header(_("Average score")),
                                 _header(_("Violations")), *(cell(name, size=9, align="centre", bold=True)
                                                             for name in grades)]]
    for summary in papers.departments:
        rows.append([cell(summary.name or _("No department"), size=SIZE), str(summary.people),
                     _score(summary.average_score), str(summary.violations),
                     *(str(count) for count in summary.grade_counts)])
    return data_table(rows, [*fixed, *[grade_width] * len(grades)], size=SIZE,
                      align={column: "right" for column in range(1, 4 + len(grades))})


def people_table(papers: ReviewPapers, people: Sequence[StaffResult], width: float, *,
                 last_header: str = "", last: object = None) -> Flowable:
    """No., name, position, department, score, and the grade (or ``last(result)`` under ``last_header``)."""
    departments = papers.scored.departments
    widths = [10 * mm, 38 * mm, 0.0, 36 * mm, 13 * mm, 45 * mm]
    widths[2] = width - sum(widths)
    rows: list[list[object]] = [[_header(_("No.")), _header(_("Full name")), _header(_("Position")),
                                 _header(_("Department")), _header(_("Score")), _header(last_header or _("Grade"))]]
    for number, result in enumerate(people, start=1):
        department_id = result.staff.department_id
        department = departments.get(department_id, "") if department_id is not None else ""
        final = last(result) if callable(last) else result.grade_name
        rows.append([str(number), cell(result.staff.full_name, size=SIZE), cell(result.staff.position, size=SIZE),
                     cell(department, size=SIZE), format_number(result.score, 2, fixed=True),
                     cell(str(final), size=SIZE)])
    return data_table(rows, widths, size=SIZE, align={0: "centre", 4: "right"})


def reason(result: StaffResult) -> str:
    """Why someone is on the reminder or discipline list: the grade, and absences without leave."""
    if result.unexcused_absences:
        return _("{grade}; absent without leave: {count} sessions").format(grade=result.grade.name,
                                                                           count=result.unexcused_absences)
    return result.grade.name


# ---- The report ----


def write_review(out: str | Path | BinaryIO, papers: ReviewPapers, *, day: date) -> int:
    document = ReportDocument(out, title=_(TITLE), author=papers.scored.unit.name, subject=review_summary(papers))
    return document.build(review_story(papers, day, document.width))


def _heading(value: str) -> Flowable:
    return paragraph(value, bold=True, align="left", space_after=4, keep_with_next=True)


def review_story(papers: ReviewPapers, day: date, width: float) -> Iterator[Flowable]:
    unit, ranking, figures = papers.scored.unit, papers.ranking, papers.figures
    yield letterhead(unit, day, symbol="BC-UBND")
    yield from document_title(_(TITLE), review_summary(papers), lines=[score_label(ranking.plan)], status=papers.status)
    yield paragraph(_("Carrying out “{plan}”, the ward People's Committee reports the results for {period} as "
                      "follows:").format(plan=ranking.plan.name, period=period_label(ranking.period)),
                    first_line_indent=10 * mm)
    yield _heading(_("I. RESULTS"))
    yield _heading(_("1. Figures"))
    yield figures_table(papers, width)
    if figures.violations_by_block:
        yield paragraph(_("Violations by block of criteria: {blocks}.").format(blocks="; ".join(
            f"{name}: {count}" for name, count in figures.violations_by_block)), size=12, space_after=4)
    yield from text_paragraphs(section_text(papers, Section.RESULTS))
    yield _heading(_("2. By department"))
    yield departments_table(papers, width)
    number = 3
    if papers.citizens is not None:
        yield from citizens_section(papers.citizens, width, number)
        number += 1
    count = min(5, len(ranking.results))
    if count:
        yield _heading(_("{number}. Highest and lowest scores").format(number=number))
        yield paragraph(_("The {count} highest scores:").format(count=count), space_after=3, keep_with_next=True)
        yield people_table(papers, ranking.results[:count], width)
        yield paragraph(_("The {count} lowest scores:").format(count=count), space_after=3, keep_with_next=True)
        yield people_table(papers, ranking.results[-count:][::-1], width)
    yield _heading(_("{number}. Proposals").format(number=number + 1))
    for number, kind in enumerate(ProposalList, start=1):
        people = papers.lists[kind]
        label = _(LIST_HEADINGS[kind])
        yield _list_heading(number, label, len(people))
        if not people:
            continue
        yield people_table(papers, people, width, last_header=_("Reason") if kind is not ProposalList.COMMENDATION
                           else "", last=reason if kind is not ProposalList.COMMENDATION else None)
    yield from title_proposals(papers, width, len(ProposalList))
    yield _heading(_("II. OVERALL ASSESSMENT"))
    yield _heading(_("1. Strengths"))
    yield from text_paragraphs(section_text(papers, Section.STRENGTHS))
    yield _heading(_("2. Shortcomings"))
    yield from text_paragraphs(section_text(papers, Section.WEAKNESSES))
    directions = [_heading(_("III. DIRECTIONS AND TASKS")),
                  *text_paragraphs(section_text(papers, Section.DIRECTIONS), indent=False)]
    yield from directions[:-1]
    yield signed_ending(directions[-1], [signature_row([head_signature(unit)],
                                                       recipients_list=[_(line) for line in DEFAULT_RECIPIENTS])])
    yield from appendix(papers, width)


def _list_heading(number: int, label: str, count: int) -> Flowable:
    """“a) label: nobody.”, or “a) label: 3 people.” kept with the table of them that follows."""
    letter = chr(ord("a") + number - 1)
    if not count:
        return paragraph(_("{number}) {label}: nobody.").format(number=letter, label=label))
    return paragraph(_("{number}) {label}: {count} people.").format(number=letter, label=label, count=count),
                     space_after=3, keep_with_next=True)


def title_proposals(papers: ReviewPapers, width: float, listed: int) -> Iterator[Flowable]:
    """For a year: who is eligible to be proposed for each emulation title of the plan, after the ``listed``
    proposal lists; the emulation council decides."""
    for number, (title, people) in enumerate(title_lists(papers.ranking), start=listed + 1):
        label = _("Eligible to be proposed for the emulation title “{title}”").format(title=title.name)
        if title.reason:
            label += f" ({title.reason})"
        yield _list_heading(number, label, len(people))
        if not people:
            continue
        yield people_table(papers, people, width)
    if title_lists(papers.ranking):
        yield paragraph(_(ELIGIBLE_NOTE) + ".", italic=True, size=12)


def appendix(papers: ReviewPapers, width: float) -> Iterator[Flowable]:
    """PHỤ LỤC: everyone's score and grade, in rank order."""
    ranking = papers.ranking
    yield PageBreak()
    yield paragraph(_("APPENDIX"), bold=True, align="centre", space_after=2)
    yield paragraph(_("Summary of emulation results, {period}").format(period=period_label(ranking.period)),
                    bold=True, align="centre", space_after=2)
    yield paragraph(_("(Attached to the report)"), italic=True, align="centre")
    yield people_table(papers, ranking.results, width)
