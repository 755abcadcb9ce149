"""The ranking of a locked period as it stood when it was locked, written to and read from JSON.

The whole scored result is kept, not only the inputs: the plan as it was, every person as they were
(name, position, department), every item with its points, each grade and grade change. Showing a locked
period then needs neither today's plan nor today's scoring rules, so neither can rewrite it. The JSON
carries a ``format`` number; a program that does not know the number refuses it instead of guessing.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from fractions import Fraction
from functools import cache
from typing import Any

from ward_office.core.errors import WardOfficeError
from ward_office.core.period import Period
from ward_office.i18n import N_
from ward_office.i18n.formatting import period_label
from ward_office.scoring.results import ScoredPeriod
from ward_office.storage import Store

FORMAT = 1


class SnapshotFormatError(WardOfficeError):
    """A kept ranking this program cannot read."""


def snapshot_body(scored: ScoredPeriod, *, plan_id: int | None = None, scored_on: date | None = None) -> dict[str, Any]:
    """The JSON object kept for a locked period."""
    period = scored.ranking.period
    return {
        "format": FORMAT,
        "period": {"kind": period.kind.value, "start": period.start.isoformat(), "end": period.end.isoformat()},
        "plan": {"id": plan_id, "code": scored.ranking.plan.code, "version": scored.ranking.plan.version},
        "scored_on": None if scored_on is None else scored_on.isoformat(),
        "scored": to_json(scored),
    }


def scored_from_body(body: Mapping[str, Any]) -> ScoredPeriod:
    """The ScoredPeriod kept in ``body``; SnapshotFormatError if this program cannot read it."""
    if body.get("format") != FORMAT:
        raise SnapshotFormatError(N_("The kept ranking was saved in a form this version of the program cannot "
                                     "read (form {format})"), format=str(body.get("format")))
    try:
        scored: ScoredPeriod = from_json(ScoredPeriod, body["scored"])
        return scored
    except (KeyError, TypeError, ValueError) as error:
        raise SnapshotFormatError(N_("The kept ranking is damaged: {reason}"), reason=str(error)) from error


def kept_scored_period(store: Store, period: Period) -> ScoredPeriod | None:
    """The ranking kept when exactly this period was locked, or None (not locked, or locked with no ranking
    kept). The letterhead (unit) is today's: a report printed now is issued now."""
    record = store.periods.get(period)
    if record is None or not record.is_locked or record.locked_at is None:
        return None
    snapshot = store.snapshots.latest(record.id)
    if snapshot is None or snapshot.taken_at < record.locked_at:
        return None  # kept at an earlier lock; this lock kept nothing
    scored = scored_from_body(snapshot.content())
    if (scored.ranking.period.start, scored.ranking.period.end) != (period.start, period.end):
        raise SnapshotFormatError(N_("The kept ranking is damaged: {reason}"),
                                  reason=period_label(scored.ranking.period))
    return dataclasses.replace(scored, unit=store.unit.get())


# ---- Frozen dataclasses to JSON and back, guided by their type hints ----


def to_json(value: Any) -> Any:
    """Plain JSON values for a tree of dataclasses, enums, fractions, dates, tuples and mappings.

    Mappings become lists of [key, value] pairs so that integer keys stay integers."""
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: to_json(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return [[to_json(key), to_json(item)] for key, item in value.items()]
    if isinstance(value, tuple | list):
        return [to_json(item) for item in value]
    raise TypeError(f"cannot keep a {type(value).__name__} in a snapshot")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_json(kind: Any, data: Any) -> Any:
    """The inverse of ``to_json`` for a value of type ``kind``."""
    supertype = getattr(kind, "__supertype__", None)  # a NewType
    if supertype is not None:
        return from_json(supertype, data)
    origin = typing.get_origin(kind)
    arguments = typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        if data is None and type(None) in arguments:
            return None
        (inner,) = [argument for argument in arguments if argument is not type(None)]
        return from_json(inner, data)
    if kind is Any:
        return data
    if origin is tuple:
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            return tuple(from_json(arguments[0], item) for item in data)
        if len(arguments) != len(data):
            raise ValueError(f"expected {len(arguments)} values, found {len(data)}")
        return tuple(from_json(argument, item) for argument, item in zip(arguments, data, strict=True))
    if origin in (Mapping, dict, typing.Mapping):
        key_kind, value_kind = arguments
        return {from_json(key_kind, key): from_json(value_kind, item) for key, item in data}
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        # A field added since the snapshot was kept takes its default (a plan's bounds, a result's clamps).
        return kind(**{field.name: from_json(hints[field.name], data[field.name])
                       for field in dataclasses.fields(kind)
                       if field.init and (field.name in data or (field.default is dataclasses.MISSING
                                                                 and field.default_factory is dataclasses.MISSING))})
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(data)
    if kind is Fraction:
        return Fraction(data)
    if kind is datetime:
        return datetime.fromisoformat(data)
    if kind is date:
        return date.fromisoformat(data)
    if kind in (int, str, bool):
        if not isinstance(data, kind) or (kind is int and isinstance(data, bool)):
            raise ValueError(f"expected {kind.__name__}, found {data!r}")
        return data
    raise TypeError(f"cannot read a {kind!r} from a snapshot")
