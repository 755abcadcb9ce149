"""Entered scores' tests share a plan with an entered block of two sub-criteria (task results: 40 + 30 points)
beside a counted block (30 points), and a small ward of four under it."""

from __future__ import annotations

from datetime import date

from ward_office.core.access import Account, Role

HEAD = Account(1, "truong", "Trần Văn Hùng", Role.HEAD)
CLERK = Account(2, "vanthu", "Lê Thị Mai", Role.CLERK)
# Four people: An and Bình all year; Cường from 15/03/2026; Dũng until 10/02/2026.
PEOPLE = (("CB001", "Lê Văn An", None, None), ("CB002", "Trần Thị Bình", None, None),
          ("CB003", "Phạm Văn Cường", date(2026, 3, 15), None), ("CB004", "Hoàng Văn Dũng", None, date(2026, 2, 10)))

ENTERED_PLAN = """\
[plan]
code = "NV70"
name = "Văn hóa công sở và kết quả nhiệm vụ"
version = 1
effective_from = 2026-01-01
base_score = 100

[[blocks]]
code = "VH"
name = "Văn hóa công sở"
maximum = 30

[[blocks.criteria]]
code = "VH1"
name = "Không đeo thẻ"
points = -2

[[blocks]]
code = "NV"
name = "Kết quả thực hiện nhiệm vụ"
entered = true
maximum = 70

[[blocks.criteria]]
code = "NV1"
name = "Khối lượng công việc"
maximum = 40

[[blocks.criteria]]
code = "NV2"
name = "Chất lượng, tiến độ"
maximum = 30

[[grades]]
code = "A"
name = "Hoàn thành xuất sắc nhiệm vụ"
min_score = 90

[[grades]]
code = "B"
name = "Hoàn thành tốt nhiệm vụ"
min_score = 70

[[grades]]
code = "C"
name = "Hoàn thành nhiệm vụ"
min_score = 0

[quota]
grade = "A"
max_share = 0.5
basis = "all"
"""


