"""Adopted plans: stored verbatim, one version each, and the right one found for a day."""

from __future__ import annotations

from datetime import date

import pytest
from storage_helpers import ACTOR

from ward_office.core.errors import NotFoundError, PlanError
from ward_office.core.plan import load_plan
from ward_office.paths import plans_dir
from ward_office.storage import Store

SHIPPED = plans_dir() / "van-hoa-cong-so.toml"


def version_of(text: str, version: int, effective_from: str | None) -> str:
    """The shipped plan text with another version number and start date."""
    lines = []
    for line in text.splitlines():
        if line.startswith("version = "):
            line = f"version = {version}"
        elif line.startswith("effective_from = "):
            if effective_from is None:
                continue
            line = f"effective_from = {effective_from}"
        lines.append(line)
    return "\n".join(lines) + "\n"


@pytest.fixture
def shipped() -> str:
    return SHIPPED.read_text(encoding="utf-8")


def test_adopt_stores_the_text_verbatim(store: Store, shipped: str) -> None:
    record = store.plans.adopt(shipped, ACTOR)
    plan = load_plan(shipped)
    assert (record.code, record.version, record.effective_from) == (plan.code, plan.version, plan.effective_from)
    assert record.body == shipped and record.adopted_by == ACTOR and record.name == plan.name
    assert store.plans.get(record.id) == record
    assert store.plans.list() == [record]
    assert store.plans.plan(record) == plan


def test_adopting_the_same_text_twice_changes_nothing(store: Store, shipped: str) -> None:
    first = store.plans.adopt(shipped, ACTOR)
    assert store.plans.adopt(shipped, "someone else") == first
    assert len(store.change_log.list("plan")) == 1


def test_a_changed_plan_needs_a_new_version(store: Store, shipped: str) -> None:
    store.plans.adopt(shipped, ACTOR)
    with pytest.raises(PlanError, match="already adopted"):
        store.plans.adopt(shipped.replace("base_score = 100", "base_score = 90"), ACTOR)
    assert len(store.plans.list()) == 1


def test_invalid_plan_is_not_stored(store: Store) -> None:
    with pytest.raises(PlanError):
        store.plans.adopt("[plan]\ncode = 'X'\n", ACTOR)
    assert store.plans.list() == [] and store.change_log.list() == []


def test_in_effect_picks_the_version_by_date(store: Store, shipped: str) -> None:
    v1 = store.plans.adopt(version_of(shipped, 1, "2026-01-01"), ACTOR)
    v3 = store.plans.adopt(version_of(shipped, 3, "2027-01-01"), ACTOR)
    v2 = store.plans.adopt(version_of(shipped, 2, "2026-07-01"), ACTOR)  # adopted after v3
    with pytest.raises(NotFoundError):
        store.plans.in_effect(date(2025, 12, 31))
    assert store.plans.in_effect(date(2026, 1, 1))[0] == v1
    assert store.plans.in_effect(date(2026, 6, 30))[0] == v1
    record, plan = store.plans.in_effect(date(2026, 7, 1))
    assert record == v2 and plan.version == 2
    assert store.plans.in_effect(date(2030, 1, 1))[0] == v3
    assert [r.version for r in store.plans.list("VHCS")] == [1, 3, 2]
    assert store.plans.list("OTHER") == []


def test_same_start_date_later_adoption_wins(store: Store, shipped: str) -> None:
    store.plans.adopt(version_of(shipped, 1, "2026-01-01"), ACTOR)
    other = (plans_dir() / "khung-abc-hang-thang.toml").read_text(encoding="utf-8")
    replacement = store.plans.adopt(other, ACTOR)
    assert replacement.effective_from == date(2026, 1, 1)
    assert store.plans.in_effect(date(2026, 5, 1))[0] == replacement


def test_undated_plan_applies_from_the_beginning(store: Store, shipped: str) -> None:
    undated = store.plans.adopt(version_of(shipped, 1, None), ACTOR)
    assert undated.effective_from is None
    assert store.plans.in_effect(date(1999, 1, 1))[0] == undated
    dated = store.plans.adopt(version_of(shipped, 2, "2026-01-01"), ACTOR)
    assert store.plans.in_effect(date(2025, 12, 31))[0] == undated
    assert store.plans.in_effect(date(2026, 1, 1))[0] == dated
