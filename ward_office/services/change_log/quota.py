"""The change log's sentence about a decision of the emulation council on a tie at the quota line."""

from __future__ import annotations

from ward_office.core.change_log import Change, ChangeField
from ward_office.core.period import Period
from ward_office.i18n import _
from ward_office.i18n.formatting import period_label
from ward_office.services.change_log.labels import day_text
from ward_office.services.change_log.lookup import Lookup


def describe_quota_decision(change: Change, lookup: Lookup) -> str:
    values = change.values
    chosen = values.get(ChangeField.CHOSEN) or ()
    names = ", ".join(lookup.person(staff_id) for staff_id in chosen) or _("nobody")
    return _("The emulation council decided on {day} (minutes no. {minute}), for {period}: of the {count} people "
             "tied at the quota line for {grade} ({places} places), {names} keep the grade").format(
        day=day_text(values.get(ChangeField.MEETING_DATE)), minute=values.get(ChangeField.MINUTE_NUMBER, ""),
        period=period_label(change.after) if isinstance(change.after, Period) else "",
        count=len(values.get(ChangeField.TIED) or ()), grade=values.get(ChangeField.GRADE_CODE, ""),
        places=values.get(ChangeField.PLACES, ""), names=names)
