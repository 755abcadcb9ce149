"""The four render functions fit ``printing.Render`` and write whole PDFs through ``printing.write_report``."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pypdf
import pytest

from ward_office import i18n
from ward_office.core.errors import WardOfficeError
from ward_office.core.period import parse_period
from ward_office.services import printing
from ward_office.services.demo import build_demo
from ward_office.services.report_renders import RENDERS, check_rounds
from ward_office.services.ward import Ward, in_own_ward

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    previous = i18n.current_language()
    i18n.set_language("vi")
    path = tmp_path_factory.mktemp("renders") / "ward.db"
    build_demo(path, staff=30, months=12, seed=2026, until=TODAY)
    yield path
    i18n.set_language(previous)


def test_the_renders_cover_the_missing_kinds_with_the_render_signature() -> None:
    assert set(RENDERS) == {"timesheet", "check", "minutes", "charts"}
    assert all(printing.REPORTS[name].render is render for name, render in RENDERS.items())
    reference = list(inspect.signature(printing._render_ranking).parameters)
    for render in RENDERS.values():
        assert list(inspect.signature(render).parameters) == reference


@pytest.mark.parametrize(("kind", "period", "options", "pages", "expected"), [
    ("timesheet", "2026-11", {}, 5, "BẢNG CHẤM CÔNG"),  # a sheet per department: 4 sheets, 5 pages
    ("check", "2026-11", {}, 1, "Kiểm tra việc thực hiện văn hóa công sở"),  # the month's only round
    ("check", "2026", {"check_id": "34"}, 1, "ngày 18 tháng 11 năm 2026"),  # as typed on the command line
    ("minutes", "2026-H1", {}, 2, "Họp bình xét thi đua sơ kết 6 tháng đầu năm 2026"),
    ("charts", "2026", {}, 2, "BIỂU ĐỒ THEO DÕI VĂN HÓA CÔNG SỞ"),
])
def test_write_report_writes_each_kind(demo: Path, tmp_path: Path, kind: str, period: str,
                                       options: dict[str, object], pages: int, expected: str) -> None:
    out = tmp_path / f"{kind}.pdf"
    summary = in_own_ward(demo, lambda ward: printing.write_report(
        ward, kind, period, out, today=TODAY, **options), read_only=True)
    reader = pypdf.PdfReader(out)
    assert summary.pages == len(reader.pages) == pages
    assert expected in " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert [path.name for path in tmp_path.iterdir()] == [out.name]  # no temporary file left


def test_a_refused_report_writes_nothing(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "timesheet.pdf"
    with pytest.raises(WardOfficeError):
        in_own_ward(demo, lambda ward: printing.write_report(
            ward, "timesheet", "2026-Q3", out, today=TODAY), read_only=True)
    with pytest.raises(WardOfficeError):
        in_own_ward(demo, lambda ward: printing.write_report(
            ward, "check", "2026", out, today=TODAY), read_only=True)  # many rounds: which one?
    with pytest.raises(WardOfficeError):
        in_own_ward(demo, lambda ward: printing.write_report(
            ward, "check", "2026", out, today=TODAY, check_id="999"), read_only=True)
    assert list(tmp_path.iterdir()) == []


def test_reading_ward_reads_the_store_it_wraps(demo: Path) -> None:
    with Ward.open(demo, read_only=True) as ward:
        store = ward.store
        ward = ward
        assert ward.path == demo
        assert len(ward.staff()) == 30 and ward.unit().place_name == "Phường Tân An"
        assert [check.id for check in check_rounds(ward, parse_period("2026-11"))] == [
            check.id for check in store.checks.list(date(2026, 11, 1), date(2026, 11, 30))]
