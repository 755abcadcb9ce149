"""The words of the Nghị định 30/2020 frame — agency lines, the dateline's place, signature titles — without
reportlab, so the Excel exports print the same header and signatures as the PDF reports without loading the
PDF engine. ``reports.document`` lays the same words out on a PDF page.
"""

from __future__ import annotations

from dataclasses import dataclass

from ward_office.core.unit import Unit
from ward_office.i18n import _
from ward_office.i18n.text import fold

_COMMITTEE = "ủy ban nhân dân"  # how every ward's official name begins, folded
_ADMINISTRATIVE_UNITS = ("phuong", "xa", "thi tran", "dac khu")  # folded words a place name opens with


@dataclass(frozen=True, slots=True)
class Signature:
    """One signature block: bold capital title lines, a note in italics, room to sign, the name in bold."""

    title_lines: tuple[str, ...]
    name: str = ""
    note: str | None = None  # None: "(Ký, ghi rõ họ tên)"

    def note_text(self) -> str:
        return _("(Signature and full name)") if self.note is None else self.note


def agency_lines(unit: Unit) -> list[str]:
    """The issuing agency in capitals, broken after "ỦY BAN NHÂN DÂN" as wards print it."""
    name = " ".join(unit.name.split())
    head = name[:len(_COMMITTEE)]
    if fold(head) == fold(_COMMITTEE) and len(name) > len(_COMMITTEE):
        return [head.upper(), name[len(_COMMITTEE):].strip().upper()]
    return [name.upper()]


def place_of(unit: Unit) -> str:
    """The place that opens the dateline: the ward's own name, "Phường Tân An" (NĐ 30/2020, ô 4).

    A bare "Tân An" is completed from the agency's name ("Ủy ban nhân dân phường Tân An").
    """
    place = " ".join(unit.place_name.split())
    lines = agency_lines(unit)
    tail = " ".join(unit.name.split())[len(_COMMITTEE):].strip() if len(lines) == 2 else ""
    if tail and (not place or (not fold(place).startswith(_ADMINISTRATIVE_UNITS) and fold(tail).endswith(fold(place)))):
        return tail[:1].upper() + tail[1:]
    return place


def head_signature(unit: Unit) -> Signature:
    """The head's block: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", or the unit's own title; a " / " in it
    separates lines ("KT. Chủ tịch / Phó Chủ tịch" → "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")."""
    title = " ".join(unit.head_title.split()) or _("Chairman")
    if " / " in title:
        lines = tuple(part.strip().upper() for part in title.split(" / ") if part.strip())
    else:
        lines = (_("ON BEHALF OF THE PEOPLE'S COMMITTEE").upper(), title.upper())
    return Signature(lines, unit.head_name)


def preparer_signature(unit: Unit) -> Signature:
    """"NGƯỜI LẬP BIỂU" with the unit's preparer."""
    return Signature((_("PREPARED BY").upper(),), unit.preparer_name)


def timesheet_signatures(unit: Unit) -> tuple[Signature, Signature, Signature]:
    """The three signatures of a C01-HD timesheet: the timekeeper, the head of department, the head of the unit."""
    return (Signature((_("TIMEKEEPER").upper(),), unit.preparer_name),
            Signature((_("HEAD OF DEPARTMENT").upper(),)),
            Signature((_("HEAD OF THE UNIT").upper(),), unit.head_name))


__all__ = ["Signature", "agency_lines", "head_signature", "place_of", "preparer_signature", "timesheet_signatures"]
