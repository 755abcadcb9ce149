"""Reading the values of a plan file and saying where each problem is: by line, as a writer finds it.

``tomllib`` gives no line numbers, so ``KeyLines`` scans the text itself: table headers (``[quota]``,
``[[blocks.criteria]]``, counted so the third criterion of the second block is told apart from every other)
and the keys written under each. A place in the plan is a path such as ``("blocks", 1, "criteria", 0)``
(indexes from 0), shown to the writer as ``blocks[2].criteria[1]``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from fractions import Fraction
from typing import Any, TypeVar

from ward_office.core.errors import PlanError
from ward_office.i18n import N_, _

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")
Path = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*(?:\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*)*=""")


@dataclass(frozen=True, slots=True)
class PlanProblem:
    """One mistake in a plan file: its line (None when the text has no line for it), place and message."""

    line: int | None
    where: str
    message: str
    params: dict[str, object] = field(default_factory=dict)

    def listed(self) -> str:
        """The problem as a line of a list under a heading that names the plan."""
        problem = _(self.message).format(**self.params)
        if self.line is None and not self.where:  # a table missing from the whole file: no line, no place
            return f"– {problem}"
        if self.line is None:
            return _("– at {where}: {problem}").format(where=self.where, problem=problem)
        if not self.where:
            return _("– line {line}: {problem}").format(line=self.line, problem=problem)
        return _("– line {line} ({where}): {problem}").format(line=self.line, where=self.where, problem=problem)

    def localized(self) -> str:
        problem = _(self.message).format(**self.params)
        if self.line is None and not self.where:
            return _("Plan: {problem}").format(problem=problem)
        if self.line is None:
            return _("Plan, at {where}: {problem}").format(where=self.where, problem=problem)
        if not self.where:
            return _("Plan, line {line}: {problem}").format(line=self.line, problem=problem)
        return _("Plan, line {line} ({where}): {problem}").format(line=self.line, where=self.where, problem=problem)


class PlanProblemsError(PlanError):
    """A plan file with one or more mistakes, every one of them listed."""

    def __init__(self, problems: list[PlanProblem]) -> None:
        super().__init__(N_("The plan has {count} problem(s)"), count=len(problems))
        self.problems = problems

    def localized(self) -> str:
        if len(self.problems) == 1:
            return self.problems[0].localized()
        return "\n".join([super().localized() + ":", *(problem.listed() for problem in self.problems)])


def toml_problem(error: ValueError) -> PlanProblem:
    """A TOML syntax error as a problem on its line (tomllib says "… (at line 3, column 7)", in English: only the
    place is kept)."""
    found = re.search(r"line (\d+), column (\d+)", str(error))
    if found is None:
        return PlanProblem(None, "", N_("the text is not valid TOML: {error}"), {"error": str(error)})
    return PlanProblem(int(found.group(1)), "", N_("the text is not valid TOML at column {column}: look for a missing"
                                                   " quote, bracket or “=”, or a key written twice"),
                       {"column": int(found.group(2))})


def _name(text: str) -> str:
    return text.strip().strip("\"'")


def _value_open(value: str) -> bool:
    """Whether a value goes on past its line: an array or inline table left open, or a multi-line string."""
    depth = 0
    index = 0
    while index < len(value):
        char = value[index]
        if value.startswith(('"""', "'''"), index):
            end = value.find(value[index:index + 3], index + 3)
            if end < 0:
                return True
            index = end + 3
            continue
        if char == '"':  # a basic string: a backslash escapes the character after it, a quote or a backslash
            index += 1
            while index < len(value) and value[index] != '"':
                index += 2 if value[index] == "\\" else 1
            index += 1
            continue
        if char == "'":  # a literal string: no escapes
            end = value.find("'", index + 1)
            index = len(value) if end < 0 else end + 1
            continue
        if char == "#":  # a comment ends with its line, and the value may go on below it
            end = value.find("\n", index)
            index = len(value) if end < 0 else end
            continue
        depth += (char in "[{") - (char in "]}")
        index += 1
    return depth > 0


class KeyLines:
    """The line of every table header and key in a TOML text, by path."""

    def __init__(self, text: str) -> None:
        self.tables: dict[Path, int] = {(): 1}
        self.keys: dict[tuple[Path, str], int] = {}
        counts: dict[Path, int] = {}
        table: Path = ()
        pending = ""  # the part of a value continued on later lines
        for number, line in enumerate(text.splitlines(), start=1):
            if pending:
                pending += "\n" + line
                if not _value_open(pending):
                    pending = ""
                continue
            header = _HEADER.match(line)
            if header:
                table = self._table(header.group(1) == "[[", header.group(2), counts)
                self.tables.setdefault(table, number)
                continue
            key = _KEY.match(line)
            if key:
                self.keys.setdefault((table, _name(key.group(1))), number)
                value = line[key.end():]
                if _value_open(value):
                    pending = value

    @staticmethod
    def _table(is_array: bool, dotted: str, counts: dict[Path, int]) -> Path:
        names = [_name(part) for part in dotted.split(".")]
        path: Path = ()
        for position, name in enumerate(names):
            path = (*path, name)
            last = position == len(names) - 1
            if last and is_array:
                counts[path] = counts.get(path, 0) + 1
                path = (*path, counts[path] - 1)
            elif path in counts:  # a sub-table of the latest entry of an array of tables
                path = (*path, counts[path] - 1)
        return path

    def line(self, path: Path, key: str | None = None) -> int | None:
        """The line of ``key`` in the table at ``path``; failing that, of the table, or for a place inside a value
        (an inline table in a list) of the key holding that value."""
        if key is not None and (path, key) in self.keys:
            return self.keys[(path, key)]
        for table in ((*path, key), (*path, key, 0)) if key is not None else ():  # a key written as a table
            if table in self.tables:
                return self.tables[table]
        for cut in range(len(path), -1, -1):
            prefix = path[:cut]
            if prefix in self.tables:
                if cut < len(path) and isinstance(path[cut], str) and (prefix, path[cut]) in self.keys:
                    return self.keys[(prefix, str(path[cut]))]
                return self.tables[prefix] if prefix else None
        return None


