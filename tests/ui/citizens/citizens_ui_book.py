"""The five-person ward of the citizen's voice golden test (tests/services/citizens_book.py), filled the same way:
March 2026's device export imported, two paper survey tallies, and praise and complaints verified, rejected or left
pending, so the page shows what the golden test worked out by hand."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "services"))

from citizens_book import CLERK, HEAD, open_ward
from test_citizens_golden import MAPPING, device_export

from ward_office.core.citizens import FeedbackChannel, FeedbackKind, RatingCounts
from ward_office.core.staff import StaffId
from ward_office.services.citizens import (
    enter_tally,
    import_ratings,
    receive_feedback,
    verify_feedback,
)

TODAY = date(2026, 4, 10)
__all__ = ["CLERK", "HEAD", "TODAY", "build_book"]


def build_book(path: Path) -> dict[str, StaffId]:
    """The golden ward at ``path``, closed; the five people's ids by code."""
    ward, ids = open_ward(path)
    with ward:
        import_ratings(ward, device_export(path.parent), mapping=MAPPING)
        enter_tally(ward, ids["CB002"], date(2026, 3, 1), RatingCounts(0, 1, 4), "Phiếu khảo sát giấy")
        enter_tally(ward, ids["CB003"], date(2026, 3, 1), RatingCounts(5, 1, 0))
        praise = receive_feedback(ward, FeedbackKind.PRAISE, date(2026, 3, 9), FeedbackChannel.LETTER, ids["CB001"],
                                  "Hướng dẫn tận tình thủ tục khai sinh", "Bà Lý Thị Hoa", today=TODAY)
        verify_feedback(ward, praise.id or 0, True, "Đã gọi điện xác nhận", today=TODAY)
        complaint = receive_feedback(ward, FeedbackKind.COMPLAINT, date(2026, 3, 12), FeedbackChannel.SUGGESTION_BOX,
                                     ids["CB002"], "Trả hồ sơ trễ hẹn 3 ngày", today=TODAY)
        verify_feedback(ward, complaint.id or 0, True, "Đúng: hồ sơ trễ hẹn", today=TODAY)
        wrong = receive_feedback(ward, FeedbackKind.COMPLAINT, date(2026, 3, 20), FeedbackChannel.PHONE, ids["CB002"],
                                 "Thái độ không đúng mực", today=TODAY)
        verify_feedback(ward, wrong.id or 0, False, "Camera cho thấy không đúng sự việc", today=TODAY)
        other = receive_feedback(ward, FeedbackKind.COMPLAINT, date(2026, 3, 25), FeedbackChannel.PORTAL,
                                 ids["CB004"], "Hẹn lại nhiều lần", today=TODAY)
        verify_feedback(ward, other.id or 0, True, today=TODAY)
        receive_feedback(ward, FeedbackKind.PRAISE, date(2026, 3, 30), FeedbackChannel.IN_PERSON, ids["CB005"],
                         "Nhiệt tình", today=TODAY)
    return ids
