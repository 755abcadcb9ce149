"""Errors a user can cause and must be told about in Vietnamese.

The message is an English gettext msgid with ``{name}`` placeholders; it is translated where it is shown,
so the core stays free of any language choice. File, line and field locate bad input.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ward_office.i18n import N_, _


class WardOfficeError(Exception):
    """Base of every error the user may see."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params

    def localized(self) -> str:
        return _(self.message).format(**self.params)

    def __str__(self) -> str:
        return self.message.format(**self.params)


class NotFoundError(WardOfficeError):
    pass


class PeriodLockedError(WardOfficeError):
    pass


class PlanError(WardOfficeError):
    """The emulation plan text is not a valid plan."""


@dataclass(frozen=True, slots=True)
class InputProblem:
    """One bad value in an input file, located by line (1-based, header included) and field."""

    line: int
    field: str
    message: str
    params: dict[str, object] = dataclasses.field(default_factory=dict)  # not field(): the field above is so named

    def localized(self) -> str:
        return _(self.message).format(**self.params)


class InputFileError(WardOfficeError):
    """An input file was refused; nothing was written."""

    def __init__(self, file: str, problems: list[InputProblem], total: int | None = None) -> None:
        """``problems``: those to show (a huge file lists the first ones); ``total``: how many were found."""
        total = len(problems) if total is None else total
        super().__init__(N_("File {file}: {count} problem(s), nothing was imported"), file=file, count=total)
        self.file = file
        self.problems = problems
        self.total = total

    def localized(self) -> str:
        lines = [super().localized()]
        for problem in self.problems:
            lines.append(
                _("{file}, line {line}, field “{field}”: {problem}").format(
                    file=self.file, line=problem.line, field=_(problem.field) if problem.field else "",
                    problem=problem.localized(),
                )
            )
        if self.total > len(self.problems):
            lines.append(_("… and {count} more problem(s) not listed").format(count=self.total - len(self.problems)))
        return "\n".join(lines)


class ReasonMissingError(WardOfficeError):
    """A change that must be explained in the change log was given no reason."""


class OutputFolderError(WardOfficeError):
    """The folder chosen for a printed report or an export does not exist."""


class OutputFileError(WardOfficeError):
    """A printed report or an export could not be written to its file."""


class ClockMappingError(WardOfficeError):
    """A column mapping of a clock report names no clock id or no time column (of a staff sheet, no name,
    position or department column), or was saved in a form this version cannot read."""
