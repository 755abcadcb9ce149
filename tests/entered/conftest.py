"""A small ward of four under the plan with an entered block (``entered_book``), the head signed in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from entered_book import ENTERED_PLAN, HEAD, PEOPLE

from ward_office.core.staff import Gender, Staff, StaffCategory
from ward_office.services.ward import Ward


@pytest.fixture
def ward(tmp_path: Path) -> Iterator[Ward]:
    with Ward.open(tmp_path / "ward.db", actor="truong") as opened:
        opened.store.plans.adopt(ENTERED_PLAN, "truong")
        for code, name, start, end in PEOPLE:
            opened.store.staff.add(Staff(code, name, Gender.MALE, "Chuyên viên", StaffCategory.CONG_CHUC,
                                         active_from=start, active_to=end), "truong")
        opened.account = HEAD
        yield opened
