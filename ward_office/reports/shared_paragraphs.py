"""Paragraphs of the same text share their line breaking and, within one document, their drawing.

A report repeats most of its text (letterhead, labels, criteria, names, signature titles): a scorecard per
person prints the same letterhead, title, headers and criteria hundreds of times. Reportlab parses, breaks
and draws each paragraph afresh; here a paragraph is parsed once per distinct markup and style, its lines
are broken once per width, and what it draws is recorded on its second drawing in a document and replayed
after, so the page content is the same, operator for operator.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import count

from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

# What ``Paragraph.wrap`` (and the line breaking it calls) leaves on a paragraph, all of it a function of the
# parsed text, the style and the width.
_WRAP_STATE = ("width", "height", "_wrapWidths", "blPara", "_width_max", "_splitLongWordCount", "_hyphenations")
_DRAWINGS = "_wo_drawings"  # on the canvas: (parse, width) → the operators drawn, or None when seen once
_parses = count()  # a number per parse, never reused (an object's id can be, once it is freed)


class SharedParagraph(Paragraph):
    """A paragraph whose lines are broken once per width, and drawn once per width and document, for every
    paragraph of the same text and style.

    A table measures each cell, measures it again to keep rows with a signature and once more as it draws
    it. The result of line breaking is shared by the paragraphs made from one parse (``_parsed``) and only
    read afterwards. What ``draw`` adds to the page is a function of the same state and of the document (its
    font subsets), so it is kept on the canvas and replayed inside the same "q", move, "Q" that ``drawOn``
    writes. The parts of a paragraph split across pages are made without a parse: they break their own lines
    and draw themselves.
    """

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab API
        wraps: dict[float, dict[str, object]] | None = self.__dict__.get("_wraps")
        state = None if wraps is None else wraps.get(availWidth)
        if state is None:
            size: tuple[float, float] = super().wrap(availWidth, availHeight)
            if wraps is not None and "blPara" in self.__dict__:  # not when too narrow to hold a line
                wraps[availWidth] = {name: self.__dict__[name] for name in _WRAP_STATE if name in self.__dict__}
            return size
        self.__dict__.update(state)
        return self.width, self.height

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802,N803 - reportlab API
        parse = self.__dict__.get("_parse")
        wraps = self.__dict__.get("_wraps")
        state = None if wraps is None else wraps.get(self.width)
        if parse is None or state is None or state["blPara"] is not self.__dict__.get("blPara") or getattr(
                self, "_showBoundary", None):
            super().drawOn(canvas, x, y, _sW)
            return
        drawings: dict[tuple[int, float], list[str] | None] | None = canvas.__dict__.get(_DRAWINGS)
        if drawings is None:
            drawings = canvas.__dict__[_DRAWINGS] = {}
        key = (parse, self.width)
        x = self._hAlignAdjust(x, _sW)
        code: list[str] = canvas._code
        drawn = drawings.get(key)
        if drawn:  # as saveState, translate (after "q" it never merges with a move before) and restoreState
            code.append("q")
            code.append(f"{fp_str(1, 0, 0, 1, x, y)} cm")
            code.extend(drawn)
            code.append("Q")
            return
        canvas.saveState()
        canvas.translate(x, y)
        start = len(code)
        move = code[-1]
        self._drawOn(canvas)
        if key not in drawings:
            drawings[key] = None  # drawn once: most texts drawn once are never drawn again
        elif len(code) >= start and code[start - 1] is move:  # nothing drawn merged into the move before it
            drawings[key] = code[start:]
        canvas.restoreState()


@lru_cache(maxsize=4096)
def _parsed(markup: str, paragraph_style: ParagraphStyle) -> Paragraph:
    parsed = Paragraph(markup, paragraph_style)
    parsed._wraps = {}  # shared by the paragraphs made from this parse
    parsed._parse = next(_parses)
    return parsed


def shared_paragraph(markup: str, paragraph_style: ParagraphStyle) -> Paragraph:
    """A paragraph of ``markup``, parsed once per distinct markup and style: reportlab's parser is the dearest
    part of a paragraph, and a long report repeats most of its text (letterhead, labels, criteria, names)."""
    parsed = _parsed(markup, paragraph_style)
    made = SharedParagraph(parsed.text, parsed.style, bulletText=parsed.bulletText, frags=parsed.frags)
    made._wraps = parsed._wraps
    made._parse = parsed._parse
    return made
