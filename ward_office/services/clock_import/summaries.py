"""What a clock import reads, would do and did, and the few words that say how a session changed.

The wording of ``describe`` and ``describe_change`` is shared with the change log's view of a clock import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ward_office.core.attendance import Attendance, session_text
from ward_office.core.clock import Punch
from ward_office.core.errors import InputProblem, WardOfficeError
from ward_office.core.schedule import SESSION_LABELS, Session
from ward_office.core.staff import Staff
from ward_office.i18n import _
from ward_office.i18n.formatting import format_date


class ColumnMappingError(WardOfficeError):
    """The clock file's column mapping cannot be used or saved as given."""


class ClockIdError(WardOfficeError):
    """A clock id is empty or already belongs to someone else."""


MAX_LINES_SHOWN = 10  # lines listed per unknown clock id; the count says how many there are
MAX_CHANGES_SHOWN = 40  # session changes spelled out in the text summary


@dataclass(frozen=True, slots=True)
class ClockBatch:
    """What was read from one clock file, whatever its format."""

    file: str
    punches: tuple[Punch, ...]
    problems: tuple[InputProblem, ...] = ()
    encoding: str = ""
    devices: tuple[str, ...] = ()
    read: int = 0  # punches read before repeated ones were dropped; 0 means len(punches)


@dataclass(frozen=True, slots=True)
class UnknownClockId:
    clock_id: str
    count: int
    lines: tuple[int, ...]  # the first MAX_LINES_SHOWN lines of the file with this id


@dataclass(frozen=True, slots=True)
class SessionChange:
    staff: Staff
    day: date
    session: Session
    before: Attendance | None
    after: Attendance | None


@dataclass(frozen=True, slots=True)
class ClockPreview:
    file: str
    encoding: str
    devices: tuple[str, ...]
    read: int
    duplicates: int
    new: int
    already_stored: int
    unknown: tuple[UnknownClockId, ...]
    problems: tuple[InputProblem, ...]
    days: tuple[date, ...]  # days with a punch in the file
    changes: tuple[SessionChange, ...]
    not_judged: tuple[date, ...] = ()  # days still under way, or locked with nothing new: no attendance derived
    manual_kept: int = 0  # sessions where a person's record wins over what the clock says
    # Punches dated after today or before the ward's first day (clock_import.suspect), and whether imported.
    suspect: tuple[Punch, ...] = ()
    suspect_included: bool = False
    suspect_reasons: tuple[str, ...] = ()  # why each of ``suspect`` is suspect, in the same order

    @property
    def added(self) -> int:
        return sum(1 for change in self.changes if change.before is None)

    @property
    def replaced(self) -> int:
        return sum(1 for change in self.changes if change.before is not None and change.after is not None)

    @property
    def removed(self) -> int:
        return sum(1 for change in self.changes if change.after is None)

    def localized(self) -> str:
        lines = [_("{file}: {read} punches read, {duplicates} repeated punches dropped, {new} new, {stored} "
                   "already stored.").format(file=self.file, read=self.read, duplicates=self.duplicates,
                                             new=self.new, stored=self.already_stored)]
        if self.days:
            lines.append(_("Days covered: {first} to {last} ({count} days).").format(
                first=format_date(self.days[0]), last=format_date(self.days[-1]), count=len(self.days)))
        if self.problems:
            lines.append(_("Lines skipped: {count}").format(count=len(self.problems)))
            lines += [_("  line {line}: {problem}").format(line=problem.line, problem=problem.localized())
                      for problem in self.problems[:MAX_CHANGES_SHOWN]]
        if self.unknown:
            lines.append(_("Clock ids of no staff member (punches kept, no attendance derived):"))
            lines += [_("  {clock_id}: {count} punches, lines {lines}").format(
                clock_id=unknown.clock_id, count=unknown.count, lines=", ".join(map(str, unknown.lines)))
                for unknown in self.unknown]
        lines.append(_("Attendance: {added} sessions to add, {replaced} to replace, {removed} to remove; "
                       "{kept} kept as entered by hand.").format(
            added=self.added, replaced=self.replaced, removed=self.removed, kept=self.manual_kept))
        lines += [f"  {describe_change(change)}" for change in self.changes[:MAX_CHANGES_SHOWN]]
        if len(self.changes) > MAX_CHANGES_SHOWN:
            lines.append(_("  … and {count} more").format(count=len(self.changes) - MAX_CHANGES_SHOWN))
        if self.suspect:
            lines.append((_("Suspect punches imported as the clerk chose: {count}") if self.suspect_included else
                           _("Suspect punches left out (wrong date on the clock?): {count}")).format(
                count=len(self.suspect)))
            lines += [_("  line {line}: {clock_id} at {moment}, {reason}").format(
                line=punch.line, clock_id=punch.clock_id, moment=punch.at.strftime("%d/%m/%Y %H:%M"),
                reason=reason) for punch, reason in zip(self.suspect[:MAX_CHANGES_SHOWN], self.suspect_reasons,
                                                        strict=False)]
        if self.not_judged:
            lines.append(_("Days not judged yet (still under way or locked): {days}").format(
                days=", ".join(format_date(day) for day in self.not_judged)))
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class ClockImportSummary:
    preview: ClockPreview
    punches_added: int
    sessions_changed: int
    dry_run: bool = False

    def localized(self) -> str:
        text = self.preview.localized()
        if self.dry_run:
            return text + "\n" + _("Nothing was written (trial run).")
        return text + "\n" + _("Written: {punches} punches, {sessions} attendance sessions.").format(
            punches=self.punches_added, sessions=self.sessions_changed)


@dataclass(frozen=True, slots=True)
class LinkSummary:
    clock_id: str
    staff: Staff
    days: int
    changes: tuple[SessionChange, ...] = field(default=())
    locked_days: tuple[date, ...] = ()

    def localized(self) -> str:
        text = _("Clock id {clock_id} now belongs to {name}: {days} days of punches judged, {count} attendance "
                 "sessions changed.").format(clock_id=self.clock_id, name=self.staff.full_name, days=self.days,
                                              count=len(self.changes))
        if self.locked_days:
            text += "\n" + _("Days of locked periods left as they were: {days}").format(
                days=", ".join(format_date(day) for day in self.locked_days))
        return text


def describe(record: Attendance | None) -> str:
    """A session in the grid's words (core.attendance.session_text): "Đi muộn 12 phút, về sớm 5 phút"…"""
    return session_text(record)


def describe_change(change: SessionChange) -> str:
    return _("{day} {session}, {name}: {before} → {after}").format(
        day=format_date(change.day), session=_(SESSION_LABELS[change.session]).lower(), name=change.staff.full_name,
        before=describe(change.before), after=describe(change.after))
