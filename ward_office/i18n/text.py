"""Vietnamese text rules: accent folding for search, alphabet order and name order for lists."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case, strip tone and vowel marks, đ → d, collapse spaces: "Nguyễn  Văn" → "nguyen van"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())
