"""The review meeting's papers: the lists the software proposes, the head's edits kept with the period (head
only, on the change log, refused once locked), and the periods compared."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ward_office.core.access import AccessDeniedError, Account, Role
from ward_office.core.change_log import ChangeAction
from ward_office.core.errors import PeriodLockedError, WardOfficeError
from ward_office.core.period import half_year, parse_period, previous_period, whole_year
from ward_office.core.review import MeetingFacts, ProposalList, ReviewNotes, Section
from ward_office.services import reviews
from ward_office.services.demo import build_demo
from ward_office.services.period_locks import lock_period
from ward_office.services.ward import Ward

TODAY = date(2026, 11, 20)
H1 = half_year(2026, 1)
HEAD = Account(1, "truong", "Trần Quốc Hùng", Role.HEAD)
CLERK = Account(2, "vanthu", "Lê Thị Mai", Role.CLERK)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reviews") / "demo.db"
    build_demo(path, staff=15, months=18, seed=5, until=TODAY)
    return path


@pytest.fixture
def ward(template: Path, tmp_path: Path) -> Iterator[Ward]:
    copy = tmp_path / "ward.db"
    shutil.copyfile(template, copy)
    with Ward.open(copy, actor="truong") as opened:
        opened.account = HEAD
        yield opened


def test_periods_compared() -> None:
    assert previous_period(H1) == half_year(2025, 2)
    assert previous_period(half_year(2026, 2)) == H1
    assert previous_period(whole_year(2026)) == whole_year(2025)
    assert previous_period(parse_period("2026-01")) == parse_period("2025-12")
    assert reviews.same_period_last_year(H1) == half_year(2025, 1)
    assert reviews.same_period_last_year(whole_year(2026)) is None


def test_default_lists_follow_the_grades(ward: Ward) -> None:
    ranking = ward.score(H1, TODAY).ranking
    grades = [grade.code for grade in ranking.plan.grades]
    lists = reviews.default_lists(ranking)
    assert [r.staff.id for r in lists[ProposalList.COMMENDATION]] == [
        r.staff.id for r in ranking.results if r.grade.code == grades[0]]
    assert [r.staff.id for r in lists[ProposalList.DISCIPLINE]] == [
        r.staff.id for r in ranking.results if r.grade.code == grades[-1]]
    expected_reminder = [r.staff.id for r in ranking.results if r.grade.code not in (grades[0], grades[-1])
                         and (r.grade.code == grades[-2] or r.unexcused_absences > 0)]
    assert [r.staff.id for r in lists[ProposalList.REMINDER]] == expected_reminder


def test_the_head_decides_and_the_change_log_keeps_it(ward: Ward) -> None:
    ranking = ward.score(H1, TODAY).ranking
    last = ranking.results[-1]
    notes = ReviewNotes(MeetingFacts(day=date(2026, 7, 10), place="Hội trường UBND", members_present=7, votes_for=6,
                                     votes_against=1),
                        {Section.STRENGTHS: "Ưu điểm do Lãnh đạo viết."},
                        {ProposalList.REMINDER: (last.staff.id,)})
    reviews.save_review(ward, H1, notes, TODAY)
    papers = reviews.review_papers(ward, H1, TODAY)
    assert papers.notes == notes
    assert [r.staff.id for r in papers.lists[ProposalList.REMINDER]] == [last.staff.id]
    assert papers.lists[ProposalList.COMMENDATION] == reviews.default_lists(ranking)[ProposalList.COMMENDATION]
    entries = ward.store.change_log.list("period_review")
    assert [entry.action for entry in entries] == [ChangeAction.INSERT]
    assert entries[0].actor == "truong" and entries[0].detail["start_day"] == "2026-01-01"
    reviews.save_review(ward, H1, ReviewNotes(notes.meeting, {}, notes.lists), TODAY)
    update = ward.store.change_log.list("period_review")[-1]
    assert update.action is ChangeAction.UPDATE and update.detail["changed"] == ["sections"]
    assert update.detail["before"]["sections"] == {"strengths": "Ưu điểm do Lãnh đạo viết."}


def test_a_clerk_may_not_save(ward: Ward) -> None:
    ward.account = CLERK
    with pytest.raises(AccessDeniedError):
        reviews.save_review(ward, H1, ReviewNotes(MeetingFacts(place="x")), TODAY)
    assert ward.store.reviews.get(H1) is None


def test_a_locked_period_refuses_changes_even_by_the_store(ward: Ward) -> None:
    reviews.save_review(ward, H1, ReviewNotes(MeetingFacts(place="Phòng họp")), TODAY)
    lock_period(ward, H1, TODAY)
    with pytest.raises(WardOfficeError, match=r"khóa sổ|locked"):
        reviews.save_review(ward, H1, ReviewNotes(MeetingFacts(place="Khác")), TODAY)
    with pytest.raises(PeriodLockedError):
        ward.store.reviews.save(H1, ReviewNotes(MeetingFacts(place="Khác")), "truong")
    assert ward.store.reviews.get(H1).notes.meeting.place == "Phòng họp"


def test_comparisons_where_the_book_has_records(ward: Ward) -> None:
    papers = reviews.review_papers(ward, H1, TODAY)
    previous, last_year = papers.comparisons
    assert previous.period == half_year(2025, 2) and previous.figures is not None
    assert previous.figures.headcount == 15
    assert last_year.period == half_year(2025, 1) and last_year.figures is None  # the book begins in June 2025
    assert sum(count for _name, count in papers.figures.grade_counts) == papers.figures.headcount == 15
    assert sum(summary.people for summary in papers.departments) == 15
