"""``ward-office score`` shows a tie at the quota line and ``ward-office quota decide`` records the emulation
council's decision on it, run in-process against a real demo book."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ward_office.cli import main
from ward_office.core.period import month
from ward_office.services.demo import DEMO_PASSWORD
from ward_office.services.ranking import score_records
from ward_office.services.ward import Ward

UNTIL = "2026-11-23"
OCT = month(2026, 10)


@pytest.fixture
def demo_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("WARD_OFFICE_PASSWORD", DEMO_PASSWORD)
    monkeypatch.setenv("WARD_OFFICE_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "demo.db"
    assert main(["demo", "--db", str(path), "--staff", "20", "--months", "4", "--seed", "3", "--until", UNTIL]) == 0
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--lang", "vi", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_score_shows_the_tie_and_quota_decide_records_the_choice(demo_db: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    with Ward.open(demo_db, read_only=True) as ward:
        tie = score_records(ward.store, OCT, date(2026, 11, 23)).ranking.quota_tie
    assert tie is not None and tie.places < len(tie.tied)  # the demo's October: more at 100 than places
    code, out, _err = run(capsys, "score", "--db", str(demo_db), "--period", "2026-10")
    assert code == 0
    assert f"{tie.places} suất Xuất sắc cho {len(tie.tied)} người bằng 100 điểm — chờ Hội đồng " \
           "thi đua quyết định" in out
    assert "Người bằng điểm: " + tie.tied[0].code in out

    codes = [person.code for person in tie.tied]
    decide = ["quota", "decide", "--db", str(demo_db), "--period", "2026-10", "--grade", tie.grade.code,
              "--meeting", "2026-11-05", "--minute", "12/BB-HĐTĐ", "--reason", "Bỏ phiếu kín"]
    code, _out, err = run(capsys, *decide, "--choose", ",".join(codes[:tie.places + 1]), "--user", "truong")
    assert code == 1 and f"Đã chọn {tie.places + 1} người" in err
    code, _out, err = run(capsys, *decide, "--choose", codes[0], "--user", "vanthu")
    assert code == 1 and "Hội đồng thi đua" in err  # the clerk may not
    code, out, _err = run(capsys, *decide, "--choose", ",".join(codes[:tie.places]), "--user", "truong")
    assert code == 0 and "Hội đồng thi đua đã quyết định ngày 05/11/2026 (biên bản số 12/BB-HĐTĐ)" in out
    with Ward.open(demo_db, read_only=True) as ward:
        ranking = score_records(ward.store, OCT, date(2026, 11, 23)).ranking
    kept = [result.staff.code for result in ranking.results if result.grade.code == tie.grade.code]
    assert len(kept) == ranking.quota_limit and set(codes[:tie.places]) <= set(kept)
