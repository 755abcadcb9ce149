"""The record of a check round lists exactly that round's violations, with the engine's points."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

import pypdf
import pytest

from ward_office import i18n
from ward_office.core.checks import Check, CheckId, CheckKind, Event
from ward_office.core.errors import WardOfficeError
from ward_office.core.period import month, parse_period
from ward_office.i18n.formatting import format_number
from ward_office.scoring.results import ItemSource
from ward_office.services.demo import build_demo
from ward_office.services.ranking import score_stored_period
from ward_office.services.report_renders import check_record, check_rounds, render_check_record
from ward_office.services.ward import Ward

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    previous = i18n.current_language()
    i18n.set_language("vi")
    path = tmp_path_factory.mktemp("check_record") / "ward.db"
    build_demo(path, staff=30, months=12, seed=2026, until=TODAY)
    with Ward.open(path) as ward:  # a round still under way today, with one violation
        store = ward.store
        started = store.checks.start(Check(datetime(2026, 11, 20, 14, 15), CheckKind.ATTIRE, "Tổ kiểm tra công vụ",
                                           "Bộ phận Một cửa"), "Kiểm thử")
        assert started.id is not None
        store.checks.add_violation(started.id, Event(store.staff.list()[4].id, TODAY, "TP02", "Áo không phù hợp"),
                                   "Kiểm thử")
    yield path
    i18n.set_language(previous)


def render(path: Path, period: str, **options: object) -> tuple[pypdf.PdfReader, int, bytes]:
    out = BytesIO()
    with Ward.open(path, read_only=True) as ward:
        pages = render_check_record(ward, parse_period(period), out, TODAY, options)
    return pypdf.PdfReader(BytesIO(out.getvalue())), pages, out.getvalue()


def flat(text: str) -> str:
    return " ".join(text.split())


def whole(reader: pypdf.PdfReader) -> str:
    return flat("\n".join(page.extract_text() for page in reader.pages))


def busiest(path: Path) -> Check:
    """The round of 2026 (the demo plan's first year) with the most violations."""
    with Ward.open(path, read_only=True) as ward:
        store = ward.store
        return max(store.checks.list(date(2026, 1, 1)),
                   key=lambda check: (len(store.events.for_check(check.id)), -check.id))


def test_the_busiest_round_lists_exactly_its_violations(demo: Path) -> None:
    check = busiest(demo)
    assert check.id is not None
    reader, pages, data = render(demo, "2026", check_id=check.id)
    assert pages == len(reader.pages) in (1, 2)
    text = whole(reader)
    with Ward.open(demo, read_only=True) as ward:
        store = ward.store
        events = store.events.for_check(check.id)
        names = {person.id: person.full_name for person in store.staff.list()}
        departments = {department.id: department.name for department in store.departments.list()}
        staff = {person.id: person for person in store.staff.list()}
        ranking = score_stored_period(store, month(check.day.year, check.day.month), TODAY).ranking
        _record, plan = store.plans.in_effect(check.day)
    raw = {item.record_id: item.raw_points for result in ranking.results for item in result.items
           if item.source is ItemSource.CHECK}
    assert len(events) >= 3
    for number, event in enumerate(events, start=1):
        person = staff[event.staff_id]
        criterion = plan.criteria[event.criterion_code]
        row = flat(f"{number} {names[event.staff_id]} {departments[person.department_id]} "
                   f"{event.criterion_code} — {criterion.name} {format_number(-raw[event.id])}")
        assert raw[event.id] < 0 and row in text  # "Điểm trừ 2": what is taken off, without a minus
    assert f"- Số trường hợp vi phạm: {len(events)}, cụ thể như sau:" in text
    total = sum(raw[event.id] for event in events)
    assert f"Cộng {format_number(-total)}" in text
    assert "Điểm trừ" in text and "Người vi phạm (ký, ghi rõ họ tên)" in text  # the people cited sign
    assert "(Số liệu tạm tính đến ngày 20/11/2026)" in text
    numbered = text.split("Ghi chú", 1)[1].split("Cộng", 1)[0]
    assert f" {len(events) + 1} " not in f" {numbered} "  # no row beyond the round's violations
    for expected in ("Số: ……/BB-UBND", "BIÊN BẢN", "Kiểm tra việc thực hiện văn hóa công sở",
                     f"Địa điểm: {check.location}.", f"Thành phần đoàn kiểm tra: {check.checker}.",
                     "ĐẠI DIỆN ĐOÀN KIỂM TRA", "NGƯỜI LẬP BIÊN BẢN", "cùng ngày"):
        assert expected in text
    day = check.day
    assert f"ngày {day.day:02d} tháng {day.month if day.month > 2 else f'{day.month:02d}'} năm {day.year}" in text
    assert b"/FontFile2" in data and b"LiberationSerif" in data


def test_seen_of_working_and_finish_time(demo: Path) -> None:
    check = busiest(demo)
    assert check.id is not None and check.finished_at is not None
    with Ward.open(demo, read_only=True) as ward:
        record = check_record(ward, check.id, TODAY)
    assert record.seen == len(check.seen)
    assert record.seen <= record.working <= 30
    text = whole(render(demo, "2026", check_id=check.id)[0])
    assert f"Số người được kiểm tra: {record.seen}/{record.working} cán bộ, công chức" in text
    finished = check.finished_at
    assert f"Biên bản kết thúc lúc {finished.hour:02d} giờ {finished.minute:02d} phút cùng ngày." in text


def test_a_round_without_violations_says_so(demo: Path) -> None:
    with Ward.open(demo, read_only=True) as ward:
        store = ward.store
        empty = next(check for check in store.checks.list() if not store.events.for_check(check.id))
    text = whole(render(demo, "2026", check_id=empty.id)[0])
    assert "Không phát hiện trường hợp vi phạm." in text
    assert "Điểm trừ" not in text


def test_an_open_round_leaves_the_closing_time_blank(demo: Path) -> None:
    with Ward.open(demo, read_only=True) as ward:
        rounds = check_rounds(ward, parse_period("2026-11-20..2026-11-20"))
    assert len(rounds) == 1 and rounds[0].is_open
    text = whole(render(demo, "2026-11-20..2026-11-20")[0])  # the only round of the period needs no check_id
    assert "bắt đầu lúc 14 giờ 15 phút, ngày 20 tháng 11 năm 2026." in text
    assert "kết thúc lúc 14" not in text
    assert "Biên bản kết thúc lúc …… giờ …… phút cùng ngày." in text
    assert "TP02 —" in text and "Áo không phù hợp" in text
    assert "Kiểm tra trang phục" in text or "trang phục" in text.lower()


def test_check_rounds_are_those_begun_in_the_period(demo: Path) -> None:
    with Ward.open(demo, read_only=True) as ward:
        store = ward.store
        november = check_rounds(ward, parse_period("2026-11"))
        every = store.checks.list()
    assert [check.id for check in november] == [check.id for check in every
                                                if date(2026, 11, 1) <= check.day <= date(2026, 11, 30)]
    assert len(november) == 2


def test_choosing_a_round_is_required_when_several_were_held(demo: Path) -> None:
    with pytest.raises(WardOfficeError) as raised:
        render(demo, "2026-11")
    assert "Hãy chọn đợt kiểm tra cần in: trong kỳ có 2 đợt kiểm tra" == raised.value.localized()
    with pytest.raises(WardOfficeError):
        render(demo, "2026-11", check_id="abc")
    with pytest.raises(WardOfficeError):
        render(demo, "2026-11", check_id=CheckId(9999))


def test_a_round_before_any_plan_prints_its_violations_without_points(demo: Path) -> None:
    with Ward.open(demo, read_only=True) as ward:
        store = ward.store
        early = next(check for check in store.checks.list(end=date(2025, 12, 31)) if store.events.for_check(check.id))
        events = store.events.for_check(early.id)
    text = whole(render(demo, "2025-12", check_id=early.id)[0])
    for event in events:
        assert f"{event.criterion_code} —" in text
    assert f"- Số trường hợp vi phạm: {len(events)}, cụ thể như sau:" in text
