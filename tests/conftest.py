"""Fixtures shared across the test suite: a fresh database file per test, and a test run in one language
with the previous one put back afterwards."""

from __future__ import annotations

import os

# Before any Qt import: the window tests draw off screen, whatever the environment says.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from ward_office.i18n import current_language, set_language
from ward_office.storage import Store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ward.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """A migrated, empty store on a real temporary file, closed after the test."""
    with Store.open(db_path) as opened:
        yield opened


def _switch(language: str) -> Iterator[None]:
    before = current_language()
    set_language(language)
    try:
        yield
    finally:
        set_language(before)


@pytest.fixture
def vietnamese() -> Iterator[None]:
    yield from _switch("vi")


@pytest.fixture
def english() -> Iterator[None]:
    yield from _switch("en")


@pytest.fixture(scope="session")
def council_decides():
    """``council_decides(ward, period, today)``: the emulation council keeps the first of the people tied at the
    quota line, if any. A month of a demo ward often has more people at 100 than places, and such a month is
    locked only once the tie is decided."""
    from ward_office.services.quota_decisions import decide_quota_tie
    from ward_office.services.ranking import score_records

    def decide(ward, period, today) -> None:
        tie = score_records(ward.store, period, today).ranking.quota_tie
        if tie is not None:
            decide_quota_tie(ward, period, tie.grade.code, list(tie.tied_ids[:tie.places]), today, "01/BB-HĐTĐ",
                             "Theo kết quả bỏ phiếu", today=today)

    return decide
