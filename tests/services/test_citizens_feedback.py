"""The life of a citizen's praise or complaint and the rating import's refusals, through the services: what is
refused says why in Vietnamese, and nothing is written."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from citizens_book import CLERK, HEAD, open_ward

from ward_office.core.citizens import FeedbackChannel, FeedbackKind, RatingCounts, RatingLevel, Verification
from ward_office.core.errors import InputFileError
from ward_office.core.staff import StaffId
from ward_office.importers.ratings_mapping import RatingMapping
from ward_office.services.citizens import (
    CitizenFeedbackError,
    answer_feedback,
    enter_tally,
    import_ratings,
    preview_rating_import,
    rating_mapping,
    rating_mapping_names,
    receive_feedback,
    save_rating_mapping,
    tallies,
    verify_feedback,
)
from ward_office.services.clock_import import clock_mapping_names
from ward_office.services.ward import Ward

TODAY = date(2026, 4, 10)


@pytest.fixture
def book(tmp_path: Path) -> Iterator[tuple[Ward, dict[str, StaffId]]]:
    ward, ids = open_ward(tmp_path / "ward.db")
    with ward:
        yield ward, ids


def test_a_complaint_from_received_to_answered(book: tuple[Ward, dict[str, StaffId]], vietnamese: None) -> None:
    ward, ids = book
    with pytest.raises(CitizenFeedbackError) as future:
        receive_feedback(ward, FeedbackKind.COMPLAINT, date(2026, 4, 11), FeedbackChannel.PHONE, ids["CB001"], "x",
                         today=TODAY)
    assert future.value.localized() == "Ngày tiếp nhận không được sau hôm nay"
    with pytest.raises(CitizenFeedbackError) as empty:
        receive_feedback(ward, FeedbackKind.COMPLAINT, date(2026, 4, 1), FeedbackChannel.PHONE, ids["CB001"], "  ",
                         today=TODAY)
    assert empty.value.localized() == "Hãy ghi nội dung người dân phản ánh hoặc khen"
    item = receive_feedback(ward, FeedbackKind.COMPLAINT, date(2026, 4, 1), FeedbackChannel.PHONE, ids["CB001"],
                            "Hướng dẫn sai thủ tục", today=TODAY)
    assert (item.verification, item.citizen_name, item.open) == (Verification.PENDING, "", True)
    with pytest.raises(CitizenFeedbackError) as no_reason:
        verify_feedback(ward, item.id or 0, False, today=TODAY)
    assert no_reason.value.localized() == "Ghi rõ lý do lời khen hay phản ánh không được xác minh"
    rejected = verify_feedback(ward, item.id or 0, False, "Người dân nhầm cán bộ", today=TODAY)
    assert (rejected.verification, rejected.verified_by, rejected.verified_on) == (
        Verification.REJECTED, HEAD.username, TODAY)
    with pytest.raises(CitizenFeedbackError):
        answer_feedback(ward, item.id or 0, date(2026, 3, 31), today=TODAY)  # before it was received
    answered = answer_feedback(ward, item.id or 0, date(2026, 4, 3), "Đã giải thích qua điện thoại", today=TODAY)
    assert (answered.answered_on, answered.open, answered.counts) == (date(2026, 4, 3), False, False)


def test_tallies_replace_and_clear(book: tuple[Ward, dict[str, StaffId]]) -> None:
    ward, ids = book
    assert enter_tally(ward, ids["CB002"], date(2026, 3, 15), RatingCounts(3, 1, 0))
    assert not enter_tally(ward, ids["CB002"], date(2026, 3, 1), RatingCounts(3, 1, 0))  # the same again
    assert enter_tally(ward, ids["CB002"], date(2026, 3, 1), RatingCounts(3, 2, 0))
    assert [tally.counts for tally in tallies(ward, date(2026, 3, 9))] == [RatingCounts(3, 2, 0)]
    assert enter_tally(ward, ids["CB002"], date(2026, 3, 1), RatingCounts())
    assert tallies(ward, date(2026, 3, 1)) == []
    ward.account = CLERK  # the clerk enters tallies too
    assert enter_tally(ward, ids["CB002"], date(2026, 3, 1), RatingCounts(1, 0, 0))


def test_a_file_with_a_bad_row_is_refused_whole(book: tuple[Ward, dict[str, StaffId]], tmp_path: Path,
                                                vietnamese: None) -> None:
    ward, _ids = book
    file = tmp_path / "may.csv"
    file.write_text("Giờ đánh giá,Người phục vụ,Đánh giá\n2026-03-02 08:00,CB001,5\n2026-03-02 08:05,CB002,7\n",
                    encoding="utf-8")
    mapping = RatingMapping("", level="Đánh giá", staff="Người phục vụ", datetime="Giờ đánh giá", scale="1-5",
                            values=(("7", RatingLevel.VERY_SATISFIED),))
    assert len(preview_rating_import(ward, file, mapping=mapping).new) == 2  # the ward's own "7"
    strict = RatingMapping("", level="Đánh giá", staff="Người phục vụ", datetime="Giờ đánh giá", scale="1-5")
    with pytest.raises(InputFileError) as refused:
        import_ratings(ward, file, mapping=strict)
    assert "dòng 3, cột “Đánh giá”: “7” không phải mức đánh giá" in refused.value.localized()
    assert ward.store.citizens.ratings(date(2026, 3, 1), date(2026, 3, 31)) == []


def test_a_mapping_is_remembered_apart_from_the_clocks(book: tuple[Ward, dict[str, StaffId]]) -> None:
    ward, _ids = book
    mapping = RatingMapping("", level="Kết quả", staff="Cán bộ", date="Ngày", scale="1-3")
    save_rating_mapping(ward, "Cổng dịch vụ công", mapping)
    assert rating_mapping_names(ward) == ["Cổng dịch vụ công"]
    assert clock_mapping_names(ward) == []
    assert rating_mapping(ward, "Cổng dịch vụ công").level == "Kết quả"
