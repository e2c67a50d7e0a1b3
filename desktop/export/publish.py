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
from pathlib import Path

from sqlalchemy import event, select
from sqlalchemy.orm import Session, SessionTransaction

from desktop.export import staging
from desktop.export.staging import STALE_AFTER_S, Sweep
from desktop.storage.models import Export

__all__ = ["STALE_AFTER_S", "Sweep", "publish_on_commit", "sweep_folder"]
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


def _recorded_sha256(session: Session, final: Path) -> str | None:
    rows = session.execute(select(Export.sha256).where(Export.path == str(final.resolve()))
                           .order_by(Export.id.desc()).limit(1)).scalars().all()
    return rows[0] if rows else None


def sweep_folder(session: Session, folder: Path, *, stale_after_s: float = STALE_AFTER_S) -> Sweep:
    """Completes recorded staged exports and deletes stale part files in folder and its page folders."""
    return staging.sweep(folder, lambda final: _recorded_sha256(session, final), stale_after_s=stale_after_s)
