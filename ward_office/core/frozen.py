"""Building frozen dataclasses in bulk, without their ``__init__``.

A frozen dataclass sets each field through ``object.__setattr__``; for the tens of thousands of records, items
and results of a big ward's year that doubles the cost of building them. A writable twin with the same slots
is filled by plain assignment and then given the frozen class: the layouts are the same, so Python allows the
change, and from then on the object is an ordinary frozen instance (equal, hashable, immutable).
"""

from __future__ import annotations

from typing import TypeVar, cast

T = TypeVar("T")


def writable_twin(frozen: type) -> type:
    """A plain class with the slots of the frozen, slotted dataclass ``frozen``, to fill and then ``freeze``."""
    return type(f"Writable{frozen.__name__}", (), {"__slots__": vars(frozen)["__slots__"]})


def freeze(filled: object, frozen: type[T]) -> T:
    """``filled`` (a ``writable_twin`` of ``frozen`` with every field set) made a ``frozen`` instance."""
    object.__setattr__(filled, "__class__", frozen)
    return cast(T, filled)  # a change of class, which annotations cannot express
