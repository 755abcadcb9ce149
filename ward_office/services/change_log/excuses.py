"""The change log's sentences about the head's excuses (miễn trừ) of attendance occurrences."""

from __future__ import annotations

from ward_office.core.change_log import Change, ChangeAction, ChangeField
from ward_office.core.excuse import TRIGGER_LABELS
from ward_office.i18n import _
from ward_office.services.change_log.labels import day_text, session_name
from ward_office.services.change_log.lookup import Lookup


def describe_excuse(change: Change, lookup: Lookup) -> str:
    values = change.values
    trigger = values.get(ChangeField.TRIGGER)
    occurrence = _(TRIGGER_LABELS[trigger]) if trigger in TRIGGER_LABELS else str(trigger or "")
    words = {"occurrence": occurrence[:1].lower() + occurrence[1:],
             "name": lookup.person(values.get(ChangeField.STAFF)), "day": day_text(values.get(ChangeField.DAY)),
             "session": session_name(values.get(ChangeField.SESSION))}
    if change.action is ChangeAction.UPDATE:
        return _("Withdraw the excuse of the {occurrence} of {name} on {day}, {session}: {reason}").format(
            reason=values.get(ChangeField.WITHDRAWAL_REASON, ""), **words)
    return _("Excuse the {occurrence} of {name} on {day}, {session}: {reason}").format(
        reason=values.get(ChangeField.REASON, ""), **words)
