"""A believable demo ward: Vietnamese names, the four departments, a year of attendance with realistic
lateness, badge and conduct checks, and events. The same seed and end date give the same ward.

Most people are on time nearly always; a few are chronically late, a few forget their badge, and
unexcused absences are rare, so the ranking has a realistic spread instead of random noise.
``build_demo`` writes such a ward into a new book.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ward_office.core.access import Role
from ward_office.core.attendance import Attendance, AttendanceStatus, LeaveCode, RecordSource
from ward_office.core.checks import Check, CheckKind, Event, EventSource
from ward_office.core.errors import NotFoundError, WardOfficeError
from ward_office.core.schedule import Session, WorkCalendar
from ward_office.core.staff import Department, Gender, Staff, StaffCategory, StaffId
from ward_office.core.unit import Unit
from ward_office.i18n import N_, _
from ward_office.services.accounts import hash_password
from ward_office.services.session import default_plan_text, prepare_store
from ward_office.services.ward import Ward, whole_or_nothing
from ward_office.storage import Store


class DemoSetupError(WardOfficeError):
    """The demo ward cannot be built with these settings or in this file."""


FAMILY_NAMES = (
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 4), ("Huỳnh", 3), ("Phan", 4),
    ("Vũ", 3), ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 1), ("Ngô", 1), ("Dương", 1),
    ("Lý", 1), ("Đinh", 1), ("Trương", 1),
)
MIDDLE_NAMES = {
    Gender.MALE: ("Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Xuân", "Đình"),
    Gender.FEMALE: ("Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Hồng", "Phương"),
}
GIVEN_NAMES = {
    Gender.MALE: ("An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy", "Khoa",
                  "Long", "Minh", "Nam", "Phong", "Phúc", "Quang", "Sơn", "Tâm", "Thắng", "Thành", "Trung",
                  "Tuấn", "Việt", "Vinh", "Khánh", "Lợi", "Tài"),
    Gender.FEMALE: ("Anh", "Chi", "Dung", "Giang", "Hà", "Hằng", "Hạnh", "Hoa", "Hương", "Lan", "Linh",
                    "Loan", "Mai", "My", "Nga", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Thảo", "Thủy",
                    "Trang", "Uyên", "Vân", "Yến", "Ánh", "Diệp"),
}

DEMO_UNIT = Unit(
    name="Ủy ban nhân dân phường Tân An",
    address="Số 12 đường Hòa Bình, phường Tân An, thành phố Cần Thơ",
    place_name="Phường Tân An",
    head_title="Chủ tịch",
    head_name="",
    preparer_name="",
)
CHECKERS = ("Tổ kiểm tra công vụ", "Văn phòng HĐND-UBND", "Chánh Văn phòng")
# The demo book's accounts (user name, full name, role), all with the password DEMO_PASSWORD.
DEMO_ACCOUNTS = (("truong", "Trần Quốc Hùng", Role.HEAD), ("vanthu", "Lê Thị Mai", Role.CLERK))
DEMO_PASSWORD = "123456"


@dataclass(frozen=True, slots=True)
class Post:
    """A post in the demo staffing: what the holder is called, their category and department."""

    position: str
    category: StaffCategory
    department: int  # index into the ward's departments, in their sort order


# Leadership and heads of unit as in NĐ 150/2025 (domain.md §7); everyone else fills departments.
LEADERS = (
    Post("Chủ tịch UBND", StaffCategory.CAN_BO, 0),
    Post("Phó Chủ tịch UBND", StaffCategory.CAN_BO, 0),
    Post("Phó Chủ tịch UBND", StaffCategory.CAN_BO, 0),
    Post("Chánh Văn phòng", StaffCategory.CONG_CHUC, 0),
    Post("Trưởng phòng", StaffCategory.CONG_CHUC, 1),
    Post("Trưởng phòng", StaffCategory.CONG_CHUC, 2),
    Post("Giám đốc Trung tâm", StaffCategory.VIEN_CHUC, 3),
    Post("Phó Chánh Văn phòng", StaffCategory.CONG_CHUC, 0),
    Post("Phó Trưởng phòng", StaffCategory.CONG_CHUC, 1),
    Post("Phó Trưởng phòng", StaffCategory.CONG_CHUC, 2),
    Post("Phó Giám đốc Trung tâm", StaffCategory.VIEN_CHUC, 3),
)
MEMBERS = (
    (Post("Chuyên viên", StaffCategory.CONG_CHUC, 0), 5),
    (Post("Văn thư", StaffCategory.CONG_CHUC, 0), 1),
    (Post("Kế toán", StaffCategory.CONG_CHUC, 0), 1),
    (Post("Chuyên viên", StaffCategory.CONG_CHUC, 1), 5),
    (Post("Chuyên viên", StaffCategory.CONG_CHUC, 2), 4),
    (Post("Viên chức", StaffCategory.VIEN_CHUC, 3), 4),
    (Post("Nhân viên", StaffCategory.NGUOI_LAO_DONG, 0), 1),
    (Post("Nhân viên", StaffCategory.NGUOI_LAO_DONG, 3), 1),
)


@dataclass(frozen=True, slots=True)
class Habits:
    """How one person tends to behave; drawn once so the year has a consistent story."""

    late_rate: float
    early_rate: float
    badge_miss_rate: float
    absence_rate: float
    punch_miss_rate: float
    commendation_rate: float


def demo_span(months: int, until: date) -> tuple[date, date]:
    year, month = until.year, until.month - months + 1
    while month <= 0:
        year, month = year - 1, month + 12
    return date(year, month, 1), until


def make_staff(rng: random.Random, count: int, departments: list[Department], start: date,
               end: date) -> list[Staff]:
    roles = list(LEADERS[: min(count, len(LEADERS))])
    weighted = [role for role, weight in MEMBERS for _ in range(weight)]
    while len(roles) < count:
        roles.append(weighted[len(roles) % len(weighted)] if len(roles) < 2 * len(weighted)
                     else rng.choice(weighted))
    used: set[str] = set()
    people = []
    families = [name for name, _ in FAMILY_NAMES]
    family_weights = [weight for _, weight in FAMILY_NAMES]
    for index, role in enumerate(roles, start=1):
        gender = Gender.FEMALE if rng.random() < 0.52 else Gender.MALE
        while True:
            name = " ".join((rng.choices(families, family_weights)[0], rng.choice(MIDDLE_NAMES[gender]),
                             rng.choice(GIVEN_NAMES[gender])))
            if name not in used:
                used.add(name)
                break
        active_from = date(rng.randint(2005, 2024), rng.randint(1, 12), 1)
        active_to = None
        if index > len(LEADERS) and index % 23 == 0:  # someone joined during the period
            active_from = start + timedelta(days=rng.randint(60, 150))
        if index > len(LEADERS) and index % 31 == 0:  # someone moved to another unit
            active_to = end - timedelta(days=rng.randint(40, 120))
        department = departments[role.department % len(departments)]
        people.append(Staff(
            code=f"CB{index:03d}",
            full_name=name,
            gender=gender,
            position=role.position,
            category=role.category,
            department_id=department.id,
            badge_number=f"{index:04d}",
            clock_id=str(index),
            active_from=active_from,
            active_to=active_to,
        ))
    return people


def draw_habits(rng: random.Random) -> Habits:
    chronic = rng.random() < 0.15
    careless = rng.random() < 0.2
    return Habits(
        late_rate=rng.uniform(0.12, 0.3) if chronic else rng.uniform(0.003, 0.04),
        early_rate=rng.uniform(0.02, 0.06) if chronic else rng.uniform(0.0, 0.01),
        badge_miss_rate=rng.uniform(0.15, 0.35) if careless else rng.uniform(0.0, 0.03),
        absence_rate=0.006 if chronic else 0.0003,
        punch_miss_rate=rng.uniform(0.002, 0.01),
        commendation_rate=rng.uniform(0.0, 0.08),
    )


def make_attendance(rng: random.Random, people: list[Staff], habits: dict[StaffId, Habits],
                    calendar: WorkCalendar, start: date, end: date) -> Iterator[Attendance]:
    """Only exceptions are stored: no record means present and on time."""
    days = list(calendar.working_days(start, end))
    for person in people:
        assert person.id is not None
        habit = habits[person.id]
        leave_days = _leave_days(rng, days)
        for day in days:
            if not person.is_active_on(day):
                continue
            leave = leave_days.get(day)
            for session in Session:
                if leave is not None:
                    yield Attendance(person.id, day, session, AttendanceStatus.LEAVE, leave_code=leave,
                                     source=RecordSource.MANUAL, recorded_by="Văn thư")
                    continue
                draw = rng.random()
                if draw < habit.absence_rate:
                    yield Attendance(person.id, day, session, AttendanceStatus.ABSENT, recorded_by="Văn thư")
                elif draw < habit.absence_rate + habit.late_rate:
                    # Most lateness is a few minutes, inside the grace period; some is serious.
                    minutes = int(rng.choice((rng.randint(1, 5), rng.randint(6, 20), rng.randint(15, 60))))
                    yield Attendance(person.id, day, session, late_minutes=minutes, source=RecordSource.CLOCK)
                elif draw < habit.absence_rate + habit.late_rate + habit.early_rate:
                    yield Attendance(person.id, day, session, early_minutes=rng.randint(10, 45),
                                     source=RecordSource.CLOCK)
                elif draw < habit.absence_rate + habit.late_rate + habit.early_rate + habit.punch_miss_rate:
                    yield Attendance(person.id, day, session, missing_punch=True, source=RecordSource.CLOCK)


def _leave_days(rng: random.Random, days: list[date]) -> dict[date, LeaveCode]:
    if not days:
        return {}
    leave: dict[date, LeaveCode] = {}
    annual = rng.randint(6, 12) * len(days) // 250
    while annual > 0:
        first = rng.randrange(len(days))
        length = min(annual, rng.randint(1, 4))
        for day in days[first:first + length]:
            leave[day] = LeaveCode.ANNUAL
        annual -= length
    for code, chance, longest in ((LeaveCode.SICK, 0.006, 3), (LeaveCode.CHILD_SICK, 0.002, 2),
                                  (LeaveCode.BUSINESS_TRIP, 0.006, 3), (LeaveCode.MEETING, 0.008, 2)):
        for index, _day in enumerate(days):
            if rng.random() < chance:
                for day in days[index:index + rng.randint(1, longest)]:
                    leave.setdefault(day, code)
    return leave


def make_checks(rng: random.Random, people: list[Staff], habits: dict[StaffId, Habits], calendar: WorkCalendar,
                absent: set[tuple[StaffId, date]], start: date, end: date) -> Iterator[tuple[Check, list[Event]]]:
    """About three checks a month; badge checks are the most frequent, as in the seed articles."""
    for day in calendar.working_days(start, end):
        if rng.random() > 0.14:
            continue
        kind = rng.choices(list(CheckKind), (5, 2, 2, 1))[0]
        at = datetime.combine(day, time(rng.choice((7, 8, 9, 14, 15)), rng.choice((0, 15, 30, 45))))
        present = [p for p in people if p.is_active_on(day) and (p.id, day) not in absent]
        seen = [p for p in present if rng.random() < 0.85]
        check = Check(at, kind, rng.choice(CHECKERS), location="Trụ sở UBND phường",
                      seen=frozenset(p.id for p in seen if p.id is not None))
        events = []
        for person in seen:
            assert person.id is not None
            habit = habits[person.id]
            for code, rate in _violation_rates(kind, habit):
                if rng.random() < rate:
                    events.append(Event(person.id, day, code, note=_NOTES[code], recorded_by=check.checker,
                                        source=EventSource.CHECK))
        yield check, events


def _violation_rates(kind: CheckKind, habit: Habits) -> list[tuple[str, float]]:
    rates = {
        CheckKind.BADGE: [("TP01", habit.badge_miss_rate)],
        CheckKind.ATTIRE: [("TP02", habit.badge_miss_rate / 3), ("TP01", habit.badge_miss_rate / 2)],
        CheckKind.CONDUCT: [("GT03", 0.01), ("GT02", 0.004), ("BT01", 0.02)],
        CheckKind.GENERAL: [("TP01", habit.badge_miss_rate), ("TP03", 0.02), ("TG05", habit.late_rate / 4),
                            ("KL01", 0.003)],
    }
    return rates[kind]


_NOTES = {
    "TP01": "Không đeo thẻ khi tiếp công dân",
    "TP02": "Mặc quần jean, áo phông không cổ",
    "TP03": "Bàn làm việc không có biển chức danh",
    "TG05": "Không có mặt tại vị trí khi kiểm tra",
    "GT02": "Lớn tiếng với người dân tại bộ phận một cửa",
    "GT03": "Không xưng danh khi nghe điện thoại",
    "BT01": "Hồ sơ để lộn xộn trên bàn",
    "KL01": "Hút thuốc lá trong phòng làm việc",
    "GT04": "Người dân phản ánh qua đường dây nóng, đã xác minh đúng",
    "DT01": "Được biểu dương tại cuộc họp giao ban",
    "DT02": "Người dân gửi thư cảm ơn",
    "DT03": "Sáng kiến số hóa hồ sơ hộ tịch",
}


def make_events(rng: random.Random, people: list[Staff], habits: dict[StaffId, Habits], start: date,
                end: date) -> Iterator[Event]:
    """Events recorded outside checks: complaints from citizens and commendations, month by month."""
    month_start = start
    while month_start <= end:
        for person in people:
            assert person.id is not None
            if not person.is_active_on(month_start):
                continue
            day = min(end, month_start + timedelta(days=rng.randint(2, 25)))
            habit = habits[person.id]
            if rng.random() < habit.commendation_rate:
                code = rng.choices(("DT01", "DT02", "DT03"), (6, 3, 1))[0]
                yield Event(person.id, day, code, note=_NOTES[code], recorded_by="Chủ tịch UBND")
            if rng.random() < 0.004:
                yield Event(person.id, day, "GT04", note=_NOTES["GT04"], recorded_by="Văn phòng HĐND-UBND")
        month_start = (month_start.replace(day=1) + timedelta(days=32)).replace(day=1)


def earlier_plan(plan_text: str, start: date) -> str:
    """The ward's plan of the year before, in effect from the demo's first day: the bundled plan under its own
    code ("VHCS-<year>"), so that periods before the bundled plan takes effect are scored and compared."""
    header, _sep, rest = plan_text.partition("[plan]\n")
    body, sep, tail = rest.partition("\n\n")
    lines = []
    for line in body.splitlines():
        if line.startswith("code = "):
            line = f'code = "VHCS-{start.year}"'
        elif line.startswith("name = "):
            line = f'name = "Chấm điểm thi đua thực hiện văn hóa công sở năm {start.year}"'
        elif line.startswith("effective_from = "):
            line = f"effective_from = {start.isoformat()}"
        lines.append(line)
    return header + "[plan]\n" + "\n".join(lines) + sep + tail


# ---- The demo book ----


@dataclass(frozen=True, slots=True)
class DemoSummary:
    path: Path
    start: date
    end: date
    staff: int
    attendance: int
    checks: int
    events: int

    def localized(self) -> str:
        return _("Demo ward built in {path}: {staff} staff, {start} to {end}, {attendance} attendance "
                 "records, {checks} checks, {events} events.").format(
            path=self.path, staff=self.staff, start=self.start.strftime("%d/%m/%Y"),
            end=self.end.strftime("%d/%m/%Y"), attendance=self.attendance, checks=self.checks,
            events=self.events)


def build_demo(path: Path, *, staff: int, months: int, seed: int, until: date) -> DemoSummary:
    """A demo ward in a new file (or one holding no ward yet), signed in to with ``DEMO_ACCOUNTS``."""
    if staff < 1 or months < 1:
        raise DemoSetupError(N_("The demo needs at least one staff member and one month"))
    with whole_or_nothing(path), Ward.open(path, prepare=False) as ward:
        store = ward.store
        if store.staff.list() or store.accounts.count():
            raise DemoSetupError(N_("{path} already holds a ward; choose a new file for the demo"), path=str(path))
        with store.atomic():
            prepare_store(store, ward.actor)
            return _fill(store, path, staff, months, seed, until)


def _fill(store: Store, path: Path, staff: int, months: int, seed: int, until: date) -> DemoSummary:
    rng = random.Random(seed)
    start, end = demo_span(months, until)
    actor = _("Demo data")
    store.unit.save(DEMO_UNIT, actor)
    first_half = start if start.day == 1 and start.month in (1, 7) else (
        date(start.year, 7, 1) if start.month < 7 else date(start.year + 1, 1, 1))
    try:
        store.plans.in_effect(min(first_half.replace(month=first_half.month + 5, day=30), end))
    except NotFoundError:  # a whole half-year of records before the bundled plan: the ward had a plan then too
        store.plans.adopt(earlier_plan(default_plan_text(), start), actor)
    for year in range(start.year, end.year + 1):
        store.schedule.ensure_holidays(year, actor)
    departments = store.departments.list()
    people = store.staff.add_many(make_staff(rng, staff, departments, start, end), actor)
    habits = {person.id: draw_habits(rng) for person in people if person.id is not None}
    calendar = store.schedule.calendar(start, end)
    records = list(make_attendance(rng, people, habits, calendar, start, end))
    store.attendance.add_many(records, actor)
    away = {(record.staff_id, record.day) for record in records
            if record.status is not AttendanceStatus.PRESENT}
    checks = event_count = 0
    for check, found in make_checks(rng, people, habits, calendar, away, start, end):
        store.checks.add(check, actor, found)
        checks += 1
        event_count += len(found)
    event_count += store.events.add_many(make_events(rng, people, habits, start, end), actor)
    for username, full_name, role in DEMO_ACCOUNTS:
        store.accounts.add(username, full_name, role, hash_password(DEMO_PASSWORD), actor)
    return DemoSummary(path, start, end, len(people), len(records), checks, event_count)
