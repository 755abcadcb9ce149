"""The documentation stays short where users read it, true where developers read it, and dated by what a
thing is for, never by past rounds of work or the numbers of issues."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Built from pieces so that this file does not match its own patterns.
STALE = re.compile("issue" + r" #\d+" + "|" + "[Ss]ession" + r" \d+")
TEXT_SUFFIXES = {".py", ".md", ".txt", ".toml", ".sh", ".iss", ".spec", ".desktop", ".cfg", ".html"}


def _texts() -> list[Path]:
    files = [ROOT / "README.md"]
    for folder in ("ward_office", "tests", "packaging", "benchmarks", "docs"):
        files += [path for path in (ROOT / folder).rglob("*")
                  if path.is_file() and path.suffix in TEXT_SUFFIXES and "__pycache__" not in path.parts]
    return files


def test_the_readme_is_read_in_five_minutes() -> None:
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 150


def test_no_text_dates_itself_by_issues_or_sessions() -> None:
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in _texts()
             for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
             if STALE.search(line)]
    assert found == []


def test_the_pattern_finds_what_it_is_for() -> None:
    assert STALE.search("the export of " + "issue" + " #4")
    assert STALE.search("measured in " + "session" + " 5")
    assert not STALE.search("a check round of the session (morning)")


def test_the_architecture_names_files_that_exist() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"ward_office/[\w/]+\.py", text))
    # The feature table names files under ward_office/ without the prefix.
    named |= {"ward_office/" + path for path in
              re.findall(r"`((?:core|scoring|storage|reports|importers|services|ui|i18n|cli)/[\w/]+\.py)`", text)}
    assert len(named) > 50
    assert sorted(path for path in named if not (ROOT / path).is_file()) == []
