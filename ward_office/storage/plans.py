"""Emulation plans as adopted: the TOML text is kept verbatim, so an old period is scored by its plan."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ward_office.core.change_log import ChangeAction
from ward_office.core.errors import NotFoundError, PlanError
from ward_office.i18n import N_
from ward_office.i18n.formatting import format_date
from ward_office.storage._base import Context
from ward_office.storage.records import PlanId, PlanRecord

if TYPE_CHECKING:
    from ward_office.core.plan import EmulationPlan

_SELECT = "SELECT id, code, version, effective_from, name, body, adopted_at, adopted_by FROM plans"


def _record(row: tuple[Any, ...]) -> PlanRecord:
    plan_id, code, version, effective_from, name, body, adopted_at, adopted_by = row
    return PlanRecord(PlanId(plan_id), code, version,
                      None if effective_from is None else date.fromisoformat(effective_from),
                      name, body, datetime.fromisoformat(adopted_at), adopted_by)


def _parse(text: str, *, stored: bool = False) -> EmulationPlan:
    """A plan to adopt must use only the keys of the format; a stored one is read as it was adopted, keys the
    format lacks (adopted before they were refused) passing unread, so past periods keep their scores."""
    from ward_office.core.plan import load_plan  # the plan's code loads when a plan is first read, not at start

    return load_plan(text, unknown_keys=stored)


class PlanRepository:
    def __init__(self, context: Context) -> None:
        self._context = context
        self._parsed: dict[PlanId, EmulationPlan] = {}

    def get(self, plan_id: PlanId) -> PlanRecord:
        row = self._context.conn.execute(f"{_SELECT} WHERE id = ?", (plan_id,)).fetchone()
        if row is None:
            raise NotFoundError(N_("No plan has the number {id}"), id=plan_id)
        return _record(row)

    def adopt(self, toml_text: str, actor: str) -> PlanRecord:
        """Check and store a plan version; adopting the same text again changes nothing.

        A version once adopted is never rewritten: a changed plan needs a new version number.
        """
        plan = _parse(toml_text)
        row = self._context.conn.execute(f"{_SELECT} WHERE code = ? AND version = ?",
                                         (plan.code, plan.version)).fetchone()
        if row is not None:
            existing = _record(row)
            if existing.body == toml_text:
                return existing
            raise PlanError(N_("Plan {code} version {version} is already adopted with other content;"
                               " give the changed plan a new version number"),
                            code=plan.code, version=plan.version)
        effective = None if plan.effective_from is None else plan.effective_from.isoformat()
        with self._context.writing() as conn:
            cursor = conn.execute(
                "INSERT INTO plans (code, version, effective_from, name, body, adopted_at, adopted_by)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (plan.code, plan.version, effective, plan.name, toml_text, self._context.now(), actor),
            )
            self._context.log(actor, ChangeAction.INSERT, "plan", cursor.lastrowid, {
                "after": {"code": plan.code, "version": plan.version, "effective_from": effective,
                          "name": plan.name},
            })
        record = self.get(PlanId(cursor.lastrowid or 0))
        self._parsed[record.id] = plan
        return record

    def plan(self, record: PlanRecord) -> EmulationPlan:
        """The parsed plan of a stored record, parsed once per store."""
        if record.id not in self._parsed:
            self._parsed[record.id] = _parse(record.body, stored=True)
        return self._parsed[record.id]

    def in_effect(self, day: date) -> tuple[PlanRecord, EmulationPlan]:
        """The plan that applies on ``day``: the latest ``effective_from`` not after it, and among
        plans taking effect the same day the one adopted last. A plan without a date applies from the
        beginning."""
        row = self._context.conn.execute(
            f"{_SELECT} WHERE coalesce(effective_from, '') <= ?"
            " ORDER BY coalesce(effective_from, '') DESC, id DESC LIMIT 1",
            (day.isoformat(),),
        ).fetchone()
        if row is None:
            raise NotFoundError(N_("No emulation plan is in effect on {day}"), day=format_date(day))
        record = _record(row)
        return record, self.plan(record)

    def list(self, code: str | None = None) -> list[PlanRecord]:
        """Every adopted version, or those of one plan code, in adoption order."""
        if code is None:
            rows = self._context.conn.execute(f"{_SELECT} ORDER BY id")
        else:
            rows = self._context.conn.execute(f"{_SELECT} WHERE code = ? ORDER BY id", (code,))
        return [_record(row) for row in rows]
