"""Clock files already imported: what reading one gave (counts, unknown clock ids with their first lines, the
lines skipped, the days it covers) is remembered in the transaction that stored its punches, so importing the
same file again shows the same preview without reading a million lines again.

The memory is keyed by a digest of the file's bytes and of everything reading it depends on: the readers'
version, the file's name (an attlog's device), the column mapping, and the staff's clock ids (which ids are
unknown). Every punch of a remembered file is stored (punches are never removed), so what importing it again
changes comes from the book alone: its days are judged again as any import judges them
(``planning.plan_stored``). Whenever in doubt the file is read again: a key not found, a remembered body this
version cannot read, or a day of the file that would now be suspect (after today, before the ward's first day).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ward_office.core.errors import InputProblem
from ward_office.importers.clock_logs import ColumnMapping
from ward_office.importers.text_files import read_bytes
from ward_office.services.clock_import.planning import ImportPlan, plan_stored, staff_by_clock_id
from ward_office.services.clock_import.summaries import ClockPreview, UnknownClockId
from ward_office.services.clock_import.suspect import ward_first_day
from ward_office.storage import Store
from ward_office.storage.punches import digest

# Raise when a reader may read the same bytes differently: every file is then read again once.
READER_VERSION = 1
MAX_PROBLEMS = 10_000  # a file with more lines skipped is read again each time rather than remembered


@dataclass(frozen=True, slots=True)
class FileKey:
    """A clock file as an import reads it, and the key of what reading it gives."""

    file: Path
    mapping: ColumnMapping | None
    key: str


def file_key(store: Store, file: Path, mapping: ColumnMapping | None) -> FileKey:
    content = hashlib.blake2b(read_bytes(file), digest_size=16).hexdigest()
    clock_ids = sorted(staff_by_clock_id(store.staff.list()))
    return FileKey(file, mapping, digest(repr((READER_VERSION, content, Path(file).name,
                                               None if mapping is None else sorted(mapping.to_dict().items()),
                                               clock_ids))))


def recall(store: Store, source: FileKey, now: datetime, include_suspect: bool) -> ImportPlan | None:
    """The plan of importing a file remembered under ``source.key``, without reading it; None to read it."""
    body = store.punches.remembered_file(source.key)
    if body is None:
        return None
    try:
        read = _preview(body, str(source.file), include_suspect)
    except (KeyError, TypeError, ValueError, AttributeError):  # written by another version
        return None
    if not read.days or read.days[0] < ward_first_day(store.staff.list()) or read.days[-1] > now.date():
        return None  # some punches would be suspect now: the preview must list them
    return plan_stored(store, read, now)


def _preview(body: Mapping[str, Any], file: str, include_suspect: bool) -> ClockPreview:
    days = tuple(sorted(date.fromisoformat(day) for day in body["days"]))
    unknown = tuple(UnknownClockId(str(clock_id), int(count), tuple(int(line) for line in lines))
                    for clock_id, count, lines in body["unknown"])
    problems = tuple(InputProblem(int(line), str(field), str(message), dict(params))
                     for line, field, message, params in body["problems"])
    return ClockPreview(file, str(body["encoding"]), tuple(map(str, body["devices"])), int(body["read"]),
                        int(body["duplicates"]), 0, int(body["punches"]), unknown, problems, days, (),
                        suspect_included=include_suspect)


def memory(preview: ClockPreview) -> dict[str, Any] | None:
    """What to remember of a file imported with ``preview``; None when not every punch of it was stored (suspect
    punches left out) or it is not worth remembering."""
    if (preview.suspect and not preview.suspect_included) or not preview.days or len(preview.problems) > MAX_PROBLEMS:
        return None
    if any(not isinstance(value, str | int) or isinstance(value, bool)
           for problem in preview.problems for value in problem.params.values()):
        return None  # read back as it was written only for text and whole numbers
    return {
        "encoding": preview.encoding, "devices": list(preview.devices), "read": preview.read,
        "duplicates": preview.duplicates, "punches": preview.new + preview.already_stored,
        "unknown": [[unknown.clock_id, unknown.count, list(unknown.lines)] for unknown in preview.unknown],
        "problems": [[problem.line, problem.field, problem.message, problem.params] for problem in preview.problems],
        "days": [day.isoformat() for day in preview.days],
    }
