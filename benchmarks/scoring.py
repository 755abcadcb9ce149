"""Scoring a half-year and a year for a big ward, as the ranking page and the reports do it
(``services.ranking.score_records``: read the period's records, score, rank, apply the quota).

The limit is one raw SQL aggregate over the same rows: per person, month and kind of occurrence (each
attendance trigger, each event's criterion), the count that the plan's rules then turn into points. It is
the least any scorer must do with SQLite; the ratio is what reading the records into objects, the plan's
escalation, caps, ceilings, ranks and quota cost on top. Fresh process, medians of ``runs``, peak RSS.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from peak import CODE as PEAK

AGGREGATE = """
SELECT staff_id, substr(day, 1, 7) AS month, kind, count(*) FROM (
    SELECT staff_id, day, CASE WHEN status = 'absent' THEN 'absent' WHEN late_minutes > :grace THEN 'late'
                          WHEN early_minutes > :grace THEN 'early' WHEN missing_punch THEN 'missing'
                          ELSE 'none' END AS kind
    FROM attendance WHERE day BETWEEN :start AND :end
    UNION ALL
    SELECT staff_id, day, criterion_code FROM events WHERE day BETWEEN :start AND :end
) GROUP BY staff_id, month, kind
"""

SCORE = PEAK + """
import json, statistics, sys, time
from datetime import date
from pathlib import Path
from ward_office.core.period import parse_period
from ward_office.services.ranking import score_records
from ward_office.storage import Store
sys.path.insert(0, sys.argv[4])
from scoring import AGGREGATE
db_path, periods, runs = Path(sys.argv[1]), sys.argv[2].split(","), int(sys.argv[3])
today = date(2026, 12, 31)
results = {}
with Store.open(db_path, read_only=True) as store:
    grace = store.schedule.get().grace_minutes
    score_records(store, parse_period(periods[0]), today)  # the plan parsed, the file in the page cache
    for text in periods:
        period = parse_period(text)
        times, raw = [], []
        for _ in range(runs):
            started = time.perf_counter()
            scored = score_records(store, period, today)
            times.append(time.perf_counter() - started)
            started = time.perf_counter()
            rows = store.db.conn.execute(AGGREGATE, {"grace": grace, "start": period.start.isoformat(),
                                                     "end": period.end.isoformat()}).fetchall()
            raw.append(time.perf_counter() - started)
        results[text] = {"seconds": statistics.median(times), "sql_s": statistics.median(raw),
                         "people": len(scored.ranking.results), "groups": len(rows),
                         "items": sum(len(result.items) for result in scored.ranking.results)}
results["peak_mib"] = peak_mib()
print(json.dumps(results))
"""


def measure(db_path: Path, periods: tuple[str, ...] = ("2026-H1", "2026"), runs: int = 3) -> dict:
    """Per period: ``seconds`` (scoring), ``sql_s`` (the aggregate), people and items; plus ``peak_mib``."""
    line = subprocess.run([sys.executable, "-c", SCORE, str(db_path), ",".join(periods), str(runs),
                           str(Path(__file__).resolve().parent)],
                          capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    return json.loads(line)


def query_plans(db_path: Path, period_text: str = "2026") -> list[str]:
    """EXPLAIN QUERY PLAN of what scoring reads, to see that the indexes cover it."""
    import sqlite3

    from ward_office.core.period import parse_period

    period = parse_period(period_text)
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    params = {"grace": 5, "start": period.start.isoformat(), "end": period.end.isoformat()}
    statements = {
        "attendance": "SELECT staff_id, day, session, status, late_minutes, early_minutes, leave_code, missing_punch,"
                      " source, note, recorded_by, id FROM attendance WHERE day BETWEEN :start AND :end"
                      " AND (status = 'absent' OR (status = 'present'"
                      " AND (late_minutes > :grace OR early_minutes > :grace OR missing_punch)))",
        "events": "SELECT staff_id, day, criterion_code, note, recorded_by, check_id, source, id FROM events"
                  " WHERE day BETWEEN :start AND :end ORDER BY day, staff_id, id",
        "aggregate": AGGREGATE,
    }
    lines = []
    for name, statement in statements.items():
        for row in conn.execute(f"EXPLAIN QUERY PLAN {statement}", params):
            lines.append(f"{name}: {row[3]}")
    conn.close()
    return lines


if __name__ == "__main__":
    target = Path(sys.argv[1])
    print(json.dumps(measure(target), indent=1))
    print("\n".join(query_plans(target)))
