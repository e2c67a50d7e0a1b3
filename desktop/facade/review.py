"""The part of the GUI's facade for review: workflow moves, revisions, diffs, comments and the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.facade.base import FacadeBase
from desktop.storage.audit import as_utc


@dataclass(frozen=True)
class RevisionInfo:
    """One saved revision of a release, as the diff view lists it."""

    id: int
    number: int
    author_name: str
    created_at: datetime
    kind: str
    content_hash: str
    note: str = ""


@dataclass(frozen=True)
class DiffResult:
    """A word-level diff between two texts of a release: a list of (op, text), op in equal/insert/delete."""

    from_number: int | None  # None: nothing seen yet, the whole text counts as new
    to_number: int | None  # None: the current text, which an autosave may have made newer
    chunks: list[tuple[str, str]]

    @property
    def changed(self) -> bool:
        return any(op != "equal" for op, _ in self.chunks)


@dataclass(frozen=True)
class CommentInfo:
    """One comment of a release's thread, optionally anchored to a passage of the text."""

    id: int
    parent_id: int | None
    author_name: str
    created_at: datetime
    text: str
    anchor_start: int | None
    anchor_end: int | None
    anchor_text: str
    resolved: bool
    revision_number: int | None = None

    @property
    def anchored(self) -> bool:
        return self.anchor_start is not None and self.anchor_end is not None


@dataclass(frozen=True)
class WorkflowState:
    """Where a release stands for this user: its state, its version and the actions the core allows."""

    status: str
    version: int
    allowed: frozenset[str]


@dataclass(frozen=True)
class ReturnNote:
    """Why a release came back to its author: the supervisor's whole comment, who wrote it and when."""

    release_id: int
    returned_by: str
    returned_at: datetime
    comment: str


@dataclass(frozen=True)
class AuditRow:
    """One row of the audit log, for the administrator's view."""

    id: int
    created_at: datetime
    user_login: str
    action: str
    release_id: int | None
    revision_id: int | None
    content_hash: str
    row_hash: str
    detail: str
    revision_number: int | None = None


