"""Export files and their database records commit together, or neither does.

An export is written under a staged name (`.<name>.part`), recorded (the Export row and its audit
row), and given its real name only once that transaction has committed; a rolled-back transaction
deletes the staged file. A process killed on the way leaves either a staged file with no record
(deleted by the next sweep) or a recorded one not yet renamed (renamed by the next sweep): never a
file under its real name that the database does not know.
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event, select
from sqlalchemy.orm import Session, SessionTransaction

from desktop.export.files import part_files, sha256_file, staged_target
from desktop.storage.models import Export

# A part file younger than this may belong to an export still running on another workstation that
# shares the folder; older ones are left-overs. Recorded staged files are completed at any age.
STALE_AFTER_S = 60.0
_PENDING = "export_staged_files"


def publish_on_commit(session: Session, staged: Path, final: Path) -> None:
    """Renames staged to final once the session's transaction commits; deletes it if it rolls back."""
    session.info.setdefault(_PENDING, []).append((staged, final))


@event.listens_for(Session, "after_commit")
def _publish(session: Session) -> None:
    if session.in_nested_transaction():
        return
    for staged, final in session.info.pop(_PENDING, []):
        with contextlib.suppress(OSError):  # else the next sweep completes it: the record is there
            os.replace(staged, final)


@event.listens_for(Session, "after_transaction_end")
def _discard(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is not None:
        return
    for staged, _final in session.info.pop(_PENDING, []):  # not committed: nothing was recorded
        with contextlib.suppress(OSError):
            staged.unlink()


@dataclass(frozen=True)
class Sweep:
    """What a sweep did: recorded exports given their names, left-over part files deleted."""

    completed: int = 0
    removed: int = 0


def _recorded(session: Session, final: Path, digest: str) -> bool:
    rows = session.execute(select(Export.sha256).where(Export.path == str(final.resolve()))
                           .order_by(Export.id.desc()).limit(1)).scalars().all()
    return bool(rows) and rows[0] == digest


def sweep_folder(session: Session, folder: Path, *, stale_after_s: float = STALE_AFTER_S) -> Sweep:
    """Completes recorded staged exports and deletes stale part files in folder and its page folders."""
    completed = removed = 0
    folders = [folder]
    with contextlib.suppress(OSError):
        folders += [path for path in folder.iterdir() if path.is_dir() and not path.name.startswith(".")]
    now = time.time()
    for where in folders:
        for part in part_files(where):
            final = staged_target(part)
            try:
                if final is not None and _recorded(session, final, sha256_file(part)):
                    os.replace(part, final)
                    completed += 1
                elif now - part.stat().st_mtime >= stale_after_s:
                    part.unlink()
                    removed += 1
            except OSError:
                continue  # another process got there first, or the folder is read-only
    return Sweep(completed, removed)
