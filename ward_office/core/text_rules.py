"""The rules every text a person types or a file brings in must meet before it is kept, in one place.

What is kept is what every later reader sees and compares: a name pasted from a web page in decomposed accents
(NFD) would not match the same name typed, a staff code with a zero-width space in it looks like another
person's code and takes their events, and a right-to-left override makes a name or a note read backwards on
screen and on paper. So text is stored composed (NFC), trimmed, without invisible characters; direction
overrides are refused with the field named; lengths and dates are bounded so one value cannot swell the book
or a printed page, nor sit centuries away.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from ward_office.core.errors import WardOfficeError
from ward_office.i18n import N_, _

CODE_LIMIT = 30  # staff codes, clock ids, badge numbers, criterion codes
NAME_LIMIT = 100  # a person's full name, and who recorded or checked
SHORT_LIMIT = 200  # a position, a department, a check's location
NOTE_LIMIT = 1000  # a note on a person, an event or a check
EARLIEST_DAY = date(2000, 1, 1)  # no ward keeps records of the last century in this book

# Turn the direction of what follows around (embeddings, overrides, isolates): refused wherever they appear.
DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Zero-width characters, the byte order mark and the direction marks: invisible, so removed.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u061c"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

DIRECTION_MESSAGE = N_("contains a hidden direction-changing character; type it again instead of pasting it")
TOO_LONG_MESSAGE = N_("is {length} characters long; at most {limit} are allowed")
DAY_RANGE_MESSAGE = N_("{day} is outside the dates this book keeps, from {first} to {last}")


class FieldError(WardOfficeError):
    """A value of one field is refused: ``field`` is the attribute (for a form to focus, a file to name the
    column), ``label`` its name in the user's words (an English msgid), put before the message when given."""

    def __init__(self, field: str, message: str, *, label: str = "", **params: object) -> None:
        super().__init__(message, **params)
        self.field = field
        self.label = label

    def localized(self) -> str:
        problem = super().localized()
        return _("{label}: {problem}").format(label=_(self.label), problem=problem) if self.label else problem

    def __str__(self) -> str:
        problem = super().__str__()
        return f"{self.label}: {problem}" if self.label else problem


def clean_text(value: str, field: str, label: str, limit: int, *, multiline: bool = False) -> str:
    """``value`` as it is kept: NFC, invisible and control characters removed, spaces collapsed (line breaks
    kept when ``multiline``), trimmed; a direction override or more than ``limit`` characters is refused."""
    if any(character in DIRECTION_CONTROLS for character in value):
        raise FieldError(field, DIRECTION_MESSAGE, label=label)
    text = _CONTROL.sub("", unicodedata.normalize("NFC", value).translate(_INVISIBLE))
    if multiline:
        lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        text = "\n".join(lines).strip("\n")
    else:
        text = " ".join(text.split())
    if len(text) > limit:
        raise FieldError(field, TOO_LONG_MESSAGE, label=label, length=len(text), limit=limit)
    return text


def code_key(code: str) -> str:
    """What two staff codes are compared by: ``cb001`` and ``CB001`` are one code."""
    return " ".join(unicodedata.normalize("NFC", code).translate(_INVISIBLE).split()).casefold()


def last_day(today: date | None = None) -> date:
    """The latest day a record, a start or an end may fall on: a year after today."""
    today = today or date.today()
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today + timedelta(days=365)


def check_day(day: date | None, field: str, label: str, today: date | None = None) -> None:
    """Refuse a day before 2000 or more than a year ahead (a typing slip such as 2999 or 1900)."""
    if day is None:
        return
    last = last_day(today)
    if not EARLIEST_DAY <= day <= last:
        raise FieldError(field, DAY_RANGE_MESSAGE, label=label, day=day.strftime("%d/%m/%Y"),
                         first=EARLIEST_DAY.strftime("%d/%m/%Y"), last=last.strftime("%d/%m/%Y"))
