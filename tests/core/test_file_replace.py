"""A file put in place of one that another program holds for a moment (Windows refuses the rename then)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ward_office.core import file_replace
from ward_office.core.file_replace import replace_file


def test_a_free_target_is_replaced_at_once(tmp_path: Path) -> None:
    (tmp_path / "new").write_bytes(b"new")
    (tmp_path / "old").write_bytes(b"old")
    replace_file(tmp_path / "new", tmp_path / "old", pause=60)
    assert (tmp_path / "old").read_bytes() == b"new" and not (tmp_path / "new").exists()


def held_for(refusals: int, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """os.replace refusing as Windows does while a scanner holds the target, ``refusals`` times."""
    calls: list[tuple[str, str]] = []
    real_replace = os.replace

    def replace(source: object, target: object) -> None:
        calls.append((str(source), str(target)))
        if len(calls) <= refusals:
            raise PermissionError(13, "The process cannot access the file")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(file_replace.os, "replace", replace)
    return calls


def test_a_target_held_for_a_moment_is_replaced_once_it_is_let_go(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    calls = held_for(3, monkeypatch)
    (tmp_path / "new").write_bytes(b"new")
    replace_file(tmp_path / "new", tmp_path / "old", attempts=5, pause=0)
    assert len(calls) == 4 and (tmp_path / "old").read_bytes() == b"new"


def test_a_target_held_all_along_is_refused_after_the_last_attempt(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    calls = held_for(99, monkeypatch)
    (tmp_path / "new").write_bytes(b"new")
    with pytest.raises(PermissionError):
        replace_file(tmp_path / "new", tmp_path / "old", attempts=5, pause=0)
    assert len(calls) == 5 and (tmp_path / "new").exists() and not (tmp_path / "old").exists()
