"""Vietnamese search folding, alphabet order and name order, on NFC, NFD and Windows-1258-style text."""

from __future__ import annotations

import unicodedata

import pytest

from ward_office.i18n.text import fold, matches, name_sort_key, split_name, vietnamese_key


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def cp1258(raw: bytes) -> str:
    """Text as a Windows-1258 file decodes: precomposed ê ô ơ ư …, tones as separate combining marks."""
    return raw.decode("cp1258")


def by_alphabet(words: list[str]) -> list[str]:
    return sorted(words, key=vietnamese_key)


def by_name(names: list[str]) -> list[str]:
    return sorted(names, key=name_sort_key)


# --- fold and matches ----------------------------------------------------------------------------------


def test_fold_strips_marks_lowers_and_collapses_spaces() -> None:
    assert fold("  Nguyễn   Văn\tĐức ") == "nguyen van duc"
    assert fold("ĐẶNG THỊ ƯỚC") == "dang thi uoc"


def test_fold_gives_one_result_for_nfc_nfd_and_windows_1258_input() -> None:
    windows = cp1258(b"Nguy\xea\xden \xd0\xf4\xcc")  # "Nguyễn Đồ": ê + U+0303, ô + U+0300
    assert windows != "Nguyễn Đồ"  # really a different code point sequence
    assert fold("Nguyễn Đồ") == fold(nfd("Nguyễn Đồ")) == fold(windows) == "nguyen do"


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("nguyen van", "Nguyễn Văn An"),
        ("nguyễn", "NGUYEN THI HOA"),
        ("NGUYỄN", "nguyễn thị hoa"),
        ("ng v", "Nguyễn Văn An"),
        ("an nguyen", "Nguyễn Văn An"),  # word order does not matter
        ("do", "Đỗ Anh"),
        ("đỗ", "Do Anh"),
        (nfd("Đỗ Ánh"), "Đỗ Ánh"),
        ("đỗ ánh", nfd("Đỗ Ánh")),
        ("truong", cp1258(b"Tr\xfd\xf5ng V\xe3n")),  # "Trương Văn" from a Windows-1258 file
        ("ubnd", "BC-UBND"),
        ("", "anything"),
        ("   ", "anything"),
    ],
)
def test_matches_finds(query: str, text: str) -> None:
    assert matches(query, text)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("an", "Nguyễn Thị Lan"),  # words must start with the query word
        ("uyen", "Nguyễn Văn An"),
        ("nguyen binh", "Nguyễn Văn An"),  # every word must be found
        ("dd", "Đỗ Anh"),
        ("x", ""),
    ],
)
def test_matches_rejects(query: str, text: str) -> None:
    assert not matches(query, text)


def test_matches_anywhere_finds_inside_words() -> None:
    assert matches("uyen", "Nguyễn Văn An", anywhere=True)
    assert matches("an", "Nguyễn Thị Lan", anywhere=True)
    assert not matches("binh", "Nguyễn Văn An", anywhere=True)


# --- alphabet order ------------------------------------------------------------------------------------


def test_tones_break_ties_in_lexicography_centre_order() -> None:
    assert by_alphabet(["mạ", "má", "mã", "mả", "mà", "ma"]) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_vowel_letters_follow_their_base_letter() -> None:
    assert by_alphabet(["bê", "ân", "ăn", "an", "ơn", "ôn", "on", "ưng", "uy", "ê", "e"]) == [
        "an", "ăn", "ân", "bê", "e", "ê", "on", "ôn", "ơn", "uy", "ưng"
    ]


def test_d_with_stroke_after_d_and_u_with_horn_after_u() -> None:
    assert by_alphabet(["Đào", "Dương", "Duy", "Em", "Đinh"]) == ["Duy", "Dương", "Đào", "Đinh", "Em"]
    assert by_alphabet(["Ưng", "Vân", "Uyên", "Út"]) == ["Út", "Uyên", "Ưng", "Vân"]
    assert by_alphabet(["Zô", "Đa", "Za", "Da"]) == ["Da", "Đa", "Za", "Zô"]  # not Python's "Đ" after "Z"


def test_letters_are_compared_before_tones() -> None:
    assert by_alphabet(["ảnh", "ang"]) == ["ang", "ảnh"]  # g < h although ả has a tone
    assert by_alphabet(["ách", "ac"]) == ["ac", "ách"]
    assert by_alphabet(["ác", "ách", "ac"]) == ["ac", "ác", "ách"]


def test_shorter_prefix_first_syllable_by_syllable() -> None:
    assert by_alphabet(["Anh", "An"]) == ["An", "Anh"]
    assert by_alphabet(["Minh Anh", "Minh", "Mình"]) == ["Minh", "Minh Anh", "Mình"]


def test_case_is_ignored_and_forms_agree() -> None:
    assert vietnamese_key("ĐỨC") == vietnamese_key("đức") == vietnamese_key(nfd("Đức"))
    assert vietnamese_key(cp1258(b"Tr\xfd\xf5ng")) == vietnamese_key("Trương")
    assert vietnamese_key("Hòa") == vietnamese_key("Hoà")  # old and new tone placement


def test_numbers_compare_by_value() -> None:
    assert by_alphabet(["Tổ 10", "Tổ 2", "Tổ 1"]) == ["Tổ 1", "Tổ 2", "Tổ 10"]


# --- names ---------------------------------------------------------------------------------------------


def test_names_sort_by_given_name_then_family_and_middle() -> None:
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Phạm Ánh", "Đỗ Anh"]
    assert by_name(names) == ["Lê Văn An", "Nguyễn Thị An", "Đỗ Anh", "Phạm Ánh", "Trần Văn Bình"]


def test_family_names_use_the_vietnamese_alphabet() -> None:
    names = ["Đặng Văn Hùng", "Dương Văn Hùng", "Vũ Hùng", "Ưng Thị Hùng", "Uông Văn Hùng"]
    assert by_name(names) == ["Dương Văn Hùng", "Đặng Văn Hùng", "Uông Văn Hùng", "Ưng Thị Hùng", "Vũ Hùng"]


def test_middle_names_break_ties_after_the_family_name() -> None:
    names = ["Nguyễn Văn Minh", "Nguyễn Minh", "Nguyễn Thị Minh", "Nguyễn Ánh Minh"]
    assert by_name(names) == ["Nguyễn Minh", "Nguyễn Ánh Minh", "Nguyễn Thị Minh", "Nguyễn Văn Minh"]


def test_name_order_is_the_same_for_nfd_input() -> None:
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Phạm Ánh", "Đỗ Anh"]
    assert by_name([nfd(name) for name in names]) == [nfd(name) for name in by_name(names)]


def test_equal_names_still_sort_predictably() -> None:
    assert by_name(["lê văn an", "Lê Văn An"]) == ["Lê Văn An", "lê văn an"]


@pytest.mark.parametrize(
    ("full_name", "parts"),
    [
        ("Nguyễn Thị Minh Khai", ("Nguyễn", "Thị Minh", "Khai")),
        ("  Lê   Văn  An ", ("Lê", "Văn", "An")),
        ("Phạm Ánh", ("Phạm", "", "Ánh")),
        ("Ánh", ("", "", "Ánh")),
        ("", ("", "", "")),
    ],
)
def test_split_name(full_name: str, parts: tuple[str, str, str]) -> None:
    assert split_name(full_name) == parts
