"""Every plan in resources/plans passes ``ward-office plan check`` and is offered at first run, the default first."""

from __future__ import annotations

from pathlib import Path

import pytest

from ward_office.cli import main
from ward_office.paths import plans_dir
from ward_office.services.first_run import bundled_plans


@pytest.mark.parametrize("path", sorted(plans_dir().glob("*.toml")), ids=lambda path: path.name)
def test_the_plan_check_finds_nothing(path: Path, capsys: pytest.CaptureFixture[str], vietnamese: None) -> None:
    assert main(["plan", "check", str(path)]) == 0
    assert "không có lỗi" in capsys.readouterr().out


def test_the_first_run_offers_every_shipped_plan() -> None:
    assert [(plan.file.name, plan.code) for plan in bundled_plans()] == [
        ("van-hoa-cong-so.toml", "VHCS"), ("cao-dang-abc-theo-quy.toml", "CD-ABC"),
        ("ha-noi-3814-hang-thang.toml", "HN3814"), ("khung-abc-hang-thang.toml", "ABC"),
        ("nd335-hang-thang.toml", "ND335"), ("truong-hoc-25-diem.toml", "TRUONG-25")]
