"""The ranking page's table for someone not graded yet: no rank and no score (the entered points missing would count
as full marks in it, as on paper), "chưa chấm" for the grade, after everyone graded."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from PySide6.QtCore import Qt

from ward_office.core.entered_scores import ScoreEntry
from ward_office.core.period import month
from ward_office.core.staff import StaffId
from ward_office.services.entered_scores import enter_scores
from ward_office.services.standings import score_standings
from ward_office.services.ward import Ward

from ward_office.ui.ranking.models import RankingModel

AN, BINH, CUONG = StaffId(1), StaffId(2), StaffId(3)


def test_someone_not_graded_has_no_rank_nor_score_in_the_table(ward: Ward, vietnamese: None) -> None:
    # The table model alone, no window: a QApplication made here would not be the one the window tests make.
    # April: An 35 + 30 → 100 − 5 = 95; Bình 40 + 30 → 100; Cường NV2 missing: not graded yet.
    enter_scores(ward, date(2026, 4, 1), [
        ScoreEntry(AN, "NV1", Fraction(35)), ScoreEntry(AN, "NV2", Fraction(30)),
        ScoreEntry(BINH, "NV1", Fraction(40)), ScoreEntry(BINH, "NV2", Fraction(30)),
        ScoreEntry(CUONG, "NV1", Fraction(20))])
    standings = score_standings(ward, month(2026, 4), date(2026, 5, 5))
    model = RankingModel(standings.plan)
    model.set_records(standings.rows)
    headers = [model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())]
    columns = [headers.index(name) for name in ("Thứ hạng", "Họ và tên", "Điểm")]
    cells = [[model.data(model.index(row, column)) for column in columns] for row in range(model.rowCount())]
    assert cells == [["1", "Trần Thị Bình", "100"], ["2", "Lê Văn An", "95"], ["–", "Phạm Văn Cường", "–"]]
    assert model.data(model.index(2, headers.index("Xếp loại"))) == "chưa chấm"
