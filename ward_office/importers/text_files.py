"""Text files as office software writes them, whatever the encoding: clocks and Wise Eye write UTF-8 or
UTF-16, Excel writes UTF-8 with a BOM, old Vietnamese Windows writes Windows-1258. The reader must not ask the
clerk which one it is.

Order of the guesses (the first that fits wins):

1. a byte-order mark: UTF-8 (``utf-8-sig``), UTF-16 LE (FF FE) or UTF-16 BE (FE FF);
2. no BOM but NUL bytes in every other position: UTF-16 LE (NULs at odd offsets) or BE (at even offsets);
3. strict UTF-8;
4. Windows-1258 (it decodes almost any byte, so it comes last; its combining tone marks are composed).

Whatever was chosen, the text is returned in NFC. Text holding NUL or other control characters is not text
(a binary file, a zip, an image) and is refused with ``InputFileError``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ward_office.core.errors import InputFileError, InputProblem
from ward_office.i18n import N_

_SAMPLE = 4096
# Control characters a text file never holds; tab, line and page breaks are fine.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str  # NFC, line ends untouched
    encoding: str  # "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be" or "cp1258"


def read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise InputFileError(str(path), [InputProblem(0, "", N_("cannot read the file: {error}"),
                                                      {"error": error.strerror or str(error)})]) from error


def read_text_file(path: Path) -> DecodedText:
    return decode_text(read_bytes(path), str(path))


def guess_encoding(data: bytes) -> str:
    """The encoding the first guesses (BOM, NUL pattern, UTF-8) point to, else "cp1258"."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le"
    if data.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    sample = data[:_SAMPLE]
    pairs = len(sample) // 2
    if pairs:
        even_nuls = sample[0 : pairs * 2 : 2].count(0)
        odd_nuls = sample[1 : pairs * 2 : 2].count(0)
        # ASCII-heavy text in UTF-16 has a NUL as the high byte of most characters, and never both bytes NUL.
        if odd_nuls >= pairs * 0.3 and even_nuls * 10 <= odd_nuls:
            return "utf-16-le"
        if even_nuls >= pairs * 0.3 and odd_nuls * 10 <= even_nuls:
            return "utf-16-be"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1258"
    return "utf-8"


def decode_text(data: bytes, file: str) -> DecodedText:
    """Decode ``data`` (the content of ``file``, named in errors) as described in the module docstring."""
    encoding = guess_encoding(data)
    body = data
    if encoding in ("utf-16-le", "utf-16-be") and data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        body = data[2:]
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        if encoding.startswith("utf-16"):
            problem = N_("the file looks like UTF-16 text but is damaged near byte {offset}")
        else:
            problem = N_("the file is not text in a known encoding (byte {offset}); save it as “CSV UTF-8”")
        raise InputFileError(file, [InputProblem(_line_of_byte(body, error.start, encoding), "", problem,
                                                 {"offset": error.start})]) from error
    if text.startswith("\ufeff"):  # a BOM inside a BOM-less guess, e.g. UTF-16 found by NULs
        text = text[1:]
    text = text.rstrip("\x1a")  # DOS end-of-file mark some old tools still write
    bad = _CONTROL.search(text)
    if bad is not None:
        raise InputFileError(file, [InputProblem(text.count("\n", 0, bad.start()) + 1, "",
                                                 N_("the file is not a text file"))])
    return DecodedText(unicodedata.normalize("NFC", text), encoding)


_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng


def encode_windows_1258(text: str) -> bytes:
    """``text`` as Vietnamese Windows writes it: letters that exist precomposed in Windows-1258 stay so, other
    toned vowels become the base letter plus a combining tone mark ("ấ" → "â" + U+0301). Python's cp1258 codec
    does not do this split; files for old machines and tests of the reader need it."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
            out += (base + "".join(c for c in decomposed if c in _TONE_MARKS)).encode("cp1258")
    return bytes(out)


def _line_of_byte(data: bytes, offset: int, encoding: str) -> int:
    newline = "\n".encode(encoding) if encoding.startswith("utf-16") else b"\n"
    return data[:offset].count(newline) + 1
