"""Mutation testing of the rules that make a score: does a wrong rule fail a test?

``./dev mutants [MODULE…]`` runs mutmut on each module against the tests that should pin it (``MODULES``),
one module at a time, each in a scratch copy of the tree (``.mutants/<module>/``) so the repository is never
touched. The score printed is killed / (total − reviewed equivalent): ``equivalent.txt`` lists the mutants a
review judged to change nothing a user can see, each with its reason, so the score is the same on every run.
Exit status 1 when a module is under ``TARGET``, when a mutant was not run, or when a listed equivalent is
caught after all or no longer exists (the code moved on: review the list again).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRATCH = ROOT / ".mutants"
EQUIVALENT = Path(__file__).with_name("equivalent.txt")
TARGET = 0.95

# Each module and the tests that pin it (pytest arguments): the fewer, the faster. mutmut runs, for a mutant,
# only the tests among these that reach the mutated function, every one of them when it survives. The two
# slowest scoring tests (a property test of 150 random wards, scoring in every order) are left out: 25 s a
# surviving mutant, and whatever only they would catch deserves a test of its own.
SCORING_TESTS = ["tests/scoring", "--ignore=tests/scoring/test_properties.py",
                 "--ignore=tests/scoring/test_fast_paths.py"]
# The importers' tests, every file (each reads files the way a user's would be, through more than one module)
# but the property tests of random files: 30 s a surviving mutant; what only they would catch earns its own test.
IMPORTER_TESTS = ["tests/importers", "--ignore=tests/importers/test_clock_logs_fuzz.py",
                  "--deselect=tests/importers/test_spreadsheets.py::test_random_bytes_are_read_or_refused_cleanly",
                  "--deselect=tests/importers/test_spreadsheets.py::"
                  "test_random_staff_sheets_are_read_with_their_properties_or_refused_on_their_lines"]
MODULES: dict[str, list[str]] = {
    "ward_office/core/plan.py": ["tests/core"],
    "ward_office/core/plan_values.py": ["tests/core"],
    "ward_office/core/plan_ranges.py": ["tests/core", "tests/scoring/test_all_or_nothing_and_ranges.py"],
    "ward_office/core/plan_entered.py": ["tests/core", "tests/entered/test_entered_plan.py"],
    "ward_office/core/plan_titles.py": ["tests/core", "tests/scoring/test_year_ceilings_and_titles.py"],
    "ward_office/core/plan_year.py": ["tests/core", "tests/scoring/test_school_year.py"],
    "ward_office/core/plan_satisfaction.py": ["tests/core", "tests/scoring/test_satisfaction_scoring.py"],
    "ward_office/core/plan_terms.py": ["tests/core"],
    "ward_office/core/plan_types.py": ["tests/core", *SCORING_TESTS],
    "ward_office/core/period.py": ["tests/core", *SCORING_TESTS],
    "ward_office/scoring/engine.py": SCORING_TESTS,
    "ward_office/scoring/units.py": SCORING_TESTS,
    "ward_office/scoring/standings.py": SCORING_TESTS,
    "ward_office/scoring/subperiods.py": SCORING_TESTS,
    "ward_office/scoring/bounds.py": SCORING_TESTS,
    "ward_office/scoring/ceilings.py": SCORING_TESTS,
    "ward_office/scoring/results.py": SCORING_TESTS,
    "ward_office/scoring/look_back.py": SCORING_TESTS,
    "ward_office/scoring/look_back_counts.py": ["tests/scoring/test_year_ceilings_and_titles.py"],
    "ward_office/scoring/excused.py": SCORING_TESTS,
    "ward_office/scoring/long_leave.py": SCORING_TESTS,
    "ward_office/scoring/all_or_nothing.py": SCORING_TESTS,
    "ward_office/scoring/tally.py": SCORING_TESTS,
    "ward_office/scoring/titles.py": ["tests/scoring/test_year_ceilings_and_titles.py"],
    "ward_office/scoring/count_units.py": SCORING_TESTS,
    "ward_office/scoring/chosen_points.py": SCORING_TESTS,
    "ward_office/importers/clock_logs.py": IMPORTER_TESTS,
    "ward_office/importers/staff.py": IMPORTER_TESTS,
    "ward_office/importers/clock_lines.py": IMPORTER_TESTS,
    "ward_office/importers/clock_cells.py": IMPORTER_TESTS,
    "ward_office/importers/clock_tables.py": IMPORTER_TESTS,
    "ward_office/importers/clock_mapping.py": IMPORTER_TESTS,
    "ward_office/importers/clock_records.py": IMPORTER_TESTS,
    "ward_office/importers/staff_mapping.py": IMPORTER_TESTS,
    "ward_office/scoring/quota_text.py": [*SCORING_TESTS, "tests/services/test_quota_decisions.py",
                                          "tests/reports/test_report_quota_tie.py"],
    "ward_office/scoring/satisfaction.py": SCORING_TESTS,
    "ward_office/scoring/explained.py": [*SCORING_TESTS, "tests/reports/test_report_shared_lines.py"],
    "ward_office/scoring/entered.py": [*SCORING_TESTS, "tests/entered"],
    "ward_office/scoring/versions.py": [*SCORING_TESTS, "tests/services/test_periods_across_versions.py"],
}
COPIED = ("ward_office", "tests", "resources", "translations", "pyproject.toml", "README.md", "docs")
# mutmut's exit codes (mutmut.stats.status_by_exit_code); a mutant that makes a test hang or crash is caught.
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped", 35: "suspicious",
          36: "timeout", -24: "timeout", 24: "timeout", 152: "timeout", 255: "timeout", 37: "caught by type check",
          -11: "segfault", -9: "segfault"}
CAUGHT = ("killed", "timeout", "segfault", "caught by type check")


def equivalents() -> dict[str, str]:
    """The reviewed equivalent mutants: ``mutant id  # reason`` per line."""
    listed: dict[str, str] = {}
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, reason = line.partition("#")
            listed[name.strip()] = reason.strip()
    return listed


