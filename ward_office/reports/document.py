"""The frame every printed report shares: an A4 page laid out as Nghị định 30/2020 asks.

The head of the ward signs what the program prints, so every report looks like an official document
(domain.md §6): margins 20/20/30/15 mm (top, bottom, left, right; the 30 mm binding side stays on the
left in landscape), Liberation Serif (Times metrics, every Vietnamese glyph, embedded), the two-column
letterhead on page 1, page numbers centred in the top margin from page 2 on, signature blocks and the
"Nơi nhận" list.

How a report module uses it::

    document = ReportDocument(out, landscape=True, title=_("SUMMARY OF EMULATION RESULTS"), author=unit.name)

    def story() -> Iterator[Flowable]:
        yield letterhead(unit, day, symbol="BC-UBND")          # ô 1–4: agency, number, motto, dateline
        yield from document_title(_("SUMMARY OF EMULATION RESULTS"), period_label(period))  # ô 5
        yield paragraph(_("Some text with {name}").format(name=person.full_name))
        table = data_table([[_("No."), _("Full name")], *rows], [12 * mm, document.width - 12 * mm])
        # ô 7 and ô 9 ("- Lưu: VT." added), kept on the page of the table's last rows, never alone
        yield signed_ending(table, [signature_row([preparer_signature(unit), head_signature(unit)]),
                                    *recipients([_("The ward Emulation and Commendation Council;")])])

    pages = document.build(story())

``build`` pulls flowables from the iterator only as pages fill, so a long report (scorecards of a whole
ward over a year) is never held whole in memory and is laid out once. ``document.width`` is the width of
the text frame. Cell text that must wrap goes in ``cell(...)`` paragraphs; short cells stay plain strings
(much faster); a cell's text past ``max_chars`` is cut with "…" so that no name or note can make a row
taller than a page. Data (names, criteria) is escaped by these helpers; pass ``markup=True`` only for text the
program wrote itself with ``<b>``/``<i>`` tags. Numbers and dates come from ``ward_office.i18n.formatting``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Spacer,
    Table,
)

from ward_office.core.period import FiguresStatus
from ward_office.core.unit import Unit
from ward_office.i18n import _
from ward_office.i18n.formatting import dateline
from ward_office.reports import fonts
from ward_office.reports.frame import Signature as Signature
from ward_office.reports.frame import agency_lines as agency_lines
from ward_office.reports.frame import head_signature as head_signature
from ward_office.reports.frame import place_of as place_of
from ward_office.reports.frame import preparer_signature as preparer_signature
from ward_office.reports.keeping import NAME_MAX_CHARS as NAME_MAX_CHARS
from ward_office.reports.keeping import SignedEnding
from ward_office.reports.keeping import shorten as shorten  # re-exported: the reports shorten names with it
from ward_office.reports.paged_table import paged
from ward_office.reports.pages import BODY_SIZE as BODY_SIZE
from ward_office.reports.pages import BOTTOM_MARGIN as BOTTOM_MARGIN
from ward_office.reports.pages import LEFT_MARGIN as LEFT_MARGIN
from ward_office.reports.pages import PAGE_NUMBER_SIZE as PAGE_NUMBER_SIZE
from ward_office.reports.pages import RIGHT_MARGIN as RIGHT_MARGIN
from ward_office.reports.pages import TOP_MARGIN as TOP_MARGIN
from ward_office.reports.pages import ReportDocument as ReportDocument
from ward_office.reports.pages import SectionStart as SectionStart
from ward_office.reports.shared_paragraphs import shared_paragraph
from ward_office.reports.table_styles import styled_table

TABLE_SIZE = 11
CELL_MAX_CHARS = 240  # a cell's text past this is cut with "…": a row must stay shorter than a page
GRID_COLOUR = colors.black
HEADER_FILL = colors.Color(0.9, 0.9, 0.9)



# ---- Styles ----


@cache
def style(size: float = BODY_SIZE, *, align: str = "left", bold: bool = False, italic: bool = False,
          leading: float | None = None, space_before: float = 0, space_after: float = 0,
          first_line_indent: float = 0) -> ParagraphStyle:
    """A paragraph style in the report font; ``align`` is left, centre, right or justify."""
    alignment = {"left": TA_LEFT, "centre": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}[align]
    name = f"wo-{size}-{align}-{bold}-{italic}-{leading}-{space_before}-{space_after}-{first_line_indent}"
    return ParagraphStyle(name, fontName=fonts.face(bold=bold, italic=italic), fontSize=size,
                          leading=leading or round(size * 1.2, 1), alignment=alignment,
                          spaceBefore=space_before, spaceAfter=space_after, firstLineIndent=first_line_indent)


_paragraph = shared_paragraph


def text(value: str, *, markup: bool = False) -> str:
    """Data as paragraph markup: escaped unless it is our own markup."""
    return value if markup else escape(value)


def paragraph(value: str, *, size: float = BODY_SIZE, align: str = "justify", bold: bool = False,
              italic: bool = False, markup: bool = False, space_after: float = 6,
              first_line_indent: float = 0, keep_with_next: bool = False,
              leading: float | None = None) -> Paragraph:
    """A body paragraph: 13 pt, justified, 6 pt after (NĐ 30/2020: paragraph spacing at least 6 pt).

    ``keep_with_next`` for a heading or a line that introduces a table: it never ends a page alone;
    ``leading`` for a small note set closer than the usual 1.2 × ``size``."""
    result = _paragraph(text(value, markup=markup),
                        style(size, align=align, bold=bold, italic=italic, space_after=space_after,
                              first_line_indent=first_line_indent, leading=leading))
    result.keepWithNext = keep_with_next
    return result


def cell(value: str, *, size: float = TABLE_SIZE, align: str = "left", bold: bool = False, italic: bool = False,
         markup: bool = False, max_chars: int | None = CELL_MAX_CHARS) -> Paragraph:
    """A table cell whose text wraps in its column, shortened with "…" past ``max_chars`` characters so
    that no name or note can make a row taller than a page (data only: markup is never cut)."""
    value = value if markup else shorten(value, max_chars)
    return _paragraph(text(value, markup=markup), style(size, align=align, bold=bold, italic=italic,
                                                       leading=round(size * 1.15, 1)))


def line_cell(value: str, room: float, *, size: float = TABLE_SIZE, align: str = "left", bold: bool = False,
              max_chars: int | None = CELL_MAX_CHARS) -> str | Paragraph:
    """``cell(value, …)``, or the text itself where the paragraph would be one line of it: plain printable
    text (one space between words, none at the ends, no soft hyphen) narrower than ``room``, the column's
    width inside its padding.

    A table draws a plain cell at the very place of such a paragraph (same baseline, same left edge or
    centre) far faster; the column's style must give the cell the paragraph's font, size, leading
    (``data_table``'s are those of ``cell`` at the table's size) and alignment."""
    value = shorten(value, max_chars)
    if (value.isprintable() and value == " ".join(value.split())
            and fonts.text_width(value, size, bold=bold) < room - 0.01):
        return value
    return cell(value, size=size, align=align, bold=bold, max_chars=None)


def signed_ending(body: Flowable, closing: Sequence[Flowable], *, keep_rows: int = 2,
                  keep_lines: int = 2) -> Flowable:
    """``body`` (the last table or paragraph of a report) followed by its ``closing`` (totals, signature
    row, "Nơi nhận"), the closing always on a page with at least ``keep_rows`` of the table's last rows
    or ``keep_lines`` of the paragraph's last lines: a signature never stands on a page alone."""
    return SignedEnding(body, closing, keep_rows=keep_rows, keep_lines=keep_lines)


