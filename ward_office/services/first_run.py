"""The first run of a new record book: what the set-up wizard gathers, written all at once.

The wizard asks for the ward, its signatories, the working hours, the staff list, the plan and the head's
account before anything is written; ``set_up_book`` checks all of it and then writes it in one transaction,
so a wizard left half-way (or a refused input) leaves the book as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ward_office.core.access import Account
from ward_office.core.errors import WardOfficeError
from ward_office.core.unit import Unit
from ward_office.i18n import N_
from ward_office.i18n.text import fold
from ward_office.paths import plans_dir
from ward_office.services.accounts import (
    FullNameMissingError,
    check_password_rules,
    check_repeated_password,
    clean_username,
    create_head,
)
from ward_office.services.session import DEFAULT_PLAN_FILE
from ward_office.services.ward import Ward, whole_or_nothing
from ward_office.storage import Store

if TYPE_CHECKING:
    from ward_office.importers.staff import StaffRow
    from ward_office.services.ward_settings import SeasonDraft


class AlreadySetUpError(WardOfficeError):
    """The first-run setup was started on a record book already set up."""


@dataclass(frozen=True, slots=True)
class BundledPlan:
    """A plan shipped with the program, as the wizard offers it."""

    file: Path
    code: str
    name: str
    description: str


def bundled_plans() -> list[BundledPlan]:
    """The plans in ``resources/plans``, the default one first."""
    import tomllib  # the wizard's list: not at the start of a book already set up

    plans = []
    for file in sorted(plans_dir().glob("*.toml"), key=lambda file: (file.name != DEFAULT_PLAN_FILE, file.name)):
        head = tomllib.loads(file.read_text(encoding="utf-8")).get("plan", {})
        plans.append(BundledPlan(file, str(head.get("code", "")), str(head.get("name", file.stem)),
                                 " ".join(str(head.get("description", "")).split())))
    return plans


def is_new_book(path: Path) -> bool:
    """No file yet, or a file with neither staff nor accounts: the first run sets it up."""
    if not path.exists():
        return True
    try:
        with Ward.open(path, read_only=True) as ward:
            return _is_blank(ward.store)
    except WardOfficeError:
        return False  # what cannot be read is left to the sign-in, which says why


def is_new_ward(ward: Ward) -> bool:
    """``is_new_book`` of a book already open."""
    return _is_blank(ward.store)


def _is_blank(store: Store) -> bool:
    return not store.staff.list() and store.accounts.count() == 0


@dataclass(frozen=True, slots=True)
class HeadAccount:
    username: str
    full_name: str
    password: str


def check_head_account(username: str, full_name: str, password: str, repeat: str) -> HeadAccount:
    """The head's account as typed, checked by the rules every account follows."""
    username = clean_username(username)
    full_name = " ".join(full_name.split())
    if not full_name:
        raise FullNameMissingError(N_("Enter the person's full name"))
    check_password_rules(password, username)
    check_repeated_password(password, repeat)
    return HeadAccount(username, full_name, password)


@dataclass(frozen=True, slots=True)
class FirstRunSetup:
    """Everything the wizard asked for."""

    unit: Unit
    work_weekdays: frozenset[int]
    grace_minutes: int
    seasons: tuple[SeasonDraft, ...]
    plan_file: Path
    staff_file: Path | None
    head: HeadAccount


def set_up_book(path: Path, setup: FirstRunSetup) -> Account:
    """Write the set-up into the new book at ``path`` (created if missing) and return the head's account.

    The files are read and checked first; then everything is one transaction, logged under the head's name.
    A book that already has staff or accounts is refused untouched.
    """
    # The start of every session asks only ``is_new_ward``: the plan, the staff list's reader and the
    # settings load here, with a set-up.
    from ward_office.core.plan import load_plan
    from ward_office.importers.staff import read_staff
    from ward_office.services.plans import PlanFileError
    from ward_office.services.ward_settings import save_schedule, save_unit

    if not is_new_book(path):
        raise AlreadySetUpError(N_("This record book is already set up; open it and sign in"))
    staff_rows = read_staff(setup.staff_file) if setup.staff_file is not None else []
    try:
        plan_text = setup.plan_file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise PlanFileError(N_("Cannot read {file}: {reason}"), file=str(setup.plan_file),
                            reason=str(error)) from error
    plan = load_plan(plan_text)
    with whole_or_nothing(path), Ward.open(path, actor=setup.head.full_name) as ward:
        ward.check_writable()
        with ward.store.atomic():
            save_unit(ward, setup.unit)
            save_schedule(ward, setup.work_weekdays, setup.grace_minutes, setup.seasons)
            adopted = {(record.code, record.version) for record in ward.store.plans.list()}
            if (plan.code, plan.version) not in adopted:
                ward.store.plans.adopt(plan_text, ward.actor)
            _add_staff(ward.store, staff_rows, ward.actor)
            return create_head(ward, setup.head.username, setup.head.full_name, setup.head.password)


def _add_staff(store: Store, rows: list[StaffRow], actor: str) -> None:
    """The whole list into an empty book; departments it names that do not exist yet are created."""
    departments = {fold(department.name): department for department in store.departments.list()}
    for row in rows:
        if fold(row.department) not in departments:
            departments[fold(row.department)] = store.departments.add(row.department, actor)
    store.staff.add_many([replace(row.staff, department_id=departments[fold(row.department)].id) for row in rows],
                         actor)
