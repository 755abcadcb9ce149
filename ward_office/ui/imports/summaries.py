"""What the import wizard says about a file, in words: the counts of the preview (rows read, to add,
skipped and why) and the summary once it is written. Plain text, so the pages only lay it out.
"""

from __future__ import annotations

from ward_office.i18n import _
from ward_office.i18n.formatting import format_date, format_month, format_number

from ward_office.ui.imports._services import (
    ClockImportSummary,
    ClockPreview,
    ImportKind,
    ImportSummary,
    RatingImportSummary,
    Result,
    ScoreImportSummary,
)

Rows = list[tuple[str, str]]


def clock_headline(preview: ClockPreview) -> str:
    if preview.new or preview.changes:
        return _("Nothing is written until you press Import. The punches and the attendance below are written "
                 "together, or not at all.")
    return _("Everything in this file is already in the record book: importing adds nothing.")


def list_headline(preview: ImportSummary) -> str:
    if preview.added or preview.updated:
        return _("Nothing is written until you press Import; then every row below is written, or none.")
    return _("Everything in this file is already in the record book: importing adds nothing.")


def score_headline(preview: ScoreImportSummary) -> str:
    if preview.added or preview.changed:
        return _("Nothing is written until you press Import; then every point below is entered, or none. An empty "
                 "cell leaves the points already entered as they are.")
    return _("Everything in this file is already in the record book: importing adds nothing.")


def score_counts(preview: ScoreImportSummary, name: str) -> Rows:
    return [
        (_("File:"), name),
        (_("Month:"), format_month(preview.month.year, preview.month.month)),
        (_("People read:"), format_number(preview.rows)),
        (_("Points to enter:"), _("{added} new, {changed} changed; {unchanged} unchanged").format(
            added=format_number(preview.added), changed=format_number(preview.changed),
            unchanged=format_number(preview.unchanged))),
        (_("Left empty, kept as they are:"), format_number(preview.left_empty)),
        (_("Rows skipped:"), format_number(len(preview.skipped))),
    ]


def rating_headline(preview: RatingImportSummary) -> str:
    if preview.preview.new:
        return _("Nothing is written until you press Import; then every new rating below is written, or none.")
    return _("Every rating of a known staff member in this file is already in the record book: importing adds "
             "nothing.")


def rating_counts(summary: RatingImportSummary, name: str, saved_mapping: str) -> Rows:
    preview = summary.preview
    rows = [(_("File:"), name), (_("Ratings read:"), format_number(preview.read)),
            (_("New, to add:"), format_number(len(preview.new))),
            (_("Already on record:"), format_number(preview.already)),
            (_("Staff members not found:"), _("{people} ({ratings} ratings, not imported)").format(
                people=format_number(len(preview.unknown)),
                ratings=format_number(sum(len(unknown.lines) for unknown in preview.unknown))))]
    if preview.first_day is not None and preview.last_day is not None:
        rows.append((_("Days:"), _("from {first} to {last}").format(first=format_date(preview.first_day),
                                                                   last=format_date(preview.last_day))))
    if saved_mapping:
        rows.append((_("Columns read with:"), _("the mapping “{name}”").format(name=saved_mapping)))
    return rows


def clock_counts(preview: ClockPreview, name: str) -> Rows:
    details = [preview.encoding.upper() if preview.encoding else ""]
    if preview.devices:
        details.append(_("devices: {names}").format(names=", ".join(preview.devices)))
    days = ""
    if preview.days:
        days = _("{first} to {last} ({count} days)").format(
            first=format_date(preview.days[0]), last=format_date(preview.days[-1]),
            count=format_number(len(preview.days)))
    rows = [
        (_("File:"), " · ".join([name, *[detail for detail in details if detail]])),
        (_("Punches read:"), format_number(preview.read)),
        (_("Repeated within 3 minutes, dropped:"), format_number(preview.duplicates)),
        (_("Punches to add:"), _("{new} new; {stored} already stored").format(
            new=format_number(preview.new), stored=format_number(preview.already_stored))),
        (_("Days:"), days or "—"),
        (_("Attendance sessions:"), _("{added} to add, {replaced} to change, {removed} to remove; {kept} kept as "
                                      "entered by hand").format(
            added=format_number(preview.added), replaced=format_number(preview.replaced),
            removed=format_number(preview.removed), kept=format_number(preview.manual_kept))),
        (_("Lines skipped:"), format_number(len(preview.problems))),
        (_("Clock ids of nobody:"), _("{ids} ids, {punches} punches").format(
            ids=format_number(len(preview.unknown)),
            punches=format_number(sum(unknown.count for unknown in preview.unknown)))),
    ]
    if preview.not_judged:
        rows.append((_("Days not judged yet:"), ", ".join(format_date(day) for day in preview.not_judged)))
    return rows


