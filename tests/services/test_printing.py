"""Reports as use cases and as the ``report`` command: the PDF appears whole or not at all."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pypdf
import pytest

from ward_office import i18n
from ward_office.cli import main
from ward_office.core import file_replace
from ward_office.core.errors import WardOfficeError
from ward_office.core.period import parse_period
from ward_office.i18n.formatting import format_number
from ward_office.services import printing
from ward_office.services.demo import build_demo
from ward_office.services.ranking import score_stored_period
from ward_office.services.ward import Ward, in_own_ward

TODAY = date(2026, 11, 20)


pytestmark = pytest.mark.usefixtures("vietnamese")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    previous = i18n.current_language()
    i18n.set_language("vi")
    path = tmp_path_factory.mktemp("printing") / "ward.db"
    build_demo(path, staff=12, months=6, seed=11, until=TODAY)
    i18n.set_language(previous)
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_write_ranking_and_scorecards(demo_db: Path, tmp_path: Path) -> None:
    summary = in_own_ward(demo_db, lambda ward: printing.write_report(
        ward, "ranking", "2026-Q3", tmp_path / "xep-loai.pdf", today=TODAY), read_only=True)
    assert summary.pages == len(pypdf.PdfReader(summary.path).pages) >= 1
    assert summary.localized() == f"Đã ghi {tmp_path / 'xep-loai.pdf'} ({summary.pages} trang)."
    cards = in_own_ward(demo_db, lambda ward: printing.write_report(
        ward, "scorecards", "2026-Q3", tmp_path / "phieu.pdf", today=TODAY), read_only=True)
    assert cards.pages >= 12
    assert leftovers(tmp_path) == ["phieu.pdf", "xep-loai.pdf"]
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(summary.path).pages)
    with Ward.open(demo_db, read_only=True) as ward:
        store = ward.store
        scored = score_stored_period(store, parse_period("2026-Q3"), TODAY)
    for result in scored.ranking.results:
        assert result.staff.full_name in text
        assert format_number(result.score, 2, fixed=True) in text.split()  # two decimals in every row


def test_bad_period_or_kind_writes_nothing(demo_db: Path, tmp_path: Path) -> None:
    with pytest.raises(WardOfficeError) as bad_period:
        in_own_ward(demo_db, lambda ward: printing.write_report(
            ward, "ranking", "2026-H3", tmp_path / "a.pdf", today=TODAY), read_only=True)
    assert "không phải kỳ đánh giá hợp lệ" in bad_period.value.localized()
    with pytest.raises(WardOfficeError) as unknown:
        in_own_ward(demo_db, lambda ward: printing.write_report(
            ward, "nonsense", "2026-H1", tmp_path / "a.pdf", today=TODAY), read_only=True)
    assert "Không có báo cáo “nonsense”" in unknown.value.localized()
    with pytest.raises(WardOfficeError) as no_db:
        in_own_ward(tmp_path / "none.db", lambda ward: printing.write_report(
            ward, "ranking", "2026-H1", tmp_path / "a.pdf", today=TODAY), read_only=True)
    assert "Không có tệp sổ" in no_db.value.localized()
    with pytest.raises(WardOfficeError) as no_folder:
        in_own_ward(demo_db, lambda ward: printing.write_report(
            ward, "ranking", "2026-H1", tmp_path / "missing" / "a.pdf", today=TODAY), read_only=True)
    assert "Không có thư mục" in no_folder.value.localized()
    assert leftovers(tmp_path) == []


def test_a_failing_report_leaves_the_old_file_alone(demo_db: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "report.pdf"
    out.write_bytes(b"the previous report")

    def half_then_fail(store: object, period: object, stream, today: date, options: object) -> int:
        stream.write(b"%PDF-1.4 half")
        raise WardOfficeError("The report broke")

    monkeypatch.setitem(printing.REPORTS, "ranking", printing.ReportKind("ranking", "x", half_then_fail))
    with pytest.raises(WardOfficeError):
        in_own_ward(demo_db, lambda ward: printing.write_report(
            ward, "ranking", "2026-H1", out, today=TODAY), read_only=True)
    assert out.read_bytes() == b"the previous report"
    assert leftovers(tmp_path) == ["report.pdf"]


def test_a_pdf_held_open_by_a_reader_is_told_and_left_alone(demo_db: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses to rename over a file a PDF reader shows; here os.replace refuses as it would there."""
    out = tmp_path / "xep-loai.pdf"
    out.write_bytes(b"the report being read")
    attempts: list[str] = []

    def refused(source: object, target: object) -> None:
        attempts.append(str(target))
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(file_replace.os, "replace", refused)
    monkeypatch.setattr(file_replace, "PAUSE_SECONDS", 0)
    with pytest.raises(WardOfficeError) as held:
        in_own_ward(demo_db, lambda ward: printing.write_report(
            ward, "ranking", "2026-Q3", out, today=TODAY), read_only=True)
    assert held.value.localized() == (f"Không ghi được tệp {out}: có thể tệp đang mở trong một chương trình "
                                      "đọc PDF. Hãy đóng tệp rồi thử lại.")
    assert len(attempts) == file_replace.ATTEMPTS  # tried again for a moment first
    assert out.read_bytes() == b"the report being read" and leftovers(tmp_path) == ["xep-loai.pdf"]


