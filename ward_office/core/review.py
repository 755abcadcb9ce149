"""What the head decides for a review meeting (họp bình xét thi đua), kept with the period.

The program proposes (lists from the ranking, text from the figures); the head edits, and what was edited
is printed as edited: the meeting's facts for the minutes, the narrative sections of the review report,
the legal bases and the award of the commendation papers, and the three lists of people. A value left
``None`` (a section, a list) means "not edited": the program's proposal stands.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from enum import StrEnum
from typing import Any


class ProposalList(StrEnum):
    COMMENDATION = "commendation"  # đề nghị khen thưởng
    REMINDER = "reminder"  # nhắc nhở
    DISCIPLINE = "discipline"  # xem xét kỷ luật


class Section(StrEnum):
    """The editable texts: the review report's sections, the commendation papers' legal bases and award."""

    RESULTS = "results"  # I. Kết quả thực hiện
    STRENGTHS = "strengths"  # II.1 Ưu điểm
    WEAKNESSES = "weaknesses"  # II.2 Hạn chế
    DIRECTIONS = "directions"  # III. Phương hướng, nhiệm vụ
    BASES = "bases"  # "Căn cứ …" lines of the submission and the decision, one a line
    AWARD = "award"  # the form of commendation proposed, e.g. "Giấy khen của Chủ tịch UBND phường"


@dataclass(frozen=True, slots=True)
class MeetingFacts:
    """What only the meeting knows; empty or None where not entered (the minutes print dotted blanks)."""

    day: date | None = None
    start_time: str = ""  # "08:00"
    end_time: str = ""
    place: str = ""
    chair: str = ""
    secretary: str = ""
    members_present: int | None = None
    members_names: str = ""
    absent: int | None = None
    absent_reason: str = ""
    votes_for: int | None = None
    votes_against: int | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["day"] = None if self.day is None else self.day.isoformat()
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> MeetingFacts:
        known = {item.name for item in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        if values.get("day"):
            values["day"] = date.fromisoformat(values["day"])
        return cls(**values)


@dataclass(frozen=True, slots=True)
class ReviewNotes:
    """The head's decisions for one period's review papers."""

    meeting: MeetingFacts = field(default_factory=MeetingFacts)
    sections: Mapping[Section, str] = field(default_factory=dict)  # only the edited ones
    lists: Mapping[ProposalList, tuple[int, ...]] = field(default_factory=dict)  # staff ids, only decided lists

    def to_json(self) -> dict[str, Any]:
        return {"meeting": self.meeting.to_json(),
                "sections": {str(key): value for key, value in sorted(self.sections.items())},
                "lists": {str(key): list(value) for key, value in sorted(self.lists.items())}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ReviewNotes:
        sections = {Section(key): str(value) for key, value in data.get("sections", {}).items()
                    if key in Section.__members__.values()}
        lists = {ProposalList(key): tuple(int(staff_id) for staff_id in value)
                 for key, value in data.get("lists", {}).items() if key in ProposalList.__members__.values()}
        return cls(MeetingFacts.from_json(data.get("meeting", {})), sections, lists)
