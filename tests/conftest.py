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
