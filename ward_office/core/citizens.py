"""The citizen's voice: satisfaction ratings given at the one-stop counter (bộ phận một cửa) or on the public
service portal, paper survey tallies, and citizens' praise and complaints (khen, phản ánh) with their life
from received to verified and answered.

Nothing about the citizen is kept beyond what the head chooses to write: a name is optional, and a rating is
who served, when, and how satisfied the citizen said they were.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from fractions import Fraction

from ward_office.core.staff import DepartmentId, StaffId
from ward_office.i18n import N_


class RatingLevel(StrEnum):
    """The three buttons of a counter's rating device."""

    VERY_SATISFIED = "very_satisfied"  # rất hài lòng
    SATISFIED = "satisfied"  # hài lòng
    NOT_SATISFIED = "not_satisfied"  # không hài lòng


RATING_LEVEL_LABELS = {
    RatingLevel.VERY_SATISFIED: N_("very satisfied"),
    RatingLevel.SATISFIED: N_("satisfied"),
    RatingLevel.NOT_SATISFIED: N_("not satisfied"),
}


@dataclass(frozen=True, slots=True)
class Rating:
    """One rating a citizen gave after being served: by a device at the counter or on the portal."""

    staff_id: StaffId
    at: datetime  # to the second; a portal export giving only the date has 00:00:00
    level: RatingLevel
    counter: str = ""  # the counter (quầy) or device, as the export names it
    dossier: str = ""  # the dossier code (mã hồ sơ), when the export gives one
    source: str = ""  # the file it was imported from
    id: int | None = None

    @property
    def day(self) -> date:
        return self.at.date()


@dataclass(frozen=True, slots=True)
class RatingCounts:
    """How many ratings of each level; the satisfaction rate counts the very satisfied and the satisfied."""

    very_satisfied: int = 0
    satisfied: int = 0
    not_satisfied: int = 0

    @property
    def total(self) -> int:
        return self.very_satisfied + self.satisfied + self.not_satisfied

    @property
    def content(self) -> int:
        """The ratings that count as satisfied: "rất hài lòng" and "hài lòng"."""
        return self.very_satisfied + self.satisfied

    @property
    def rate(self) -> Fraction | None:
        """The share of satisfied ratings, exactly; None without any rating."""
        return Fraction(self.content, self.total) if self.total else None

    def __add__(self, other: RatingCounts) -> RatingCounts:
        return RatingCounts(self.very_satisfied + other.very_satisfied, self.satisfied + other.satisfied,
                            self.not_satisfied + other.not_satisfied)


@dataclass(frozen=True, slots=True)
class SurveyTally:
    """A paper survey's counts for one person and month, tallied by hand and entered as a whole."""

    staff_id: StaffId
    month: date  # the first day of the month
    counts: RatingCounts
    note: str = ""
    entered_by: str = ""
    entered_at: datetime | None = None


class FeedbackKind(StrEnum):
    PRAISE = "praise"  # khen
    COMPLAINT = "complaint"  # phản ánh, kiến nghị


class FeedbackChannel(StrEnum):
    """How the praise or complaint reached the office."""

    IN_PERSON = "in_person"  # trực tiếp
    LETTER = "letter"  # thư, đơn
    PHONE = "phone"  # điện thoại, đường dây nóng
    SUGGESTION_BOX = "suggestion_box"  # hòm thư góp ý
    PORTAL = "portal"  # cổng dịch vụ công, trang điện tử
    OTHER = "other"


class Verification(StrEnum):
    PENDING = "pending"  # received, not looked into yet
    VERIFIED = "verified"  # the head found it true: it may carry points
    REJECTED = "rejected"  # the head found it not true, or not about this person


FEEDBACK_KIND_LABELS = {FeedbackKind.PRAISE: N_("praise"), FeedbackKind.COMPLAINT: N_("complaint")}
FEEDBACK_CHANNEL_LABELS = {
    FeedbackChannel.IN_PERSON: N_("in person"),
    FeedbackChannel.LETTER: N_("letter"),
    FeedbackChannel.PHONE: N_("phone"),
    FeedbackChannel.SUGGESTION_BOX: N_("suggestion box"),
    FeedbackChannel.PORTAL: N_("public service portal"),
    FeedbackChannel.OTHER: N_("other"),
}
VERIFICATION_LABELS = {
    Verification.PENDING: N_("awaiting verification"),
    Verification.VERIFIED: N_("verified"),
    Verification.REJECTED: N_("not verified"),
}


@dataclass(frozen=True, slots=True)
class CitizenFeedback:
    """A citizen's praise or complaint about a person, from received to verified (or not) and answered."""

    kind: FeedbackKind
    received_on: date
    channel: FeedbackChannel
    staff_id: StaffId
    summary: str  # what was said, in the head's words
    citizen_name: str = ""  # only if the head chooses to keep it
    verification: Verification = Verification.PENDING
    verification_note: str = ""
    verified_by: str = ""
    verified_on: date | None = None
    answered_on: date | None = None
    answer: str = ""  # what the office answered, briefly
    recorded_by: str = ""
    id: int | None = None

    @property
    def counts(self) -> bool:
        """Only a verified praise or complaint may carry points."""
        return self.verification is Verification.VERIFIED

    @property
    def open(self) -> bool:
        """Awaiting verification or an answer."""
        return self.verification is Verification.PENDING or self.answered_on is None


@dataclass(frozen=True, slots=True)
class SatisfactionFacts:
    """What scoring needs of the citizen's voice in a period: each person's rating counts per month (ratings
    in the period plus the month's survey tallies) and the verified praise and complaints received in it."""

    monthly: Mapping[tuple[StaffId, date], RatingCounts] = field(default_factory=dict)  # (person, 1st of month)
    feedback: tuple[CitizenFeedback, ...] = ()
    departments: Mapping[DepartmentId, str] = field(default_factory=dict)  # names, for rules on departments
