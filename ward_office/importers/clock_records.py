"""What a clock file holds once read (``ClockFile``), and what its readers share: the messages naming a bad
line, the clock id pattern, the short excerpt of bad text shown in a problem."""

from __future__ import annotations

from dataclasses import dataclass

from ward_office.core.clock import Punch
from ward_office.core.errors import InputFileError, InputProblem
from ward_office.i18n import N_

ATTLOG, ADMS, TABLE = "attlog", "adms", "table"
CLOCK_ID = r"[0-9A-Za-z][0-9A-Za-z._-]{0,31}"

NOT_A_RECORD = N_("this line is not a clock record: “{text}”; expected the clock id, a tab and a time "
                  "like 2026-05-14 07:58:11")
BAD_STAMP = N_("“{value}” is not a date and time like 2026-05-14 07:58:11")
BAD_ID = N_("“{value}” is not a clock id")
NO_ID = N_("the clock id is missing")
NO_TIME = N_("the time is missing")
BAD_DATETIME = N_("“{value}” is not a date and time; write 14/05/2026 07:58 or 2026-05-14 07:58:11")
BAD_DATE = N_("“{value}” is not a date; write 14/05/2026 or 2026-05-14")
BAD_TIME = N_("“{value}” is not a time; write 07:58 or 07:58:11")
# The time column of attlog/ADMS lines has no header; this names it in problems.
TIME_FIELD = N_("time")


@dataclass(frozen=True, slots=True)
class ClockFile:
    """What one clock file holds: the punches in file order, plus each line that could not be read."""

    file: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "cp1258", or "xlsx"
    format: str  # ATTLOG, ADMS or TABLE
    punches: tuple[Punch, ...] = ()
    problems: tuple[InputProblem, ...] = ()
    devices: tuple[str, ...] = ()  # every device named in the file, sorted

    def error(self) -> InputFileError:
        """The problems as the error a service raises when it refuses the file."""
        return InputFileError(self.file, list(self.problems))


def excerpt(text: str, limit: int = 60) -> str:
    cleaned = " ".join(text.split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def clock_file(file: str, encoding: str, kind: str, punches: list[Punch], problems: list[InputProblem]) -> ClockFile:
    devices = tuple(sorted({punch.device for punch in punches if punch.device}))
    return ClockFile(file, encoding, kind, tuple(punches), tuple(problems), devices)