def test_every_cli_kind_is_in_the_table() -> None:
    assert list(printing.REPORTS) == ["ranking", "scorecards", "timesheet", "check", "minutes", "charts",
                                    "review", "proposal", "decision"]


def test_cli_report(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "xep-loai.pdf"
    assert main(["report", "ranking", "--db", str(demo_db), "--period", "2026-Q3", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("Đã ghi ")
    assert "BẢNG TỔNG HỢP KẾT QUẢ THI ĐUA" in pypdf.PdfReader(out).pages[0].extract_text()

    bad = tmp_path / "bad.pdf"
    assert main(["report", "scorecards", "--db", str(demo_db), "--period", "2026-13", "--out", str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("Lỗi: ")
    assert "không phải kỳ đánh giá hợp lệ" in captured.err
    assert main(["report", "timesheet", "--db", str(demo_db), "--period", "2026-Q3", "--out", str(bad)]) == 1
    assert capsys.readouterr().err.startswith("Lỗi: ")
    assert leftovers(tmp_path) == ["xep-loai.pdf"]

    with Ward.open(demo_db, read_only=True) as ward:
        store = ward.store
        round_ = store.checks.list(date(2026, 7, 1), date(2026, 9, 30))[0]
    record = tmp_path / "bien-ban.pdf"
    assert main(["report", "check", "--db", str(demo_db), "--period", "2026-Q3", "--check", str(round_.id),
                 "--out", str(record)]) == 0
    assert "BIÊN BẢN" in pypdf.PdfReader(record).pages[0].extract_text()


def test_a_period_before_the_first_plan_is_refused_with_a_vietnamese_date(demo_db: Path, tmp_path: Path) -> None:
    with pytest.raises(WardOfficeError) as refused:
        in_own_ward(demo_db, lambda ward: printing.write_report(
            ward, "ranking", "2020-H1", tmp_path / "a.pdf", today=TODAY), read_only=True)
    assert "30/06/2020" in refused.value.localized() and "2020-06-30" not in refused.value.localized()
    assert leftovers(tmp_path) == []


def test_reports_are_vietnamese_and_readable_by_others_whatever_the_language(demo_db: Path, tmp_path: Path) -> None:
    i18n.set_language("en")
    try:
        summary = in_own_ward(demo_db, lambda ward: printing.write_report(
            ward, "scorecards", "2026-Q3", tmp_path / "phieu-diem.pdf", today=TODAY), read_only=True)
        assert summary.localized().startswith("Wrote ")  # the message follows --lang
    finally:
        i18n.set_language("vi")
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(summary.path).pages)
    assert "Độc lập - Tự do - Hạnh phúc" in text and "Independence" not in text
    assert sys.platform == "win32" or summary.path.stat().st_mode & 0o777 == 0o644
