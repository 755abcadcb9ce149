"""Decoding text files in each encoding office software writes, and refusing what is not text."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from ward_office.core.errors import InputFileError
from ward_office.importers.text_files import decode_text, encode_windows_1258, guess_encoding, read_text_file

VIETNAMESE = "Mã chấm công\tHọ và tên\tThời gian\r\n00012\tNguyễn Thị Thủy\t14/05/2026 07:58\r\n"

ENCODINGS = {
    "utf-8": VIETNAMESE.encode("utf-8"),
    "utf-8-sig": VIETNAMESE.encode("utf-8-sig"),
    "utf-16-le": codecs.BOM_UTF16_LE + VIETNAMESE.encode("utf-16-le"),
    "utf-16-be": codecs.BOM_UTF16_BE + VIETNAMESE.encode("utf-16-be"),
    "cp1258": encode_windows_1258(VIETNAMESE),
}


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_each_encoding_gives_the_same_nfc_text(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(ENCODINGS[encoding])
    decoded = read_text_file(path)
    assert decoded.text == VIETNAMESE
    assert unicodedata.is_normalized("NFC", decoded.text)
    assert decoded.encoding == encoding


def test_cp1258_sample_really_uses_combining_tone_marks() -> None:
    raw = ENCODINGS["cp1258"]
    assert "\u0301" in raw.decode("cp1258")  # "ấ" is "â" + combining acute in this encoding
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_found_by_its_nul_bytes(codec: str) -> None:
    decoded = decode_text(VIETNAMESE.encode(codec), "x.dat")
    assert (decoded.text, decoded.encoding) == (VIETNAMESE, codec)


@pytest.mark.parametrize(("text", "guessed"), [
    ("abc" + "ệ" * 7, "-"),  # 3 NULs in 10 characters: the 30 % a UTF-16 text without BOM needs
    ("ab" + "ệ" * 8, "cp1258"),  # 2 in 10: not UTF-16; ệ's bytes are no UTF-8 either
    ("a" * 10 + "Ā", "-"),  # Ā is 01 00: a NUL on the other side too, one for ten
    ("a" * 9 + "Ā", "utf-8"),  # one for nine: not UTF-16 (and NUL bytes are UTF-8, refused later as binary)
])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_needs_nuls_in_three_tenths_of_its_characters_on_one_side(text: str, guessed: str,
                                                                                   codec: str) -> None:
    assert guess_encoding(text.encode(codec)) == (codec if guessed == "-" else guessed)


def test_nfd_utf8_is_composed() -> None:
    decoded = decode_text(unicodedata.normalize("NFD", VIETNAMESE).encode("utf-8"), "x.csv")
    assert decoded.text == VIETNAMESE


def test_binary_is_refused_with_the_file_named(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x02\x03" * 20)
    with pytest.raises(InputFileError) as caught:
        read_text_file(path)
    assert caught.value.file == str(path)
    assert "photo.jpg" in caught.value.localized()


def test_damaged_utf16_is_refused() -> None:
    with pytest.raises(InputFileError) as caught:
        decode_text(codecs.BOM_UTF16_LE + "12\t2026".encode("utf-16-le") + b"\x00\xdc", "x.dat")
    assert "UTF-16" in caught.value.problems[0].message


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputFileError) as caught:
        read_text_file(tmp_path / "none.dat")
    assert caught.value.problems[0].params["error"]


def test_dos_end_of_file_mark_is_dropped() -> None:
    assert decode_text(b"12\t2026-05-14 07:58:11\r\n\x1a", "x.dat").text == "12\t2026-05-14 07:58:11\r\n"


def test_windows_1258_encoder_splits_only_what_the_code_page_lacks() -> None:
    assert encode_windows_1258("à") == b"\xe0"  # precomposed in the code page
    assert encode_windows_1258("ấ") == b"\xe2\xec"  # â + combining acute
    assert encode_windows_1258("Đậu") == b"\xd0\xe2\xf2u"  # Đ, â + dot below, u
