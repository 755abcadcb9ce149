"""The engine's draft result is annotated with StaffResult's fields for the type checker; they must not drift."""

from __future__ import annotations

import dataclasses

from ward_office.scoring.results import StaffResult
from ward_office.scoring.standings import Draft


def test_draft_annotations_are_the_staff_result_fields() -> None:
    fields = [field.name for field in dataclasses.fields(StaffResult)]
    assert list(Draft.__annotations__) == fields
    assert Draft.__slots__ == StaffResult.__slots__
