"""Rating exports read through a ``RatingMapping``: the shipped template without any mapping, numbers on a scale,
the ward's own words, counters standing for people, bad rows named with their line and column in Vietnamese."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from ward_office.core.citizens import RatingLevel
from ward_office.core.errors import ClockMappingError, InputFileError
from ward_office.importers.ratings import read_ratings
from ward_office.importers.ratings_mapping import RatingMapping
from ward_office.paths import resources_dir

VERY, CONTENT, NOT = RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED, RatingLevel.NOT_SATISFIED


def test_the_shipped_template_reads_without_a_mapping() -> None:
    read = read_ratings(resources_dir() / "templates" / "danh-gia-hai-long.xlsx")
    assert [(line.line, line.person, line.at, line.level, line.counter, line.dossier) for line in read.lines] == [
        (2, "CB001", datetime(2026, 3, 2, 8, 15), VERY, "1", "000.00.00.H00-260302-0001")]
    assert read.problems == ()


def test_a_portal_workbook_with_numbers_on_five_and_the_day_alone(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Mã hồ sơ", "Ngày đánh giá", "Mã CC", "Điểm đánh giá"])
    for number, (stars, day) in enumerate([(5, 3), (4, 3), (3, 4), (1, 5), (2, 5)], start=1):
        sheet.append([f"HS{number}", datetime(2026, 3, day), "0007", stars])
    file = tmp_path / "cong-dvc.xlsx"
    workbook.save(file)
    mapping = RatingMapping("Cổng DVC", level="Điểm đánh giá", staff="Mã CC", datetime="Ngày đánh giá",
                            dossier="Mã hồ sơ", scale="1-5")
    read = read_ratings(file, mapping)
    assert [(line.person, line.at.day, line.level, line.dossier) for line in read.lines] == [
        ("0007", 3, VERY, "HS1"), ("0007", 3, CONTENT, "HS2"), ("0007", 4, NOT, "HS3"), ("0007", 5, NOT, "HS4"),
        ("0007", 5, NOT, "HS5")]


def test_the_wards_own_words_and_counters_standing_for_people(tmp_path: Path) -> None:
    file = tmp_path / "quay.csv"
    file.write_text("Thoi gian,Quay,Danh gia\n02/03/2026 08:00,Quầy 1,Tốt\n02/03/2026 08:05,QUAY 2,Binh thuong\n"
                    "02/03/2026 08:07,Quầy 2,hai long\n", encoding="utf-8")
    mapping = RatingMapping("Quầy", level="Danh gia", datetime="Thoi gian", counter="Quay",
                            values=(("Tốt", VERY), ("Bình thường", NOT)),
                            counters=(("Quầy 1", "CB001"), ("Quầy 2", "CB002")))
    assert RatingMapping.from_dict(mapping.to_dict()) == mapping
    read = read_ratings(file, mapping)
    assert [(line.person, line.counter, line.level) for line in read.lines] == [
        ("CB001", "Quầy 1", VERY), ("CB002", "QUAY 2", NOT), ("CB002", "Quầy 2", CONTENT)]


def test_bad_rows_are_named_with_their_line_and_column(tmp_path: Path, vietnamese: None) -> None:
    file = tmp_path / "xau.csv"
    file.write_text("Thời gian;Mã cán bộ;Quầy;Mã hồ sơ;Mức độ hài lòng\n"
                    "02/03/2026 08:00;CB001;1;;Rất hài lòng\n"
                    "31/02/2026 08:00;CB001;1;;Hài lòng\n"
                    "02/03/2026 08:10;CB001;1;;Tạm được\n"
                    "02/03/2026 08:20;;1;;Hài lòng\n", encoding="utf-8")
    read = read_ratings(file)
    assert len(read.lines) == 1
    assert [(problem.line, problem.field) for problem in read.problems] == [
        (3, "Thời gian"), (4, "Mức độ hài lòng"), (5, "Mã cán bộ")]
    error = InputFileError(read.file, list(read.problems))
    text = error.localized()
    assert "dòng 4, cột “Mức độ hài lòng”: “Tạm được” không phải mức đánh giá" in text
    assert "dòng 5, cột “Mã cán bộ”: thiếu cán bộ tiếp nhận" in text


def test_a_file_lacking_a_mapped_column_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "thieu.csv"
    file.write_text("Thời gian;Mã cán bộ\n02/03/2026 08:00;CB001\n", encoding="utf-8")
    with pytest.raises(InputFileError) as error:
        read_ratings(file)
    assert {problem.field for problem in error.value.problems} >= {"Mức độ hài lòng"}


def test_a_mapping_without_what_a_rating_needs_is_refused() -> None:
    with pytest.raises(ClockMappingError):
        RatingMapping("x", level="", staff="Mã", datetime="Ngày")
    with pytest.raises(ClockMappingError):
        RatingMapping("x", level="Kết quả", datetime="Ngày")  # no person, no counters
    with pytest.raises(ClockMappingError):
        RatingMapping.from_dict({"name": "máy", "clock_id": "Mã"})  # a clock's mapping
