"""Backups as the office sees them: one a day without asking, one before anything that rewrites much
(a migration, a restore, an import), one on demand to any folder (a USB stick), and a restore that keeps
the current content as a backup first. The file work itself is ``storage.backup``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ward_office.core.access import Account, Permission, require
from ward_office.core.errors import NotFoundError, WardOfficeError
from ward_office.i18n import N_, _
from ward_office.i18n.formatting import format_date, format_datetime, format_time
from ward_office.services.book_check import check_for_tampering
from ward_office.services.session import current_actor
from ward_office.services.ward import Ward
from ward_office.storage import DatabaseError
from ward_office.storage.backup import (
    BackupFile,
    BackupReason,
    RetentionPolicy,
    backup_folder,
    copy_damaged_file,
    create_backup,
    find_backups,
    prune_backups,
    restore,
    verify_backup,
)
from ward_office.storage.backup import newest_good_backup as _newest_good_backup
from ward_office.storage.database import DamagedDatabaseError, check_integrity, is_sqlite_file
from ward_office.storage.tamper import TamperReport

__all__ = [
    "REASON_LABELS",
    "BackupFile",
    "BackupInfo",
    "BackupReason",
    "DamagedDatabaseError",
    "RestoreSummary",
    "TamperedBackupError",
    "automatic_backup",
    "back_up_now",
    "backup_folder",
    "damage_report",
    "list_backups",
    "newest_good_backup",
    "restore_backup",
    "restore_unopenable_book",
]

REASON_LABELS = {
    BackupReason.MANUAL: N_("made by hand"),
    BackupReason.DAILY: N_("daily"),
    BackupReason.MIGRATION: N_("before an update"),
    BackupReason.RESTORE: N_("before a restore"),
    BackupReason.IMPORT: N_("before an import"),
    BackupReason.DAMAGED: N_("damaged file kept"),
}


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """A backup as listed for the user: when, how big, why, and whether it passes the check."""

    path: Path
    taken_at: datetime
    size: int
    reason: BackupReason | None
    ok: bool

    @property
    def reason_label(self) -> str:
        return _(REASON_LABELS[self.reason]) if self.reason else ""

    @property
    def when(self) -> str:
        return format_datetime(self.taken_at)


@dataclass(frozen=True, slots=True)
class RestoreSummary:
    restored: Path
    kept: BackupFile | None  # the content before the restore, kept as a backup

    def localized(self) -> str:
        text = _("The record book now holds the content of the backup {file}.").format(file=self.restored.name)
        if self.kept is not None:
            text += " " + _("The content before the restore was kept as {file}.").format(file=self.kept.path.name)
        return text


def back_up_now(db_path: Path, folder: Path | None = None, *, now: datetime | None = None) -> BackupFile:
    """A verified backup of the book in ``folder`` (default: the ``sao-luu`` folder beside it)."""
    db_path = Path(db_path)
    _require_file(db_path)
    target = Path(folder) if folder is not None else backup_folder(db_path)
    backup = create_backup(db_path, target, stem=db_path.stem, reason=BackupReason.MANUAL, now=now)
    if folder is None:
        prune_backups(target, db_path.stem, now=now)
    return backup


def automatic_backup(db_path: Path, reason: BackupReason, *, now: datetime | None = None,
                     policy: RetentionPolicy | None = None) -> BackupFile | None:
    """The backups nobody asks for: ``DAILY`` only if none was made today, any other reason always.

    Old ones are thinned by ``policy`` afterwards. Returns None when nothing was needed.
    """
    db_path = Path(db_path)
    if not db_path.is_file():
        return None
    now = now or datetime.now()
    folder = backup_folder(db_path)
    if reason is BackupReason.DAILY and any(backup.taken_at.date() == now.date()
                                            for backup in find_backups(folder, db_path.stem)):
        return None
    backup = create_backup(db_path, folder, stem=db_path.stem, reason=reason, now=now)
    prune_backups(folder, db_path.stem, policy, now)
    return backup


def list_backups(db_path: Path, folder: Path | None = None, *, verify: bool = True) -> list[BackupInfo]:
    """The book's backups, newest first; ``ok`` comes from SQLite's quick check of each file."""
    db_path = Path(db_path)
    return [BackupInfo(backup.path, backup.taken_at, backup.size, backup.reason,
                       backup.reason is not BackupReason.DAMAGED and (not verify or not verify_backup(backup.path,
                                                                                                      quick=True)))
            for backup in find_backups(folder or backup_folder(db_path), db_path.stem)]


def newest_good_backup(db_path: Path) -> BackupFile | None:
    return _newest_good_backup(Path(db_path))


class TamperedBackupError(WardOfficeError):
    """The backup shows changes made outside the program; restored only when the head accepts them."""

    def __init__(self, file: Path, report: TamperReport) -> None:
        super().__init__(N_("The backup {file} was changed outside the program, so it was not restored"),
                         file=file.name)
        self.file = file
        self.report = report

    def localized(self) -> str:
        return "\n".join([super().localized(), *(f"- {line}" for line in self.report.lines()), *(
            [_("Changes recorded from change log line {line} on cannot be trusted.").format(
                line=self.report.since_line)] if self.report.since_line is not None else [])])


def restore_backup(ward: Ward, file: Path, *, now: datetime | None = None,
                   accept_tampered: bool = False) -> RestoreSummary:
    """Put the content of the backup ``file`` into the open book, keeping the current content as a backup
    first; the signed-in account must be allowed to restore.

    The backup is checked before anything is written; the restore is logged in the restored book. A backup
    changed outside the program (``book_check.check_for_tampering``) raises ``TamperedBackupError`` unless
    ``accept_tampered``: the head saw what was found and restores it anyway, which the log line says.
    """
    ward.check_writable()
    ward.require(Permission.RESTORE_BACKUP)
    return _restore(ward.path, Path(file), ward.actor, now, accept_tampered)


def restore_unopenable_book(db_path: Path, file: Path, signer: Account | None, *, now: datetime | None = None,
                            accept_tampered: bool = False) -> RestoreSummary:
    """``restore_backup`` for a book no session can open (damaged, or missing): signed by ``signer``, a head
    of the backup (``command_sign_in.sign_in_to_backup``; None where neither has accounts), since the book's
    own accounts cannot be read."""
    require(signer, Permission.RESTORE_BACKUP)
    actor = current_actor() if signer is None else signer.full_name or signer.username
    return _restore(Path(db_path), Path(file), actor, now, accept_tampered)


def _restore(db_path: Path, file: Path, actor: str, now: datetime | None, accept_tampered: bool) -> RestoreSummary:
    if not file.is_file():
        raise NotFoundError(N_("There is no backup file at {path}"), path=str(file))
    problems = verify_backup(file)
    if problems:
        raise DatabaseError(N_("The backup {file} cannot be restored: {problem}"), file=file.name,
                            problem=problems[0])
    tampering = check_for_tampering(file)
    if tampering.found and not accept_tampered:
        raise TamperedBackupError(file, tampering)
    kept = None
    if db_path.is_file():
        if is_sqlite_file(db_path) and not check_integrity(db_path, quick=True):
            kept = create_backup(db_path, backup_folder(db_path), stem=db_path.stem, reason=BackupReason.RESTORE,
                                 now=now)
        else:
            kept = copy_damaged_file(db_path, backup_folder(db_path), now=now)
    detail: dict[str, object] = {"kept_as": kept.path.name if kept else None}
    if tampering.found:
        detail["accepted_tampering"] = tampering.lines()
    restore(file, db_path, actor=actor, detail=detail)
    return RestoreSummary(file, kept)


def damage_report(error: DamagedDatabaseError) -> str:
    """What to tell the user about a damaged book, in plain words, with the newest good backup if any."""
    lines = [_("The record book {file} is damaged: SQLite found {count} problem(s) in it. It was not opened, "
               "and nothing was written to it.").format(file=Path(error.path).name, count=len(error.problems))]
    backup = error.backup
    if isinstance(backup, BackupFile):
        lines.append(_("The newest good backup was made at {time} on {date} ({file}). Restoring it brings the "
                       "record book back as it was then; the damaged file is kept in the backup folder.").format(
            time=format_time(backup.taken_at.time()), date=format_date(backup.taken_at.date()),
            file=backup.path.name))
    else:
        lines.append(_("No good backup of this record book was found. Open another file, or a backup kept "
                       "elsewhere (on a USB stick)."))
    return "\n\n".join(lines)


def _require_file(db_path: Path) -> None:
    if not db_path.is_file():
        raise NotFoundError(N_("There is no database at {path}"), path=str(db_path))
