"""Rule 5 of the engine for the ceilings counted over the period or month by month: which one binds a person's
grade. Kept apart from the engine so that each fits in a module; ceilings counted over the year are
``scoring.look_back``'s."""

from __future__ import annotations

from collections.abc import Mapping

from ward_office.core.plan import Ceiling, CeilingScope, EmulationPlan, Grade
from ward_office.scoring.results import GradeChange, GradeChangeKind


class PeriodCeilings:
    """One plan's ceilings, checked person by person; equal grade changes are one object."""

    def __init__(self, plan: EmulationPlan) -> None:
        self.plan = plan
        self.grade_index = {grade.code: plan.grade_index(grade.code) for grade in plan.grades}
        self.ceilings = [(ceiling, self.grade_index[ceiling.max_grade]) for ceiling in plan.ceilings]
        self.monthly = any(ceiling.per is CeilingScope.MONTH for ceiling in plan.ceilings)
        self._changes: dict[tuple[str, int, int], GradeChange] = {}

    def change(self, counts: Mapping[str, int], month_counts: Mapping[tuple[int, int], Mapping[str, int]],
               grade: Grade) -> GradeChange | None:
        """The most restrictive ceiling reached, if it lowers ``grade``. A monthly ceiling is reached when some
        month reaches it; its count is that of the month with most."""
        binding = None
        for index, (ceiling, max_grade) in enumerate(self.ceilings):
            if ceiling.per is CeilingScope.MONTH:
                count = max((self._count(ceiling, month) for month in month_counts.values()), default=0)
            else:
                count = self._count(ceiling, counts)
            if count >= ceiling.min_count and (binding is None or max_grade > binding[2]):
                binding = (index, count, max_grade)
        if binding is None or binding[2] <= self.grade_index[grade.code]:
            return None
        key = (grade.code, binding[0], binding[1])
        change = self._changes.get(key)
        if change is None:
            ceiling = self.ceilings[binding[0]][0]
            change = self._changes[key] = GradeChange(GradeChangeKind.CEILING, grade,
                                                      self.plan.grade(ceiling.max_grade), ceiling=ceiling,
                                                      count=binding[1])
        return change

    def _count(self, ceiling: Ceiling, counts: Mapping[str, int]) -> int:
        if ceiling.criterion_code is not None:
            return counts.get(ceiling.criterion_code, 0)
        criteria = self.plan.criteria
        return sum(number for code, number in counts.items() if criteria[code].block_code == ceiling.block_code)