def scratch_tree(module: str) -> Path:
    """A copy of the tree for one module's run, its pyproject telling mutmut what to mutate and which tests."""
    where = SCRATCH / module.replace("/", ".")
    if where.exists():
        shutil.rmtree(where)
    where.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, where / name, ignore=shutil.ignore_patterns("__pycache__", ".mutants"))
        elif source.exists():
            shutil.copy2(source, where / name)
    write_settings(where, module)
    return where


def write_settings(where: Path, module: str) -> None:
    """The scratch tree's pyproject: the project's, and what mutmut mutates, with which tests and limits."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    settings = {
        "source_paths": ["ward_office/"],
        "only_mutate": [module],
        "also_copy": ["resources/", "translations/", "README.md", "docs/"],
        "pytest_add_cli_args": ["-p", "no:cacheprovider", "-p", "no:randomly", "-q"],
        "pytest_add_cli_args_test_selection": MODULES[module],
        "use_git_change_detection": False,
        # A mutant that loops is stopped after 6 × (5 s + its tests' time) of CPU, not mutmut's 30 × (1 s + …):
        # those minutes would be most of a run. The 5 s are pytest's own work in each worker, which the tests'
        # measured time leaves out; with less, a slow survivor was taken for a hang and counted as caught.
        "timeout_multiplier": 3.0,
        "timeout_constant": 5.0,
    }
    lines = ["", "[tool.mutmut]"] + [f"{key} = {json.dumps(value)}" for key, value in settings.items()]
    (where / "pyproject.toml").write_text(pyproject + "\n".join(lines) + "\n", encoding="utf-8")


def statuses_of(where: Path, module: str) -> dict[str, str] | None:
    """Every mutant of the last run in ``where`` with its status; None when there was none."""
    meta = where / "mutants" / (module + ".meta")
    if not meta.exists():
        return None
    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return {name: ("not run" if code is None else STATUS.get(code, f"exit {code}")) for name, code in codes.items()}


def survivors_again(module: str) -> tuple[Path, list[str]] | None:
    """The scratch tree of the last run with today's tests, and its surviving mutants: after writing a test, only
    they are run again. None when there is no such run or the module has changed since."""
    where = SCRATCH / module.replace("/", ".")
    statuses = statuses_of(where, module)
    if statuses is None or (where / module).read_bytes() != (ROOT / module).read_bytes():
        return None
    for copy in (where, where / "mutants"):  # today's tests, catalog and every other module
        for name in ("tests", "translations"):
            shutil.rmtree(copy / name)
            shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        for source in (ROOT / "ward_office").rglob("*.py"):
            relative = source.relative_to(ROOT)
            if str(relative) != module:
                (copy / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, copy / relative)
    write_settings(where, module)
    # A hang is run again too: with today's limits it may turn out a survivor.
    return where, [name for name, status in statuses.items() if status not in CAUGHT or status == "timeout"]


def run_module(module: str, children: int, again: bool) -> dict[str, str]:
    """Every mutant of ``module`` with its status."""
    last = survivors_again(module) if again else None
    where, names = last if last is not None else (scratch_tree(module), [])
    if last is not None and not names:
        return statuses_of(where, module) or {}
    # mutmut imports the package from its mutated copy: the tree this script lives in must not be on the path.
    paths = [path for path in os.environ.get("PYTHONPATH", "").split(os.pathsep)
             if path and Path(path).resolve() != ROOT]
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=os.pathsep.join(paths))
    command = [sys.executable, "-m", "mutmut", "run", "--max-children", str(children), *names]
    done = subprocess.run(command, cwd=where, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, check=False)
    statuses = statuses_of(where, module)
    if statuses is None:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit(f"mutmut did not run on {module}")
    return statuses


def changed_lines(module: str, name: str) -> list[str]:
    """What the mutant changes, as the lines of its diff."""
    where = SCRATCH / module.replace("/", ".")
    shown = subprocess.run([sys.executable, "-m", "mutmut", "show", name], cwd=where, capture_output=True, text=True,
                           check=False).stdout
    return [line.rstrip() for line in shown.splitlines()
            if line[:1] in "-+" and not line.startswith(("---", "+++"))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="paths such as scoring/engine.py (default: all)")
    parser.add_argument("--children", type=int, default=2, help="mutants tested at once")
    parser.add_argument("--survivors", action="store_true", help="list every surviving mutant")
    parser.add_argument("--again", action="store_true",
                        help="run only the survivors of the last run again, with the tests as they are now")
    arguments = parser.parse_args()
    modules = [module if module in MODULES else f"ward_office/{module}" for module in arguments.modules or MODULES]
    unknown = [module for module in modules if module not in MODULES]
    if unknown:
        parser.error(f"no tests are mapped for {', '.join(unknown)}; known: {', '.join(MODULES)}")
    listed = equivalents()
    failed = False
    for module in modules:
        started = time.monotonic()
        statuses = run_module(module, arguments.children, arguments.again)
        prefix = module.removesuffix(".py").replace("/", ".") + "."
        mine = {name for name in listed if name.startswith(prefix)}
        gone = sorted(mine - statuses.keys())
        killed = sum(status in CAUGHT for status in statuses.values())
        equivalent = sum(name in mine for name in statuses)
        survivors = sorted(name for name, status in statuses.items()
                           if status not in CAUGHT and name not in mine)
        not_run = sum(status == "not run" for status in statuses.values())
        wrongly_listed = sorted(name for name in mine & statuses.keys() if statuses[name] in CAUGHT)
        counted = len(statuses) - equivalent
        score = (killed - len(wrongly_listed)) / counted if counted else 1.0
        print(f"{module}: {len(statuses)} mutants, {equivalent} equivalent, {killed - len(wrongly_listed)} of "
              f"{counted} killed = {score:.1%} ({time.monotonic() - started:.0f} s)")
        for name in survivors if arguments.survivors else []:
            print(f"    {statuses[name]}: {name}")
            print("".join(f"        {line}\n" for line in changed_lines(module, name)), end="")
        for name in gone:
            print(f"    listed as equivalent but no longer made: {name}")
        for name in wrongly_listed:
            print(f"    listed as equivalent but killed: {name}")
        if not_run:
            print(f"    {not_run} mutants were not run: mutmut stopped early")
        failed |= score < TARGET or bool(gone) or bool(not_run) or bool(wrongly_listed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
