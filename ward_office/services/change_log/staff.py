"""The change log's sentences about staff members, departments and accounts."""

from __future__ import annotations

from ward_office.core.change_log import Change, ChangeAction, ChangeField
from ward_office.core.staff import Staff
from ward_office.i18n import _
from ward_office.services.change_log.labels import changed_names
from ward_office.services.change_log.lookup import Lookup


def describe_staff(change: Change, lookup: Lookup) -> str:
    person = change.after or change.before
    name = (person.full_name if isinstance(person, Staff) else change.values.get(ChangeField.FULL_NAME)) \
        or lookup.person(change.record_id)
    if change.action is ChangeAction.UPDATE:
        return _("Change the details of {name}: {fields}").format(name=name, fields=changed_names(change))
    if change.action is ChangeAction.DELETE:
        return _("Delete staff member {name}").format(name=name)
    if change.action is ChangeAction.IMPORT:
        return _("Import staff member {name}").format(name=name)
    return _("Add staff member {name}").format(name=name)


def describe_department(change: Change, lookup: Lookup) -> str:
    name = change.values.get(ChangeField.NAME, "")
    if change.action is ChangeAction.INSERT:
        return _("Add the department {name}").format(name=name)
    if change.action is ChangeAction.DELETE:
        return _("Delete the department {name}").format(name=name)
    if ChangeField.DEPARTMENT_ORDER in change.new:
        return _("Change the order of the departments")
    return _("Rename the department {before} → {after}").format(before=change.old.get(ChangeField.NAME, ""),
                                                                after=change.new.get(ChangeField.NAME, ""))


def describe_account(change: Change, lookup: Lookup) -> str:
    values = change.values
    username = values.get(ChangeField.USERNAME, "")
    name = values.get(ChangeField.FULL_NAME) or username
    if change.action is ChangeAction.INSERT:
        return _("Add the account {username} ({name})").format(username=username, name=name)
    return _("Change the account {username}: {fields}").format(username=username, fields=changed_names(change))