# ---- Letterhead (ô 1–4) and title (ô 5) ----


class _Rule(Flowable):
    """A solid line of a given length, centred in its column: the rules under the agency and the motto."""

    def __init__(self, length: float, *, thickness: float = 0.6, space_before: float = 3,
                 space_after: float = 2) -> None:
        super().__init__()
        self.length = length
        self.thickness = thickness
        self.space_before = space_before
        self.space_after = space_after
        self._available = length

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab API
        self._available = availWidth
        return availWidth, self.space_before + self.thickness + self.space_after

    def draw(self) -> None:
        start = (self._available - self.length) / 2
        y = self.space_after + self.thickness / 2
        self.canv.setLineWidth(self.thickness)
        self.canv.line(start, y, start + self.length, y)


def letterhead(unit: Unit, day: date, *, symbol: str = "BC-UBND", number: str = "") -> Flowable:
    """The two-column header of page 1: agency, "Số: …/symbol" | national name, motto, dateline.

    ``number`` is usually left blank: the office writes it in when the document is registered. An empty
    ``symbol`` leaves the number line out (internal forms such as a personal scorecard).
    """
    left_size, motto_size = 12.5, 13
    agency = agency_lines(unit)
    left: list[Flowable] = []
    if unit.authority.strip():
        left.append(_paragraph(escape(unit.authority.strip().upper()), style(left_size, align="centre")))
    left.append(_paragraph("<br/>".join(escape(line) for line in agency), style(left_size, align="centre", bold=True)))
    widest = max(fonts.text_width(line, left_size, bold=True) for line in agency)
    left.append(_Rule(min(widest, 70 * mm) * 0.4))
    number_cell: list[Flowable] = []
    if symbol:
        # TRANSLATORS: the document number line of an official letterhead, e.g. "Số: …/BC-UBND".
        number_line = _("No.: {number}/{symbol}").format(number=number or "\u2026\u2026", symbol=symbol)
        number_cell.append(_paragraph(escape(number_line), style(BODY_SIZE, align="centre")))

    nation = _("SOCIALIST REPUBLIC OF VIETNAM")
    motto = _("Independence - Freedom - Happiness")
    right: list[Flowable] = [
        _paragraph(escape(nation), style(12, align="centre", bold=True)),
        _paragraph(escape(motto), style(motto_size, align="centre", bold=True)),
        _Rule(fonts.text_width(motto, motto_size, bold=True)),
    ]
    place_and_date = _paragraph(escape(dateline(place_of(unit), day)), style(BODY_SIZE, align="centre", italic=True))
    # Row 2 sets "Số" and the dateline on one line, under the agency and the national name (ô 3 and ô 4).
    return layout_table([[left, right], [number_cell, place_and_date]], ["40%", "60%"], padding=0,
                        extra_style=[("TOPPADDING", (0, 1), (-1, 1), 5)])


