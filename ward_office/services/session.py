"""What every session on a record book starts with: whom a change is logged under when nobody signs in,
and the plan and holidays a book needs before anything is recorded in it.

The session itself is the ``Ward`` (services/ward.py); ``Ward.open`` is the one way into a book.
"""

from __future__ import annotations

import getpass
from datetime import date

from ward_office.paths import plans_dir
from ward_office.storage import Store

DEFAULT_PLAN_FILE = "van-hoa-cong-so.toml"


def current_actor() -> str:
    """Whom a book without accounts logs a change under: the computer's user (a book with accounts logs the
    signed-in account)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "ward-office"


def default_plan_text() -> str:
    """The bundled emulation plan a new book adopts."""
    return (plans_dir() / DEFAULT_PLAN_FILE).read_text(encoding="utf-8")


def prepare_store(store: Store, actor: str) -> None:
    """Adopt the default plan in a new file and prefill the holidays of this year and the next.

    A book that has them is not written to (most opens): no transaction, nothing for the window to wait on."""
    needs_plan = not store.plans.list()
    this_year = date.today().year
    years = [year for year in (this_year, this_year + 1) if not store.schedule.holidays(year)]
    if not needs_plan and not years:
        return
    with store.atomic():
        if needs_plan:
            store.plans.adopt(default_plan_text(), actor)
        for year in years:
            store.schedule.ensure_holidays(year, actor)
