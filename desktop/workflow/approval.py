"""An approval as exports show and check it, without the database: who approved, when, and the text's hash.

desktop.workflow.transitions reads the rows through the ORM, desktop.export.light with sqlite3; both
hand them here, so the approval line and the hash check an export relies on are written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from desktop.document import Document, content_hash
from desktop.errors import UserError, WorkflowRefused
from desktop.releases.content import (
    release_document,
    release_facts,
    release_participants,
    release_photos,
    revision_document,
)
from desktop.storage.audit_chain import as_utc


class Approver(Protocol):
    """The approving user as the approval line names them."""

    @property
    def full_name(self) -> str: ...
    @property
    def position(self) -> str: ...


@dataclass(frozen=True)
class ApprovalInfo:
    """Who approved a release and when, for the export's approval line."""

    approver_name: str
    approver_position: str
    approved_at: datetime
    self_approved: bool
    revision_id: int | None
    content_hash: str

    @property
    def line(self) -> str:
        """«Погоджено: <посада> <Ім'я ПРІЗВИЩЕ>, <дата>», with a self-approval marked."""
        line = format_approval_line(
            self.approver_position, official_name(self.approver_name), f"{local_date(self.approved_at):%d.%m.%Y}"
        )
        if self.self_approved:
            line += " (погоджено особою, яка готувала текст)"
        return line


def format_approval_line(position: str, name: str, date_text: str) -> str:
    """«Погоджено: <посада> <Ім'я ПРІЗВИЩЕ>, <дата>»; the date never wraps away from the name."""
    who = " ".join(part for part in (position, name) if part)
    return f"Погоджено: {who},\u00a0{date_text}"


def official_name(full_name: str) -> str:
    """«Юрій Тарасюк» → «Юрій ТАРАСЮК»: the given name and the surname in capitals, as documents sign."""
    words = full_name.split()
    if len(words) < 2:
        return full_name.strip().upper()
    return f"{words[0]} {words[-1].upper()}"


def local_date(moment: datetime) -> datetime:
    """A stored UTC time in Kyiv time (the office's), or UTC where no time-zone data is installed."""
    try:
        return as_utc(moment).astimezone(ZoneInfo("Europe/Kyiv"))
    except ZoneInfoNotFoundError:
        return as_utc(moment)


def approval_of(release: Any, approver: Approver | None) -> ApprovalInfo | None:
    """The approval a release carries (approver: the user release.approved_by names), or None."""
    if release.status != "approved" or release.approved_by is None or release.approved_at is None:
        return None
    return ApprovalInfo(
        approver_name=approver.full_name if approver else "",
        approver_position=approver.position if approver else "",
        approved_at=as_utc(release.approved_at),
        self_approved=bool(release.self_approved),
        revision_id=release.approved_revision_id,
        content_hash=release.approved_hash,
    )


def checked_approved_text(
    release: Any, revision: Any, witness: str | None
) -> tuple[Document, list[dict[str, Any]], dict[str, Any]]:
    """The approved revision's text, participants and facts, after re-checking every hash that binds them.

    `revision` is the row release.approved_revision_id names (None when missing); `witness` the content
    hash of the release's newest sealed «approve» audit row, the witness no table edit can rewrite unnoticed.
    """
    if release.status != "approved" or not release.approved_revision_id:
        raise WorkflowRefused("Експортувати можна лише погоджений реліз.")
    if revision is None or revision.release_id != release.id:
        raise UserError(f"Погодженої редакції релізу №{release.id} немає в базі. Експорт заборонено.")
    document = revision_document(revision)
    participants, facts = release_participants(revision), release_facts(revision)
    actual = content_hash(document, participants, facts, release_photos(revision))
    current = content_hash(
        release_document(release), release_participants(release), release_facts(release), release_photos(release)
    )
    if not (actual == revision.content_hash == release.approved_hash == current == witness):
        raise UserError(
            f"Текст релізу №{release.id} не збігається з погодженим (відбиток змінився після погодження). "
            "Експорт заборонено; перевірте журнал аудиту."
        )
    return document, participants, facts
