"""Emulation titles (danh hiệu thi đua) a plan derives from the year's grade: data of the plan, read here.

A title such as Lao động tiên tiến needs a grade for the year (Luật Thi đua, khen thưởng 2022, Điều 24: hoàn
thành tốt nhiệm vụ trở lên; some schemes ask for grade A) and sometimes another title's standard first
(Chiến sĩ thi đua cơ sở: the standard of Lao động tiên tiến plus an initiative). The program can only tell who
meets the part the book records; the emulation council decides the rest, so a title is only ever *proposed*.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ward_office.core.plan_values import Path, PlanValues
from ward_office.i18n import N_


@dataclass(frozen=True, slots=True)
class Title:
    """Whoever is graded ``min_grade`` or better for a year, and meets every title of ``requires``, is eligible
    to be proposed for the title."""

    code: str
    name: str
    min_grade: str
    reason: str = ""  # what else the council weighs, printed with the title (an initiative, a vote)
    requires: tuple[str, ...] = ()  # codes of titles listed before it whose standard it needs too


def read_titles(reader: PlanValues, data: Mapping[str, Any], grade_codes: Sequence[str]) -> list[Title]:
    """The plan's ``[[titles]]``, each mistake recorded with its line; a title with a mistake is left out."""
    titles: list[Title] = []
    for index, item in enumerate(reader.items(data, "titles", (), required=False)):
        title = reader.attempt(_title, reader, item, ("titles", index), grade_codes, titles)
        if title is not None:
            titles.append(title)
    return titles


def _title(reader: PlanValues, item: Mapping[str, Any], where: Path, grade_codes: Sequence[str],
           earlier: list[Title]) -> Title:
    code = reader.text(item, "code", where)
    if any(title.code == code for title in earlier):
        raise reader.fail(where, N_("the code “{code}” is used twice"), code=code, key="code")
    name = reader.text(item, "name", where)
    min_grade = reader.text(item, "min_grade", where)
    if min_grade not in grade_codes:
        raise reader.fail(where, N_("no grade has the code “{code}”"), code=min_grade, key="min_grade")
    reason = reader.text(item, "reason", where) if "reason" in item else ""
    requires = item.get("requires", [])
    if not isinstance(requires, list) or not all(isinstance(value, str) for value in requires):
        raise reader.fail(where, N_("“requires” must be a list of title codes"), key="requires")
    for required in requires:
        if all(title.code != required for title in earlier):
            raise reader.fail(where, N_("“requires” may name only a title listed above this one: “{code}” is "
                                        "not"), code=required, key="requires")
    return Title(code, name, min_grade, reason, tuple(requires))
