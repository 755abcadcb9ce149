"""The change log's sentence about the points the head entered for a person, a month and an entered item."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

from ward_office.core.change_log import Change, ChangeAction, ChangeField, Values
from ward_office.i18n import _
from ward_office.i18n.formatting import format_month, format_number
from ward_office.services.change_log.lookup import Lookup


def _points(value: Any) -> str:
    """Points as the log keeps them ("32.5"), in the user's writing ("32,5"); an odd value as written."""
    try:
        return format_number(Fraction(str(value)))
    except (TypeError, ValueError, ZeroDivisionError):
        return str(value)


def _with_self(values: Values, text: str) -> str:
    self_points = values.get(ChangeField.SELF_POINTS)
    if self_points is None:
        return text
    return _("{points} (self-assessed {self_points})").format(points=text, self_points=_points(self_points))


def describe_entered_score(change: Change, lookup: Lookup) -> str:
    values = change.values
    month = values.get(ChangeField.MONTH)
    month_text = format_month(month.year, month.month).lower() if isinstance(month, date) else str(month or "")
    common = {"name": lookup.person(values.get(ChangeField.STAFF)), "month": month_text,
              "item": values.get(ChangeField.ITEM_NAME) or values.get(ChangeField.ITEM_CODE, "")}
    maximum = _points(values.get(ChangeField.MAXIMUM))
    if change.action is ChangeAction.DELETE:
        return _("Clear the points of {name} for “{item}”, {month}: not graded yet").format(**common)
    new = _with_self(change.new, f"{_points(change.new.get(ChangeField.POINTS))}/{maximum}")
    if change.action is ChangeAction.UPDATE:
        old = _with_self(change.old, f"{_points(change.old.get(ChangeField.POINTS))}/{maximum}")
        return _("Change the points of {name} for “{item}”, {month}: {old} → {new}").format(old=old, new=new,
                                                                                             **common)
    return _("Enter the points of {name} for “{item}”, {month}: {points}").format(points=new, **common)
