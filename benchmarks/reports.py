"""Printed reports of a big ward over a year: the ranking and every scorecard, pages per second and peak
memory, each report in a fresh process (so the peak resident size is that report's alone).

The limit is reportlab alone, in its own fresh process: a bare document of the same size from the same
book, one SQL query for its rows, the same embedded font and page size, no letterhead, no scoring: for the
ranking one long table with a row per person, for the scorecards a heading and a table of that person's
recorded items per person, a page each at least. The ratio compares seconds per page.

What each side's seconds include: ours, the report from the scored period to the written file, as
``printing.write_report`` renders it (opening the book and scoring are timed apart, ``scoring_s``); the
bare document, registering the font, its SQL query, its story and the written file. Neither side counts
importing Python modules.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from peak import CODE as PEAK

WRITE = PEAK + """
import json, sys, time
from datetime import date
from pathlib import Path
from ward_office import i18n
from ward_office.core.period import parse_period
from ward_office.reports.ranking import write_ranking
from ward_office.reports.scorecards import write_scorecards
from ward_office.services.period_locks import figures_status
from ward_office.services.ranking import score_stored_period
from ward_office.services.ward import Ward
i18n.set_language("vi")
db_path, kind, period_text, out, today_text = sys.argv[1:6]
period, today = parse_period(period_text), date.fromisoformat(today_text)
started = time.perf_counter()
with Ward.open(Path(db_path), read_only=True) as ward:  # as printing.write_report does, in two timed parts
    scored = score_stored_period(ward.store, period, today)
    status = figures_status(ward.store, period, today)
scoring_s = time.perf_counter() - started
started, cpu_started = time.perf_counter(), time.process_time()
with i18n.official_language(), open(out, "wb") as stream:
    write = write_ranking if kind == "ranking" else write_scorecards
    pages = write(stream, scored, day=today, status=status)
seconds, cpu_s = time.perf_counter() - started, time.process_time() - cpu_started
print(json.dumps({"pages": pages, "seconds": seconds, "cpu_s": cpu_s, "scoring_s": scoring_s,
                  "peak_mib": peak_mib()}))
"""

BARE = PEAK + """
import json, sqlite3, sys, time
from collections import defaultdict
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle
from ward_office.core.period import parse_period
from ward_office.reports.fonts import face, register_fonts
started, cpu_started = time.perf_counter(), time.process_time()
db_path, kind, period_text, out = sys.argv[1:5]
period = parse_period(period_text)
register_fonts()
font = face()
style = TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 11),
                    ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))])
heading = ParagraphStyle("heading", fontName=font, fontSize=13, leading=16)
conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
people = conn.execute("SELECT s.id, s.code, s.full_name, s.position, coalesce(d.name, '') FROM staff s"
                      " LEFT JOIN departments d ON d.id = s.department_id ORDER BY s.id").fetchall()
story = []
if kind == "ranking":
    rows = [["STT", "Mã", "Họ và tên", "Chức vụ", "Bộ phận", "Điểm", "Xếp loại"]]
    rows += [[str(n), code, name, position, department, "100", "HTTNV"]
             for n, (_id, code, name, position, department) in enumerate(people, 1)]
    story.append(Table(rows, repeatRows=1, style=style))
    size = landscape(A4)
else:
    items = defaultdict(list)
    for staff_id, day, what in conn.execute(
            "SELECT staff_id, day, status FROM attendance WHERE day BETWEEN ? AND ? AND status <> 'leave'"
            " UNION ALL SELECT staff_id, day, criterion_code FROM events WHERE day BETWEEN ? AND ?",
            (period.start.isoformat(), period.end.isoformat()) * 2):
        items[staff_id].append([day, what, "-2"])
    for staff_id, code, name, position, department in people:
        story.append(Paragraph(f"{name} ({code}) - {position} - {department}", heading))
        story.append(Table([["Ngày", "Nội dung", "Điểm"], *items[staff_id]], repeatRows=1, style=style))
        story.append(PageBreak())
    size = A4
pages = []
document = SimpleDocTemplate(out, pagesize=size)
document.build(story, onFirstPage=lambda c, d: pages.append(1), onLaterPages=lambda c, d: pages.append(1))
seconds, cpu_s = time.perf_counter() - started, time.process_time() - cpu_started
print(json.dumps({"pages": len(pages), "seconds": seconds, "cpu_s": cpu_s, "peak_mib": peak_mib()}))
"""

KINDS = ("ranking", "scorecards")


def _last_json(arguments: list[str]) -> dict[str, float]:
    line = subprocess.run(arguments, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    return json.loads(line)


def measure(db_path: Path, folder: Path, period: str, today: str,
            kinds: Sequence[str] = KINDS) -> dict[str, dict[str, float]]:
    """Per kind: pages, seconds and peak MiB of the report and (``bare_*``) of the bare document."""
    results = {}
    for kind in kinds:
        figures = _last_json([sys.executable, "-c", WRITE, str(db_path), kind, period, str(folder / f"{kind}.pdf"),
                              today])
        bare = _last_json([sys.executable, "-c", BARE, str(db_path), kind, period, str(folder / f"bare-{kind}.pdf")])
        results[kind] = {**figures, **{f"bare_{name}": value for name, value in bare.items()}}
    return results


def main() -> None:
    """``python benchmarks/reports.py BOOK [--period 2026] [--today 2026-12-31]``: this benchmark alone."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("db", type=Path)
    parser.add_argument("--period", default="2026")
    parser.add_argument("--today", default="2026-12-31")
    parser.add_argument("--kind", choices=KINDS, action="append", help="only these kinds (default: both)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for kind, figures in measure(arguments.db, Path(folder), arguments.period, arguments.today,
                                     arguments.kind or KINDS).items():
            per_page = figures["seconds"] / figures["pages"]
            bare_per_page = figures["bare_seconds"] / figures["bare_pages"]
            print(f"{kind}: {figures['pages']:,} pages in {figures['seconds']:.2f} s ({1 / per_page:.0f} pages/s; "
                  f"scoring before it {figures['scoring_s']:.2f} s), "
                  f"peak {figures['peak_mib']:.0f} MiB; bare {figures['bare_pages']:,} pages in "
                  f"{figures['bare_seconds']:.2f} s ({1 / bare_per_page:.0f} pages/s), peak "
                  f"{figures['bare_peak_mib']:.0f} MiB; {per_page / bare_per_page:.1f}× per page")


if __name__ == "__main__":
    main()
