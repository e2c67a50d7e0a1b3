"""The database tables, as SQLAlchemy 2 typed models."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from desktop.roles import role_set_of


def utcnow() -> datetime:
    """Aware UTC now; every timestamp in the database is UTC."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """The declarative base of every Visnyk table."""


class User(Base):
    """A person who logs in; roles are a space-separated subset of ROLES."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str] = mapped_column(String(300), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    roles: Mapped[str] = mapped_column(String(100), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    @property
    def role_set(self) -> frozenset[str]:
        return role_set_of(self.roles)


class Setting(Base):
    """One department setting, stored as text."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class GlossaryWord(Base):
    """A word the whole department accepts as correct (abbreviations, local names)."""

    __tablename__ = "glossary"

    id: Mapped[int] = mapped_column(primary_key=True)
    word: Mapped[str] = mapped_column(String(100), unique=True)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PersonalWord(Base):
    """A word one user accepts as correct."""

    __tablename__ = "personal_words"
    __table_args__ = (UniqueConstraint("user_id", "word"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    word: Mapped[str] = mapped_column(String(100))


class Official(Base):
    """A person in the officials directory; case forms are generated, hand corrections kept."""

    __tablename__ = "officials"

    id: Mapped[int] = mapped_column(primary_key=True)
    surname: Mapped[str] = mapped_column(String(100))
    given_name: Mapped[str] = mapped_column(String(100))
    patronymic: Mapped[str] = mapped_column(String(100), default="")
    gender: Mapped[str] = mapped_column(String(10), default="")
    position: Mapped[str] = mapped_column(String(500))
    short_position: Mapped[str] = mapped_column(String(300), default="")
    organization: Mapped[str] = mapped_column(String(500), default="")
    precedence: Mapped[int] = mapped_column(Integer, default=1000)
    phone: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Identity for re-imports: normalised surname + given name + patronymic + organisation.
    match_key: Mapped[str] = mapped_column(String(800), unique=True)
    # Lower-cased, apostrophe-folded text of every searchable field.
    search_text: Mapped[str] = mapped_column(Text, default="")
    forms_json: Mapped[str] = mapped_column(Text, default="{}")
    overrides_json: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class OfficialGroup(Base):
    """A collective participant, e.g. «голови територіальних громад Коростенського району»."""

    __tablename__ = "official_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(500), unique=True)
    precedence: Mapped[int] = mapped_column(Integer, default=1000)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    forms_json: Mapped[str] = mapped_column(Text, default="{}")
    overrides_json: Mapped[str] = mapped_column(Text, default="{}")


class Release(Base):
    """A press release: its current text, status and the approval it carries."""

    __tablename__ = "releases"
    __table_args__ = (
        Index("ix_releases_status_updated", "status", "updated_at"),
        Index("ix_releases_author_status", "author_id", "status"),
        Index("ix_releases_updated", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    template_key: Mapped[str] = mapped_column(String(100), default="blank")
    title: Mapped[str] = mapped_column(String(1000), default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    event_date: Mapped[date | None] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(300), default="")
    document_json: Mapped[str] = mapped_column(Text, default='{"blocks":[],"title":""}')
    participants_json: Mapped[str] = mapped_column(Text, default="[]")
    facts_json: Mapped[str] = mapped_column(Text, default="{}")
    # The photos in order: [{sha256, caption, credit, alt, ...}]; the images are PhotoFile rows (0004).
    photos_json: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    # Optimistic concurrency: every write bumps it; a writer with a stale version gets a conflict.
    version: Mapped[int] = mapped_column(Integer, default=1)
    current_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("revisions.id", use_alter=True, name="fk_releases_current_revision")
    )
    approved_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("revisions.id", use_alter=True, name="fk_releases_approved_revision")
    )
    approved_hash: Mapped[str] = mapped_column(String(64), default="")
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    self_approved: Mapped[bool] = mapped_column(Boolean, default=False)
    status_before_archive: Mapped[str] = mapped_column(String(20), default="")
    search_text: Mapped[str] = mapped_column(Text, default="")
    # Who last changed the current text (an autosave makes no revision); nobody approves their own edit.
    text_changed_by: Mapped[int | None] = mapped_column(Integer)


class Revision(Base):
    """A saved text of a release; never changed once written."""

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("release_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    kind: Mapped[str] = mapped_column(String(20), default="save")
    document_json: Mapped[str] = mapped_column(Text)
    participants_json: Mapped[str] = mapped_column(Text, default="[]")
    facts_json: Mapped[str] = mapped_column(Text, default="{}")
    photos_json: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    content_hash: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")


class PhotoFile(Base):
    """A photo's image as stored after its metadata was stripped, once per SHA-256; never changed.

    Revisions name their photos by sha256 in photos_json, so a photo belongs to a revision like its
    text, and one image shared by several revisions is stored once.
    """

    __tablename__ = "photo_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    format: Mapped[str] = mapped_column(String(10))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    byte_size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    thumbnail: Mapped[bytes] = mapped_column(LargeBinary)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class WorkflowEvent(Base):
    """A move of a release between workflow states."""

    __tablename__ = "workflow_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"), index=True)
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("revisions.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(30))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Comment(Base):
    """A comment on a release, optionally anchored to a passage of its text."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"), index=True)
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("revisions.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"))
    text: Mapped[str] = mapped_column(Text)
    anchor_start: Mapped[int | None] = mapped_column(Integer)
    anchor_end: Mapped[int | None] = mapped_column(Integer)
    anchor_text: Mapped[str] = mapped_column(Text, default="")
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReleaseView(Base):
    """The revision a user last saw of a release, for 'what changed since I looked'."""

    __tablename__ = "release_views"
    __table_args__ = (UniqueConstraint("user_id", "release_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"))
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id"))
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Export(Base):
    """A file written from an approved revision."""

    __tablename__ = "exports"

    id: Mapped[int] = mapped_column(primary_key=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("releases.id", ondelete="CASCADE"), index=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    format: Mapped[str] = mapped_column(String(20))
    signed: Mapped[bool] = mapped_column(Boolean, default=False)
    path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEntry(Base):
    """One append-only audit row; row_hash covers its fields and the previous row's hash."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    user_login: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(50))
    release_id: Mapped[int | None] = mapped_column(Integer)
    revision_id: Mapped[int | None] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    row_hash: Mapped[str] = mapped_column(String(64), unique=True)


def include_in_autogenerate(obj, name, type_, reflected, compare_to) -> bool:  # noqa: ANN001 - Alembic's hook
    """The full-text objects are dialect-specific and made by the migration, outside the models."""
    if type_ == "table" and name and name.startswith("releases_fts"):
        return False
    if type_ == "column" and name == "search_vector":  # PostgreSQL's stored tsvector (migration 0003)
        return False
    return not (type_ == "index" and name == "ix_releases_fulltext")
