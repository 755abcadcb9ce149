"""The ward office itself: the names and people printed on every report."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unit:
    """The ward's people's committee (UBND phường) as it appears in the header of official documents."""

    name: str = "Ủy ban nhân dân phường"
    authority: str = ""
    address: str = ""
    place_name: str = ""
    head_title: str = "Chủ tịch"
    head_name: str = ""
    preparer_name: str = ""
    # The form line of the printed timesheet. Circular 107/2017/TT-BTC issued form C01-HD; it was replaced by
    # Circular 24/2024/TT-BTC from 2025, and which form a ward now follows is the ward's to say.
    timesheet_form: str = "Mẫu số C01-HD"
    timesheet_basis: str = "(Ban hành kèm theo Thông tư số 107/2017/TT-BTC ngày 10/10/2017 của Bộ Tài chính)"
