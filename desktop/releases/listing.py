"""The release lists of the main window: inboxes with counts, full-text search, change detection."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    column,
    exists,
    false,
    func,
    literal_column,
    select,
    table,
    text,
    true,
)
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from desktop import settings
from desktop.accounts import has_role
from desktop.errors import UserError
from desktop.storage.audit import as_utc
from desktop.storage.models import Comment, Export, Release, User, WorkflowEvent

log = logging.getLogger(__name__)

INBOXES = ("my_drafts", "returned", "awaiting", "approved", "exported", "all", "archived")
NOTIFY_CHANNEL = "visnyk_releases"
_WORD = re.compile(r"[^\W_]+")
# Every spelling of the Ukrainian apostrophe, folded away so that «об'єднаної» finds «об’єднаної».
_APOSTROPHES = re.compile("['’ʼ`‘]")
# PostgreSQL's stored tsvector of title and search_text (migration 0003), GIN-indexed.
_PG_DOCUMENT = "releases.search_vector"


@dataclass(frozen=True)
class ReleaseRow:
    """One line of a release list."""

    id: int
    title: str
    status: str
    author_name: str
    updated_at: datetime
    event_date: date | None


def fold_for_search(value: str) -> str:
    """Lower-cased text without apostrophes: the form both the index and the query use."""
    return _APOSTROPHES.sub("", value.lower())


def search_terms(query: str) -> list[str]:
    """The words of a user's query, folded like the index; punctuation and operators are dropped."""
    return _WORD.findall(fold_for_search(query))


def fts5_query(terms: list[str]) -> str:
    """An FTS5 MATCH expression: every word as a quoted prefix, all required."""
    # Terms hold only letters and digits, yet quoting keeps words like AND, OR, NEAR literal.
    return " ".join('"' + term.replace('"', '""') + '"*' for term in terms)


def tsquery(terms: list[str]) -> str:
    """A PostgreSQL to_tsquery expression: every word as a prefix, all required."""
    return " & ".join(f"{term}:*" for term in terms)


_FTS = table("releases_fts", column("rowid"))


def _search_condition(session: Session, query: str) -> ColumnElement[bool] | None:
    terms = search_terms(query)
    if not terms:
        return None
    if session.get_bind().dialect.name == "postgresql":
        # A text clause stands in a WHERE as a boolean; SQLAlchemy's types don't say so.
        return text(f"{_PG_DOCUMENT} @@ to_tsquery('simple', :search_query)").bindparams(  # type: ignore[return-value]
            search_query=tsquery(terms)
        )
    matches: Select[Any] = (
        select(literal_column("rowid"))
        .select_from(text("releases_fts"))
        .where(text("releases_fts MATCH :search_query").bindparams(search_query=fts5_query(terms)))
    )
    return Release.id.in_(matches.scalar_subquery())


def _exported() -> ColumnElement[bool]:
    return exists(select(Export.id).where(Export.release_id == Release.id))


def _inbox_condition(session: Session, user: User, inbox: str) -> ColumnElement[bool]:
    if inbox == "my_drafts":
        return and_(Release.author_id == user.id, Release.status == "draft")
    if inbox == "returned":
        return and_(Release.author_id == user.id, Release.status == "returned")
    if inbox == "awaiting":
        if not has_role(user, "supervisor"):
            return false()
        if settings.get_bool(session, settings.SELF_APPROVAL_SETTING):
            return Release.status == "in_review"
        return and_(Release.status == "in_review", Release.author_id != user.id)
    if inbox == "approved":
        return Release.status == "approved"
    if inbox == "exported":
        return _exported()
    if inbox == "all":
        return Release.status != "archived"
    if inbox == "archived":
        return Release.status == "archived"
    raise UserError(f"Невідома скринька «{inbox}». Відомі: {', '.join(INBOXES)}.")


def _visible(user: User) -> ColumnElement[bool]:
    # The same rule as release_rules.can_read, as SQL.
    if user.role_set & {"author", "supervisor", "admin"}:
        return true()
    if has_role(user, "exporter"):
        return Release.status == "approved"
    return false()


