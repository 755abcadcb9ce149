"""Paragraphs of the same text share their line breaking and their drawing (reports.shared_paragraphs) and
the ranking formats each subtotal once: the ranking and the scorecards draw exactly what they draw when
every paragraph breaks its own lines and draws itself and every cell is formatted afresh."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from io import BytesIO
from pathlib import Path

import pypdf
import pytest
from reportlab.platypus import Paragraph, Table

from ward_office import i18n
from ward_office.core.period import FiguresStatus, parse_period
from ward_office.reports import document, ranking, scorecards, shared_paragraphs, table_styles
from ward_office.reports.ranking import write_ranking
from ward_office.reports.scorecards import write_scorecards
from ward_office.scoring.results import ScoredPeriod
from ward_office.services.demo import build_demo
from ward_office.services.ranking import score_stored_period
from ward_office.services.ward import Ward

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScoredPeriod]:
    previous = i18n.current_language()
    i18n.set_language("vi")
    path = tmp_path_factory.mktemp("shared-lines") / "ward.db"
    build_demo(path, staff=5, months=4, seed=11, until=TODAY)
    with Ward.open(path, read_only=True) as ward:
        yield score_stored_period(ward.store, parse_period("2026-H2"), TODAY)
    i18n.set_language(previous)


def page_streams(scored: ScoredPeriod) -> list[bytes]:
    streams = []
    for write in (write_ranking, write_scorecards):
        out = BytesIO()
        pages = write(out, scored, day=TODAY, status=FiguresStatus(TODAY))
        out.seek(0)
        reader = pypdf.PdfReader(out)
        assert len(reader.pages) == pages
        streams += [page.get_contents().get_data() for page in reader.pages]
    return streams


def test_shared_line_breaking_draws_every_page_as_before(scored: ScoredPeriod,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    broken: list[Paragraph] = []
    break_lines = Paragraph.breakLines

    def counted(self: Paragraph, width: object) -> object:
        broken.append(self)
        return break_lines(self, width)

    monkeypatch.setattr(Paragraph, "breakLines", counted)
    drawn: list[Paragraph] = []
    draw_para = Paragraph.drawPara

    def counted_draw(self: Paragraph, debug: int = 0) -> object:
        drawn.append(self)
        return draw_para(self, debug)

    monkeypatch.setattr(Paragraph, "drawPara", counted_draw)
    page_streams(scored)  # the text of both reports parsed and broken once
    broken.clear()
    drawn.clear()
    shared = page_streams(scored)
    shared_breaks, shared_draws = len(broken), len(drawn)
    monkeypatch.setattr(shared_paragraphs.SharedParagraph, "wrap", Paragraph.wrap)
    monkeypatch.setattr(shared_paragraphs.SharedParagraph, "drawOn", Paragraph.drawOn)
    monkeypatch.setattr(table_styles.RepeatedTable, "wrap", Table.wrap)  # the letterhead measured and drawn afresh
    monkeypatch.setattr(table_styles.RepeatedTable, "draw", Table.draw)
    monkeypatch.setattr(table_styles.ReportTable, "_drawCell", Table._drawCell)  # plain cells by drawString
    monkeypatch.setattr(ranking, "block_cells", lambda scored: [
        [ranking.block_cell(scored.ranking.plan, block, result) for block in scored.ranking.plan.blocks]
        for result in scored.ranking.results])
    broken.clear()
    drawn.clear()
    own = page_streams(scored)
    assert len(shared) == len(own) >= 7  # the ranking's pages and at least one sheet per person
    assert shared == own
    assert shared_breaks < len(broken) / 10  # only the parts of paragraphs split across pages break again
    assert shared_draws < len(drawn) * 0.65  # five people: a text is replayed from its third drawing on


def page_images(scored: ScoredPeriod, folder: Path) -> list[bytes]:
    """Every page of both reports as pdftoppm draws it (50 dpi, grey), in order."""
    images = []
    folder.mkdir()
    for write in (write_ranking, write_scorecards):
        pdf = folder / f"{write.__name__}.pdf"
        write(pdf, scored, day=TODAY, status=FiguresStatus(TODAY))
        subprocess.run(["pdftoppm", "-r", "50", "-gray", str(pdf), str(folder / write.__name__)], check=True)
        images += [page.read_bytes() for page in sorted(folder.glob(f"{write.__name__}-*.pgm"))]
    return images


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_one_line_cells_print_as_their_paragraphs(scored: ScoredPeriod, monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    """A name, criterion or note that fits its column is a plain cell (``document.line_cell``): the pages look
    the same, pixel for pixel, as when every such cell is a paragraph."""
    plain = page_images(scored, tmp_path / "plain")
    made: list[object] = []
    original = document.line_cell

    def as_paragraph(value: str, room: float, **options: object) -> object:
        made.append(original(value, room, **options))  # type: ignore[arg-type]
        return document.cell(value, **options)  # type: ignore[arg-type]

    for module in (ranking, scorecards):
        monkeypatch.setattr(module, "line_cell", as_paragraph)
    paragraphs = page_images(scored, tmp_path / "paragraphs")
    assert sum(isinstance(cell, str) for cell in made) > len(made) / 2  # most cells are plain text
    assert len(plain) == len(paragraphs) >= 7
    assert plain == paragraphs


def test_a_cell_is_plain_only_where_its_paragraph_is_one_line_of_the_same_text() -> None:
    room = 40 * 2.8346  # 40 mm
    assert document.line_cell("Nguyễn Văn An", room) == "Nguyễn Văn An"
    assert isinstance(document.line_cell("Nguyễn  Văn An", room), Paragraph)  # the paragraph joins the spaces
    assert isinstance(document.line_cell(" Nguyễn Văn An", room), Paragraph)
    assert isinstance(document.line_cell("Nguy\u00adễn Văn An", room), Paragraph)  # a soft hyphen is not drawn
    assert isinstance(document.line_cell("Phó Chủ tịch Ủy ban nhân dân phường", room), Paragraph)  # two lines
    assert document.line_cell("x" * 300, 2000) == "x" * 239 + "\u2026"  # shortened as a cell is
