"""Golden test of the citizen's voice: a month of a counter device's export imported through a column mapping (a
shape unlike the template's), paper survey tallies, praise and complaints verified, rejected or left pending, then
March 2026 scored under ``citizens_book.PLAN`` and checked against points worked out by hand.

The plan (block HL): a month's rate counts from 10 ratings (device and tallies together); under 90 % is HL1 −2,
under 80 % is HL2 −5 (only the band furthest out), 98 % or more is HL3 +1; the rate rule applies to the one-stop
counter's department and to the civil-status officer's position. Each verified praise HL4 +2, each verified
complaint HL5 −3, for everyone. Grades: A ≥ 100, B ≥ 95, C ≥ 90.

By hand, March 2026 (satisfied = rất hài lòng + hài lòng):
- An (one-stop): device 30 + 8 + 2 = 40, 38/40 = 95 % → no band; one verified praise +2 → 102, A.
- Bình (one-stop): device 10 + 6 + 4 = 20 (16 satisfied) and a tally 0 + 1 + 4 = 5 (1 satisfied): 17/25 = 68 %
  → under 80: HL2 −5 (not also HL1); a verified complaint −3; a rejected complaint 0; her rating of 1 April is
  not March's → 100 − 5 − 3 = 92, C.
- Chi (civil status, office department: subject by position): device 5 very satisfied, under the minimum of 10
  alone; with her tally 5 + 1 + 0 it is 11/11 = 100 % → HL3 +1 → 101, A.
- Dũng (specialist, office: not subject to the rate rule): 10 "không hài lòng" cost nothing; a verified complaint
  −3 (the complaint rule applies to everyone) → 97, B.
- Em (one-stop): 6 + 5 + 1 = 12, 11/12 = 91,7 % → no band; a praise still pending counts nothing → 100, A.
Ranks: An 1, Chi 2, Em 3, Dũng 4, Bình 5.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from citizens_book import CLERK, HEAD, open_ward

from ward_office.core.access import AccessDeniedError
from ward_office.core.change_log import ChangeEntity
from ward_office.core.citizens import FeedbackChannel, FeedbackKind, RatingCounts, RatingLevel, Verification
from ward_office.core.errors import InputFileError
from ward_office.core.period import month
from ward_office.core.staff import StaffId
from ward_office.importers.ratings_mapping import RatingMapping
from ward_office.scoring.results import ItemSource, Ranking
from ward_office.services.change_log import Lookup, describe
from ward_office.services.citizens import (
    enter_tally,
    feedback_list,
    import_ratings,
    inspect_rating_file,
    rate_by_month,
    receive_feedback,
    satisfaction_overview,
    verify_feedback,
    ward_months,
)
from ward_office.services.ward import Ward

TODAY = date(2026, 4, 10)
# The device's export: title rows, semicolons, its own headers, the date and time apart, the person by name (with or
# without accents), words in any case and with or without accents.
HEADER = "STT;Ngày đánh giá;Giờ;Cán bộ tiếp nhận;Quầy số;Số hồ sơ;Kết quả"
MAPPING = RatingMapping(name="", level="Kết quả", staff="Cán bộ tiếp nhận", date="Ngày đánh giá", time="Giờ",
                        counter="Quầy số", dossier="Số hồ sơ")
WORDS = {RatingLevel.VERY_SATISFIED: ("Rất hài lòng", "RAT HAI LONG"), RatingLevel.SATISFIED: ("Hài lòng", "hai long"),
         RatingLevel.NOT_SATISFIED: ("Không hài lòng", "khong hai long")}
# name as the device writes it, counter, (very satisfied, satisfied, not satisfied) in March
MARCH = (("Lê Văn An", "1", (30, 8, 2)), ("TRAN THI BINH", "2", (10, 6, 4)), ("Phạm Thị Chi", "3", (5, 0, 0)),
         ("Hoàng Văn Dũng", "3", (0, 0, 10)), ("Ngô Thị Em", "1", (6, 5, 1)), ("Nguyễn Văn Khách", "4", (1, 1, 0)))


def device_export(folder: Path) -> Path:
    rows = ["UBND PHƯỜNG AN BÌNH;;;;;;", "KẾT QUẢ ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG THÁNG 03/2026;;;;;;", HEADER]
    number = 0
    for name, counter, counts in MARCH:
        for level, count in zip(RatingLevel, counts, strict=True):
            for index in range(count):
                number += 1
                day, minute = 2 + number % 26, number % 50
                rows.append(f"{number};{day:02}/03/2026;08:{minute:02};{name};{counter};H26-{number:04};"
                            f"{WORDS[level][index % 2]}")
    rows.append(f"{number + 1};01/04/2026;09:00;Trần Thị Bình;2;H26-9999;Không hài lòng")  # April's, not March's
    file = folder / "xuat-may-danh-gia.csv"
    file.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8-sig", newline="")
    return file


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Ward, dict[str, StaffId], Path]]:
    folder = tmp_path_factory.mktemp("citizens")
    ward, ids = open_ward(folder / "ward.db")
    with ward:
        yield ward, ids, device_export(folder)


def record_march(ward: Ward, ids: dict[str, StaffId], export: Path, *, save_mapping_as: str = "") -> int:
    """March 2026 as the golden ward records it: the device export imported through ``MAPPING``, two paper survey
    tallies, praise and complaints verified, rejected or left pending. Returns how many ratings were added."""
    first = import_ratings(ward, export, mapping=MAPPING, save_mapping_as=save_mapping_as)
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
    other = receive_feedback(ward, FeedbackKind.COMPLAINT, date(2026, 3, 25), FeedbackChannel.PORTAL, ids["CB004"],
                             "Hẹn lại nhiều lần", today=TODAY)
    verify_feedback(ward, other.id or 0, True, today=TODAY)
    receive_feedback(ward, FeedbackKind.PRAISE, date(2026, 3, 30), FeedbackChannel.IN_PERSON, ids["CB005"],
                     "Nhiệt tình", today=TODAY)  # pending: counts nothing
    return first.added


@pytest.fixture(scope="module")
def scored(book: tuple[Ward, dict[str, StaffId], Path]) -> Ranking:
    ward, ids, export = book
    added = record_march(ward, ids, export, save_mapping_as="Máy đánh giá quầy")
    assert added == 40 + 20 + 5 + 10 + 12 + 1
    return ward.score(month(2026, 3), TODAY).ranking


def test_the_device_export_imports_through_a_mapping_and_again_adds_nothing(
        book: tuple[Ward, dict[str, StaffId], Path], scored: Ranking) -> None:
    ward, ids, export = book
    again = import_ratings(ward, export, "Máy đánh giá quầy")  # the mapping remembered by name
    assert again.added == 0 and not again.preview.new
    assert again.preview.already == 88
    assert [(rater.person, len(rater.lines)) for rater in again.preview.unknown] == [("Nguyễn Văn Khách", 2)]
    assert again.preview.unknown[0].lines == (91, 92)  # the file's own lines, title rows and header included
    stored = ward.store.citizens.rating_counts(date(2026, 3, 1), date(2026, 3, 31))
    assert stored[(ids["CB002"], date(2026, 3, 1))] == RatingCounts(10, 6, 4)
    assert stored[(ids["CB001"], date(2026, 3, 1))] == RatingCounts(30, 8, 2)


def test_hand_computed_points_and_ranks(scored: Ranking) -> None:
    by_code = {result.staff.code: result for result in scored.results}
    assert {code: by_code[code].score for code in by_code} == {
        "CB001": 102, "CB002": 92, "CB003": 101, "CB004": 97, "CB005": 100}
    assert [(result.staff.code, result.rank, result.grade.code) for result in scored.results] == [
        ("CB001", 1, "A"), ("CB003", 2, "A"), ("CB005", 3, "A"), ("CB004", 4, "B"), ("CB002", 5, "C")]
    items = {code: [(item.criterion_code, item.points, item.day) for item in result.items]
             for code, result in by_code.items()}
    assert items == {
        "CB001": [("HL4", 2, date(2026, 3, 9))],
        "CB002": [("HL5", -3, date(2026, 3, 12)), ("HL2", -5, date(2026, 3, 31))],
        "CB003": [("HL3", 1, date(2026, 3, 31))],
        "CB004": [("HL5", -3, date(2026, 3, 25))],
        "CB005": [],
    }
    assert all(item.source is ItemSource.SATISFACTION for result in scored.results for item in result.items)
    assert by_code["CB002"].block_totals["HL"] == Fraction(-8)


def test_the_scorecard_item_says_the_rate_and_the_count(book: tuple[Ward, dict[str, StaffId], Path], scored: Ranking,
                                                        vietnamese: None) -> None:
    ranking = book[0].score(month(2026, 3), TODAY).ranking  # the item's words are the language scored in
    binh = next(result for result in ranking.results if result.staff.code == "CB002")
    rate = next(item for item in binh.items if item.criterion_code == "HL2")
    assert rate.note == "Tỷ lệ hài lòng tháng 3/2026: 68% trên 25 lượt"
    complaint = next(item for item in binh.items if item.criterion_code == "HL5")
    assert complaint.note == "Phản ánh (hòm thư góp ý), đã xác minh: Trả hồ sơ trễ hẹn 3 ngày"
    assert complaint.recorded_by == HEAD.username


def test_the_overview_gives_each_person_and_department_by_month(book: tuple[Ward, dict[str, StaffId], Path],
                                                                scored: Ranking) -> None:
    ward, _ids, _export = book
    overview = satisfaction_overview(ward, date(2026, 3, 1), date(2026, 3, 31))
    people = {person.staff.code: person for person in overview.people}
    assert set(people) == {"CB001", "CB002", "CB003", "CB004", "CB005"}
    binh = people["CB002"].months[0]
    assert (binh.rated, binh.tallied, binh.rate, binh.counts) == (
        RatingCounts(10, 6, 4), RatingCounts(0, 1, 4), Fraction(17, 25), True)
    assert not people["CB004"].subject and people["CB003"].subject
    assert (people["CB001"].praise, people["CB002"].complaints) == (1, 1)  # verified only
    one_stop = next(department for department in overview.departments if department.department == "Bộ phận một cửa")
    assert one_stop.total == RatingCounts(46, 20, 11)  # An, Bình (with her tally) and Em
    assert overview.min_ratings == 10
    assert rate_by_month(overview) == {date(2026, 3, 1): RatingCounts(46 + 5 + 5, 20 + 1, 11 + 10)}  # + Chi, Dũng
    # Open: the pending praise, and every complaint or praise not answered yet.
    assert {(item.staff_id, item.verification) for item in overview.open_feedback} >= {
        (people["CB005"].staff.id, Verification.PENDING)}
    assert len(feedback_list(ward, open_only=True)) == 5


def test_a_departments_or_the_wards_month_under_the_minimum_does_not_count(
        book: tuple[Ward, dict[str, StaffId], Path], scored: Ranking) -> None:
    """April holds Bình's one rating: her department's April and the ward's have 1 rating, under the plan's 10,
    so their rate does not count (shown "–", left out of the chart), as her own April does not."""
    ward, _ids, _export = book
    overview = satisfaction_overview(ward, date(2026, 3, 1), date(2026, 4, 30))
    one_stop = next(department for department in overview.departments if department.department == "Bộ phận một cửa")
    assert [(found.month, found.total, found.counts) for found in one_stop.months] == [
        (date(2026, 3, 1), RatingCounts(46, 20, 11), True), (date(2026, 4, 1), RatingCounts(0, 0, 1), False)]
    office = next(department for department in overview.departments if department.department != "Bộ phận một cửa")
    assert [(found.month, found.total, found.counts) for found in office.months] == [
        (date(2026, 3, 1), RatingCounts(10, 1, 10), True)]  # Chi (with her tally) and Dũng
    assert [(found.month, found.total, found.counts) for found in ward_months(overview)] == [
        (date(2026, 3, 1), RatingCounts(56, 21, 21), True), (date(2026, 4, 1), RatingCounts(0, 0, 1), False)]
    binh = next(person for person in overview.people if person.staff.code == "CB002")
    assert [found.counts for found in binh.months] == [True, False]


def test_a_files_header_row_and_first_rows_for_the_mapping_step(book: tuple[Ward, dict[str, StaffId], Path],
                                                                 scored: Ranking, tmp_path: Path) -> None:
    """The device's export: the header under two title lines, the mapping saved by the first import remembered for
    it; the template's own columns need no mapping; a file with no header row is refused."""
    ward, _ids, export = book
    layout = inspect_rating_file(ward, export)
    assert layout.headers == tuple(HEADER.split(";"))
    assert len(layout.sample) == 5 and layout.sample[0][:2] == ("1", "03/03/2026")
    assert [mapping.name for mapping in layout.saved] == ["Máy đánh giá quầy"]
    assert layout.remembered is not None and layout.remembered.name == "Máy đánh giá quầy" and layout.needs_mapping
    template = tmp_path / "mau.csv"
    template.write_text("Thời gian,Mã cán bộ,Quầy,Mức độ hài lòng,Mã hồ sơ\n02/03/2026 08:00,CB001,1,3,H1\n",
                        encoding="utf-8")
    assert not inspect_rating_file(ward, template).needs_mapping
    numbers = tmp_path / "so.csv"
    numbers.write_text("1,2,3\n4,5,6\n", encoding="utf-8")
    with pytest.raises(InputFileError):
        inspect_rating_file(ward, numbers)


