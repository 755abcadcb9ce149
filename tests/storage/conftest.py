"""Storage fixtures: people to hang records on."""

from __future__ import annotations

import pytest
from storage_helpers import ACTOR, make_staff

from ward_office.core.staff import Gender, Staff
from ward_office.storage import Store


@pytest.fixture
def person(store: Store) -> Staff:
    return store.staff.add(make_staff(), ACTOR)


@pytest.fixture
def other(store: Store) -> Staff:
    return store.staff.add(make_staff("NV002", gender=Gender.MALE), ACTOR)
