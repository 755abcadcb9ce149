"""Drafts of the commendation papers after the review meeting: the submission (tờ trình đề nghị khen thưởng)
and the decision (quyết định khen thưởng), in the NĐ 30/2020 frame, for the head to edit and sign.

Both name the people on the commendation list the head decided (``services.reviews``), the form of award
and the legal bases ("Căn cứ …" lines) as edited, or as the program proposes them; the list itself is an
appendix table. The document number and date of signing are left for the office to write in.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak

from ward_office.core.review import ProposalList, Section
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, period_label
from ward_office.reports.document import (
    ReportDocument,
    Signature,
    agency_lines,
    document_title,
    head_signature,
    letterhead,
    paragraph,
    signature_row,
)
from ward_office.reports.review_data import ReviewPapers
from ward_office.reports.review_report import people_table, section_text

PROPOSAL_TITLE = N_("SUBMISSION")
DECISION_TITLE = N_("DECISION")


def _committee(papers: ReviewPapers) -> str:
    """"Ủy ban nhân dân phường Tân An", as the ward is named."""
    return " ".join(papers.scored.unit.name.split())


def _achievement(papers: ReviewPapers) -> str:
    ranking = papers.ranking
    return _("“{plan}”, {period}").format(plan=ranking.plan.name, period=period_label(ranking.period))


def _bases(papers: ReviewPapers) -> Iterator[Flowable]:
    for line in section_text(papers, Section.BASES).splitlines():
        if line.strip():
            yield paragraph(line.strip(), italic=True, first_line_indent=10 * mm, space_after=3)


def _list_appendix(papers: ReviewPapers, width: float, title: str, attached: str) -> Iterator[Flowable]:
    people = papers.lists[ProposalList.COMMENDATION]
    if not people:
        return
    yield PageBreak()
    yield paragraph(title, bold=True, align="centre", space_after=2)
    yield paragraph(attached, italic=True, align="centre")
    yield people_table(papers, people, width)


def write_proposal(out: str | Path | BinaryIO, papers: ReviewPapers, *, day: date) -> int:
    document = ReportDocument(out, title=_(PROPOSAL_TITLE), author=papers.scored.unit.name)
    return document.build(proposal_story(papers, day, document.width))


def proposal_story(papers: ReviewPapers, day: date, width: float) -> Iterator[Flowable]:
    unit = papers.scored.unit
    people = papers.lists[ProposalList.COMMENDATION]
    award = section_text(papers, Section.AWARD)
    yield letterhead(unit, day, symbol="TTr-UBND")
    yield from document_title(_(PROPOSAL_TITLE), _("On proposing commendations for {achievement}").format(
        achievement=_achievement(papers)), status=papers.status)
    yield paragraph(_("To: the Chairman of the {committee}.").format(committee=_committee(papers)), align="centre")
    yield from _bases(papers)
    meeting = papers.notes.meeting
    held = (_(" at the review meeting of {day}").format(day=format_date(meeting.day, "long"))
            if meeting.day is not None else "")
    yield paragraph(_("From the emulation scores and the review{held}, the ward Emulation and Commendation Council "
                      "proposes that the Chairman of the {committee} award the {award} to {count} people for "
                      "outstanding results in {achievement} (list attached).").format(
                          held=held, committee=_committee(papers), award=award, count=len(people),
                          achievement=_achievement(papers)) if people else
                    _("From the emulation scores and the review{held}, nobody is proposed for commendation.").format(
                        held=held), first_line_indent=10 * mm)
    yield paragraph(_("Respectfully submitted to the Chairman of the {committee} for consideration and "
                      "decision./.").format(committee=_committee(papers)), first_line_indent=10 * mm)
    council = Signature((_("ON BEHALF OF THE EMULATION AND COMMENDATION COUNCIL").upper(), _("CHAIRMAN").upper()),
                        unit.head_name)
    yield KeepTogether([signature_row([council], recipients_list=[_("As above;")])])
    yield from _list_appendix(papers, width, _("LIST OF PEOPLE PROPOSED FOR COMMENDATION"),
                              _("(Attached to Submission No. …/TTr-UBND)"))


def write_decision(out: str | Path | BinaryIO, papers: ReviewPapers, *, day: date) -> int:
    document = ReportDocument(out, title=_(DECISION_TITLE), author=papers.scored.unit.name)
    return document.build(decision_story(papers, day, document.width))


def decision_story(papers: ReviewPapers, day: date, width: float) -> Iterator[Flowable]:
    unit = papers.scored.unit
    people = papers.lists[ProposalList.COMMENDATION]
    award = section_text(papers, Section.AWARD)
    yield letterhead(unit, day, symbol="QĐ-UBND")
    yield from document_title(_(DECISION_TITLE), _("On commendations for {achievement}").format(
        achievement=_achievement(papers)), status=papers.status)
    yield paragraph(_("CHAIRMAN OF THE {committee}").format(committee=" ".join(agency_lines(unit))).upper(),
                    bold=True, align="centre")
    yield from _bases(papers)
    yield paragraph(_("DECIDES:"), bold=True, align="centre")
    article_1 = (_("Article 1. To award the {award} to {count} people for outstanding results in {achievement} "
                   "(list attached).").format(award=award, count=len(people), achievement=_achievement(papers))
                 if people else _("Article 1. Nobody is commended for {achievement}.").format(
                     achievement=_achievement(papers)))
    yield paragraph(article_1, first_line_indent=10 * mm)
    yield paragraph(_("Article 2. The reward is paid under the rules in force."), first_line_indent=10 * mm)
    yield paragraph(_("Article 3. The Chief of the Office of the People's Council and People's Committee, the heads "
                      "of the departments concerned and the people named in Article 1 carry out this Decision./."),
                    first_line_indent=10 * mm)
    yield KeepTogether([signature_row([head_signature(unit)], recipients_list=[_("As in Article 3;")])])
    yield from _list_appendix(papers, width, _("LIST OF PEOPLE COMMENDED"),
                              _("(Attached to Decision No. …/QĐ-UBND)"))
