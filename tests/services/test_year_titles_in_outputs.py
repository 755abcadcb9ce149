"""A demo ward under a plan with a ceiling counted over the year and two emulation titles: the service passes the
months before the period to the engine, and every output of a year shows the titles as proposals."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ward_office.core.checks import Event
from ward_office.core.period import half_year, month, whole_year
from ward_office.paths import plans_dir
from ward_office.services.demo import build_demo
from ward_office.services.export import export
from ward_office.services.presentation import ranking_rows, ranking_table, ranking_to_json
from ward_office.services.printing import write_report
from ward_office.services.ward import Ward, in_own_ward

TODAY = date(2026, 12, 20)
EXTRA = """
[[ceilings]]
criterion = "KL04"
min_count = 1
per = "year"
max_grade = "D"
reason = "Bị xử lý kỷ luật trong năm"

[[titles]]
code = "LĐTT"
name = "Lao động tiên tiến"
min_grade = "B"

[[titles]]
code = "CSTĐCS"
name = "Chiến sĩ thi đua cơ sở"
min_grade = "A"
requires = ["LĐTT"]
reason = "còn cần sáng kiến được công nhận"
"""
HEADER = "Danh hiệu thi đua đủ điều kiện đề nghị"

pytestmark = pytest.mark.usefixtures("vietnamese")


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The demo ward, the plan with the year ceiling and titles from 1 January, and the first person disciplined
    on 10 February; returns the book and that person's code."""
    path = tmp_path_factory.mktemp("titles") / "demo.db"
    build_demo(path, staff=12, months=12, seed=2026, until=TODAY)
    text = (plans_dir() / "van-hoa-cong-so.toml").read_text(encoding="utf-8")
    with Ward.open(path) as ward:
        ward.store.plans.adopt(text.replace("version = 1", "version = 2", 1) + EXTRA, ward.actor)
        person = ward.store.staff.list()[0]
        assert person.id is not None
        ward.store.events.add(Event(person.id, date(2026, 2, 10), "KL04", "Khiển trách"), ward.actor)
    return path, person.code


def test_a_discipline_in_february_grades_november_lowest(book: tuple[Path, str]) -> None:
    path, code = book
    with Ward.open(path, read_only=True) as ward:
        ranking = ward.score(month(2026, 11), TODAY).ranking
    result = next(result for result in ranking.results if result.staff.code == code)
    assert all(item.criterion_code != "KL04" for item in result.items)  # nothing of February is in November
    # November alone scores 98 for this person (A); February's discipline makes it D.
    assert (result.score, result.grade_by_score.code, result.grade.code) == (98, "A", "D")
    assert [change.localized() for change in result.changes] == [
        "Bị xử lý kỷ luật trong năm (1 lần từ đầu năm): xếp loại Chưa đạt thay vì "
        "Xuất sắc"]
    others = [other for other in ranking.results if other.staff.code != code]
    assert all(change.ceiling is None or change.ceiling.reason != "Bị xử lý kỷ luật trong năm"
               for other in others for change in other.changes)


def expected_titles(grade: str) -> list[str]:
    return {"A": ["LĐTT", "CSTĐCS"], "B": ["LĐTT"]}.get(grade, [])


def test_the_year_exports_list_the_titles_as_proposals(book: tuple[Path, str], tmp_path: Path) -> None:
    path, code = book
    with Ward.open(path, read_only=True) as ward:
        scored = ward.score(whole_year(2026), TODAY)
        half = ward.score(half_year(2026, 2), TODAY)
    people = ranking_to_json(scored)["people"]
    assert {person["staff_code"]: person["eligible_titles"] for person in people} == {
        person["staff_code"]: expected_titles(person["grade"]) for person in people}
    assert next(person for person in people if person["staff_code"] == code)["eligible_titles"] == []
    assert any(person["eligible_titles"] == ["LĐTT", "CSTĐCS"] for person in people)
    assert ranking_to_json(scored)["titles_note"].startswith("Đây là danh sách đủ điều kiện đề nghị")
    assert [title["code"] for title in ranking_to_json(scored)["plan"]["titles"]] == ["LĐTT", "CSTĐCS"]
    rows = ranking_rows(scored)
    assert rows[0][-1] == HEADER
    assert [row[-1] for row in rows[1:]] == [
        "; ".join({"LĐTT": "Lao động tiên tiến", "CSTĐCS": "Chiến sĩ thi đua cơ sở"}[title]
                  for title in expected_titles(person["grade"])) for person in people]
    # A half-year proposes no title: no column, and empty lists in JSON.
    assert HEADER not in ranking_rows(half)[0]
    assert all(person["eligible_titles"] == [] for person in ranking_to_json(half)["people"])
    assert ranking_to_json(half)["titles_note"] is None
    assert ("Danh hiệu thi đua đủ điều kiện đề nghị: “Lao động tiên tiến” (xếp loại “Tốt” trở "
            "lên): ") in ranking_table(scored) and HEADER not in ranking_table(half)
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    assert "Lao động tiên tiến" in text.getvalue()

    out = tmp_path / "xep-loai.xlsx"
    in_own_ward(path, lambda ward: export(ward, "ranking", "2026", out, today=TODAY), read_only=True)
    cells = [cell for row in load_workbook(out).active.iter_rows(values_only=True) for cell in row
             if isinstance(cell, str)]
    assert HEADER in cells
    assert any(cell.startswith(HEADER + ": “Lao động tiên tiến” (xếp loại “Tốt” trở lên): ")
               and "Hội đồng Thi đua - Khen thưởng xét và quyết định" in cell for cell in cells)


def pdf_text(path: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                                   text=True).stdout.split())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_the_year_ranking_and_review_report_print_the_titles(book: tuple[Path, str], tmp_path: Path) -> None:
    path, _code = book
    with Ward.open(path, read_only=True) as ward:
        results = ward.score(whole_year(2026), TODAY).ranking.results
    eligible = sum(1 for result in results if expected_titles(result.grade.code))
    best = sum(1 for result in results if result.grade.code == "A")
    for kind in ("ranking", "review"):
        in_own_ward(path, lambda ward, kind=kind: write_report(ward, kind, "2026", tmp_path / f"{kind}.pdf",
                                                               today=TODAY), read_only=True)
    ranking = pdf_text(tmp_path / "ranking.pdf")
    assert (f"Danh hiệu thi đua đủ điều kiện đề nghị (Hội đồng Thi đua - Khen thưởng xét và quyết định): LĐTT — "
            f"“Lao động tiên tiến” (xếp loại “Tốt” trở lên): {eligible} người; CSTĐCS") in ranking
    review = pdf_text(tmp_path / "review.pdf")
    assert f"Đủ điều kiện đề nghị danh hiệu thi đua “Lao động tiên tiến”: {eligible} người." in review
    assert best > 0 and (f"Đủ điều kiện đề nghị danh hiệu thi đua “Chiến sĩ thi đua cơ sở” (còn cần sáng kiến "
                         f"được công nhận): {best} người.") in review
    for text in (ranking, review):
        assert "được tặng" not in text and "đạt danh hiệu" not in text
    in_own_ward(path, lambda ward: write_report(ward, "review", "2026-H2", tmp_path / "h2.pdf", today=TODAY),
                read_only=True)
    assert "Đủ điều kiện đề nghị danh hiệu" not in pdf_text(tmp_path / "h2.pdf")
