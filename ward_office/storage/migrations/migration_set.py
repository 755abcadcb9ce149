"""sqlite-utils' migration set, registered without importing sqlite-utils (start-up time, see MigrationSet)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils

Migration = Callable[["sqlite_utils.Database"], None]


class MigrationSet:
    """sqlite-utils' migration set, registered without importing sqlite-utils.

    A book that is up to date (every open but the first after an upgrade) is checked with one query, so the
    window starts without loading sqlite-utils and its plugins (about a third of the start-up time);
    migrating, and writing, load it when needed.
    """

    migrations_table = "_sqlite_migrations"  # sqlite_utils.Migrations.migrations_table; a test compares them

    def __init__(self, name: str, steps: Iterable[Migration] = ()) -> None:
        self.name = name
        self._steps: list[Migration] = list(steps)

    def __call__(self) -> Callable[[Migration], Migration]:
        """Register the decorated function as the next migration, like ``sqlite_utils.Migrations()``."""
        def register(step: Migration) -> Migration:
            self._steps.append(step)
            return step

        return register

    def names(self) -> tuple[str, ...]:
        return tuple(step.__name__ for step in self._steps)

    def applied_names(self, conn: sqlite3.Connection) -> tuple[str, ...]:
        """The migrations applied to the file, in order, read as sqlite-utils records them."""
        exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                              (self.migrations_table,)).fetchone()
        if exists is None:
            return ()
        return tuple(row[0] for row in conn.execute(
            f"SELECT name FROM {self.migrations_table} WHERE migration_set = ? ORDER BY rowid", (self.name,)))

    def pending_names(self, conn: sqlite3.Connection) -> tuple[str, ...]:
        applied = set(self.applied_names(conn))
        return tuple(name for name in self.names() if name not in applied)

    @cached_property
    def migrations(self) -> sqlite_utils.Migrations:
        import sqlite_utils  # deferred: an up-to-date book opens without loading sqlite-utils (class docstring)

        migrations = sqlite_utils.Migrations(self.name)
        for step in self._steps:
            migrations()(step)
        return migrations

    def apply(self, db: sqlite_utils.Database, *, stop_before: str | Iterable[str] | None = None) -> None:
        self.migrations.apply(db, stop_before=stop_before)

    def applied(self, db: sqlite_utils.Database) -> list[Any]:
        return self.migrations.applied(db)

    def steps(self) -> tuple[Migration, ...]:
        return tuple(self._steps)