def appendix_heading(unit: Unit, *, symbol: str = "BC-UBND") -> Flowable:
    """The head of an appendix (phụ lục) sent with a report: the agency on the left as on a letterhead,
    "Phụ lục" and "(Kèm theo Báo cáo số ……/BC-UBND ngày …… của Ủy ban nhân dân phường …)" on the right;
    the report's number and date are written in by hand when it is registered."""
    size = 12.5
    agency = agency_lines(unit)
    left: list[Flowable] = []
    if unit.authority.strip():
        left.append(_paragraph(escape(unit.authority.strip().upper()), style(size, align="centre")))
    left.append(_paragraph("<br/>".join(escape(line) for line in agency), style(size, align="centre", bold=True)))
    widest = max(fonts.text_width(line, size, bold=True) for line in agency)
    left.append(_Rule(min(widest, 70 * mm) * 0.4))
    dots = "\u2026\u2026"
    attached = _("(Attached to Report No. {number}/{symbol} of {date} of the {agency})").format(
        number=dots, symbol=symbol, date=f"{dots}/{dots}/{dots}", agency=" ".join(unit.name.split()))
    right: list[Flowable] = [_paragraph(escape(_("Appendix")), style(BODY_SIZE, align="centre", bold=True)),
                             _paragraph(escape(attached), style(12, align="centre", italic=True))]
    return layout_table([[left, right]], ["40%", "60%"], padding=0)


def document_title(title: str, summary: str = "", *, lines: Sequence[str] = (),
                   status: FiguresStatus | None = None, space_before: float = 8 * mm,
                   space_after: float = 5 * mm, line_leading: float | None = None) -> list[Flowable]:
    """The document's name in bold capitals (14 pt) and its summary line (trích yếu) in bold below it;
    ``lines`` are further centred lines, plain (e.g. the plan's label); ``status`` says whether the figures
    are final or provisional (``status_line``). A one-page form (a scorecard) sets it closer: less room
    above and below (``space_before``, ``space_after``) and a tighter ``line_leading`` for ``lines``."""
    flowables: list[Flowable] = [Spacer(1, space_before),
                                 _paragraph(escape(title.upper()), style(14, align="centre", bold=True))]
    if summary:
        flowables.append(_paragraph(escape(summary), style(BODY_SIZE, align="centre", bold=True, space_before=2)))
    flowables += [_paragraph(escape(line), style(12, align="centre", italic=True, space_before=2,
                                                 leading=line_leading))
                  for line in lines]
    if status is not None:
        flowables.append(status_line(status))
    flowables.append(Spacer(1, space_after))
    return flowables


def status_line(status: FiguresStatus) -> Flowable:
    """"(Số liệu tạm tính đến ngày …)" in bold italics, or "(Số liệu chính thức: đã khóa sổ ngày …)" in
    italics: nobody takes a paper printed before the meeting for the signed result."""
    return _paragraph(escape(f"({status.localized()})"),
                      style(12, align="centre", italic=True, bold=not status.final, space_before=2))


