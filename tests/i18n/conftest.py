"""Fixtures for the i18n tests: run a test in one language and put the previous one back afterwards."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ward_office.i18n import current_language, set_language


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
