"""The ``plan`` commands on a demo book, and the plan service the window's plan page shares with them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ward_office.cli import main
from ward_office.core.errors import PlanError
from ward_office.services import plans
from ward_office.services.demo import DEMO_PASSWORD, build_demo
from ward_office.services.ward import Ward

PLANS = Path(__file__).parents[2] / "resources" / "plans"

pytestmark = pytest.mark.usefixtures("vietnamese")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plans") / "demo.db"
    build_demo(path, staff=5, months=2, seed=3, until=date(2026, 5, 31))
    return path


@pytest.fixture
def head_password(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("WARD_OFFICE_PASSWORD", DEMO_PASSWORD)
    monkeypatch.setenv("WARD_OFFICE_DATA_DIR", str(tmp_path / "data"))


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_check_accepts_the_bundled_plans(capsys: pytest.CaptureFixture[str]) -> None:
    for path in sorted(PLANS.glob("*.toml")):
        code, out, _err = run(capsys, "plan", "check", path)
        assert code == 0 and "không có lỗi" in out, out


def test_check_tells_every_problem_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (PLANS / "van-hoa-cong-so.toml").read_text(encoding="utf-8")
    text = text.replace("cap = 30\n", "max_points = 30\n", 1)
    text = text.replace("max_share = 0.2", 'max_share = 0.2\nbasis_ = "all"')
    path = tmp_path / "sai.toml"
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    wrong = [lines.index("max_points = 30") + 1, lines.index('basis_ = "all"') + 1]
    code, out, _err = run(capsys, "plan", "check", path)
    assert code == 1
    assert f"dòng {wrong[0]} (blocks[1])" in out and "“max_points”" in out
    assert f"dòng {wrong[1]} ([quota])" in out and "“basis_”" in out
    assert "2 lỗi" in out


def test_adopt_show_and_list(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                             head_password: None) -> None:
    text = (PLANS / "van-hoa-cong-so.toml").read_text(encoding="utf-8")
    text = text.replace("version = 1", "version = 2").replace(
        'on = "absent"\ncriterion = "TG03"\n', 'on = "absent"\ncriterion = "TG03"\ncount = "day"\n')
    path = tmp_path / "vhcs-2.toml"
    path.write_text(text, encoding="utf-8")
    code, _out, err = run(capsys, "plan", "adopt", path, "--from", "01/07/2026", "--db", demo_db, "--user", "vanthu")
    assert code == 1 and "Chỉ lãnh đạo" in err  # the clerk may not adopt a plan
    code, out, err = run(capsys, "plan", "adopt", path, "--from", "01/07/2026", "--db", demo_db, "--user", "truong")
    assert code == 0, err
    assert "phiên bản 2" in out and "01/07/2026" in out
    code, out, _err = run(capsys, "plan", "show", "--db", demo_db, "--on", "2026-07-01")
    assert code == 0 and "phiên bản 2" in out and "TG03, tính theo ngày" in out
    code, out, _err = run(capsys, "plan", "show", "--db", demo_db, "--on", "2026-06-30")
    assert "phiên bản 1" in out and "TG03, tính theo buổi" in out
    code, out, _err = run(capsys, "plan", "list", "--db", demo_db)
    assert code == 0 and out.count("VHCS") == 2 and "Trần Quốc Hùng" in out
    with Ward.open(demo_db, read_only=True) as ward:
        stored = ward.store.plans.in_effect(date(2026, 7, 1))[0].body
    assert "effective_from = 2026-07-01" in stored and stored.startswith("# Kế hoạch chấm điểm")  # comments kept


def test_the_service_refuses_a_misspelt_file_and_keeps_a_stored_plan_readable(demo_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "sai.toml"
    path.write_text((PLANS / "khung-abc-hang-thang.toml").read_text(encoding="utf-8").replace(
        "[quota]", "[quota]\nmax_shares = 0.3"), encoding="utf-8")
    with Ward.open(demo_db, actor="Trần Quốc Hùng") as ward, pytest.raises(PlanError):
        plans.import_plan_file(ward, path)
    plan, problems = plans.check_plan_file(path)
    assert plan is None and [problem.where for problem in problems] == ["[quota]"]


def test_effective_from_is_written_under_plan_when_the_file_has_none() -> None:
    text = '# a comment\n[plan]\ncode = "X"\n\n[quota]\neffective_from = 1\n'
    assert plans.with_effective_from(text, date(2027, 1, 1)) == (
        '# a comment\n[plan]\neffective_from = 2027-01-01\ncode = "X"\n\n[quota]\neffective_from = 1\n')


def test_show_warns_of_keys_a_stored_plan_has_that_the_format_lacks(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "cu.db"
    text = (PLANS / "khung-abc-hang-thang.toml").read_text(encoding="utf-8").replace(
        "[quota]", "[quota]\non_leave = true")
    with Ward.open(db, actor="Trần Quốc Hùng") as ward:  # stored as an older version stored it: unchecked keys
        ward.store.conn.execute("INSERT INTO plans (code, version, effective_from, name, body, adopted_at, adopted_by)"
                              " VALUES ('ABC', 1, '2026-01-01', 'Cũ', ?, '2026-01-01T08:00:00', 'x')", (text,))
        ward.store.conn.commit()
    code, out, _err = run(capsys, "plan", "show", "--db", db, "--on", "2026-03-01")
    assert code == 0 and "Khung chấm điểm A-B-C-D" in out
    line = text.splitlines().index("on_leave = true") + 1
    assert "Cảnh báo" in out and f"dòng {line}" in out and "“on_leave”" in out
