"""``ward-office import-ratings`` and ``ward-office citizens``: a device export previewed then imported, again
adding nothing, people not on the staff list named with their lines; a complaint received, verified, answered."""

from __future__ import annotations

from pathlib import Path

import pytest
from citizens_book import open_ward

from ward_office.cli.app import main


def test_ratings_and_a_complaint_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ward, _ids = open_ward(tmp_path / "ward.db")
    ward.close()
    db = str(tmp_path / "ward.db")
    export = tmp_path / "danh-gia.csv"
    export.write_text("Thời gian;Mã cán bộ;Quầy;Mã hồ sơ;Mức độ hài lòng\n"
                      "02/03/2026 08:00;CB001;1;HS1;Rất hài lòng\n"
                      "02/03/2026 08:10;CB002;2;HS2;khong hai long\n"
                      "02/03/2026 08:20;CB099;2;HS3;2\n", encoding="utf-8")
    assert main(["--lang", "vi", "import-ratings", "--db", db, str(export), "--dry-run"]) == 0
    assert main(["--lang", "vi", "import-ratings", "--db", db, str(export)]) == 0
    assert main(["--lang", "vi", "import-ratings", "--db", db, str(export)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Chạy thử: sẽ thêm 2 lượt đánh giá mới")
    assert out[2].startswith("Đã thêm 2 lượt đánh giá mới")
    assert out[3] == "Không có trong danh sách cán bộ: “CB099”, 1 lượt đánh giá không được nhập (dòng 4)"
    assert out[4].startswith("Đã thêm 0 lượt đánh giá mới, 2 lượt đã có")

    assert main(["--lang", "vi", "citizens", "receive", "--db", db, "--kind", "complaint", "--staff", "CB002",
                 "--day", "2026-03-12", "--channel", "suggestion_box", "--text", "Trả hồ sơ trễ hẹn"]) == 0
    assert main(["--lang", "vi", "citizens", "verify", "--db", db, "1", "--true", "--note", "Đúng"]) == 0
    assert main(["--lang", "vi", "citizens", "answer", "--db", db, "1", "--day", "2026-03-20"]) == 0
    assert main(["--lang", "vi", "citizens", "tally", "--db", db, "--staff", "CB002", "--month", "3/2026",
                 "--counts", "0", "1", "4"]) == 0
    assert main(["--lang", "vi", "citizens", "list", "--db", db, "--open"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ("Số 1 — phản ánh, 12/03/2026, hòm thư góp ý, Trần Thị Bình: Trả hồ sơ trễ hẹn "
                      "[chờ xác minh; chưa trả lời]")
    assert out[2].endswith("[đã xác minh (Đúng); đã trả lời 20/03/2026]")
    assert out[3] == "Đã ghi số phiếu khảo sát"
    assert out[4:] == []  # verified and answered: no longer open
