"""The citizen's voice in the score: satisfaction ratings imported from a counter device or the public service
portal (``ratings``), paper survey tallies and citizens' praise and complaints (``feedback``), and the numbers a
page or a report shows of them (``figures``). Scoring them is the plan's (``[[satisfaction_rules]]``,
``scoring.satisfaction``); every use case here takes the open ``Ward`` and checks who may do it.
"""

from __future__ import annotations

from ward_office.services.citizens.feedback import (
    CitizenFeedbackError,
    answer_feedback,
    enter_tally,
    feedback_list,
    receive_feedback,
    tallies,
    verify_feedback,
)
from ward_office.services.citizens.figures import (
    DepartmentSatisfaction,
    MonthRate,
    PersonSatisfaction,
    SatisfactionOverview,
    rate_by_month,
    satisfaction_overview,
    ward_months,
)
from ward_office.services.citizens.ratings import (
    RatingFileLayout,
    RatingImportSummary,
    RatingPreview,
    UnknownRater,
    import_ratings,
    inspect_rating_file,
    preview_rating_import,
    rating_mapping,
    rating_mapping_names,
    save_rating_mapping,
)

__all__ = [
    "CitizenFeedbackError", "DepartmentSatisfaction", "MonthRate", "PersonSatisfaction", "RatingFileLayout",
    "RatingImportSummary",
    "RatingPreview", "SatisfactionOverview", "UnknownRater", "answer_feedback", "enter_tally", "feedback_list",
    "import_ratings", "inspect_rating_file", "preview_rating_import", "rate_by_month", "rating_mapping",
    "rating_mapping_names",
    "receive_feedback", "satisfaction_overview", "save_rating_mapping", "tallies", "verify_feedback",
    "ward_months",
]
