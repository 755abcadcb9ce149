"""Which columns of a rating device's or portal's export hold what (``RatingMapping``), and how its rating words
or numbers read as levels; chosen once by the clerk and remembered by name, in the same table as the clock's
column mappings (kind "ratings").

The real exports differ from ward to ward, so the mapping does the work: it names the columns by header, says
how numbers read (``scale``: 1–3 or 1–5), adds the ward's own words (``values``) and, for an export naming only
the counter (quầy), who serves at each counter (``counters``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ward_office.core.citizens import RatingLevel
from ward_office.core.errors import ClockMappingError
from ward_office.i18n import N_
from ward_office.i18n.text import fold

KIND = "ratings"  # kept in the clock_mappings table, told apart by this
SCALES = ("", "1-3", "1-5")
DATE_ORDERS = ("dmy", "mdy")

_VERY, _CONTENT, _NOT = RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED, RatingLevel.NOT_SATISFIED
# Words of the devices and the portal, compared folded (without accents or case): "Rất hài lòng", "RAT HAI LONG".
_WORDS = {
    "rat hai long": _VERY, "very satisfied": _VERY, "hai long": _CONTENT, "satisfied": _CONTENT,
    "khong hai long": _NOT, "chua hai long": _NOT, "not satisfied": _NOT, "dissatisfied": _NOT,
    "unsatisfied": _NOT,
}
_NUMBERS = {
    "1-3": {"3": _VERY, "2": _CONTENT, "1": _NOT},
    "1-5": {"5": _VERY, "4": _CONTENT, "3": _NOT, "2": _NOT, "1": _NOT},
}


@dataclass(frozen=True, slots=True)
class RatingMapping:
    """Headers as the export writes them (compared without accents or case): ``level`` and either ``datetime``
    or ``date`` (with ``time`` if the time is apart), and ``staff`` or ``counter`` (with ``counters``)."""

    name: str
    level: str
    staff: str = ""  # the person: their staff code, clock id or full name
    datetime: str = ""
    date: str = ""
    time: str = ""
    counter: str = ""
    dossier: str = ""
    scale: str = ""  # how numbers read: "" none, "1-3" (3 very satisfied), "1-5" (5 very, 4 satisfied, 1–3 not)
    values: tuple[tuple[str, RatingLevel], ...] = ()  # the ward's own words or numbers, before the usual ones
    counters: tuple[tuple[str, str], ...] = ()  # counter as written → staff code of who serves there
    date_order: str = "dmy"
    _lookup: dict[str, RatingLevel] = field(default_factory=dict, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.level.strip():
            raise ClockMappingError(N_("The column mapping “{name}” names no column holding the rating"),
                                    name=self.name)
        if not self.datetime.strip() and not self.date.strip():
            raise ClockMappingError(N_("The column mapping “{name}” names no column holding the date"), name=self.name)
        if not self.staff.strip() and not (self.counter.strip() and self.counters):
            raise ClockMappingError(N_("The column mapping “{name}” names no column holding the person, nor a "
                                       "counter column with who serves at each counter"), name=self.name)
        if self.scale not in SCALES:
            raise ClockMappingError(N_("The column mapping “{name}” reads numbers on an unknown scale “{scale}”"),
                                    name=self.name, scale=self.scale)
        if self.date_order not in DATE_ORDERS:
            raise ClockMappingError(N_("The column mapping “{name}” reads dates in an unknown order “{order}”"),
                                    name=self.name, order=self.date_order)
        self._lookup.update(_WORDS)
        self._lookup.update(_NUMBERS.get(self.scale, {}))
        self._lookup.update((fold(text), level) for text, level in self.values)

    def headers(self) -> tuple[str, ...]:
        """Every header the file must have."""
        names = (self.staff, self.datetime, self.date, self.time, self.level, self.counter, self.dossier)
        return tuple(dict.fromkeys(name for name in names if name))

    def level_of(self, text: str) -> RatingLevel | None:
        """The level a cell says ("Rất hài lòng", "rat hai long", "3"), or None when the mapping cannot read it."""
        key = fold(text)
        if key.endswith(".0") and key[:-2].isdigit():
            key = key[:-2]
        return self._lookup.get(key)

    def counter_staff(self, counter: str) -> str:
        """The staff code of who serves at ``counter``, or ""."""
        return next((code for name, code in self.counters if fold(name) == fold(counter)), "")

    def to_dict(self) -> dict[str, Any]:
        return {"kind": KIND, "name": self.name, "level": self.level, "staff": self.staff,
                "datetime": self.datetime, "date": self.date, "time": self.time, "counter": self.counter,
                "dossier": self.dossier, "scale": self.scale, "counters": dict(self.counters),
                "values": {text: level.value for text, level in self.values}, "date_order": self.date_order}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RatingMapping:
        """The mapping as ``to_dict`` wrote it; one saved by a newer version, or of another kind, is refused."""
        name = data.get("name")

        def unreadable(key: str) -> ClockMappingError:
            return ClockMappingError(
                N_("The column mapping “{name}” was saved in a form this version cannot read (field “{field}”)"),
                name=name if isinstance(name, str) else "", field=key)

        if data.get("kind") != KIND:
            raise unreadable("kind")
        texts = {}
        for key in ("name", "level", "staff", "datetime", "date", "time", "counter", "dossier", "scale", "date_order"):
            value = data.get(key, "")
            if not isinstance(value, str):
                raise unreadable(key)
            texts[key] = value
        values, counters = data.get("values", {}), data.get("counters", {})
        if not isinstance(values, dict) or not all(isinstance(level, str) and level in set(RatingLevel)
                                                   for level in values.values()):
            raise unreadable("values")
        if not isinstance(counters, dict) or not all(isinstance(code, str) for code in counters.values()):
            raise unreadable("counters")
        return cls(**{**texts, "date_order": texts["date_order"] or "dmy"},
                   values=tuple((str(text), RatingLevel(level)) for text, level in values.items()),
                   counters=tuple((str(counter), code) for counter, code in counters.items()))


# The template's own headers (resources/templates/danh-gia-hai-long.xlsx): read without any mapping chosen.
TEMPLATE = RatingMapping(name="", level="Mức độ hài lòng", staff="Mã cán bộ", datetime="Thời gian",
                         counter="Quầy", dossier="Mã hồ sơ", scale="1-3")
