"""The add-event dialog asks for the points only for a criterion whose points are chosen within a range, with
the range in the field's label, and records them with the event."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.services.ward import Ward

from ward_office.ui.events.dialogs import AddEventDialog

TODAY = date(2026, 7, 20)
PLAN = """
[plan]
code = "E3"
name = "Chấm điểm ABC"
version = 1
effective_from = 2026-01-01
base_score = 100

[[blocks]]
code = "CC"
name = "Chấp hành chung"
maximum = 100
all_or_nothing = true

[[blocks.criteria]]
code = "CC1"
name = "Không đeo thẻ"
points = -5

[[blocks.criteria]]
code = "CC2"
name = "Vi phạm nội quy"
points_range = [-50, -25]

[[grades]]
code = "A"
name = "Loại A"
min_score = 0
"""


@pytest.fixture
def ward(tmp_path: Path) -> Iterator[Ward]:
    with Ward.open(tmp_path / "ward.db", actor="Lan") as opened:
        opened.store.plans.adopt(PLAN, "Lan")
        opened.store.staff.add(Staff("CB001", "Nguyễn Văn An", Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC),
                               "Lan")
        yield opened


def test_the_points_field_shows_for_a_ranged_criterion_only(qtbot, ward: Ward, vietnamese) -> None:
    dialog = AddEventDialog(ward, TODAY, staff_id=ward.store.staff.by_code("CB001").id, day=date(2026, 7, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_criterion("CC1")
    assert not dialog.points.isVisible() and dialog.chosen_points() is None
    assert "(-5)" in dialog.criterion.currentText()
    dialog.set_criterion("CC2")
    assert dialog.points.isVisible()
    assert dialog.points_label.text() == "Đi&ểm (từ -50 đến -25):"
    assert "(từ -50 đến -25)" in dialog.criterion.currentText()
    assert (dialog.points.minimum(), dialog.points.maximum(), dialog.points.value()) == (-50, -25, -25)
    dialog.points.setValue(-37.5)
    dialog.accept()
    assert dialog.saved is not None and dialog.saved.points == Fraction(-75, 2)
    (event,) = ward.store.events.list(date(2026, 7, 1), date(2026, 7, 1))
    assert (event.criterion_code, event.points) == ("CC2", Fraction(-75, 2))


def test_points_off_the_steps_are_refused_in_words(qtbot, ward: Ward, vietnamese, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr("ward_office.ui.widgets.show_error", lambda _parent, error: shown.append(error.localized()))
    dialog = AddEventDialog(ward, TODAY, staff_id=ward.store.staff.by_code("CB001").id, day=date(2026, 7, 1))
    qtbot.addWidget(dialog)
    dialog.set_criterion("CC2")
    dialog.points.setValue(-30.1)
    assert dialog.chosen_points() == Fraction("-30.1")
    dialog.accept()
    assert shown == ["Điểm của tiêu chí “CC2” phải từ -50 đến -25, theo bước 0,25"]
    assert dialog.saved is None and ward.store.events.list(date(2026, 7, 1), date(2026, 7, 1)) == []
