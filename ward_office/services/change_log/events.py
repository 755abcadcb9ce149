"""The change log's sentences about violations, commendations and inspection rounds."""

from __future__ import annotations

from datetime import datetime
from fractions import Fraction

from ward_office.core.change_log import Change, ChangeAction, ChangeField
from ward_office.core.checks import CHECK_KIND_LABELS, CheckKind
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_points
from ward_office.services.change_log.labels import day_text
from ward_office.services.change_log.lookup import Lookup


def describe_event(change: Change, lookup: Lookup) -> str:
    facts = change.facts
    if change.action is ChangeAction.IMPORT:
        return _("Import {count} violations and commendations, {first} to {last}").format(
            count=facts.get(ChangeField.COUNT, 0), first=day_text(facts.get(ChangeField.FIRST_DAY)),
            last=day_text(facts.get(ChangeField.LAST_DAY)))
    values = change.values
    day = values.get(ChangeField.DAY)
    day = day if not isinstance(day, str) else None
    code = str(values.get(ChangeField.CRITERION, ""))
    commendation = lookup.is_commendation(code, day)
    if change.action is ChangeAction.DELETE:
        template = (N_("Delete the commendation of {name} on {day}: {criterion}") if commendation
                    else N_("Delete the violation of {name} on {day}: {criterion}"))
    else:
        template = (N_("Record a commendation of {name} on {day}: {criterion}") if commendation
                    else N_("Record a violation of {name} on {day}: {criterion}"))
    sentence = _(template).format(name=lookup.person(values.get(ChangeField.STAFF)),
                                  day=day_text(values.get(ChangeField.DAY)), criterion=lookup.criterion(code, day))
    points = values.get(ChangeField.POINTS)
    if isinstance(points, int | float) and not isinstance(points, bool):
        return _("{sentence} ({points} points, chosen)").format(sentence=sentence,
                                                                points=format_points(Fraction(points)))
    return sentence


def _seen_changes(change: Change, lookup: Lookup) -> str:
    old, new = set(change.old.get(ChangeField.SEEN, ())), set(change.new.get(ChangeField.SEEN, ()))
    parts = []
    if new - old:
        parts.append(_("seen: {names}").format(names=", ".join(lookup.person(i) for i in sorted(new - old))))
    if old - new:
        parts.append(_("not seen: {names}").format(names=", ".join(lookup.person(i) for i in sorted(old - new))))
    return "; ".join(parts)


def describe_check(change: Change, lookup: Lookup) -> str:
    values = change.values
    started = values.get(ChangeField.STARTED_AT)
    when = (format_date(started.date()) if isinstance(started, datetime)
            else _("no. {id}").format(id=change.record_id))
    if change.action is ChangeAction.INSERT:
        kind = values.get(ChangeField.KIND)
        kind_text = _(CHECK_KIND_LABELS[kind]) if isinstance(kind, CheckKind) else ""
        if values.get(ChangeField.FINISHED_AT):
            return _("Record the inspection round of {day} ({kind}): {count} people seen").format(
                day=when, kind=kind_text.lower(), count=len(values.get(ChangeField.SEEN, ())))
        return _("Start the inspection round of {day} ({kind})").format(day=when, kind=kind_text.lower())
    if ChangeField.FINISHED_AT in change.changed and change.new.get(ChangeField.FINISHED_AT):
        return _("Finish the inspection round of {day}").format(day=when)
    if ChangeField.SEEN in change.changed:
        return _("Inspection round no. {number}, {changes}").format(number=change.record_id,
                                                                    changes=_seen_changes(change, lookup))
    return _("Change the inspection round no. {number}").format(number=change.record_id)
