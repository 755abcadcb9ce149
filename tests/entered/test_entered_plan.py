"""The plan format's entered blocks: read into blocks and entered items, every mistake refused on its line."""

from __future__ import annotations

from fractions import Fraction

import pytest
from entered_book import ENTERED_PLAN

from ward_office.core.entered_scores import EnteredItem, entered_items
from ward_office.core.plan import load_plan
from ward_office.core.plan_values import PlanProblemsError


def test_entered_items_are_the_sub_criteria_in_plan_order() -> None:
    plan = load_plan(ENTERED_PLAN)
    block = plan.block("NV")
    assert block.entered and block.maximum == 70 and plan.block_start(block) == 70
    assert entered_items(plan) == (EnteredItem("NV1", "Khối lượng công việc", "NV", Fraction(40)),
                                   EnteredItem("NV2", "Chất lượng, tiến độ", "NV", Fraction(30)))
    assert not plan.block("VH").entered and plan.criteria["VH1"].maximum is None


def test_a_block_without_sub_criteria_is_entered_under_its_own_code() -> None:
    text = ENTERED_PLAN.replace('''[[blocks.criteria]]
code = "NV1"
name = "Khối lượng công việc"
maximum = 40

[[blocks.criteria]]
code = "NV2"
name = "Chất lượng, tiến độ"
maximum = 30
''', "")
    assert entered_items(load_plan(text)) == (EnteredItem("NV", "Kết quả thực hiện nhiệm vụ", "NV", Fraction(70)),)


def _problems(text: str) -> list[str]:
    with pytest.raises(PlanProblemsError) as caught:
        load_plan(text)
    return [problem.listed() for problem in caught.value.problems]


def test_every_mistake_of_an_entered_block_is_told_on_its_line(vietnamese: None) -> None:
    text = (ENTERED_PLAN
            .replace('points = -2', 'points = -2\nmaximum = 5')  # line 17: maximum on a counted criterion
            .replace('entered = true\nmaximum = 70', 'entered = true\nmaximum = 70\ncap = 10')  # line 24: cap
            # line 34: NV2's maximum 20 (the block's, line 23, is 70); line 38: a rule on NV1
            .replace('name = "Chất lượng, tiến độ"\nmaximum = 30', 'name = "Chất lượng, tiến độ"\nmaximum = 20')
            .replace('[[grades]]\ncode = "A"', '[[attendance_rules]]\non = "late"\ncriterion = "NV1"\n\n'
                                                '[[grades]]\ncode = "A"'))
    assert _problems(text) == [
        "– dòng 17 (blocks[1].criteria[1]): “maximum” chỉ dùng cho tiêu chí của nhóm tiêu chí do Lãnh đạo chấm điểm",
        "– dòng 23 (blocks[2]): điểm tối đa của các tiêu chí cộng lại là 60, không bằng “maximum” của nhóm (70)",
        "– dòng 24 (blocks[2]): nhóm tiêu chí do Lãnh đạo chấm điểm không có “cap”: điểm của nhóm do Lãnh đạo chấm",
        "– dòng 38 (attendance_rules[1]): “NV1” do Lãnh đạo chấm điểm, không đếm từ sổ: không thể dùng ở đây",
    ]


def test_maxima_must_make_the_block_and_an_entered_block_needs_one(vietnamese: None) -> None:
    text = ENTERED_PLAN.replace('name = "Chất lượng, tiến độ"\nmaximum = 30',
                                'name = "Chất lượng, tiến độ"\nmaximum = 20')
    assert _problems(text) == [
        "– dòng 22 (blocks[2]): điểm tối đa của các tiêu chí cộng lại là 60, không bằng “maximum” của nhóm (70)"]
    text = ENTERED_PLAN.replace('entered = true\nmaximum = 70', 'entered = true')
    assert _problems(text) == ["– dòng 21 (blocks[2]): nhóm tiêu chí do Lãnh đạo chấm điểm cần có “maximum”"]
    text = ENTERED_PLAN.replace('name = "Khối lượng công việc"\nmaximum = 40',
                                'name = "Khối lượng công việc"\nmaximum = 40\npoints = -1')
    assert _problems(text) == [
        "– dòng 28 (blocks[2].criteria[1]): tiêu chí của nhóm do Lãnh đạo chấm điểm không có “points”: "
        "điểm của tiêu chí do Lãnh đạo chấm"]
    text = ENTERED_PLAN.replace('entered = true', 'entered = "có"')
    assert _problems(text) == ["– dòng 21 (blocks[2]): “entered” phải là true hoặc false"]


NV1 = 'code = "NV1"\nname = "Khối lượng công việc"\nmaximum = 40\n'  # lines 25 to 27, under [[blocks.criteria]] on 24
ENTERED_MISTAKES = [
    ("a criterion without code", NV1, 'name = "Khối lượng công việc"\nmaximum = 40\n',
     "– dòng 24 (blocks[2].criteria[1]): “code” phải là chữ và không được để trống"),
    ("a criterion without name", NV1, 'code = "NV1"\nmaximum = 40\n',
     "– dòng 24 (blocks[2].criteria[1]): “name” phải là chữ và không được để trống"),
    ("a criterion without maximum", NV1, 'code = "NV1"\nname = "Khối lượng công việc"\n',
     "– dòng 25 (blocks[2].criteria[1]): tiêu chí của nhóm do Lãnh đạo chấm điểm cần có “maximum”"),
    ("a criterion's maximum of 0", NV1, NV1.replace("40", "0"),
     "– dòng 27 (blocks[2].criteria[1]): “maximum” phải lớn hơn 0"),
    ("a floor on the block", "maximum = 70\n", "maximum = 70\nfloor = 10\n",
     "– dòng 23 (blocks[2]): nhóm tiêu chí do Lãnh đạo chấm điểm không có “floor”: điểm của nhóm do Lãnh đạo chấm"),
    ("all_or_nothing on the block", "maximum = 70\n", "maximum = 70\nall_or_nothing = true\n",
     "– dòng 23 (blocks[2]): nhóm tiêu chí do Lãnh đạo chấm điểm không có “all_or_nothing”: "
     "điểm của nhóm do Lãnh đạo chấm"),
]


@pytest.mark.parametrize(("written", "instead", "told"), [case[1:] for case in ENTERED_MISTAKES],
                         ids=[case[0] for case in ENTERED_MISTAKES])
def test_each_mistake_of_an_entered_criterion_or_block_is_told_alone_on_its_line(vietnamese: None, written: str,
                                                                                  instead: str, told: str) -> None:
    assert _problems(ENTERED_PLAN.replace(written, instead, 1)) == [told]


def test_the_maxima_are_not_added_up_when_a_criterion_was_refused(vietnamese: None) -> None:
    # NV1 (40) refused for its name, NV2 at 20: what is left cannot make 70, and is not told to.
    text = ENTERED_PLAN.replace('name = "Khối lượng công việc"\n', "").replace("maximum = 30", "maximum = 20")
    assert _problems(text) == ["– dòng 24 (blocks[2].criteria[1]): “name” phải là chữ và không được để trống"]


def test_a_counted_block_without_criteria_is_told_so_only_even_with_a_maximum_and_a_criterions_code(
        vietnamese: None) -> None:
    text = ENTERED_PLAN.replace('[[grades]]\ncode = "A"', '[[blocks]]\ncode = "VH1"\nname = "Khác"\nmaximum = 5\n\n'
                                                          '[[grades]]\ncode = "A"')  # [[blocks]] on line 34
    assert _problems(text) == ["– dòng 34 (blocks[3]): thiếu danh sách [[criteria]]"]
