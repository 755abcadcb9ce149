"""A year of fingerprint-clock punches for a big ward, imported the way the clerk does it: one attlog file
through ``import_clock`` (parse, store the raw punches, derive attendance), then the same file again.

The limit is SQLite alone: the same rows inserted with one ``executemany`` into a bare table with the same
pragmas, in the same process, so the ratio says what our parsing, checks and derivation cost on top.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

from peak import CODE as PEAK

SESSION_TIMES = ((7, 25), (11, 35), (13, 25), (17, 5))

IMPORT = PEAK + """
import json, sqlite3, sys, time
from datetime import datetime
from pathlib import Path
from ward_office.services.clock_import import import_clock
from ward_office.services.ward import Ward
db_path, file, bare_path = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
now = datetime(2026, 1, 10)
started, started_cpu = time.perf_counter(), time.process_time()
with Ward.open(db_path, must_exist=True) as ward:
    first = import_clock(ward, file, now=now)
first_s, first_cpu_s = time.perf_counter() - started, time.process_time() - started_cpu
first_peak = peak_mib()
punches_added, sessions = first.punches_added, first.sessions_changed
del first  # its preview lists every session changed; the clerk's second import does not hold the first
started = time.perf_counter()
with Ward.open(db_path, must_exist=True) as ward:
    again = import_clock(ward, file, now=now)
again_s = time.perf_counter() - started
peak = peak_mib()

def results_digest(conn):
    # A digest of the stored punches and the attendance, to prove a faster import stores the same.
    import hashlib
    digest = hashlib.blake2b(digest_size=12)
    for sql in ("SELECT clock_id, at, device, day, source_file FROM punches ORDER BY clock_id, at, device",
                "SELECT staff_id, day, session, status, late_minutes, early_minutes, leave_code, missing_punch,"
                " source, note FROM attendance ORDER BY day, staff_id, session"):
        cursor = conn.execute(sql)
        while rows := cursor.fetchmany(10_000):
            digest.update(repr(rows).encode())
    return digest.hexdigest()

with Ward.open(db_path, must_exist=True) as ward:
    results = results_digest(ward.store.db.conn)

rows = []
for line in file.read_text(encoding="utf-8").splitlines():
    clock_id, moment = line.split("\\t")[:2]
    rows.append((clock_id.strip(), moment.replace(" ", "T"), moment[:10], "1"))
bare = sqlite3.connect(bare_path)
bare.execute("PRAGMA journal_mode = WAL")
bare.execute("PRAGMA synchronous = FULL")
bare.execute("CREATE TABLE punches (clock_id TEXT, at TEXT, day TEXT, device TEXT)")
started, started_cpu = time.perf_counter(), time.process_time()
with bare:
    bare.executemany("INSERT INTO punches VALUES (?, ?, ?, ?)", rows)
bare_s, bare_cpu_s = time.perf_counter() - started, time.process_time() - started_cpu
print(json.dumps({
    "lines": len(rows), "first_s": first_s, "again_s": again_s, "bare_s": bare_s, "peak_mib": peak,
    "first_peak_mib": first_peak, "punches_added": punches_added, "sessions": sessions,
    "added_again": again.punches_added, "sessions_again": again.sessions_changed, "results": results,
    # Processor time (user + system) of the first import and of the bare insert: steadier than the wall time on a
    # busy machine.
    "first_cpu_s": first_cpu_s, "bare_cpu_s": bare_cpu_s,
}))
"""


def write_attlog(path: Path, staff: int, year: int, seed: int) -> int:
    """Four punches per person per working day of ``year``, a few minutes either side of the session times, with
    now and then a day off and a double press; returns the number of lines."""
    return write_punches(path, staff, date(year, 1, 1), date(year, 12, 31), seed)


def write_punches(path: Path, staff: int, first: date, last: date, seed: int, *, double_presses: bool = True) -> int:
    """Four punches per person per working day from ``first`` to ``last``, as ``write_attlog`` describes."""
    rng = random.Random(seed)
    lines = []
    day = first
    while day <= last:
        if day.weekday() < 5:
            for person in range(1, staff + 1):
                if rng.random() < 0.03:
                    continue
                for hour, minute in SESSION_TIMES:
                    moment = datetime(day.year, day.month, day.day, hour, minute) + timedelta(
                        minutes=rng.randint(-12, 18), seconds=rng.randint(0, 59))
                    lines.append(f"{person:>5}\t{moment:%Y-%m-%d %H:%M:%S}\t1\t0\t1\t0\r\n")
                    if double_presses and rng.random() < 0.01:
                        lines.append(f"{person:>5}\t{moment + timedelta(seconds=40):%Y-%m-%d %H:%M:%S}\t1\t0\t1\t0\r\n")
        day += timedelta(days=1)
    path.write_text("".join(lines), encoding="utf-8", newline="")
    return len(lines)


def make_ward(db_path: Path, staff: int) -> None:
    from ward_office.core.staff import Gender, Staff, StaffCategory
    from ward_office.services.ward import Ward

    with Ward.open(db_path, actor="benchmark") as ward:
        ward.store.staff.add_many([
            Staff(f"NV{number:04d}", f"Cán bộ {number}", Gender.FEMALE if number % 2 else Gender.MALE, "",
                  StaffCategory.CONG_CHUC, clock_id=str(number))
            for number in range(1, staff + 1)
        ], "benchmark")


# The digest of the punches and attendance stored by the import as it was before it was made faster, per ward
# size (the year 2025); a faster import must store exactly the same.
RESULTS = {(8, 2025): "6ea6c9379aeda61a89c0325e", (200, 2025): "33cc55d09a0f39b2e4a6f4f1",
           (1000, 2025): "8cfd6278bcdb91289c992163"}


def measure(folder: Path, staff: int = 200, year: int = 2025) -> dict[str, float]:
    """Import a year for ``staff`` people in a fresh process; figures in seconds, MiB and lines. Fails when the
    punches and attendance stored are not those the import has always stored (``RESULTS``)."""
    db_path, file = folder / f"clock-{staff}.db", folder / f"clock-{staff}_attlog.dat"
    make_ward(db_path, staff)
    write_attlog(file, staff, year, seed=staff)
    out = subprocess.run([sys.executable, "-c", IMPORT, str(db_path), str(file), str(folder / f"bare-{staff}.db")],
                         capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    figures = json.loads(out)
    expected = RESULTS.get((staff, year))
    if expected is not None and figures["results"] != expected:
        raise AssertionError(f"the clock import of {staff} staff stored other punches or attendance than before "
                             f"({figures['results']}, expected {expected})")
    return figures


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as temporary:
        print(measure(Path(temporary), int(sys.argv[1]) if len(sys.argv) > 1 else 200))
