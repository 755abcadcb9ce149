"""Someone who can write the file changes the record book behind the program's back; the program notices.

Each test is an attack an adversarial run carried out on copies of the demo book, done the way an attacker
would: with ``sqlite3.connect(path)`` and raw SQL. SQLite cannot stop whoever can write the file, so an
attack passes when it is refused outright or when ``ward-office check`` (and opening the book) find its trace.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ward_office import cli
from ward_office.core.access import Account, Role
from ward_office.core.period import quarter
from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.services import backups
from ward_office.services.demo import build_demo
from ward_office.services.period_locks import lock_period
from ward_office.services.ward import Ward, in_own_ward

TODAY = date(2026, 11, 20)
Q2 = quarter(2026, 2)
HEAD = Account(1, "truong", "Trần Quốc Hùng", Role.HEAD)
LATE_JOINER = "NV900"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo book with the second quarter of 2026 locked, and someone who joined in August."""
    path = tmp_path_factory.mktemp("tamper") / "demo.db"
    build_demo(path, staff=12, months=12, seed=11, until=TODAY)
    with Ward.open(path, actor="truong") as ward:
        ward.account = HEAD
        department = ward.departments()[0].id
        ward.store.staff.add(Staff(LATE_JOINER, "Phạm Văn Mới", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC,
                                   department, active_from=date(2026, 8, 3)), "truong")
        lock_period(ward, Q2, TODAY)
    return path


