"""Finding change log lines by filters, a page at a time, newest first.

Pages are read with keyset paging (``before_id``), so a log of ten years opens as fast as one of a week.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ward_office.core.change_log import Change, ChangeAction, ChangeEntity
from ward_office.i18n import _
from ward_office.i18n.formatting import format_date
from ward_office.i18n.text import fold
from ward_office.services.change_log.labels import PAGE_SIZE, action_label, kind_label
from ward_office.services.change_log.lookup import Lookup
from ward_office.services.change_log.sentences import describe
from ward_office.services.ward import Ward


@dataclass(frozen=True, slots=True)
class ChangeFilter:
    """What to show: days the change was made (inclusive), who made it, kind of record, action, the person
    the record is about, and any words (a name without accents, a code, a note, 05/11/2026)."""

    start: date | None = None
    end: date | None = None
    actor: str | None = None
    kind: ChangeEntity | None = None
    action: ChangeAction | None = None
    staff_id: int | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class ChangeLine:
    """A log line with its sentence, ready for a table."""

    entry: Change
    sentence: str

    @property
    def kind_label(self) -> str:
        return kind_label(self.entry.entity)

    @property
    def action_label(self) -> str:
        return action_label(self.entry.action)


def _search_text(text: str) -> str:
    """A day typed as 05/11/2026 is searched as the log stores it (2026-11-05)."""
    text = text.strip()
    parts = text.split("/")
    if len(parts) == 3 and all(part.isdigit() for part in parts):
        try:
            return date(int(parts[2]), int(parts[1]), int(parts[0])).isoformat()
        except ValueError:
            return text
    return text


def _people_named(lookup: Lookup, text: str) -> list[int]:
    words = fold(text).split()
    if not words:
        return []
    return [staff_id for staff_id, person in lookup.staff.items()
            if all(word in fold(f"{person.full_name} {person.code}") for word in words)]


def find_entries(ward: Ward, wanted: ChangeFilter, *, before_id: int | None = None, limit: int = PAGE_SIZE,
                 lookup: Lookup | None = None) -> list[ChangeLine]:
    """One page of lines, newest first; the next page starts before the last line's id."""
    lookup = lookup or Lookup.of(ward)
    entries = ward.store.change_log.find(
        start=wanted.start, end=wanted.end, who=wanted.actor,
        entities=None if wanted.kind is None else [ChangeEntity(wanted.kind)], action=wanted.action,
        staff_ids=None if wanted.staff_id is None else [wanted.staff_id],
        text=_search_text(wanted.text), text_staff_ids=_people_named(lookup, wanted.text),
        before_id=before_id, limit=limit,
    )
    return [ChangeLine(entry, describe(entry, lookup)) for entry in entries]


def iter_entries(ward: Ward, wanted: ChangeFilter, lookup: Lookup | None = None) -> Iterator[ChangeLine]:
    """Every matching line, newest first, a page at a time."""
    lookup = lookup or Lookup.of(ward)
    before_id = None
    while True:
        page = find_entries(ward, wanted, before_id=before_id, limit=1000, lookup=lookup)
        yield from page
        if len(page) < 1000:
            return
        before_id = page[-1].entry.id


def actors(ward: Ward) -> list[str]:
    """Everyone who made a change, for the "who" filter."""
    return ward.store.change_log.actors()


def filter_text(wanted: ChangeFilter, lookup: Lookup | None = None) -> str:
    """The filter in words, for the head of an export."""
    lookup = lookup or Lookup()
    parts = []
    if wanted.start is not None or wanted.end is not None:
        parts.append(_("from {start} to {end}").format(
            start=format_date(wanted.start) if wanted.start else "…",
            end=format_date(wanted.end) if wanted.end else "…"))
    if wanted.actor:
        parts.append(_("by {who}").format(who=wanted.actor))
    if wanted.kind:
        parts.append(kind_label(wanted.kind))
    if wanted.action is not None:
        parts.append(action_label(wanted.action))
    if wanted.staff_id is not None:
        parts.append(_("about {name}").format(name=lookup.person(wanted.staff_id)))
    if wanted.text.strip():
        parts.append(_("containing “{text}”").format(text=wanted.text.strip()))
    return "; ".join(parts) or _("every change")
