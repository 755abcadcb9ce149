"""A book made before the timesheet's form line became a setting prints the same form line after migrating."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from ward_office.core.unit import Unit
from ward_office.storage import Store
from ward_office.storage.migrations import MIGRATIONS


def test_an_older_books_unit_gets_the_form_line_it_printed(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    MIGRATIONS.apply(db, stop_before="m015_timesheet_form")
    db.execute("INSERT INTO unit (id, name, head_title) VALUES (1, 'Ủy ban nhân dân phường Tân An', 'Chủ tịch')")
    db.conn.commit()
    db.close()
    with Store.open(path) as store:
        unit = store.unit.get()
    assert (unit.timesheet_form, unit.timesheet_basis) == (
        "Mẫu số C01-HD", "(Ban hành kèm theo Thông tư số 107/2017/TT-BTC ngày 10/10/2017 của Bộ Tài chính)")
    assert (unit.timesheet_form, unit.timesheet_basis) == (Unit().timesheet_form, Unit().timesheet_basis)
    assert unit.name == "Ủy ban nhân dân phường Tân An"
