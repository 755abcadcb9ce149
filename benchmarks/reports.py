"""Printed reports at 200 people over a year: the ranking and every scorecard, pages per second and peak
memory, each report in a fresh process (so the peak resident size is that report's alone)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

WRITE = """
import json, resource, sys, time
from datetime import date
from pathlib import Path
from ward_office import i18n
from ward_office.services.printing import write_report
i18n.set_language("vi")
started = time.perf_counter()
db_path, kind, period, out, today = sys.argv[1:6]
summary = write_report(Path(db_path), kind, period, Path(out), today=date.fromisoformat(today))
seconds = time.perf_counter() - started
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"pages": summary.pages, "seconds": seconds, "peak_mib": peak_kib / 1024}))
"""


def measure(db_path: Path, folder: Path, period: str, today: str) -> dict[str, dict[str, float]]:
    results = {}
    for kind in ("ranking", "scorecards"):
        out = folder / f"{kind}.pdf"
        line = subprocess.run([sys.executable, "-c", WRITE, str(db_path), kind, period, str(out), today],
                              capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
        results[kind] = json.loads(line)
    return results
