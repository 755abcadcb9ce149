"""Reading the entered blocks of a plan file (``entered = true``): blocks whose points the head enters each month
instead of counting them from the record (task results: NĐ 335 gives them 70 of 100 points). What is entered
is always a criterion with a ``maximum`` (points 0): a sub-criterion, or the block's own when it has none.

Apart from ``core.plan`` so the reader of the other keys stays as it was; ``_Reader`` there inherits these.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ward_office.core.plan_types import Block, Criterion
from ward_office.core.plan_values import Path, PlanValues
from ward_office.i18n import N_
from ward_office.i18n.formatting import format_number

# What a criterion of an entered block cannot have: it is entered, never counted.
_COUNTED_KEYS = ("points", "escalation", "cap", "brackets")


class EnteredPlanValues(PlanValues):
    """The checks of entered blocks and of what may refer to them, each mistake recorded with its line."""

    def entered(self, data: Mapping[str, Any], where: Path) -> bool:
        value = data.get("entered", False)
        if not isinstance(value, bool):  # told; the block is read as entered, as its writer likely meant
            self.fail(where, N_("“{key}” must be true or false"), key="entered")
            return True
        return value

    def entered_criterion(self, data: Mapping[str, Any], block_code: str, where: Path) -> Criterion:
        """A sub-criterion of an entered block: a code, a name and its maximum, nothing counted."""
        code, name = self.text(data, "code", where), self.attempt(self.text, data, "name", where)
        for key in _COUNTED_KEYS:
            if key in data:
                raise self.fail(where, N_("a criterion of an entered block has no “{key}”: its points are entered"),
                                key=key)
        if "maximum" not in data:
            raise self.fail(where, N_("a criterion of an entered block needs “maximum”"), key="code")
        maximum = self.optional_number(data, "maximum", where)
        if name is None or maximum is None:
            raise self.refused()
        return Criterion(code, name, block_code, Fraction(0), maximum=maximum)

    def check_entered_block(self, data: Mapping[str, Any], where: Path, block: Block,
                            criteria: Mapping[str, Criterion]) -> bool:
        """An entered block has a maximum, no cap nor floor, and its criteria's maxima make its maximum."""
        if not block.entered:
            return True
        if block.maximum is None:
            raise self.fail(where, N_("an entered block needs “maximum”"), key="entered")
        for key in ("cap", "floor"):
            if key in data:  # told, and the maxima checked all the same
                self.fail(where, N_("an entered block has no “{key}”: its points are entered"), key=key)
        maxima = [criteria[code].maximum for code in block.criteria if code in criteria]
        total = sum((maximum for maximum in maxima if maximum is not None), Fraction(0))
        written = data.get("criteria")
        whole = not isinstance(written, list) or len(written) == len(block.criteria)  # else a criterion was refused
        if block.criteria and whole and total != block.maximum:
            raise self.fail(where, N_("the maxima of the block's criteria add up to {total}, not to its “maximum” "
                                      "({maximum})"), key="maximum", total=format_number(total),
                            maximum=format_number(block.maximum))
        return True

    def not_entered(self, criteria: Mapping[str, Criterion], code: str | None, where: Path, key: str) -> None:
        """Refuse a reference (a rule's, a ceiling's) to an entered criterion: it has no occurrences."""
        criterion = criteria.get(code) if code is not None else None
        if criterion is not None and criterion.maximum is not None:
            raise self.fail(where, N_("“{code}” is entered by the head, not counted: nothing can refer to it here"),
                            code=code, key=key)

    def not_entered_block(self, blocks: list[Block], code: str | None, where: Path) -> None:
        if any(block.code == code and block.entered for block in blocks):
            raise self.fail(where, N_("“{code}” is entered by the head, not counted: nothing can refer to it here"),
                            code=code, key="block")

    def own_item(self, entered: bool, block_code: str, name: str, maximum: Fraction | None,
                 criteria: dict[str, Criterion], where: Path) -> list[str]:
        """An entered block without criteria is entered under its own code: made its one criterion, of its name
        and maximum, so that what is entered is always a criterion. No other criterion may have that code."""
        if not entered or maximum is None:
            return []
        if block_code in criteria:
            self.fail(where, N_("the code “{code}” is used twice"), code=block_code, key="code")
            return []
        criteria[block_code] = Criterion(block_code, name, block_code, Fraction(0), maximum=maximum)
        return [block_code]
