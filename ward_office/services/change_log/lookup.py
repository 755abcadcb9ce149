"""Names for the ids a change log line holds: people, departments, criteria of the plan in effect.

Read once per page or export (a ward has hundreds of people), so wording a line reads nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ward_office.core.plan import Criterion, EmulationPlan
from ward_office.core.staff import Staff
from ward_office.i18n import _
from ward_office.services.ward import Ward
from ward_office.storage import PlanRecord


@dataclass
class Lookup:
    """Names for the ids a log line holds, read once per page or export."""

    staff: Mapping[int, Staff] = field(default_factory=dict)
    departments: Mapping[int, str] = field(default_factory=dict)
    plans: Sequence[PlanRecord] = ()
    plan_of: Callable[[PlanRecord], EmulationPlan] | None = None

    @classmethod
    def of(cls, ward: Ward) -> Lookup:
        return cls({person.id: person for person in ward.staff() if person.id is not None},
                   ward.department_names(), ward.store.plans.list(), ward.store.plans.plan)

    def person(self, staff_id: Any) -> str:
        try:
            person = self.staff.get(int(staff_id))
        except (TypeError, ValueError):
            person = None
        if person is None:
            return _("staff member no. {id}").format(id=staff_id)
        return person.full_name

    def department(self, department_id: Any) -> str:
        try:
            return self.departments.get(int(department_id)) or _("department no. {id}").format(id=department_id)
        except (TypeError, ValueError):
            return str(department_id)

    def _criterion(self, code: str, day: date | None) -> Criterion | None:
        """The criterion in the plan in effect on ``day`` (the latest plan when unknown)."""
        if self.plan_of is None or not self.plans:
            return None
        candidates = [record for record in self.plans
                      if day is None or record.effective_from is None or record.effective_from <= day]
        if not candidates:
            return None
        record = max(candidates, key=lambda record: (record.effective_from or date.min, record.id))
        return self.plan_of(record).criteria.get(code)

    def criterion(self, code: str, day: date | None) -> str:
        criterion = self._criterion(code, day)
        return code if criterion is None else f"{code} — {criterion.name}"

    def is_commendation(self, code: str, day: date | None) -> bool:
        criterion = self._criterion(code, day)
        return criterion is not None and criterion.is_commendation
