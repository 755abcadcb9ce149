"""Scoring a review period against an emulation plan: pure Python, no storage and no screen."""

from ward_office.scoring.engine import score_period
from ward_office.scoring.results import (
    GradeChange,
    GradeChangeKind,
    ItemSource,
    Ranking,
    ScoredPeriod,
    ScoreItem,
    ScoringInput,
    StaffResult,
    SubPeriodScore,
)

__all__ = [
    "GradeChange",
    "GradeChangeKind",
    "ItemSource",
    "Ranking",
    "ScoreItem",
    "ScoredPeriod",
    "ScoringInput",
    "StaffResult",
    "SubPeriodScore",
    "score_period",
]