def test_only_the_head_verifies(book: tuple[Ward, dict[str, StaffId], Path], scored: Ranking) -> None:
    ward, ids, _export = book
    pending = next(item for item in feedback_list(ward) if item.verification is Verification.PENDING)
    ward.account = CLERK
    try:
        with pytest.raises(AccessDeniedError):
            verify_feedback(ward, pending.id or 0, True, today=TODAY)
        # the clerk records a praise or complaint as received
        receive_feedback(ward, FeedbackKind.PRAISE, date(2026, 4, 2), FeedbackChannel.PHONE, ids["CB001"],
                         "Cảm ơn", today=TODAY)
    finally:
        ward.account = HEAD


def test_the_change_log_tells_each_step_in_words(book: tuple[Ward, dict[str, StaffId], Path], scored: Ranking,
                                                 vietnamese: None) -> None:
    ward, _ids, _export = book
    lookup = Lookup.of(ward)
    said = [describe(change, lookup) for kind in (ChangeEntity.SATISFACTION_RATING, ChangeEntity.SURVEY_TALLY,
                                                  ChangeEntity.CITIZEN_FEEDBACK)
            for change in ward.store.change_log.changes(kind)]
    assert said[0] == "Nhập 88 lượt đánh giá hài lòng từ tệp xuat-may-danh-gia.csv, từ 02/03/2026 đến 01/04/2026"
    assert said[1] == ("Ghi số phiếu khảo sát của Trần Thị Bình, tháng 3/2026: 0 rất hài lòng, 1 hài lòng, "
                       "4 không hài lòng")
    assert "Tiếp nhận phản ánh về Trần Thị Bình ngày 12/03/2026: Trả hồ sơ trễ hẹn 3 ngày" in said
    assert "Xác minh phản ánh về Trần Thị Bình ngày 20/03/2026: không đúng sự việc" in said