def where_text(path: Path) -> str:
    """``("blocks", 1, "criteria", 0)`` as ``blocks[2].criteria[1]``; a top table as ``[quota]``."""
    if len(path) == 1:
        return f"[{path[0]}]"
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


class _RefusedError(Exception):
    """A value the reader cannot use; the problem is already recorded."""


class PlanValues:
    """Typed values read out of the parsed TOML, each mistake recorded with its line; ``attempt`` goes on
    reading the next part after a mistake so that every problem of a file is told at once."""

    def __init__(self, text: str) -> None:
        self.lines = KeyLines(text)
        self.problems: list[PlanProblem] = []

    def fail(self, path: Path, message: str, **params: object) -> Exception:
        """Record a problem at ``path`` (on the line of the ``key`` param, if any) and return what to raise."""
        key = params.get("key")
        line = self.lines.line(path, key if isinstance(key, str) else None)
        problem = PlanProblem(line, where_text(path) if path else "", message, dict(params))
        if problem not in self.problems:
            self.problems.append(problem)
        return _RefusedError()

    def refused(self) -> Exception:
        """What to raise for a part whose problems are recorded already."""
        return _RefusedError()

    def attempt(self, read: Callable[..., T], *args: Any) -> T | None:
        """``read(*args)``, or None when it met a mistake (recorded)."""
        try:
            return read(*args)
        except _RefusedError:
            return None

    def table(self, data: Mapping[str, Any], key: str, path: Path) -> Mapping[str, Any]:
        value = data.get(key)
        if not isinstance(value, dict):
            raise self.fail(path, N_("a table [{key}] is required"), key=key)
        return value

    def text(self, data: Mapping[str, Any], key: str, path: Path, default: str | None = None) -> str:
        value = data.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(path, N_("“{key}” must be a non-empty text"), key=key)
        return value.strip()

    def number(self, data: Mapping[str, Any], key: str, path: Path) -> Fraction:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(path, N_("“{key}” must be a number"), key=key)
        return Fraction(str(value))

    def optional_number(self, data: Mapping[str, Any], key: str, path: Path) -> Fraction | None:
        if key not in data:
            return None
        value = self.number(data, key, path)
        if value <= 0:
            raise self.fail(path, N_("“{key}” must be greater than zero"), key=key)
        return value

    def integer(self, data: Mapping[str, Any], key: str, path: Path, minimum: int = 1) -> int:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(path, N_("“{key}” must be a whole number of at least {minimum}"), key=key,
                            minimum=minimum)
        return value

    def optional_date(self, data: Mapping[str, Any], key: str, path: Path) -> date | None:
        value = data.get(key)
        if value is not None and (isinstance(value, datetime) or not isinstance(value, date)):
            raise self.fail(path, N_("“{key}” must be a date such as 2026-01-01"), key=key)
        return value

    def choice(self, data: Mapping[str, Any], key: str, path: Path, enum: type[E], default: E | None = None) -> E:
        value = data.get(key, default)
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(member.value for member in enum)
            raise self.fail(path, N_("“{key}” must be one of: {allowed}"), key=key, allowed=allowed) from None

    def items(self, data: Mapping[str, Any], key: str, path: Path, required: bool = True) -> list[Any]:
        value = data.get(key, None if required else [])
        if not isinstance(value, list) or (required and not value):
            raise self.fail(path, N_("a list [[{key}]] is required"), key=key)
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.fail((*path, key, index), N_("each entry of “{entries}” must be a table"),
                                entries=key)
        return value

    def unknown_keys(self, data: Mapping[str, Any], allowed: Mapping[str, frozenset[str]],
                     path: Path = (), table: str = "", shown: str = "") -> None:
        """A problem for every key the plan format does not have, in ``data`` and the tables inside it;
        ``allowed`` gives the keys of each table by its dotted name ("" the file itself, "blocks.criteria")."""
        known = allowed.get(table, frozenset())
        for key, value in data.items():
            inner = f"{table}.{key}" if table else key
            if key not in known:
                self.fail(path, N_("there is no key “{key}” in {table}; the keys allowed there are: {allowed}"),
                          key=key, table=shown or _("the plan file"),
                          allowed=", ".join(sorted(known)))
            elif isinstance(value, dict) and inner in allowed:
                self.unknown_keys(value, allowed, (*path, key), inner, f"[{inner}]")
            elif isinstance(value, list) and inner in allowed:
                for index, item in enumerate(value):
                    if isinstance(item, dict):
                        self.unknown_keys(item, allowed, (*path, key, index), inner, f"[[{inner}]]")
