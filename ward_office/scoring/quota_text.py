"""The quota line in words, for the window, the command line and the printed papers alike: a tie pending or
decided by the emulation council (Hội đồng thi đua), or the tie-break key that separated two equal scores."""

from __future__ import annotations

from ward_office.core.plan import TieBreak
from ward_office.core.quota import QuotaTie, QuotaTieState
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_number
from ward_office.scoring.results import Ranking, StaffResult

TIE_BREAK_LABELS = {
    TieBreak.FEWER_UNEXCUSED_ABSENCES: N_("fewer unexcused absences"),
    TieBreak.FEWER_VIOLATIONS: N_("fewer violations"),
    TieBreak.FEWER_DEDUCTED_POINTS: N_("fewer points deducted"),
    TieBreak.MORE_COMMENDATIONS: N_("more commendations"),
}


def tie_summary(tie: QuotaTie) -> str:
    """“k places for n people at S points”, the tie in one phrase."""
    return _("{places} places of {grade} for {count} people at {score} points").format(
        places=tie.places, grade=tie.grade.name, count=len(tie.tied), score=format_number(tie.score))


def tie_state_text(tie: QuotaTie) -> str:
    """The tie and where it stands: pending (and why, when a decision no longer applies) or decided."""
    if tie.state is QuotaTieState.DECIDED:
        assert tie.decision is not None
        return _("{tie} — decided by the emulation council on {day} (minutes no. {minute})").format(
            tie=tie_summary(tie), day=format_date(tie.decision.meeting_date), minute=tie.decision.minute_number)
    text = _("{tie} — awaiting the emulation council's decision").format(tie=tie_summary(tie))
    if tie.stale is not None:
        text += " " + _("(the decision of {day}, minutes no. {minute}, no longer applies: the people tied or the "
                        "places left have changed since)").format(day=format_date(tie.stale.meeting_date),
                                                                 minute=tie.stale.minute_number)
    return text


def quota_line_text(ranking: Ranking) -> str:
    """What the quota line did, for a report: the tie and its state, the tie-break key that separated two
    people of equal score at the line, or nothing."""
    if ranking.quota_tie is not None:
        return tie_state_text(ranking.quota_tie)
    if ranking.quota_separated_by is not None:
        return _("At the quota line two people had equal scores; the plan's tie-break decided: {key}").format(
            key=_(TIE_BREAK_LABELS[ranking.quota_separated_by]))
    return ""


def tie_note(ranking: Ranking, result: StaffResult) -> str:
    """For one person of a tie at the quota line, what the tie means for them beside their grade: pending, the
    tie and that the council has still to decide; decided and kept, the decision that kept the grade (the
    demoted already have the decision in their grade change); for anyone else nothing."""
    tie = ranking.quota_tie
    if tie is None or result.staff.id not in tie.tied_ids:
        return ""
    if tie.decision is None:
        return tie_state_text(tie)
    if result.staff.id in tie.decision.chosen:
        return _("Keeps {grade} by the emulation council's decision of {day} (minutes no. {minute})").format(
            grade=tie.grade.name, day=format_date(tie.decision.meeting_date), minute=tie.decision.minute_number)
    return ""