@pytest.fixture
def path(template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "ward.db"
    shutil.copyfile(template, copy)
    return copy


@pytest.fixture
def raw(path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(path, isolation_level=None)
    yield conn
    conn.close()


def check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(["--lang", "vi", "check", "--db", str(path)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def refused(raw: sqlite3.Connection, *statements: str) -> bool:
    """Run ``statements`` in one transaction; True when the book refused one of them (nothing is kept)."""
    raw.execute("BEGIN")
    try:
        for statement in statements:
            raw.execute(statement)
    except sqlite3.DatabaseError:
        raw.execute("ROLLBACK")
        return True
    raw.execute("COMMIT")
    return False


def drop_triggers(raw: sqlite3.Connection, table: str) -> list[str]:
    """Drop every trigger on ``table``; returns their SQL, to put them back afterwards and hide the drop."""
    triggers = raw.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
                           (table,)).fetchall()
    for name, _sql in triggers:
        raw.execute(f"DROP TRIGGER {name}")
    return [sql for _name, sql in triggers]


def put_back(raw: sqlite3.Connection, triggers: list[str]) -> None:
    for sql in triggers:
        raw.execute(sql)


def scores(path: Path) -> dict[str, str]:
    with Ward.open(path, read_only=True) as ward:
        kept = ward.score(quarter(2026, 2))
    return {result.staff.code: str(result.score) for result in kept.ranking.results}


# Everyone present and on time in May, every violation of the quarter gone: the quarter's ranking changes.
REOPEN = "UPDATE periods SET state = 'open', locked_at = NULL, locked_by = NULL WHERE start_day = '2026-04-01'"
CLEAN_MAY = ("UPDATE attendance SET status = 'present', leave_code = NULL, late_minutes = 0, early_minutes = 0"
             " WHERE day BETWEEN '2026-05-01' AND '2026-05-31'")
DELETE_EVENTS = "DELETE FROM events WHERE day BETWEEN '2026-04-01' AND '2026-06-30' AND check_id IS NULL"


def relock(raw: sqlite3.Connection) -> str:
    locked_at, locked_by = raw.execute(
        "SELECT locked_at, locked_by FROM periods WHERE start_day = '2026-04-01' AND end_day = '2026-06-30'").fetchone()
    return (f"UPDATE periods SET state = 'locked', locked_at = '{locked_at}', locked_by = '{locked_by}'"
            " WHERE start_day = '2026-04-01'")


def test_the_attack_changes_a_fresh_scoring_of_the_quarter(path: Path, raw: sqlite3.Connection) -> None:
    """The premise: what the attacks below do to the records would change the quarter's scores."""
    from ward_office.services.ranking import score_records
    from ward_office.storage import Store

    with Store.open(path, read_only=True) as store:
        before = {result.staff.code: result.score for result in score_records(store, Q2, TODAY).ranking.results}
    triggers = drop_triggers(raw, "attendance") + drop_triggers(raw, "events")
    raw.execute(CLEAN_MAY)
    raw.execute(DELETE_EVENTS)
    put_back(raw, triggers)
    with Store.open(path, read_only=True) as store:
        after = {result.staff.code: result.score for result in score_records(store, Q2, TODAY).ranking.results}
    assert before != after


def test_a_locked_period_cannot_be_reopened_by_raw_sql(path: Path, raw: sqlite3.Connection,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    kept = scores(path)
    attack = refused(raw, REOPEN, CLEAN_MAY, DELETE_EVENTS, relock(raw))
    code, text = check(path, capsys)
    assert attack and code == 0, text
    assert scores(path) == kept


def test_reopening_with_the_period_triggers_dropped_and_put_back_is_found(path: Path, raw: sqlite3.Connection,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    statements = [relock(raw)]
    triggers = drop_triggers(raw, "periods")
    assert not refused(raw, REOPEN, CLEAN_MAY, DELETE_EVENTS, *statements)
    put_back(raw, triggers)
    code, text = check(path, capsys)
    assert code != 0
    assert "Quý II năm 2026" in text and "xếp loại" in text, text


def test_dropping_the_lock_trigger_then_editing_is_found(path: Path, raw: sqlite3.Connection,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    raw.execute("DROP TRIGGER attendance_locked_update")
    raw.execute(CLEAN_MAY)
    code, text = check(path, capsys)
    assert code != 0
    assert "attendance_locked_update" in text, text


def test_dropping_the_log_trigger_then_deleting_a_line_is_found(path: Path, raw: sqlite3.Connection,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    raw.execute("DROP TRIGGER change_log_no_delete")
    unlock_target = raw.execute("SELECT max(id) FROM change_log WHERE entity = 'staff'").fetchone()[0]
    raw.execute("DELETE FROM change_log WHERE id = ?", (unlock_target,))
    code, text = check(path, capsys)
    assert code != 0
    assert "change_log_no_delete" in text, text
    assert f"dòng {unlock_target + 1}" in text, text


def test_a_deleted_log_line_is_found_even_with_the_trigger_put_back(path: Path, raw: sqlite3.Connection,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    line = raw.execute("SELECT max(id) FROM change_log WHERE entity = 'staff'").fetchone()[0]
    triggers = drop_triggers(raw, "change_log")
    raw.execute("DELETE FROM change_log WHERE id = ?", (line,))
    put_back(raw, triggers)
    code, text = check(path, capsys)
    assert code != 0
    assert f"dòng {line + 1}" in text, text


def test_an_edited_log_line_is_found(path: Path, raw: sqlite3.Connection,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    line = raw.execute("SELECT min(id) FROM change_log WHERE entity = 'period'").fetchone()[0]
    triggers = drop_triggers(raw, "change_log")
    raw.execute("UPDATE change_log SET actor = 'ai đó' WHERE id = ?", (line,))
    put_back(raw, triggers)
    code, text = check(path, capsys)
    assert code != 0
    assert f"dòng {line}" in text, text


def test_an_inserted_log_line_is_found(path: Path, raw: sqlite3.Connection,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    cursor = raw.execute(
        "INSERT INTO change_log (at, actor, action, entity, entity_id, detail)"
        " VALUES ('2026-07-02T08:00:00+07:00', 'truong', 'unlock', 'period', '1', '{\"reason\": \"sửa\"}')")
    code, text = check(path, capsys)
    assert code != 0
    assert f"dòng {cursor.lastrowid}" in text, text


def test_a_start_date_cannot_be_moved_into_a_locked_month(path: Path, raw: sqlite3.Connection,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    kept = scores(path)
    attack = refused(raw, f"UPDATE staff SET active_from = '2026-05-04' WHERE code = '{LATE_JOINER}'")
    code, text = check(path, capsys)
    assert attack and code == 0, text
    assert scores(path) == kept


def test_a_start_date_moved_with_the_staff_triggers_dropped_is_found(path: Path, raw: sqlite3.Connection,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    triggers = drop_triggers(raw, "staff")
    raw.execute(f"UPDATE staff SET active_from = '2026-05-04' WHERE code = '{LATE_JOINER}'")
    put_back(raw, triggers)
    code, text = check(path, capsys)
    assert code != 0
    assert "Quý II năm 2026" in text, text


def test_the_staff_form_cannot_move_a_start_date_into_a_locked_month(path: Path) -> None:
    from ward_office.core.errors import PeriodLockedError
    from ward_office.services.staff_admin import update_staff

    with Ward.open(path, actor="truong") as ward:
        ward.account = HEAD
        person = ward.store.staff.by_code(LATE_JOINER)
        assert person is not None
        moved = Staff(person.code, person.full_name, person.gender, person.position, person.category,
                      person.department_id, active_from=date(2026, 5, 4), id=person.id)
        with pytest.raises(PeriodLockedError):
            update_staff(ward, moved)


def test_a_tampered_backup_is_not_restored_without_the_heads_consent(path: Path, tmp_path: Path) -> None:
    backup = tmp_path / "usb" / "ward-2026-07-01-080000-manual.db"
    backup.parent.mkdir()
    shutil.copyfile(path, backup)
    conn = sqlite3.connect(backup)
    conn.execute("DROP TRIGGER attendance_locked_update")
    conn.commit()
    conn.close()
    with pytest.raises(backups.TamperedBackupError) as refusal:
        in_own_ward(path, lambda ward: backups.restore_backup(ward, backup),
                    account=Account(None, "truong", "", Role.HEAD))
    assert "attendance_locked_update" in refusal.value.localized()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'attendance_locked_update'"
                            ).fetchone()[0] == 1


def test_the_restore_command_refuses_a_tampered_backup_unless_told(path: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    backup = tmp_path / "ward-2026-07-01-080000-manual.db"
    shutil.copyfile(path, backup)
    conn = sqlite3.connect(backup)
    conn.execute("DROP TRIGGER change_log_no_delete")
    conn.execute("DELETE FROM change_log WHERE id = 5")
    conn.commit()
    conn.close()
    monkeypatch.setenv("WARD_OFFICE_PASSWORD", "123456")
    command = ["--lang", "vi", "restore", "--db", str(path), str(backup), "--yes", "--user", "truong"]
    assert cli.main(command) != 0
    assert "dòng 6" in capsys.readouterr().err
    assert cli.main([*command, "--accept-tampered"]) == 0
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM change_log WHERE id = 5").fetchone()[0] == 0


# ---- The head accepts what was found, on the record; what comes after is found again ----

CLERK = Account(2, "vanthu", "Lê Thị Mai", Role.CLERK)
REASON = "Đã đối chiếu với bản sao lưu ngày 01/07/2026: chấm công tháng 5 được sửa lại theo đơn đã duyệt"


def accept(path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
           user: str = "truong") -> tuple[int, str]:
    monkeypatch.setenv("WARD_OFFICE_PASSWORD", "123456")
    capsys.readouterr()
    code = cli.main(["--lang", "vi", "check", "--db", str(path), "--accept", "--reason", REASON, "--user", user])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def log_lines(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM change_log").fetchone()[0]


@pytest.fixture
def accepted_edit(path: Path, raw: sqlite3.Connection, capsys: pytest.CaptureFixture[str],
                  monkeypatch: pytest.MonkeyPatch) -> Path:
    """The lock trigger dropped and May cleaned, then accepted by the head from the command line."""
    raw.execute("DROP TRIGGER attendance_locked_update")
    raw.execute(CLEAN_MAY)
    code, text = accept(path, capsys, monkeypatch)
    assert code == 0, text
    assert "attendance_locked_update" in text and "dùng lại" in text, text
    return path


def test_after_the_heads_acceptance_the_book_is_clean_guarded_and_writable(
        accepted_edit: Path, raw: sqlite3.Connection, capsys: pytest.CaptureFixture[str]) -> None:
    from ward_office.services.book_check import open_checked_ward

    code, text = check(accepted_edit, capsys)
    assert code == 0 and "nguyên vẹn" in text, text
    assert refused(raw, "UPDATE attendance SET late_minutes = 7 WHERE day = '2026-05-06'")  # the trigger is back
    with open_checked_ward(accepted_edit, actor="truong") as ward:
        assert not ward.read_only
    line_id, actor, action, detail = raw.execute(
        "SELECT id, actor, action, detail FROM change_log WHERE entity = 'book_check'").fetchone()
    assert (actor, action) == ("Trần Quốc Hùng", "update")
    assert REASON in detail and '"recreated": ["attendance_locked_update"]' in detail
    assert '"rankings": [{"period_id": 1, "snapshot_id": 1, "digest": "' in detail
    assert line_id == raw.execute("SELECT max(id) FROM change_log").fetchone()[0]


def test_the_acceptance_is_told_in_the_change_log(accepted_edit: Path, vietnamese: None) -> None:
    from ward_office.core.change_log import ChangeEntity
    from ward_office.services.change_log import describe

    with Ward.open(accepted_edit, read_only=True) as ward:
        line = ward.store.change_log.changes(ChangeEntity.BOOK_CHECK)[-1]
    assert describe(line) == ("Xác nhận đã đối chiếu sổ bị sửa đổi ngoài chương trình với bản sao lưu và dùng lại "
                              "sổ: " + REASON)


def test_a_locked_period_changed_again_after_the_acceptance_is_found(
        accepted_edit: Path, raw: sqlite3.Connection, capsys: pytest.CaptureFixture[str]) -> None:
    triggers = drop_triggers(raw, "events")
    raw.execute(DELETE_EVENTS)
    put_back(raw, triggers)
    code, text = check(accepted_edit, capsys)
    assert code != 0
    assert "Quý II năm 2026" in text and "xếp loại" in text, text


def test_a_log_line_deleted_after_the_acceptance_is_found(
        accepted_edit: Path, raw: sqlite3.Connection, capsys: pytest.CaptureFixture[str]) -> None:
    with Ward.open(accepted_edit, actor="truong") as ward:  # one more day's work after the acceptance
        ward.account = HEAD
        ward.store.staff.add(Staff("NV901", "Đỗ Thị Sau", Gender.FEMALE, "Chuyên viên", StaffCategory.CONG_CHUC,
                                   ward.departments()[0].id, active_from=date(2026, 11, 2)), "truong")
        ward.store.staff.add(Staff("NV902", "Vũ Văn Bảy", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC,
                                   ward.departments()[0].id, active_from=date(2026, 11, 2)), "truong")
    first = raw.execute("SELECT max(id) - 1 FROM change_log").fetchone()[0]
    assert check(accepted_edit, capsys)[0] == 0
    triggers = drop_triggers(raw, "change_log")
    raw.execute("DELETE FROM change_log WHERE id = ?", (first,))
    put_back(raw, triggers)
    code, text = check(accepted_edit, capsys)
    assert code != 0 and f"dòng {first + 1}" in text, text


def test_a_line_before_the_acceptance_changed_after_it_is_found(
        accepted_edit: Path, raw: sqlite3.Connection, capsys: pytest.CaptureFixture[str]) -> None:
    accepted_line = raw.execute("SELECT id FROM change_log WHERE entity = 'book_check'").fetchone()[0]
    triggers = drop_triggers(raw, "change_log")
    raw.execute("UPDATE change_log SET actor = 'ai đó' WHERE id = 2")
    put_back(raw, triggers)
    code, text = check(accepted_edit, capsys)
    assert code != 0 and f"trước dòng {accepted_line}" in text, text


def test_the_clerk_cannot_accept(path: Path, raw: sqlite3.Connection, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from ward_office.core.access import AccessDeniedError
    from ward_office.services.book_check import accept_findings

    raw.execute("DROP TRIGGER attendance_locked_update")
    lines = log_lines(path)
    with pytest.raises(AccessDeniedError):
        accept_findings(path, CLERK, REASON)
    code, text = accept(path, capsys, monkeypatch, user="vanthu")
    assert code != 0 and "Chỉ lãnh đạo" in text, text
    assert log_lines(path) == lines
    assert check(path, capsys)[0] != 0


def test_accepting_without_a_reason_is_refused(path: Path, raw: sqlite3.Connection) -> None:
    from ward_office.core.errors import WardOfficeError
    from ward_office.services.book_check import accept_findings

    raw.execute("DROP TRIGGER attendance_locked_update")
    with pytest.raises(WardOfficeError):
        accept_findings(path, HEAD, "  ")
    assert raw.execute("SELECT count(*) FROM sqlite_master WHERE name = 'attendance_locked_update'").fetchone()[0] == 0


def test_accepting_a_clean_book_says_so_and_writes_nothing(path: Path, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    lines, before = log_lines(path), path.read_bytes()
    code, text = accept(path, capsys, monkeypatch)
    assert code == 0 and "không có gì cần xác nhận" in text, text
    assert log_lines(path) == lines and path.read_bytes() == before


def test_an_altered_trigger_and_an_added_one_are_set_right(path: Path, raw: sqlite3.Connection,
                                                           capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    raw.execute("DROP TRIGGER attendance_locked_update")
    raw.execute("CREATE TRIGGER attendance_locked_update BEFORE UPDATE ON attendance BEGIN SELECT 1; END")
    raw.execute("CREATE TRIGGER sneaky AFTER INSERT ON events BEGIN DELETE FROM events WHERE id = new.id; END")
    raw.execute("CREATE TABLE notes (text TEXT)")
    assert accept(path, capsys, monkeypatch)[0] == 0
    code, text = check(path, capsys)
    assert code == 0, text
    assert refused(raw, "UPDATE attendance SET late_minutes = 7 WHERE day = '2026-05-06'")
    names = {row[0] for row in raw.execute("SELECT name FROM sqlite_master")}
    assert "sneaky" not in names and "notes" in names  # a table is never dropped: it is kept, as accepted
    raw.execute("CREATE INDEX notes_text ON notes (text)")
    raw.execute("ALTER TABLE notes ADD COLUMN more TEXT")
    code, text = check(path, capsys)
    assert code != 0 and "notes" in text, text


def test_a_tampered_backup_restored_with_consent_is_put_back_into_use(
        path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    backup = tmp_path / "ward-2026-07-01-080000-manual.db"
    shutil.copyfile(path, backup)
    conn = sqlite3.connect(backup)
    conn.execute("DROP TRIGGER change_log_no_delete")
    conn.execute("DELETE FROM change_log WHERE id = 5")
    conn.commit()
    conn.close()
    monkeypatch.setenv("WARD_OFFICE_PASSWORD", "123456")
    assert cli.main(["--lang", "vi", "restore", "--db", str(path), str(backup), "--yes", "--user", "truong",
                     "--accept-tampered"]) == 0
    code, text = check(path, capsys)
    assert code != 0 and "dòng 6" in text, text
    assert accept(path, capsys, monkeypatch)[0] == 0
    code, text = check(path, capsys)
    assert code == 0, text
    with sqlite3.connect(path) as conn:
        detail = conn.execute("SELECT detail FROM change_log WHERE entity = 'book_check'").fetchone()[0]
    assert '"chain": [{"line": 6, "kind": "removed_before", "previous": 4}]' in detail
