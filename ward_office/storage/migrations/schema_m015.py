"""Migration m015: the form line of the printed timesheet ("Mẫu số C01-HD" and the circular under it), which
the ward sets, since the circular that issued the form has been replaced."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils


# The defaults are what every timesheet printed before, so a book's papers do not change by being migrated.
_SCHEMA_015 = (
    "ALTER TABLE unit ADD COLUMN timesheet_form TEXT NOT NULL DEFAULT 'Mẫu số C01-HD'",
    "ALTER TABLE unit ADD COLUMN timesheet_basis TEXT NOT NULL"
    " DEFAULT '(Ban hành kèm theo Thông tư số 107/2017/TT-BTC ngày 10/10/2017 của Bộ Tài chính)'",
)


def m015_timesheet_form(db: sqlite_utils.Database) -> None:
    for statement in _SCHEMA_015:
        db.execute(statement)