class ReviewFacade(FacadeBase):
    """Submitting, approving, returning, archiving; revisions, diffs, comments; the audit log."""

    # Workflow moves (desktop.workflow); every refusal is a Ukrainian UserError from the core.

    def submit(self, release_id: int) -> None:
        """Sends a draft or a returned release for approval."""
        from desktop.workflow import transitions

        with self.database.session() as session:
            transitions.submit(session, self._attached(session), release_id)

    def approve(self, release_id: int, comment: str = "") -> None:
        """Approves the current revision (the core refuses a self-approval unless allowed)."""
        from desktop.workflow import transitions

        with self.database.session() as session:
            transitions.approve(session, self._attached(session), release_id, comment=comment)

    def return_release(self, release_id: int, comment: str) -> None:
        """Returns a release under review to its author; the comment is required."""
        from desktop.workflow import transitions

        with self.database.session() as session:
            transitions.return_release(session, self._attached(session), release_id, comment)

    def archive(self, release_id: int) -> None:
        """Moves a release into the archive."""
        from desktop.workflow import transitions

        with self.database.session() as session:
            transitions.archive(session, self._attached(session), release_id)

    def restore(self, release_id: int) -> None:
        """Brings an archived release back to the state it had."""
        from desktop.workflow import transitions

        with self.database.session() as session:
            transitions.restore(session, self._attached(session), release_id)

    def allowed_actions(self, release_id: int) -> set[str]:
        """What the user may do to the release now; empty if it is gone."""
        from desktop.errors import NotFound
        from desktop.releases import revisions as releases
        from desktop.workflow import transitions

        with self.database.session() as session:
            try:
                release = releases.get_release(session, release_id)
            except NotFound:
                return set()
            return transitions.allowed_actions(session, self._attached(session), release)

    def return_notes(self, release_ids: list[int]) -> dict[int, ReturnNote]:
        """The latest return of each of these releases that is now «returned»: who, when, the whole comment."""
        from sqlalchemy import func, select

        from desktop import accounts
        from desktop.storage.models import Release, WorkflowEvent

        if not release_ids:
            return {}
        with self.database.session() as session:
            latest = (
                select(func.max(WorkflowEvent.id))
                .join(Release, Release.id == WorkflowEvent.release_id)
                .where(
                    WorkflowEvent.release_id.in_(release_ids),
                    WorkflowEvent.action == "return",
                    Release.status == "returned",
                )
                .group_by(WorkflowEvent.release_id)
            )
            events = list(session.execute(select(WorkflowEvent).where(WorkflowEvent.id.in_(latest))).scalars())
            names = accounts.full_names(session, {event.user_id for event in events})
            return {
                event.release_id: ReturnNote(
                    event.release_id, names.get(event.user_id, ""), as_utc(event.created_at), event.comment
                )
                for event in events
            }

    def workflow_state(self, release_id: int) -> WorkflowState:
        """The release's state, version and what this user may do to it now, in one look."""
        from desktop.errors import NotFound
        from desktop.releases import revisions as releases
        from desktop.workflow import transitions

        with self.database.session() as session:
            try:
                release = releases.get_release(session, release_id)
            except NotFound:
                return WorkflowState("", 0, frozenset())
            allowed = transitions.allowed_actions(session, self._attached(session), release)
            return WorkflowState(release.status, release.version, frozenset(allowed))

    def approval_line(self, release_id: int) -> str | None:
        """«Погоджено: …, 20.04.2023» (self-approval marked) for an approved release, else None."""
        from desktop.releases import revisions as releases
        from desktop.workflow import transitions

        with self.database.session() as session:
            info = transitions.approval_info(releases.get_release(session, release_id), session)
            return info.line if info else None

    # Revisions and the word-level diff.

    def revisions(self, release_id: int) -> list[RevisionInfo]:
        """Every revision of the release, oldest first, with its author's name."""
        from desktop import accounts
        from desktop.releases import revisions as releases

        with self.database.session() as session:
            rows = releases.revisions(session, release_id)
            names = accounts.full_names(session, {row.author_id for row in rows})
            return [
                RevisionInfo(
                    row.id, row.number, names.get(row.author_id, ""), as_utc(row.created_at), row.kind,
                    row.content_hash, row.note,
                )
                for row in rows
            ]

    def last_seen_revision(self, release_id: int) -> int | None:
        """The number of the revision this user last looked at, or None."""
        from desktop.workflow import textdiff

        with self.database.session() as session:
            return textdiff.last_seen_revision(session, self._attached(session), release_id)

    def diff(
        self, release_id: int, from_rev: int | None = None, to_rev: int | None = None, *, from_empty: bool = False
    ) -> DiffResult:
        """Word-level diff; from_rev None means the revision last seen (or an empty text with from_empty),
        to_rev None the current text."""
        from desktop.workflow import textdiff

        with self.database.session() as session:
            if from_rev is None and not from_empty:
                from_rev = textdiff.last_seen_revision(session, self._attached(session), release_id)
            pieces = textdiff.diff_revisions(session, release_id, from_rev, to_rev)
            return DiffResult(from_rev, to_rev, [(piece.op, piece.text) for piece in pieces])

    def mark_seen(self, release_id: int, revision_number: int | None = None) -> None:
        """Remembers that the user has seen the release up to this revision (the newest by default)."""
        from desktop.workflow import textdiff

        with self.database.session() as session:
            textdiff.mark_seen(session, self._attached(session), release_id, revision_number)

    # Comments.

    def comments(self, release_id: int) -> list[CommentInfo]:
        """The release's comments, oldest first; replies carry their parent's id."""
        from desktop import accounts
        from desktop.workflow import comments

        with self.database.session() as session:
            rows = comments.list_comments(session, release_id)
            names = accounts.full_names(session, {row.user_id for row in rows})
            numbers = _revision_numbers(session, {row.revision_id for row in rows if row.revision_id})
            return [
                CommentInfo(
                    row.id, row.parent_id, names.get(row.user_id, ""), as_utc(row.created_at), row.text,
                    row.anchor_start, row.anchor_end, row.anchor_text or "", bool(row.resolved),
                    numbers.get(row.revision_id) if row.revision_id else None,
                )
                for row in rows
            ]

    def add_comment(
        self,
        release_id: int,
        text: str,
        anchor: tuple[int, int, str] | None = None,
        parent_id: int | None = None,
    ) -> int:
        """Adds a comment (a reply when parent_id is given); returns its id."""
        from desktop.workflow import comments

        with self.database.session() as session:
            comment = comments.add_comment(
                session, self._attached(session), release_id, text, anchor=anchor, parent_id=parent_id
            )
            session.flush()
            return int(comment.id)

    def resolve_comment(self, comment_id: int, resolved: bool = True) -> None:
        """Marks a comment resolved, or reopens it."""
        from desktop.workflow import comments

        with self.database.session() as session:
            comments.resolve_comment(session, self._attached(session), comment_id, resolved=resolved)

    # The audit log (administrators).

    def audit_rows(self, limit: int = 500) -> list[AuditRow]:
        """The newest audit rows first."""
        from desktop.accounts import require_role
        from desktop.storage import audit

        with self.database.session() as session:
            require_role(self._attached(session), "admin")
            rows = audit.recent(session, limit)
            numbers = _revision_numbers(session, {row.revision_id for row in rows if row.revision_id})
            return [
                AuditRow(
                    row.id, as_utc(row.created_at), row.user_login, row.action, row.release_id,
                    row.revision_id, row.content_hash, row.row_hash, row.detail, numbers.get(row.revision_id or 0),
                )
                for row in rows
            ]

    def verify_audit(self) -> Any:
        """Walks the whole chain; returns the core's ChainReport (ok, rows, broken_id, reason)."""
        from desktop.accounts import require_role
        from desktop.storage import audit

        with self.database.session() as session:
            require_role(self._attached(session), "admin")
            return audit.verify_chain(session)


def _revision_numbers(session: Any, revision_ids: set[int]) -> dict[int, int]:
    from sqlalchemy import select

    from desktop.storage.models import Revision

    if not revision_ids:
        return {}
    rows = session.execute(select(Revision.id, Revision.number).where(Revision.id.in_(revision_ids)))
    return {row[0]: row[1] for row in rows}
