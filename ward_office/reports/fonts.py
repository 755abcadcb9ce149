"""The printed font: Liberation Serif 2.x, bundled, because NĐ 30/2020 asks for Times New Roman.

Liberation Serif has Times metrics and, from version 2, every Vietnamese letter (1.07 lacks 93 of them).
It ships in ``resources/fonts`` with its SIL OFL licence so a PDF looks the same on every machine, and
reportlab embeds the used glyphs of each face as a TrueType subset. The four faces are registered as one
family so ``<b>`` and ``<i>`` in paragraphs pick the right file.
"""

from __future__ import annotations

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ward_office.paths import fonts_dir

FAMILY = "LiberationSerif"
REGULAR = FAMILY
BOLD = f"{FAMILY}-Bold"
ITALIC = f"{FAMILY}-Italic"
BOLD_ITALIC = f"{FAMILY}-BoldItalic"

_FACES = {  # name → (file, bold, italic)
    REGULAR: ("LiberationSerif-Regular.ttf", 0, 0),
    BOLD: ("LiberationSerif-Bold.ttf", 1, 0),
    ITALIC: ("LiberationSerif-Italic.ttf", 0, 1),
    BOLD_ITALIC: ("LiberationSerif-BoldItalic.ttf", 1, 1),
}


_SPLITS_KEPT = 65536  # distinct texts per face and document


class _Face(TTFont):
    """A TrueType face that remembers how each text it showed in a document splits into its subsets.

    Reportlab maps every character to a subset code each time text is shown; once a character has a code
    it keeps it for the document, so a text shown again splits the same way (a report shows the same
    labels, criteria and names hundreds of times)."""

    def splitString(self, text: str, doc: object, encoding: str = "utf-8") -> list[tuple[int, bytes]]:  # noqa: N802
        state = self.state.get(doc)
        splits: dict[str, list[tuple[int, bytes]]] | None = None if state is None else getattr(state, "_wo_splits",
                                                                                               None)
        known = None if splits is None else splits.get(text)
        if known is not None:
            return known
        split: list[tuple[int, bytes]] = super().splitString(text, doc, encoding)
        if splits is None:
            splits = self.state[doc]._wo_splits = {}
        elif len(splits) >= _SPLITS_KEPT:
            splits.clear()
        if isinstance(text, str):
            splits[text] = split
        return split


_registered: list[bool] = []  # not empty once the four faces and the family are registered


def register_fonts() -> str:
    """Register the four faces and the family once per process; return the family name."""
    if _registered:
        return FAMILY
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, (file_name, bold, italic) in _FACES.items():
        if name not in registered:
            pdfmetrics.registerFont(_Face(name, str(fonts_dir() / file_name)))
        addMapping(FAMILY, bold, italic, name)
    _registered.append(True)
    return FAMILY


def face(*, bold: bool = False, italic: bool = False) -> str:
    """The registered font name of one face of the family."""
    register_fonts()
    if bold and italic:
        return BOLD_ITALIC
    if bold:
        return BOLD
    return ITALIC if italic else REGULAR


def text_width(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """The width of ``text`` in points, in the given face and size."""
    width: float = pdfmetrics.stringWidth(text, face(bold=bold, italic=italic), size)
    return width
