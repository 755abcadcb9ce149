"""What every page shares: the open ward, today's date, and a signal when records change.

Pages never talk to each other. A page that writes calls ``context.changed.emit(topic)`` and every
page that shows that kind of record reloads, so the dashboard and the ranking follow the daily grid.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal

from ward_office.services.ward import Ward


class Topic:
    """What changed; a page listens to the topics it shows."""

    ATTENDANCE = "attendance"
    EVENTS = "events"  # violations and commendations, including those of checks
    CHECKS = "checks"
    STAFF = "staff"
    SETTINGS = "settings"  # unit, departments, schedule, holidays, plans
    SCORES = "scores"  # points entered by hand (task results)
    CITIZENS = "citizens"  # satisfaction ratings, survey tallies, citizens' praise and complaints
    ALL = "all"  # another database was opened


class WardContext(QObject):
    changed = Signal(str)

    def __init__(self, ward: Ward, *, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.ward = ward
        self._today = today

    def today(self) -> date:
        return self._today()

    def replace_ward(self, ward: Ward) -> None:
        old, self.ward = self.ward, ward
        old.close()
        self.changed.emit(Topic.ALL)
