#!/usr/bin/env bash
# The wheel works on its own (CI runs this after the tests): built from this tree, installed into a fresh venv
# outside the checkout and run from there. The help is Vietnamese, a demo ward is built and scored, a report
# is printed, and a demo that fails midway leaves no file. Needs the project's .venv (./dev setup).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
PY=${PYTHON:-python3}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/ward-office-wheel-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
fail() { echo "WHEEL CHECK FAILED: $*" >&2; exit 1; }

"$VENV/bin/python" -m pip wheel -q --disable-pip-version-check --no-deps -w "$scratch/dist" .
wheel=$(ls "$scratch"/dist/ward_office-*.whl)
"$PY" -m venv "$scratch/venv"
"$scratch/venv/bin/python" -m pip install -q --disable-pip-version-check "$wheel"
echo "wheel: $(basename "$wheel") ($(du -h "$wheel" | cut -f1)), installed into a fresh venv"

cd "$scratch"
export WARD_OFFICE_DATA_DIR="$scratch/data" LANG=C.UTF-8 PYTHONIOENCODING=utf-8
unset PYTHONPATH VIRTUAL_ENV
program=$scratch/venv/bin/ward-office
resources=$("$scratch/venv/bin/python" -c "from ward_office import paths; print(paths.resources_dir())")
case "$resources" in
  "$scratch/venv/"*/site-packages/ward_office/resources) ;;
  *) fail "the installed program reads its files from $resources, not from the wheel" ;;
esac

"$program" --help > help.txt
grep -q "^cách dùng: ward-office" help.txt || fail "the help is not Vietnamese: $(head -3 help.txt)"
grep -q "tính điểm, xếp loại và xếp hạng" help.txt || fail "the commands' help is not Vietnamese"
"$program" demo --db ward.db --staff 12 --months 7 --until 2026-11-20
"$program" score --db ward.db --period 2026-H2 > score.txt
grep -q "Xếp loại" score.txt || fail "score printed no Vietnamese table: $(head -5 score.txt)"
echo "score: $(grep -c . score.txt) lines"
"$program" report ranking --db ward.db --period 2026-H2 --out ranking.pdf
pdftotext ranking.pdf ranking.txt
grep -q "BẢNG TỔNG HỢP KẾT QUẢ THI ĐUA" ranking.txt || fail "ranking.pdf lacks its Vietnamese title"

# A demo stopped midway (Ctrl-C while its checks are written) leaves nothing behind.
"$scratch/venv/bin/python" - <<'PY' || fail "a failed demo left files behind"
from pathlib import Path

from ward_office.cli import main
from ward_office.services import demo


def interrupted(*_args, **_kwargs):
    raise KeyboardInterrupt


demo.make_checks = interrupted
folder = Path("failed")
folder.mkdir()
assert main(["demo", "--db", str(folder / "demo.db"), "--staff", "3", "--months", "1"]) == 130
left = sorted(path.name for path in folder.iterdir())
assert left == [], left
PY
echo "wheel check passed"
