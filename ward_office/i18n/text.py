"""Vietnamese text rules: accent folding for search, alphabet order and name order for lists.

Python's default string order puts "Đ" after "Z" and "Ánh" after "Bình"; a ward office list must follow
the Vietnamese alphabet instead (domain.md §8). Everything here works the same on NFC, NFD and
Windows-1258-style input (precomposed vowel letters with combining tone marks), because text typed on
old machines or pasted from Word arrives in all three forms.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TypeAlias

# Đ has no Unicode decomposition; Ð (Icelandic eth) is the look-alike old fonts and keyboards produce.
_D_WITH_STROKE = {"đ": "d", "Đ": "D", "Ð": "D"}
_D_WITH_STROKE_TABLE = str.maketrans(_D_WITH_STROKE)


def fold(text: str) -> str:
    """Lower-case, strip tone and vowel marks, đ → d, collapse spaces: "Nguyễn  Văn" → "nguyen van"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_WITH_STROKE_TABLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


_WORD = re.compile(r"\w+")


def matches(query: str, text: str, *, anywhere: bool = False) -> bool:
    """Accent- and case-insensitive search, as a clerk types into a filter box.

    Every word of ``query`` must start a word of ``text``: "nguyen van" and "ng v" find "Nguyễn Văn An",
    "nguyễn" finds "NGUYEN", "an" finds "An" and "Anh" but not "Lan" or "Hoàng". Words are runs of
    letters and digits, so "ubnd" also finds "BC-UBND". With ``anywhere=True`` each query word may sit
    anywhere inside the text ("uyen" finds "Nguyễn"). An empty query matches everything.
    """
    folded_text = fold(text)
    if anywhere:
        return all(word in folded_text for word in fold(query).split())
    text_words = _WORD.findall(folded_text)
    return all(
        any(text_word.startswith(word) for text_word in text_words) for word in _WORD.findall(fold(query))
    )


# The Vietnamese alphabet with the letters dictionaries add (f j w z), in CLDR "vi" order. A letter is
# its base plus at most one vowel-shape mark: breve (ă), circumflex (â ê ô) or horn (ơ ư).
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
_ALPHABET: tuple[tuple[str, str], ...] = (
    ("a", ""), ("a", _BREVE), ("a", _CIRCUMFLEX), ("b", ""), ("c", ""), ("d", ""), ("đ", ""),
    ("e", ""), ("e", _CIRCUMFLEX), ("f", ""), ("g", ""), ("h", ""), ("i", ""), ("j", ""), ("k", ""),
    ("l", ""), ("m", ""), ("n", ""), ("o", ""), ("o", _CIRCUMFLEX), ("o", _HORN), ("p", ""), ("q", ""),
    ("r", ""), ("s", ""), ("t", ""), ("u", ""), ("u", _HORN), ("v", ""), ("w", ""), ("x", ""), ("y", ""),
    ("z", ""),
)
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_VOWEL_SHAPES = frozenset((_BREVE, _CIRCUMFLEX, _HORN))

# Tone order of the Vietnam Lexicography Centre: ngang (no mark), huyền, hỏi, ngã, sắc, nặng.
# U+0340/U+0341 (old "tone mark" code points) become U+0300/U+0301 under NFD.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

# Kinds of character, in the order they sort: punctuation, numbers, Vietnamese letters, anything else.
_PUNCTUATION, _NUMBER, _LETTER, _OTHER = 0, 1, 2, 3

SyllableKey: TypeAlias = tuple[tuple[tuple[int, ...], ...], tuple[int, ...]]


@functools.lru_cache(maxsize=4096)  # names share few syllables: a thousand staff, under a hundred distinct
def _syllable_key(syllable: str) -> SyllableKey:
    """(letters, tones) of one NFD syllable: letters decide, tones only break ties."""
    letters: list[tuple[int, ...]] = []
    tones: list[int] = []
    index, length = 0, len(syllable)
    while index < length:
        char = syllable[index]
        index += 1
        if unicodedata.combining(char):  # a mark with no letter before it
            continue
        if char.isdecimal():
            start = index - 1
            while index < length and syllable[index].isdecimal():
                index += 1
            digits = syllable[start:index]
            letters.append((_NUMBER, int(digits), len(digits)))
            continue
        shape = ""
        while index < length and unicodedata.combining(syllable[index]):
            mark = syllable[index]
            index += 1
            if mark in _VOWEL_SHAPES:
                shape = mark
            elif mark in _TONE_RANK:
                tones.append(_TONE_RANK[mark])
        base = char.lower()
        base = "đ" if base in ("đ", "ð") else base
        rank = _LETTER_RANK.get((base, shape), _LETTER_RANK.get((base, "")))
        if rank is not None:
            letters.append((_LETTER, rank))
        elif char.isalpha():
            letters.append((_OTHER, ord(base)))
        else:
            letters.append((_PUNCTUATION, ord(char)))
    return tuple(letters), tuple(tones)


def vietnamese_key(text: str) -> tuple[SyllableKey, ...]:
    """Sort key in Vietnamese alphabet order, ignoring case; use as ``sorted(names, key=vietnamese_key)``.

    Syllable by syllable (a syllable is a space-separated word): the letters of the syllable are compared
    first, with ă â after a, đ after d, ê after e, ô ơ after o, ư after u (so "ang" < "anh" and
    "ac" < "ach" whatever the tones); only when the letters are equal does the tone decide, in the order
    ngang, huyền, hỏi, ngã, sắc, nặng ("ma" < "mà" < "mả" < "mã" < "má" < "mạ"). A text that is a prefix of
    another sorts first. Runs of digits compare by value ("Tổ 2" < "Tổ 10"); punctuation sorts before
    digits, digits before letters. "Hòa" and "Hoà" (old and new tone placement) get the same key.
    """
    decomposed = unicodedata.normalize("NFD", text)
    return tuple(_syllable_key(syllable) for syllable in decomposed.split())


def split_name(full_name: str) -> tuple[str, str, str]:
    """(family, middle, given) of a Vietnamese full name: "Nguyễn Thị Minh Khai" → ("Nguyễn", "Thị Minh",
    "Khai"). A single word is a given name; extra spaces are dropped; letters are returned unchanged."""
    words = full_name.split()
    if not words:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def name_sort_key(full_name: str) -> tuple[object, ...]:
    """Sort key for Vietnamese name lists: given name (tên, the last word) first, then family and middle
    names (họ đệm) in order, each in Vietnamese alphabet order; the name itself last so equal keys keep
    a stable, predictable order. ["Trần Văn Bình", "Lê Văn An", "Đỗ Anh"] → Lê Văn An, Đỗ Anh, Trần Văn
    Bình."""
    family, middle, given = split_name(full_name)
    return (
        vietnamese_key(given),
        vietnamese_key(f"{family} {middle}"),
        unicodedata.normalize("NFC", full_name),
        full_name,
    )
