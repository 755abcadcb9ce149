"""A test that cannot fail is no test: none skips when our own module is missing (a lost module would pass
unseen), and none skips for root, which CI runs as."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).parent
_OWN_SKIP = re.compile(r"importorskip\(\s*[\"']ward_office")
_ROOT_SKIP = re.compile(r"geteuid\(\)\s*==\s*0")


def test_no_test_skips_when_our_own_module_is_missing_or_when_run_as_root() -> None:
    offending = [f"{path.relative_to(TESTS)}:{number}" for path in sorted(TESTS.rglob("*.py")) if path != Path(__file__)
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if _OWN_SKIP.search(line) or _ROOT_SKIP.search(line)]
    assert offending == []
