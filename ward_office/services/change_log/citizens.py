"""The change log's sentences about the citizen's voice: ratings imported, survey tallies, praise and complaints."""

from __future__ import annotations

from datetime import date

from ward_office.core.change_log import Change, ChangeAction, ChangeField
from ward_office.core.citizens import FEEDBACK_KIND_LABELS, VERIFICATION_LABELS, FeedbackKind, Verification
from ward_office.i18n import _
from ward_office.i18n.formatting import format_month
from ward_office.services.change_log.labels import day_text
from ward_office.services.change_log.lookup import Lookup


def describe_ratings(change: Change, lookup: Lookup) -> str:
    facts = change.facts
    return _("Import {added} satisfaction ratings from {file}, {first} to {last}").format(
        added=facts.get(ChangeField.ADDED, 0), file=facts.get(ChangeField.SOURCE_FILE, ""),
        first=day_text(facts.get(ChangeField.FIRST_DAY)), last=day_text(facts.get(ChangeField.LAST_DAY)))


def describe_tally(change: Change, lookup: Lookup) -> str:
    values = change.values
    month = values.get(ChangeField.MONTH)
    words = {"name": lookup.person(values.get(ChangeField.STAFF)),
             "month": format_month(month.year, month.month).lower() if isinstance(month, date) else str(month or "")}
    if change.action is ChangeAction.DELETE:
        return _("Clear the survey tally of {name}, {month}").format(**words)
    new = change.new
    return _("Survey tally of {name}, {month}: {very} very satisfied, {content} satisfied, {not_content} not "
             "satisfied").format(very=new.get("very_satisfied", 0), content=new.get("satisfied", 0),
                                 not_content=new.get("not_satisfied", 0), **words)


def describe_feedback(change: Change, lookup: Lookup) -> str:
    values = change.values
    kind = values.get(ChangeField.KIND)
    words = {"kind": _(FEEDBACK_KIND_LABELS[FeedbackKind(kind)]) if kind in set(FeedbackKind) else str(kind or ""),
             "name": lookup.person(values.get(ChangeField.STAFF)), "day": day_text(values.get(ChangeField.DAY))}
    if change.action is ChangeAction.INSERT:
        return _("Receive a {kind} about {name} on {day}: {summary}").format(summary=values.get("summary", ""),
                                                                           **words)
    old, new = change.old, change.new
    if old.get("verification") != new.get("verification"):
        state = new.get("verification")
        label = _(VERIFICATION_LABELS[Verification(state)]) if state in set(Verification) else str(state or "")
        return _("Verify the {kind} about {name} of {day}: {state}").format(state=label, **words)
    return _("Answer the {kind} about {name} of {day}: answered {answered}").format(
        answered=day_text(new.get("answered_on")), **words)
