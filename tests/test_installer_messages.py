"""The Windows installer's Vietnamese messages (packaging/windows/Vietnamese.isl, our own translation) have every
message Inno Setup 6.4.1 asks for, each keeping the fields Inno Setup fills in (%1…%9, %n, [name]…) and its
accelerator key (&), so no message of the wizard is missing or shows a raw field.

The keys and fields of Inno Setup's English Default.isl are committed in packaging/windows/inno_setup_keys.txt;
when packaging/windows/check.sh has fetched Inno Setup (build/windows/innosetup), that list is also compared with
the Default.isl it ships."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WINDOWS = ROOT / "packaging" / "windows"
VIETNAMESE = WINDOWS / "Vietnamese.isl"
KEY_LIST = WINDOWS / "inno_setup_keys.txt"
CACHE = Path(os.environ.get("WARD_OFFICE_WINDOWS_CACHE", ROOT / "build" / "windows"))
DEFAULT_ISL = CACHE / "innosetup" / "node_modules" / "innosetup" / "bin" / "Default.isl"
_FIELD = re.compile(r"%[1-9n]|\[(?:name|name/ver|mb|gb|kb)\]")


def read_isl(path: Path) -> dict[tuple[str, str], str]:
    """(section, key) → message, as Inno Setup reads an .isl: ';' starts a comment line, '[X]' a section."""
    messages: dict[tuple[str, str], str] = {}
    section = ""
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if not line.strip() or line.startswith(";"):
            continue
        if line.startswith("["):
            section = line.strip()[1:-1]
            continue
        key, _, value = line.partition("=")
        assert (section, key) not in messages, f"{path.name}: {key} twice"
        messages[section, key] = value
    return messages


def shape(message: str) -> str:
    """What must stay the same in a translation: the fields, whether there is an accelerator, whether it is empty."""
    if not message:
        return "(empty)"
    fields = sorted(set(_FIELD.findall(message)))
    accelerator = ["&"] if re.search(r"&[^&]", message.replace("&&", "")) else []
    return " ".join(fields + accelerator)


def key_list(messages: dict[tuple[str, str], str]) -> list[str]:
    return [f"{section} {key} {shape(value)}".rstrip() for (section, key), value in messages.items()
            if section in ("Messages", "CustomMessages")]


def committed_keys() -> list[str]:
    return [line for line in KEY_LIST.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def test_every_message_of_inno_setup_is_translated_keeping_its_fields_and_accelerator() -> None:
    ours = read_isl(VIETNAMESE)
    assert sorted(key_list(ours)) == sorted(committed_keys())


def test_the_messages_are_read_as_vietnamese_unicode() -> None:
    assert VIETNAMESE.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Inno Setup 6 reads it as Unicode
    ours = read_isl(VIETNAMESE)
    assert ours["LangOptions", "LanguageName"] == "Tiếng Việt"
    assert ours["LangOptions", "LanguageID"] == "$042A"
    assert ours["LangOptions", "LanguageCodePage"] == "0"
    assert ours["Messages", "ButtonNext"] == "&Tiếp theo >"
    assert ours["Messages", "ButtonCancel"] == "Hủy"


def test_no_message_is_left_in_english() -> None:
    english_words = re.compile(r"\b(the|Setup|Click|Please|folder|file)\b")
    left = [key for (_, key), value in read_isl(VIETNAMESE).items() if english_words.search(value)]
    assert left == []


@pytest.mark.skipif(not DEFAULT_ISL.is_file(),
                    reason=f"Inno Setup's Default.isl is not on disk ({DEFAULT_ISL}): packaging/windows/check.sh "
                           "installer fetches it")
def test_the_committed_key_list_is_that_of_inno_setups_default_isl() -> None:
    english = read_isl(DEFAULT_ISL)
    assert key_list(english) == committed_keys()
    options = {key for section, key in english if section == "LangOptions"}
    assert options == {key for section, key in read_isl(VIETNAMESE) if section == "LangOptions"}
