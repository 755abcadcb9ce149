"""The ``plan`` commands of ``ward-office``: check a plan file, adopt it, show the plan in force, list versions.

    ward-office plan check FILE
    ward-office plan adopt FILE [--from DAY] --db PATH [--user NAME]
    ward-office plan show  [--on DAY] --db PATH
    ward-office plan list  --db PATH

The window's plan page uses the same service (``services.plans``). Plugs into the parser (``app.py``) with two
calls: ``register`` while building it, ``run`` for the parsed options.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ward_office.cli import sign_in
from ward_office.core.access import Permission
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_datetime, format_number, format_percent, format_points
from ward_office.paths import default_database_path
from ward_office.services.ward import Ward

if TYPE_CHECKING:
    from ward_office.core.plan import EmulationPlan

COMMAND = "plan"
COMMANDS = (COMMAND,)
DAY_HELP = N_("2026-11-05 or 05/11/2026")
COUNT_UNITS = {"session": N_("per session"), "day": N_("per day"), "run": N_("per run of consecutive working days")}
BASES = {"all": N_("everyone ranked"), "at_least_next": N_("those graded the next grade below or better"),
         "exactly": N_("those graded exactly this grade")}
TRIGGERS = {"late": N_("late arrival"), "early": N_("early leaving"), "absent": N_("absence without leave"),
            "missing_punch": N_("missing clock punch"), "leave": N_("leave coded {codes}")}


def _day(text: str) -> date:
    """2026-11-05 or 05/11/2026."""
    if "/" in text:
        day, month, year = text.split("/")
        return date(int(year), int(month), int(day))
    return date.fromisoformat(text)


def register(subparsers: Any, common_parent: argparse.ArgumentParser) -> None:
    """Add ``plan`` and its four actions to the subcommands; ``common_parent`` brings --db and --lang."""
    command = subparsers.add_parser(COMMAND, parents=[common_parent],
                                    help=_("check, adopt, show or list the emulation plan"))
    actions = command.add_subparsers(dest="plan_action", metavar=_("ACTION"), required=True)
    check = actions.add_parser("check", parents=[common_parent],
                               help=_("check a plan file: every problem with its line, nothing written"))
    check.add_argument("file", type=Path, metavar=_("FILE"), help=_("the plan file (.toml)"))
    adopt = actions.add_parser("adopt", parents=[common_parent],
                               help=_("adopt a plan file: a new plan, or a new version of one adopted (the head)"))
    adopt.add_argument("file", type=Path, metavar=_("FILE"), help=_("the plan file (.toml)"))
    adopt.add_argument("--from", dest="start", type=_day, metavar=_("DAY"),
                       help=_("the day the plan takes effect, instead of the file's “effective_from”: {example}")
                       .format(example=_(DAY_HELP)))
    sign_in.add_user_option(adopt)
    show = actions.add_parser("show", parents=[common_parent], help=_("show the plan in force on a day"))
    show.add_argument("--on", dest="day", type=_day, metavar=_("DAY"),
                      help=_("the day (default: today): {example}").format(example=_(DAY_HELP)))
    actions.add_parser("list", parents=[common_parent], help=_("list every adopted version with its dates"))


def run(options: argparse.Namespace) -> int:
    """Run one action; a WardOfficeError goes up to the caller, which prints it."""
    from ward_office.services import plans  # the plan reader loads only when a plan command runs

    if options.plan_action == "check":
        plan, problems = plans.check_plan_file(options.file)
        for problem in problems:
            print(problem.localized())
        if plan is None:
            print(_("{file}: {count} problem(s); the plan cannot be adopted as it is.").format(
                file=options.file, count=len(problems)))
            return 1
        print(_("{file}: no problem found — plan “{name}” ({code}), version {version}.").format(
            file=options.file, name=plan.name, code=plan.code, version=plan.version))
        if options.db is not None:  # against the versions the book has adopted: what a period spanning them loses
            sign_in.existing_book(options.db)
            with Ward.open(options.db, read_only=True) as ward:
                _print_warnings(plans.combination_warnings(ward, plan))
        return 0
    path = options.db or default_database_path()
    sign_in.existing_book(path)
    if options.plan_action == "adopt":
        account = sign_in.sign_in(path, options.user, Permission.ADOPT_PLAN)
        with Ward.open(path, account=account) as ward:
            record = plans.import_plan_file(ward, options.file, options.start)
            _print_warnings(plans.combination_warnings(ward, ward.store.plans.plan(record)))
        start = format_date(record.effective_from) if record.effective_from else _("the beginning")
        print(_("Adopted plan “{name}” ({code}), version {version}, in effect from {start}.").format(
            name=record.name, code=record.code, version=record.version, start=start))
        return 0
    with Ward.open(path, read_only=True) as ward:
        if options.plan_action == "show":
            day = options.day or date.today()
            version = plans.plan_in_force(ward, day)
            print(_("Plan in force on {day}:").format(day=format_date(day)))
            print("\n".join(plan_lines(version.plan)))
            for problem in plans.stored_plan_problems(version.record):
                print(_("Warning, not read when scoring: {problem}").format(problem=problem.localized()))
        else:
            for version in plans.plan_versions(ward, date.today()):
                record = version.record
                start = format_date(record.effective_from) if record.effective_from else _("the beginning")
                mark = _(" (in force today)") if version.in_effect else ""
                print(_("{code} version {version}: {name} — in effect from {start}; adopted {at} by {who}{mark}")
                      .format(code=record.code, version=record.version, name=record.name, start=start,
                              at=format_datetime(record.adopted_at), who=record.adopted_by, mark=mark))
    return 0


def _print_warnings(warnings: list[str]) -> None:
    for warning in warnings:
        print(_("Warning: {problem}").format(problem=warning))


def plan_lines(plan: EmulationPlan) -> list[str]:
    """The plan as text a head can check against the scheme on paper."""
    start = format_date(plan.effective_from) if plan.effective_from else _("the beginning")
    lines = [_("{name} ({code}), version {version}, in effect from {start}").format(
        name=plan.name, code=plan.code, version=plan.version, start=start),
        _("Base score: {points}").format(points=format_number(plan.base_score))]
    if plan.label:
        lines.append(plan.label)
    for block in plan.blocks:
        cap = _(" (at most {points} points)").format(points=format_number(block.cap)) if block.cap else ""
        if block.all_or_nothing:
            cap += _(" (all or nothing: {points} points kept only without a deduction)").format(
                points=format_number(block.maximum or 0))
        lines.append(_("Block {code} — {name}{cap}").format(code=block.code, name=block.name, cap=cap))
        for code in block.criteria:
            criterion = plan.criteria[code]
            extra = "".join(_("; from occurrence {number}: {points}").format(
                number=step.from_occurrence, points=format_points(step.points)) for step in criterion.escalation)
            extra += "".join(_("; {count} times or more: {points} in all").format(
                count=bracket.from_count, points=format_points(bracket.points)) for bracket in criterion.brackets)
            if criterion.cap:
                extra += _("; at most {points} points").format(points=format_number(criterion.cap))
            if criterion.points_range:
                extra += _("; points chosen from {low} to {high} for each event").format(
                    low=format_points(criterion.points_range[0]), high=format_points(criterion.points_range[1]))
            points = "" if criterion.brackets or criterion.points_range else f"{format_points(criterion.points)}  "
            lines.append(f"  {code}  {points}{criterion.name}{extra}")
    for rule in plan.attendance_rules:
        trigger = _(TRIGGERS[rule.trigger.value]).format(codes=", ".join(rule.leave_codes))
        lines.append(_("Attendance: each {trigger} counts as {code}, {unit}").format(
            trigger=trigger, code=rule.criterion_code, unit=_(COUNT_UNITS[rule.count.value])))
    for grade in plan.grades:
        lines.append(_("Grade {code} — {name}: from {points} points").format(
            code=grade.code, name=grade.name, points=format_number(grade.min_score)))
    for ceiling in plan.ceilings:
        text = _("Ceiling: {count} or more of {what} in one month → at best {grade} ({reason})") \
            if ceiling.per.value == "month" else _("Ceiling: {count} or more of {what} → at best {grade} ({reason})")
        lines.append(text.format(
            count=ceiling.min_count, what=ceiling.criterion_code or ceiling.block_code, grade=ceiling.max_grade,
            reason=ceiling.reason))
    if plan.quota is not None:
        quota = plan.quota
        lines.append(_("Quota: at most {share} graded {grade}, of {basis}").format(
            share=format_percent(quota.max_share), grade=quota.grade_code, basis=_(BASES[quota.basis.value])))
    return lines
