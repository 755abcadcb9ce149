"""Printed reports as use cases on a database file, for the command line and the window alike.

``write_report(ward, kind, period_text, out)`` scores the period in the open book and writes the PDF
atomically: into a temporary file beside ``out``, renamed over it only when complete, so a failure never
leaves half a report. Report kinds live in ``REPORTS``; a new kind is one entry there with a render
function ``(ward, period, stream, today, options) -> pages``. Report modules (and
reportlab) are imported only when a report is written, so the window starts without them.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO, cast

from ward_office.core.errors import OutputFileError, OutputFolderError, WardOfficeError
from ward_office.core.file_replace import replace_file
from ward_office.core.period import Period, parse_period
from ward_office.i18n import N_, _, official_language
from ward_office.services.period_locks import figures_status
from ward_office.services.ranking import score_stored_period
from ward_office.services.report_renders import RENDERS
from ward_office.services.reviews import review_papers
from ward_office.services.ward import Ward


class ReportKindError(WardOfficeError):
    """There is no report of the kind asked for."""


# A temporary file is made 0600; a report is for others in the office to read as well.
REPORT_FILE_MODE = 0o644

Render = Callable[[Ward, Period, BinaryIO, date, Mapping[str, object]], int]


@dataclass(frozen=True, slots=True)
class ReportKind:
    name: str  # as typed on the command line
    title: str  # an N_() msgid, shown where reports are chosen
    render: Render


@dataclass(frozen=True, slots=True)
class ReportSummary:
    path: Path
    kind: str
    pages: int

    def localized(self) -> str:
        return _("Wrote {path} ({pages} pages).").format(path=self.path, pages=self.pages)


def _render_ranking(ward: Ward, period: Period, stream: BinaryIO, today: date,
                    options: Mapping[str, object]) -> int:
    from ward_office.reports.ranking import write_ranking  # reportlab loads with a report

    return write_ranking(stream, score_stored_period(ward.store, period, today), day=today,
                         status=figures_status(ward.store, period, today))


def _render_scorecards(ward: Ward, period: Period, stream: BinaryIO, today: date,
                       options: Mapping[str, object]) -> int:
    from ward_office.reports.scorecards import write_scorecards  # reportlab loads with a report

    return write_scorecards(stream, score_stored_period(ward.store, period, today), day=today,
                            status=figures_status(ward.store, period, today))


def _render_review(ward: Ward, period: Period, stream: BinaryIO, today: date,
                   options: Mapping[str, object]) -> int:
    from ward_office.reports.review_report import write_review  # reportlab loads with a report

    return write_review(stream, review_papers(ward, period, today), day=today)


def _render_proposal(ward: Ward, period: Period, stream: BinaryIO, today: date,
                     options: Mapping[str, object]) -> int:
    from ward_office.reports.commendation import write_proposal  # reportlab loads with a report

    return write_proposal(stream, review_papers(ward, period, today), day=today)


def _render_decision(ward: Ward, period: Period, stream: BinaryIO, today: date,
                     options: Mapping[str, object]) -> int:
    from ward_office.reports.commendation import write_decision  # reportlab loads with a report

    return write_decision(stream, review_papers(ward, period, today), day=today)


REPORTS: dict[str, ReportKind] = {
    kind.name: kind for kind in (
        ReportKind("ranking", N_("Summary of emulation results"), _render_ranking),
        ReportKind("scorecards", N_("Personal scorecards"), _render_scorecards),
        ReportKind("timesheet", N_("Monthly timesheet"), RENDERS["timesheet"]),
        ReportKind("check", N_("Check record"), RENDERS["check"]),
        ReportKind("minutes", N_("Minutes of the emulation review meeting"), RENDERS["minutes"]),
        ReportKind("charts", N_("Charts"), RENDERS["charts"]),
        ReportKind("review", N_("Emulation review report (half-year or year)"), _render_review),
        ReportKind("proposal", N_("Submission proposing commendations"), _render_proposal),
        ReportKind("decision", N_("Decision on commendations"), _render_decision),
    )
}


def report_kind(kind: str) -> ReportKind:
    """The kind named ``kind``, refused in words when it is unknown."""
    found = REPORTS.get(kind)
    if found is None:
        raise ReportKindError(N_("There is no report “{kind}”; choose one of: {kinds}"), kind=kind,
                              kinds=", ".join(REPORTS))
    return found


def write_report(ward: Ward, kind: str, period_text: str, out: Path, *, today: date | None = None,
                 **options: object) -> ReportSummary:
    """Score ``period_text`` in the open book and write report ``kind`` to ``out`` (a PDF).

    ``today`` dates the document and caps a period still running (default: the real today). Nothing is
    written when anything fails.
    """
    report = report_kind(kind)
    period = parse_period(period_text)
    today = today or date.today()
    out = Path(out)
    if not out.parent.is_dir():
        raise OutputFolderError(N_("The folder {path} does not exist"), path=str(out.parent))
    try:
        handle = tempfile.NamedTemporaryFile(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp",
                                             delete=False)
    except OSError as error:
        raise OutputFileError(N_("Cannot write {path}: {error}"), path=str(out), error=error.strerror) from error
    try:
        with handle, official_language():
            # The temporary file's wrapper passes reads and writes to the binary file it holds.
            pages = report.render(ward, period, cast(BinaryIO, handle), today, options)
        os.chmod(handle.name, REPORT_FILE_MODE)
        replace_file(handle.name, out)
    except BaseException as error:
        Path(handle.name).unlink(missing_ok=True)
        if isinstance(error, PermissionError) and out.exists():  # Windows: a PDF reader has it open
            raise OutputFileError(N_("Cannot write {path}: the file may be open in a PDF reader. Close it and try "
                                     "again."), path=str(out)) from error
        if isinstance(error, OSError):
            raise OutputFileError(N_("Cannot write {path}: {error}"), path=str(out),
                                  error=error.strerror or str(error)) from error
        raise
    return ReportSummary(out, kind, pages)
