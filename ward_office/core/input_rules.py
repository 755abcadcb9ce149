"""Rules for what a person types into a form, each refusing with a message that names the field, so a window
only shows the message and never quietly changes what was typed (letters dropped, 999 cut to 99, a future day
turned into today).
"""

from __future__ import annotations

from datetime import date, datetime, time

from ward_office.core.text_rules import FieldError
from ward_office.i18n import N_

MINUTES_LABEL = N_("Minutes")
NOT_A_NUMBER_MESSAGE = N_("“{text}” is not a number of minutes; type digits only, such as 15")
NO_MINUTES_MESSAGE = N_("type how many minutes, from 1 to {most}")
TOO_MANY_MINUTES_MESSAGE = N_("{minutes} minutes is longer than the session ({most} minutes); type at most {most}")
FUTURE_DAY_MESSAGE = N_("{day} has not come yet; only what has already happened can be recorded")


def session_length(start: time, end: time) -> int:
    """The minutes from ``start`` to ``end`` of one session: the most anyone can be late or leave early."""
    return int((datetime.combine(date.min, end) - datetime.combine(date.min, start)).total_seconds() // 60)


def minutes_value(text: str, most: int, field: str = "minutes", label: str = MINUTES_LABEL) -> int:
    """The whole number of minutes typed, from 1 to ``most``, or a ``FieldError`` saying what is wrong."""
    typed = text.strip()
    if not typed:
        raise FieldError(field, NO_MINUTES_MESSAGE, label=label, most=most)
    if not typed.isdigit() or not typed.isascii():
        raise FieldError(field, NOT_A_NUMBER_MESSAGE, label=label, text=typed)
    minutes = int(typed)
    if minutes < 1:
        raise FieldError(field, NO_MINUTES_MESSAGE, label=label, most=most)
    if minutes > most:
        raise FieldError(field, TOO_MANY_MINUTES_MESSAGE, label=label, minutes=minutes, most=most)
    return minutes


def check_not_future(day: date, today: date, field: str, label: str) -> None:
    """Refuse a day after ``today``: what is recorded has happened."""
    if day > today:
        raise FieldError(field, FUTURE_DAY_MESSAGE, label=label, day=day.strftime("%d/%m/%Y"))
