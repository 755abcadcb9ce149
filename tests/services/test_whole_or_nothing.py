"""A command that creates a record book creates it whole or not at all: a failure midway removes the files it
made (the book, its -wal/-shm, its lock file), and leaves alone what was there before."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from ward_office.cli import main
from ward_office.core.schedule import SessionHours
from ward_office.core.unit import Unit
from ward_office.paths import plans_dir
from ward_office.services import demo, first_run
from ward_office.services.ward import Ward, whole_or_nothing
from ward_office.services.ward_settings import SeasonDraft


class MidwayError(Exception):
    pass


def fail_midway(*_args: object, **_kwargs: object) -> None:
    raise MidwayError


def test_a_demo_that_fails_midway_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "make_events", fail_midway)  # after the staff, attendance and checks are written
    with pytest.raises(MidwayError):
        demo.build_demo(tmp_path / "demo.db", staff=3, months=1, seed=1, until=date(2026, 5, 29))
    assert sorted(tmp_path.iterdir()) == []


def test_a_demo_command_stopped_with_ctrl_c_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(demo, "make_checks", interrupted)
    book = tmp_path / "new" / "demo.db"
    assert main(["demo", "--db", str(book), "--staff", "3", "--months", "1", "--until", "2026-05-29"]) == 130
    assert list(book.parent.iterdir()) == []


def test_a_failed_demo_in_a_file_that_was_there_keeps_the_file(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    book = tmp_path / "empty.db"
    Ward.open(book, prepare=False).close()  # an empty book, made before
    monkeypatch.setattr(demo, "make_events", fail_midway)
    with pytest.raises(MidwayError):
        demo.build_demo(book, staff=3, months=1, seed=1, until=date(2026, 5, 29))
    assert book.is_file()
    with Ward.open(book, read_only=True) as ward:  # one transaction: not even the plan was left in it
        assert ward.store.plans.list() == [] and ward.staff() == []


def test_a_first_run_set_up_that_fails_leaves_no_book(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(first_run, "create_head", fail_midway)
    setup = first_run.FirstRunSetup(
        Unit(name="Ủy ban nhân dân phường Tân An"), frozenset(range(5)), 10,
        (SeasonDraft("Cả năm", (1, 1), SessionHours(time(7, 30), time(11, 30)), SessionHours(time(13), time(17))),),
        plan_file=sorted(plans_dir().glob("*.toml"))[0], staff_file=None,
        head=first_run.HeadAccount("chutich", "Nguyễn Văn An", "Mat-khau-dai-2026"))
    with pytest.raises(MidwayError):
        first_run.set_up_book(tmp_path / "ward.db", setup)
    assert list(tmp_path.iterdir()) == []


def test_only_the_files_made_inside_are_removed(tmp_path: Path) -> None:
    book = tmp_path / "book.db"
    lock = tmp_path / "book.db.lock"
    lock.write_text("left by an earlier run")
    with pytest.raises(MidwayError), whole_or_nothing(book):
        book.write_bytes(b"half")
        (tmp_path / "book.db-wal").write_bytes(b"half")
        raise MidwayError
    assert sorted(path.name for path in tmp_path.iterdir()) == ["book.db.lock"]
    with whole_or_nothing(book):
        book.write_bytes(b"whole")
    assert book.read_bytes() == b"whole"
