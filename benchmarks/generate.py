"""Large deterministic ward books for the benchmarks: 200 or 1,000 staff, ten years of attendance, check
rounds and events, valid for the app (same tables, constraints and triggers, a plan in effect from the
first day, holidays of every year, the review periods) and cached on disk between runs.

The people, habits and records are the demo ward's (``services.demo``: the same seed gives the same
ward); only the writing differs. ``build_demo`` stores a check round and each of its violations one by one,
which is right for a clerk and slow for ten years, so here every table is written with bulk inserts and
one change-log line per insert: attendance a month at a time in index order (its log line keeps the rows),
check rounds, who was seen and their violations each at once, other events a year at a time. A cached file
is keyed by the parameters, the schema's migrations and the source of this file and of the demo, so a
change to any of them builds a new one.

    python benchmarks/generate.py --staff 1000 --years 10 [--out ward.db]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ward_office.core.attendance import AttendanceStatus
from ward_office.core.checks import EventSource
from ward_office.core.period import half_year, whole_year
from ward_office.paths import plans_dir
from ward_office.services import demo
from ward_office.storage import Store
from ward_office.storage.migrations import known_migrations

CACHE = Path(__file__).resolve().parent / ".cache"
UNTIL = date(2026, 12, 31)
ACTOR = "benchmark"
PLAN_FILE = "van-hoa-cong-so.toml"


@dataclass(frozen=True, slots=True)
class WardSize:
    staff: int
    years: int
    seed: int = 2026
    until: date = UNTIL

    @property
    def start(self) -> date:
        return demo.demo_span(self.years * 12, self.until)[0]


def cache_key(size: WardSize) -> str:
    sources = b"".join(Path(module.__file__ or "").read_bytes() for module in (sys.modules[__name__], demo))
    digest = hashlib.sha256(sources + ",".join(known_migrations()).encode()).hexdigest()[:12]
    return f"ward-{size.staff}x{size.years}y-{size.seed}-{size.until.isoformat()}-{digest}"


def cached_ward(size: WardSize, cache: Path = CACHE) -> Path:
    """The book for ``size``, built once into ``cache`` (atomically) and reused while its key holds."""
    path = cache / f"{cache_key(size)}.db"
    if path.is_file():
        return path
    cache.mkdir(parents=True, exist_ok=True)
    for stale in cache.glob(f"ward-{size.staff}x{size.years}y-{size.seed}-*"):
        stale.unlink()
    building = cache / f"building-{os.getpid()}.db"
    for leftover in cache.glob(f"building-{os.getpid()}.db*"):
        leftover.unlink()
    build(building, size)
    for suffix in ("-wal", "-shm", ".lock", ".closed"):
        Path(f"{building}{suffix}").unlink(missing_ok=True)
    building.replace(path)
    return path


def plan_text(start: date) -> str:
    """The shipped default plan, in effect from the book's first day instead of its own date."""
    text = (plans_dir() / PLAN_FILE).read_text(encoding="utf-8")
    return re.sub(r"(?m)^effective_from = .*$", f"effective_from = {start.isoformat()}", text, count=1)


def build(path: Path, size: WardSize) -> dict[str, float | int]:
    """Write the ward of ``size`` into a new file ``path``; returns counts and the seconds it took."""
    started = time.perf_counter()
    rng = random.Random(size.seed)
    start, end = size.start, size.until
    with Store.open(path) as store:
        with store.atomic():
            store.plans.adopt(plan_text(start), ACTOR)
            store.unit.save(demo.DEMO_UNIT, ACTOR)
            for year_number in range(start.year, end.year + 2):
                store.schedule.ensure_holidays(year_number, ACTOR)
            for year_number in range(start.year, end.year + 1):
                for period in (half_year(year_number, 1), half_year(year_number, 2), whole_year(year_number)):
                    store.periods.get_or_create(period, ACTOR)
            people = store.staff.add_many(demo.make_staff(rng, size.staff, store.departments.list(), start, end),
                                          ACTOR)
        habits = {person.id: demo.draw_habits(rng) for person in people if person.id is not None}
        calendar = store.schedule.calendar(start, end)
        records = list(demo.make_attendance(rng, people, habits, calendar, start, end))
        records.sort(key=lambda record: (record.day, record.staff_id, record.session.value != "morning"))
        by_month: dict[tuple[int, int], list] = {}
        for record in records:
            by_month.setdefault((record.day.year, record.day.month), []).append(record)
        for month_records in by_month.values():  # the log line keeps every row: a month at a time
            store.attendance.add_many(month_records, ACTOR)
        away = {(record.staff_id, record.day) for record in records if record.status is not AttendanceStatus.PRESENT}
        rounds = list(demo.make_checks(rng, people, habits, calendar, away, start, end))
        found = _write_checks(store, rounds)
        others = list(demo.make_events(rng, people, habits, start, end))
        with store.atomic():
            for year_number in range(start.year, end.year + 1):
                store.events.add_many([event for event in others if event.day.year == year_number], ACTOR)
        store.db.execute("PRAGMA optimize")
    return {"staff": len(people), "attendance": len(records), "checks": len(rounds), "events": found + len(others),
            "seconds": time.perf_counter() - started}


def _write_checks(store: Store, rounds: list) -> int:
    """Rounds, who was seen and what was found, each table in one insert: rounds open while their rows go in
    (the triggers refuse additions to a finished round), then all finished at their start, as ``add`` does."""
    now = store.db.execute("SELECT strftime('%Y-%m-%dT%H:%M:%S', 'now')").fetchone()[0]
    conn = store.db.conn
    with store.atomic():
        first_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM checks").fetchone()[0]
        checks, seen, events = [], [], []
        for check_id, (check, found) in enumerate(rounds, start=first_id):
            checks.append((check_id, check.started_at.isoformat(), check.kind.value, check.checker, check.location,
                           check.note, now))
            seen.extend((check_id, staff_id) for staff_id in sorted(check.seen))
            events.extend((event.staff_id, event.day.isoformat(), event.criterion_code, event.note,
                           event.recorded_by or ACTOR, check_id, EventSource.CHECK.value, now) for event in found)
        conn.executemany("INSERT INTO checks (id, started_at, kind, checker, location, note, created_at)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?)", checks)
        conn.executemany("INSERT INTO check_seen (check_id, staff_id) VALUES (?, ?)", seen)
        conn.executemany("INSERT INTO events (staff_id, day, criterion_code, note, recorded_by, check_id, source,"
                         " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", events)
        conn.execute("UPDATE checks SET finished_at = started_at WHERE id >= ?", (first_id,))
        for entity, count in (("check", len(checks)), ("check_seen", len(seen)), ("event", len(events))):
            conn.execute("INSERT INTO change_log (at, actor, action, entity, entity_id, detail)"
                         " VALUES (?, ?, 'import', ?, NULL, ?)",
                         (now, ACTOR, entity, json.dumps({"count": count, "generator": "benchmarks/generate.py"})))
    return len(events)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--staff", type=int, default=1000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, help="write a new file here instead of using the cache")
    options = parser.parse_args()
    size = WardSize(options.staff, options.years, options.seed)
    if options.out:
        print(build(options.out, size))
    else:
        started = time.perf_counter()
        print(cached_ward(size), f"{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