def list_counts(preview: ImportSummary, name: str, kind: ImportKind) -> Rows:
    rows = [(_("File:"), name), (_("Rows read:"), format_number(preview.rows)),
            (_("Rows to add:"), format_number(preview.added))]
    if kind is ImportKind.STAFF:
        rows.append((_("People to update:"), format_number(preview.updated)))
        rows.append((_("Unchanged:"), format_number(preview.unchanged)))
        if preview.new_departments:
            rows.append((_("New departments:"), ", ".join(preview.new_departments)))
        given = sum(1 for person in preview.people if person.code_generated)
        if given:
            rows.append((_("Staff codes given by the import:"), format_number(given)))
        guessed = sum(1 for person in preview.people if person.gender_guessed)
        if guessed:
            rows.append((_("Gender read from the middle name (⚠):"), format_number(guessed)))
        if preview.mapping:
            rows.append((_("Columns read with:"), _("the mapping “{name}”").format(name=preview.mapping)))
    else:
        rows.append((_("Already on record:"), format_number(preview.unchanged)))
    reasons = "; ".join(_("{count} {reason}").format(count=format_number(len(lines)), reason=_(reason))
                        for reason, lines in preview.skipped_by_reason().items())
    rows.append((_("Rows skipped:"), format_number(len(preview.skipped)) + (f" ({reasons})" if reasons else "")))
    return rows


def clock_done(result: ClockImportSummary, saved_mapping: str) -> list[str]:
    preview = result.preview
    lines = [_("Written: {punches} punches and {sessions} attendance sessions, in one go.").format(
        punches=format_number(result.punches_added), sessions=format_number(result.sessions_changed))]
    if saved_mapping:
        lines.append(_("The columns were remembered as “{name}” for the next report.").format(name=saved_mapping))
    if preview.problems:
        lines.append(_("{count} lines of the file were skipped.").format(count=format_number(len(preview.problems))))
    lines.append(_("The attendance is on the Attendance page."))
    if preview.unknown:
        lines.append(_("Their punches are kept, but these clock ids belong to nobody yet; give each one to its owner "
                       "below and their attendance is worked out at once."))
    return lines


def list_done(result: ImportSummary, kind: ImportKind) -> list[str]:
    lines: list[str] = []
    if kind is ImportKind.STAFF:
        lines.append(_("Written: {added} people added, {updated} updated; {unchanged} unchanged.").format(
            added=format_number(result.added), updated=format_number(result.updated),
            unchanged=format_number(result.unchanged)))
        if result.new_departments:
            lines.append(_("New departments: {names}").format(names=", ".join(result.new_departments)))
        lines.append(_("The list is on the Staff page."))
    else:
        lines.append(_("Written: {added} violations and commendations; {unchanged} were already on record.").format(
            added=format_number(result.added), unchanged=format_number(result.unchanged)))
        lines.append(_("They are on the Events page and count in the scores at once."))
    if result.skipped:
        lines.append(_("{count} rows were skipped.").format(count=format_number(len(result.skipped))))
    return lines


def score_done(result: ScoreImportSummary) -> list[str]:
    return [_("Written: {added} points entered, {changed} changed; {unchanged} unchanged.").format(
        added=format_number(result.added), changed=format_number(result.changed),
        unchanged=format_number(result.unchanged)),
        _("They count in the ranking at once.")]


def rating_done(result: RatingImportSummary, saved_mapping: str) -> list[str]:
    preview = result.preview
    lines = [_("Written: {added} ratings; {already} were already on record.").format(
        added=format_number(result.added), already=format_number(preview.already))]
    if saved_mapping:
        lines.append(_("The columns were remembered as “{name}” for the next export.").format(name=saved_mapping))
    if preview.unknown:
        lines.append(_("{count} ratings were not imported: nobody on the staff list matches {people}.").format(
            count=format_number(sum(len(unknown.lines) for unknown in preview.unknown)),
            people=", ".join(unknown.person for unknown in preview.unknown)))
    lines.append(_("They are on the Satisfaction page and count in the scores at once."))
    return lines


def done_lines(result: Result | None, kind: ImportKind, saved_mapping: str) -> list[str]:
    if isinstance(result, RatingImportSummary):
        return rating_done(result, saved_mapping)
    if isinstance(result, ClockImportSummary):
        return clock_done(result, saved_mapping)
    if isinstance(result, ScoreImportSummary):
        return score_done(result)
    if isinstance(result, ImportSummary):
        return list_done(result, kind)
    return []