def list_releases(
    session: Session,
    user: User,
    inbox: str = "all",
    search: str | None = None,
    status: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[ReleaseRow]:
    """One page of an inbox, newest first, optionally narrowed by a full-text search.

    The list is ordered by the last change; search results on SQLite by creation, newest first.
    """
    conditions = [_inbox_condition(session, user, inbox), _visible(user)]
    if status:
        conditions.append(Release.status == status)
    columns = (
        Release.id,
        Release.title,
        Release.status,
        User.full_name,
        Release.updated_at,
        Release.event_date,
    )
    terms = search_terms(search) if search else []
    if terms and session.get_bind().dialect.name == "sqlite":
        # The FTS table drives the loop in rowid order and stops at the first page; ordering its
        # matches by updated_at would make SQLite fetch and sort all of them (~200 ms at 100,000).
        statement = (
            select(*columns)
            .select_from(_FTS)
            .join(Release, Release.id == _FTS.c.rowid)
            .join(User, User.id == Release.author_id)
            .where(
                text("releases_fts MATCH :search_query").bindparams(search_query=fts5_query(terms)),
                *conditions,
            )
            .order_by(_FTS.c.rowid.desc())
        )
    else:
        condition = _search_condition(session, search or "") if terms else None
        if condition is not None:
            conditions.append(condition)
        statement = (
            select(*columns)
            .join(User, User.id == Release.author_id)
            .where(*conditions)
            .order_by(Release.updated_at.desc(), Release.id.desc())
        )
    statement = statement.limit(limit).offset(offset)
    return [
        ReleaseRow(row[0], row[1], row[2], row[3], as_utc(row[4]), row[5])
        for row in session.execute(statement)
    ]


def count_releases(session: Session, user: User, inbox: str = "all", search: str | None = None) -> int:
    """How many releases an inbox (and search) holds, for the list's status line."""
    conditions = [_inbox_condition(session, user, inbox), _visible(user)]
    if search:
        condition = _search_condition(session, search)
        if condition is not None:
            conditions.append(condition)
    statement = select(func.count()).select_from(Release).where(*conditions)
    return int(session.execute(statement).scalar_one())


def inbox_counts(session: Session, user: User) -> dict[str, int]:
    """Every inbox with the number of releases in it, for the sidebar (a few index-only counts)."""
    visible = _visible(user)
    by_status = dict(
        session.execute(select(Release.status, func.count()).where(visible).group_by(Release.status)).all()
    )
    mine = dict(
        session.execute(
            select(Release.status, func.count())
            .where(Release.author_id == user.id, visible)
            .group_by(Release.status)
        ).all()
    )
    awaiting = 0
    if has_role(user, "supervisor"):
        awaiting = by_status.get("in_review", 0)
        if not settings.get_bool(session, settings.SELF_APPROVAL_SETTING):
            awaiting -= mine.get("in_review", 0)
    exported = session.execute(
        select(func.count(func.distinct(Export.release_id)))
        .join(Release, Release.id == Export.release_id)
        .where(visible)
    ).scalar_one()
    return {
        "my_drafts": mine.get("draft", 0),
        "returned": mine.get("returned", 0),
        "awaiting": awaiting,
        "approved": by_status.get("approved", 0),
        "exported": int(exported),
        "all": sum(by_status.values()) - by_status.get("archived", 0),
        "archived": by_status.get("archived", 0),
    }


def change_marker(session: Session) -> str:
    """A cheap fingerprint of everything the lists show; a SQLite workstation polls it."""
    # Each part is read through an index or the primary key: a poll costs well under a millisecond.
    parts = [
        session.execute(select(func.max(Release.updated_at))).scalar_one(),
        session.execute(select(func.max(Release.id))).scalar_one(),
        session.execute(select(func.max(WorkflowEvent.id))).scalar_one(),
        session.execute(select(func.max(Comment.id))).scalar_one(),
        session.execute(select(func.max(Export.id))).scalar_one(),
    ]
    return "|".join("" if part is None else str(part) for part in parts)


class ChangeListener:
    """Listens on PostgreSQL for release changes in a background thread and calls back (no Qt here)."""

    def __init__(self, database_url: str, callback: Callable[[int | None], Any]) -> None:
        url = make_url(database_url).set(drivername="postgresql")
        self._conninfo = url.render_as_string(hide_password=False)
        self._callback = callback
        self._stop = threading.Event()
        self.ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="visnyk-listen", daemon=True)

    def start(self) -> ChangeListener:
        """Starts the listening thread; `ready` is set once LISTEN is in place."""
        self._thread.start()
        return self

    def stop(self, timeout: float = 3.0) -> None:
        """Ends the thread; the callback is not called afterwards."""
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True, connect_timeout=5) as connection:
                    connection.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    self.ready.set()
                    while not self._stop.is_set():
                        for note in connection.notifies(timeout=0.5):
                            if self._stop.is_set():
                                return
                            self._deliver(note.payload)
            except psycopg.OperationalError as error:
                # The server went away: a workstation keeps working and listens again when it returns.
                log.warning("LISTEN interrupted: %s", error)
                self._stop.wait(2.0)

    def _deliver(self, payload: str) -> None:
        try:
            self._callback(int(payload) if payload.isdigit() else None)
        except Exception:  # a faulty callback must not end the listening
            log.exception("release change callback failed")


def listen_for_changes(database_url: str, callback: Callable[[int | None], Any]) -> ChangeListener:
    """Starts listening for `NOTIFY visnyk_releases`; callback(release_id) runs in the listener thread."""
    return ChangeListener(database_url, callback).start()
