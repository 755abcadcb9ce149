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
