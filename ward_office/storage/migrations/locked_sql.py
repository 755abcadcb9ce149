"""SQL shared by migrations of several groups: "this day lies in a locked period", and its triggers."""

from __future__ import annotations

LOCKED = "EXISTS (SELECT 1 FROM periods WHERE state = 'locked' AND {day} BETWEEN start_day AND end_day)"


def lock_triggers(table: str) -> tuple[str, ...]:
    def trigger(event: str, condition: str) -> str:
        return (
            f"CREATE TRIGGER {table}_locked_{event.lower()} BEFORE {event} ON {table} "
            f"WHEN {condition} BEGIN SELECT RAISE(ABORT, 'period_locked'); END"
        )

    old, new = LOCKED.format(day="OLD.day"), LOCKED.format(day="NEW.day")
    return (
        trigger("INSERT", new),
        trigger("UPDATE", f"{old} OR {new}"),
        trigger("DELETE", old),
    )
