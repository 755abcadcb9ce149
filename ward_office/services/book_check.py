"""Whether a record book was changed behind the program's back, asked by ``check``, by opening a book in the
window and by a restore: the storage checks (storage/tamper.py) plus every locked period rescored.

A book that shows such a change opens to view only: nothing more is written to it until the head has looked
at what was found (the window's red strip says it) and restored a backup or accepted it.

Accepting (``accept_findings``: the head alone, with a reason) is the head's word, on the record, that the
book was compared with a backup and may be used again. In one transaction it makes the safeguards (triggers,
indexes) the migrations make again, never dropping a table or a row, and writes one change-log line
(storage/acceptance.py) naming the head, the reason and exactly what was accepted: the chain's break, the
objects made again, the locks and kept rankings without their line, and for each locked period whose
records no longer give its kept ranking, a digest of their fresh scoring. From then on a check:

- walks the chain from the latest acceptance line on, that line chained to the one stored before it, and
  finds any later change to the lines before it through the digest of them that line keeps;
- does not report a lock, a kept ranking or a table the acceptances named, while they stay as accepted;
- does not report a locked period whose fresh scoring still gives the accepted digest.

Anything else, and anything changed after the acceptance, is found as before.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ward_office.core.access import Account, Permission, require
from ward_office.core.errors import ReasonMissingError, WardOfficeError
from ward_office.i18n import N_, _
from ward_office.services.session import current_actor
from ward_office.services.ward import Ward
from ward_office.storage import DatabaseError, Store, check_integrity
from ward_office.storage.acceptance import write_acceptance
from ward_office.storage.database import read_only_connection
from ward_office.storage.log_chain import lines_digest
from ward_office.storage.tamper import FindingKind, TamperReport, check_book, repair_schema


def check_database(path: Path) -> list[str]:
    """SQLite's own check of the book's file (``PRAGMA integrity_check``): the problems found, in its words."""
    if not path.is_file():
        return [_("There is no database at {path}").format(path=path)]
    return check_integrity(path)


def check_for_tampering(path: Path) -> TamperReport:
    """The traces of changes made outside the program in the sound book at ``path`` (see ``verify_store``)."""
    try:
        ward = Ward.open(path, read_only=True)
    except DatabaseError:  # written by an older version: what can be checked before it is brought up to date
        with closing(read_only_connection(path)) as conn:
            return check_book(conn)
    with ward:
        return verify_store(ward.store)


class TamperedBookError(WardOfficeError):
    """Why a book that shows changes made outside the program is open to view only; ``report`` says what."""

    def __init__(self, report: TamperReport) -> None:
        super().__init__(N_("this record book was changed outside the program"))
        self.report = report


def open_checked_ward(path: Path, *, actor: str | None = None) -> Ward:
    """Open the book as ``Ward.open`` does, then look for changes made outside the program; a book showing
    any is opened again to view only, every write refused with a ``TamperedBookError``."""
    ward = Ward.open(path, actor=actor)
    report = verify_store(ward.store)
    if not report.found:
        return ward
    ward.close()
    return Ward.open(path, actor=actor, view_only_reason=TamperedBookError(report))


def verify_store(store: Store) -> TamperReport:
    """The change log's chain, the schema, the lock lines, and every locked period's kept ranking against a
    fresh scoring of its records: what ``check`` and opening a book in the window look for."""
    report = check_book(store.conn)
    if not any(record.is_locked for record in store.periods.list()):
        return report  # no kept ranking to score again: the scoring need not load (every book until its first lock)
    from ward_office.services.period_locks import changed_rankings  # scoring loads on first use, not at start

    return report.merged(changed_rankings(store))


# ---- The head's acceptance ----


@dataclass(frozen=True, slots=True)
class AcceptedFindings:
    """What ``accept_findings`` did: the findings accepted, the change-log line that says so, the safeguards
    made again; no line when nothing was found (and nothing written)."""

    report: TamperReport
    line: int | None = None
    recreated: tuple[str, ...] = ()

    def localized(self) -> str:
        if self.line is None:
            return _("The check found no change made outside the program: there is nothing to accept, and "
                     "nothing was written.")
        text = _("Accepted as change log line {line}: {count} finding(s); the record book can be used again.").format(
            line=self.line, count=len(self.report.findings))
        if self.recreated:
            text += " " + _("Safeguards made again: {names}.").format(names=", ".join(self.recreated))
        return text


def accept_findings(path: Path, account: Account | None, reason: str, *,
                    now: datetime | None = None) -> AcceptedFindings:
    """The head's acceptance of what the check finds in the book at ``path``, in one transaction: the
    safeguards made again and the change-log line written (see the module's docstring); the head alone
    (``account``; None: a book without accounts), with a ``reason``."""
    require(account, Permission.ACCEPT_FINDINGS)
    if not reason.strip():
        raise ReasonMissingError(N_("Say why the record book may be used again (what it was compared with)"))
    actor = (account.full_name or account.username) if account is not None else current_actor()
    # for writing despite the findings (that is what is being decided), and as it is, unprepared
    with Ward.open(path, actor=actor, must_exist=True, prepare=False) as ward:
        store = ward.store
        report = verify_store(store)
        if not report.found:
            return AcceptedFindings(report)
        conn = store.conn
        with store.atomic():
            repaired = repair_schema(conn)

            def evidence(kind: FindingKind) -> list[dict[str, object]]:
                return [dict(finding.evidence) for finding in report.findings
                        if finding.kind is kind and finding.evidence]

            detail = {"reason": reason.strip(), "findings": report.lines(), "chain": evidence(FindingKind.CHAIN),
                      **repaired, "locks": evidence(FindingKind.LOCK_UNLOGGED),
                      "snapshots": [item["snapshot_id"] for item in evidence(FindingKind.SNAPSHOT_UNLOGGED)],
                      "rankings": evidence(FindingKind.RANKING_CHANGED),
                      "lines_before": lines_digest(conn, store.change_log.last_id() + 1)}
            moment = (now or datetime.now().astimezone()).isoformat(timespec="seconds")
            line = write_acceptance(conn, moment, actor, detail)
            left = verify_store(store)
            if left.found:  # what no acceptance can settle (a table the program needs, altered): nothing kept
                raise TamperedBookError(left)
    return AcceptedFindings(report, line, tuple(repaired["recreated"]))
