"""How long the window waits without keyboard or mouse before locking itself: kept per computer (not in the
book), set on the accounts tab, read by the session lock (ui/shell/idle_lock.py)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

DEFAULT_IDLE_MINUTES = 10
MAX_IDLE_MINUTES = 240
SETTINGS_KEY = "security/idle_minutes"


def settings() -> QSettings:
    """Where this computer keeps the idle time (tests point it at a temporary file)."""
    return QSettings()


def idle_minutes() -> int:
    try:
        minutes = int(settings().value(SETTINGS_KEY, DEFAULT_IDLE_MINUTES))
    except (TypeError, ValueError):
        return DEFAULT_IDLE_MINUTES
    return min(max(minutes, 1), MAX_IDLE_MINUTES)


def save_idle_minutes(minutes: int) -> None:
    store = settings()
    store.setValue(SETTINGS_KEY, min(max(int(minutes), 1), MAX_IDLE_MINUTES))
    store.sync()
