"""Which columns of a CSV/XLSX clock report hold what (``ColumnMapping``, saved per source by the caller), and a
guess from usual Vietnamese and English header names."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ward_office.core.errors import ClockMappingError
from ward_office.i18n import N_
from ward_office.i18n.text import fold
from ward_office.importers.spreadsheets import cell_text

DATE_ORDERS = ("dmy", "mdy")  # how to read 05/06/2026; a four-digit year first (2026-06-05) is always y-m-d


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which columns of a CSV/XLSX export hold what, by header text (compared without accents or case).

    Either ``datetime`` names one column holding "14/05/2026 07:58", or ``date`` names the date column and
    ``times`` one or more time columns (a Wise Eye "Vào 1 / Ra 1 / Vào 2 / Ra 2" report has several; a cell
    may also hold several times, "07:58 11:31").
    """

    name: str
    clock_id: str
    datetime: str = ""
    date: str = ""
    times: tuple[str, ...] = ()
    device: str = ""
    date_order: str = "dmy"

    def __post_init__(self) -> None:
        if not self.clock_id.strip():
            raise ClockMappingError(N_("The column mapping “{name}” names no column holding the clock id"),
                                    name=self.name)
        if not self.datetime.strip() and not (self.date.strip() and self.times):
            raise ClockMappingError(N_("The column mapping “{name}” names no column holding the date and time, "
                                       "nor a date column and time columns"), name=self.name)
        if self.date_order not in DATE_ORDERS:
            raise ClockMappingError(N_("The column mapping “{name}” reads dates in an unknown order “{order}”"),
                                    name=self.name, order=self.date_order)

    def headers(self) -> tuple[str, ...]:
        """Every header the file must have."""
        names = (self.clock_id, self.datetime, self.date, *self.times, self.device)
        return tuple(name for name in names if name)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "clock_id": self.clock_id, "datetime": self.datetime, "date": self.date,
                "times": list(self.times), "device": self.device, "date_order": self.date_order}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ColumnMapping:
        """The mapping as ``to_dict`` wrote it; one saved by a newer version may not be readable."""
        def unreadable(key: str) -> ClockMappingError:
            name = data.get("name")
            return ClockMappingError(
                N_("The column mapping “{name}” was saved in a form this version cannot read (field “{field}”)"),
                name=name if isinstance(name, str) else "", field=key)

        def text(key: str) -> str:
            value = data.get(key, "")
            if not isinstance(value, str):
                raise unreadable(key)
            return value

        times = data.get("times", ())
        if not isinstance(times, list | tuple) or not all(isinstance(item, str) for item in times):
            raise unreadable("times")
        return cls(name=text("name"), clock_id=text("clock_id"), datetime=text("datetime"), date=text("date"),
                   times=tuple(times), device=text("device"), date_order=text("date_order") or "dmy")


# Headers seen in Vietnamese and English exports (Wise Eye, ZKTime.Net, BioTime), compared folded.
_ID_HEADERS = ("mã chấm công", "mã cc", "mã nv", "mã nhân viên", "mã cán bộ", "mã số", "mã", "số chấm công",
               "user id", "userid", "enroll number", "enrollnumber", "userenrollnumber", "ac-no.", "ac-no",
               "ac no", "pin", "emp code", "emp_code", "employee id", "badgenumber", "id")
_DATETIME_HEADERS = ("thời gian", "ngày giờ", "thời gian chấm công", "giờ chấm công", "ngày giờ chấm công",
                     "date time", "date/time", "datetime", "checktime", "check time", "punch time",
                     "punch_time", "timestamp", "time")
_DATE_HEADERS = ("ngày", "ngày chấm công", "ngày công", "date", "timedate")
_TIME_HEADER = re.compile(r"(?:gio|time|check)?\s*(?:vao|ra|in|out|cham cong)?\s*(?:\d|sang|chieu)?")
_DEVICE_HEADERS = ("máy", "máy chấm công", "mã máy", "tên máy", "số máy", "thiết bị", "device", "machine",
                   "machineno", "machine no", "terminal", "terminal_sn", "sn", "serial")


def guess_mapping(headers: Sequence[object]) -> ColumnMapping | None:
    """A mapping for a header row with usual Vietnamese or English names, or None when it has no clock id
    column or no time."""
    cells = [cell_text(header) for header in headers]
    folded = [fold(cell) for cell in cells]

    def first(names: Iterable[str], exclude: Iterable[int] = ()) -> int | None:
        for name in names:
            key = fold(name)
            for index, value in enumerate(folded):
                if value == key and index not in exclude:
                    return index
        return None

    clock_id = first(_ID_HEADERS)
    if clock_id is None:
        return None
    device = first(_DEVICE_HEADERS, exclude=(clock_id,))
    taken = {clock_id} | ({device} if device is not None else set())
    day = first(_DATE_HEADERS, exclude=taken)
    if day is not None:
        times = tuple(cells[index] for index, value in enumerate(folded)
                      if index not in taken and index != day and value and _TIME_HEADER.fullmatch(value))
        if times:
            return ColumnMapping(name="", clock_id=cells[clock_id], date=cells[day], times=times,
                                 device=cells[device] if device is not None else "")
    stamp = first(_DATETIME_HEADERS, exclude=taken)
    if stamp is None:
        return None
    return ColumnMapping(name="", clock_id=cells[clock_id], datetime=cells[stamp],
                         device=cells[device] if device is not None else "")
