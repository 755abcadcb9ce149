"""Who may do what: the head (trưởng) decides, the clerk (văn thư/cán bộ) records.

Scores decide commendations, so the acts that fix or reopen them (adopting a plan, locking and unlocking
a review period, restoring a backup, managing accounts) belong to the head alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ward_office.core.errors import WardOfficeError
from ward_office.i18n import N_, _


class Role(StrEnum):
    HEAD = "head"
    CLERK = "clerk"


ROLE_LABELS = {Role.HEAD: N_("Head"), Role.CLERK: N_("Clerk")}


class Permission(StrEnum):
    RECORD = "record"  # attendance, checks, events, staff, imports
    ADOPT_PLAN = "adopt_plan"
    LOCK_PERIOD = "lock_period"
    UNLOCK_PERIOD = "unlock_period"
    RESTORE_BACKUP = "restore_backup"
    MANAGE_ACCOUNTS = "manage_accounts"
    DECIDE_REVIEW = "decide_review"  # the review meeting's papers: facts, texts, who is proposed
    ACCEPT_FINDINGS = "accept_findings"  # put a book changed outside the program back into use
    DECIDE_QUOTA_TIE = "decide_quota_tie"  # record the emulation council's choice among people tied at the quota
    EXCUSE_ATTENDANCE = "excuse_attendance"  # excuse a late arrival, early leave or absence, with a reason
    ENTER_SCORES = "enter_scores"  # the monthly points of the plan's entered blocks (task results)
    VERIFY_FEEDBACK = "verify_feedback"  # say whether a citizen's praise or complaint is true (it may then score)


PERMISSION_LABELS = {
    Permission.RECORD: N_("record attendance, checks and events"),
    Permission.ADOPT_PLAN: N_("adopt an emulation plan"),
    Permission.LOCK_PERIOD: N_("lock a review period"),
    Permission.UNLOCK_PERIOD: N_("unlock a review period"),
    Permission.RESTORE_BACKUP: N_("restore a backup"),
    Permission.MANAGE_ACCOUNTS: N_("manage accounts"),
    Permission.DECIDE_REVIEW: N_("edit the papers of the review meeting"),
    Permission.ACCEPT_FINDINGS: N_("put a record book changed outside the program back into use"),
    Permission.DECIDE_QUOTA_TIE: N_("record the emulation council's decision on people tied at the quota"),
    Permission.EXCUSE_ATTENDANCE: N_("excuse a late arrival, an early leave or an absence"),
    Permission.ENTER_SCORES: N_("enter the monthly points of task results"),
    Permission.VERIFY_FEEDBACK: N_("verify a citizen's praise or complaint"),
}

USER_OPTION_HELP = N_("your user name, when the record book has accounts (the password is read from "
                      "WARD_OFFICE_PASSWORD or asked for)")

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.HEAD: frozenset(Permission),
    Role.CLERK: frozenset({Permission.RECORD}),
}


@dataclass(frozen=True, slots=True)
class Account:
    """A person who may open the record book; the password hash never leaves storage."""

    id: int | None
    username: str
    full_name: str
    role: Role
    active: bool = True

    def may(self, permission: Permission) -> bool:
        return self.active and permission in ROLE_PERMISSIONS[self.role]


class AccessDeniedError(WardOfficeError):
    """The signed-in account may not do this; nothing was changed."""

    def localized(self) -> str:
        params = {key: _(str(value)) if key in ("action", "role") else value for key, value in self.params.items()}
        return _(self.message).format(**params)


def require(account: Account | None, permission: Permission) -> None:
    """Refuse unless ``account`` may do ``permission``; ``None`` means a book without accounts yet."""
    if account is not None and not account.may(permission):
        raise AccessDeniedError(
            N_("Only the head may {action}; {name} is signed in as {role}"),
            action=PERMISSION_LABELS[permission], name=account.full_name or account.username,
            role=ROLE_LABELS[account.role],
        )