# ---- Tables ----


def layout_table(rows: Sequence[Sequence[object]], widths: Sequence[float | str], *, padding: float = 2,
                 extra_style: Sequence[tuple[object, ...]] = ()) -> Table:
    """A table without rules that places blocks side by side (letterhead, signatures, label–value pairs).

    ``widths`` are points or percentages of the frame ("40%").
    """
    return styled_table([list(row) for row in rows], widths, [
        ("FONTNAME", (0, 0), (-1, -1), fonts.face()),  # reportlab's default would add an unembedded Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), padding), ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), min(padding, 1)), ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        *extra_style,
    ])


def data_table(rows: Sequence[Sequence[object]], widths: Sequence[float], *, header_rows: int = 1,
               size: float = TABLE_SIZE, align: Mapping[int, str] | None = None,
               extra_style: Sequence[tuple[object, ...]] = ()) -> Flowable:
    """A ruled table whose first ``header_rows`` rows (bold, shaded) repeat at the top of every page.

    Cells are plain strings (one line, fast) or flowables such as ``cell(...)`` (wrapping). ``align``
    maps a column index to left, centre or right for plain cells; headers are centred. A long table is laid
    out a page at a time (``paged_table``), in time that grows with its rows, not their square.
    """
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.face()),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), round(size * 1.15, 1)),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOUR),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    for column, where in (align or {}).items():
        commands.append(("ALIGN", (column, header_rows), (column, -1),
                         {"left": "LEFT", "centre": "CENTER", "right": "RIGHT"}[where]))
    if header_rows:
        commands += [
            ("FONTNAME", (0, 0), (-1, header_rows - 1), fonts.face(bold=True)),
            ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER"),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
        ]
    return paged(styled_table([list(row) for row in rows], widths, [*commands, *extra_style],
                              repeatRows=header_rows))


# ---- Signatures (ô 7) and recipients (ô 9) ----


def _signature_head(signature: Signature, size: float) -> list[Flowable]:
    note = signature.note_text()
    flowables: list[Flowable] = [
        _paragraph("<br/>".join(escape(line) for line in signature.title_lines),
                   style(size, align="centre", bold=True)),
    ]
    if note:
        flowables.append(_paragraph(escape(note), style(12, align="centre", italic=True)))
    return flowables


def _signature_name(signature: Signature, signing_space: float) -> list[Flowable]:
    return [Spacer(1, signing_space), _paragraph(escape(shorten(signature.name, NAME_MAX_CHARS)) or "&nbsp;",
                                                 style(BODY_SIZE, align="centre", bold=True))]


def signature_row(signatures: Sequence[Signature], *, recipients_list: Sequence[str] | None = None,
                  space_before: float = 6 * mm, signing_space: float = 24 * mm,
                  widths: Sequence[float | str] | None = None, title_size: float = BODY_SIZE) -> Flowable:
    """A row of signature blocks in equal columns (or ``widths``), never split across pages; the names
    stand level however many lines the titles take.

    With ``recipients_list`` the "Nơi nhận" list takes the left column, level with the signatures, as on
    a letter signed by the head alone. ``signing_space`` is the room left to sign (and stamp).
    """
    heads: list[object] = [_signature_head(signature, title_size) for signature in signatures]
    names: list[object] = [_signature_name(signature, signing_space) for signature in signatures]
    extra: list[tuple[object, ...]] = [("NOSPLIT", (0, 0), (-1, -1)), ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
                                       ("TOPPADDING", (0, 1), (-1, 1), 0)]
    if recipients_list is not None:
        heads.insert(0, recipients(recipients_list))
        names.insert(0, "")
        extra.append(("SPAN", (0, 0), (0, 1)))
    columns = len(heads)
    table = layout_table([heads, names], list(widths) if widths else [f"{100 / columns:.4f}%"] * columns,
                         extra_style=extra)
    table.spaceBefore = space_before
    return table


def recipients(lines: Sequence[str]) -> list[Flowable]:
    """"Nơi nhận:" (12 pt bold italic) and the list (11 pt), each line after "- ", ending "- Lưu: VT."."""
    items = [*lines, _("Filed: Office archive (VT).")]
    flowables: list[Flowable] = [_paragraph(escape(_("Recipients:")), style(12, bold=True, italic=True))]
    flowables += [_paragraph(escape(f"- {item}"), style(11, leading=13)) for item in items]
    return flowables
