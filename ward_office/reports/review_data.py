"""The figures and decisions the review meeting's papers print, as plain data (no reportlab here).

``services.reviews.review_papers`` fills them from the book; ``review_report``, ``review_minutes`` and
``commendation`` lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from ward_office.core.citizens import RatingCounts
from ward_office.core.period import FiguresStatus, Period
from ward_office.core.review import ProposalList, ReviewNotes
from ward_office.scoring.results import Ranking, ScoredPeriod, StaffResult


@dataclass(frozen=True, slots=True)
class PeriodFigures:
    """The figures at the top of the review report, for one period."""

    period: Period
    headcount: int
    average_score: Fraction | None
    attendance_rate: Fraction | None  # the mean of the months' rates (as the charts report counts them)
    violations: int
    commendations: int  # biểu dương recorded
    check_rounds: int
    violations_by_block: tuple[tuple[str, int], ...]  # (block of criteria, occurrences), in plan order
    grade_counts: tuple[tuple[str, int], ...]  # (grade, people), best first


@dataclass(frozen=True, slots=True)
class Comparison:
    """A period to compare with; ``figures`` None when the book holds no record of it."""

    period: Period
    figures: PeriodFigures | None


@dataclass(frozen=True, slots=True)
class DepartmentSummary:
    name: str
    people: int
    average_score: Fraction | None
    violations: int
    grade_counts: tuple[int, ...]  # in the plan's grade order


@dataclass(frozen=True, slots=True)
class ReviewPapers:
    """What the review papers print, gathered once."""

    scored: ScoredPeriod
    status: FiguresStatus
    figures: PeriodFigures
    comparisons: tuple[Comparison, ...]  # the period before, then the same period a year earlier
    departments: tuple[DepartmentSummary, ...]
    lists: dict[ProposalList, tuple[StaffResult, ...]]
    notes: ReviewNotes
    today: date
    citizens: CitizenFigures | None = None  # None: the ward does not keep the citizen's voice

    @property
    def ranking(self) -> Ranking:
        return self.scored.ranking


@dataclass(frozen=True, slots=True)
class CitizenPeriodFigures:
    """The citizen's voice in one period: the ratings (device, portal and paper surveys together) and the praise
    and complaints received in it, with what became of them."""

    period: Period
    ratings: RatingCounts
    praise: int  # received
    complaints: int  # received
    verified: int  # found true by the head
    not_verified: int  # found not true
    answered: int
    still_open: int  # awaiting verification or an answer today

    @property
    def any(self) -> bool:
        return bool(self.ratings.total or self.praise or self.complaints)


@dataclass(frozen=True, slots=True)
class DepartmentRates:
    name: str
    ratings: RatingCounts
    previous: RatingCounts  # in the period before; no rating: total 0


@dataclass(frozen=True, slots=True)
class CitizenFigures:
    """The review report's section on citizens' satisfaction: this period beside the one before."""

    now: CitizenPeriodFigures
    previous: CitizenPeriodFigures
    departments: tuple[DepartmentRates, ...]
