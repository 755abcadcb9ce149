"""The settings page (Cài đặt): the unit, departments, working hours, holidays and the emulation plan.

Each tab saves on its own and announces ``Topic.SETTINGS``, so the window title and every page that
shows departments, hours or scores follow at once. The tabs of other features shown on this page (locked
periods, accounts) are added by the window (ui/shell/settings_page.py), so this feature imports none of them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ward_office.i18n import _

from ward_office.ui.settings.departments import DepartmentsTab
from ward_office.ui.settings.holidays import HolidaysTab
from ward_office.ui.settings.plan import PlanTab
from ward_office.ui.settings.schedule import ScheduleTab
from ward_office.ui.settings.unit import UnitTab
from ward_office.ui.widgets.context import Topic, WardContext
from ward_office.ui.widgets.page import Page


class SettingsTabs(Page):
    """The ward's own settings, one tab each."""

    topics = frozenset({Topic.SETTINGS})

    def __init__(self, context: WardContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.unit_tab = UnitTab(context)
        self.departments_tab = DepartmentsTab(context)
        self.schedule_tab = ScheduleTab(context)
        self.holidays_tab = HolidaysTab(context)
        self.plan_tab = PlanTab(context)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.unit_tab, _("&Unit"))
        self.tabs.addTab(self.departments_tab, _("&Departments"))
        self.tabs.addTab(self.schedule_tab, _("&Working hours"))
        self.tabs.addTab(self.holidays_tab, _("&Holidays"))
        self.tabs.addTab(self.plan_tab, _("&Emulation plan"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def refresh(self) -> None:
        for tab in (self.unit_tab, self.departments_tab, self.schedule_tab, self.holidays_tab, self.plan_tab):
            tab.refresh()
