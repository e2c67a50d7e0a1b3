"""Exporting an approved release to a file, recorded with its SHA-256, and checking a PDF against the database.

The rules live here for every caller (CLI and GUI alike): only the approved revision is exported,
after its content hash is recomputed; only an exporter exports; a file is written atomically and
never replaces an existing one unless the caller says so (after asking the user); every export
becomes an Export row and an audit row carrying the file's SHA-256.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from desktop import settings
from desktop.document import Document
from desktop.export import layout, plan, publish
from desktop.export.files import file_mode, sha256_file, staged_path
from desktop.export.layout import ReleaseMeta
from desktop.releases import rules as release_rules
from desktop.releases.photos import export_photos
from desktop.releases.revisions import get_release, release_photos, revision_document
from desktop.storage import audit
from desktop.storage.models import Export, Release, Revision, User
from desktop.workflow import transitions

FORMATS = plan.FORMATS
FORMAT_LABELS = plan.FORMAT_LABELS
EXTENSIONS = plan.EXTENSIONS
COPIES = plan.COPIES
AUDIT_ACTION = plan.AUDIT_ACTION
FILE_SUFFIXES = plan.FILE_SUFFIXES
ExportRecord = plan.ExportRecord
ExportExists = plan.ExportExists
check_format = plan.check_format
check_copy = plan.check_copy
prepare_writer = plan.prepare_writer
_HASH_KEYWORD = re.compile(r"sha256:([0-9a-f]{64})")


def _setting(session: Session) -> plan.Setting:
    """The department's settings as plan's functions read them, one row at a time."""
    return lambda key: settings.get(session, key)


def hashtags(session: Session) -> tuple[str, ...]:
    """The office's hashtags from settings, each with its «#»."""
    return plan.hashtags(_setting(session))


# The page around the text.

def date_line(session: Session, release: Release) -> str | None:
    """«20 квітня 2023 року, у Києві»: the event's date and place (the office's town when none)."""
    return plan.date_line(_setting(session), release)


def release_visa(session: Session, release: Release) -> layout.Visa | None:
    """The approval visa of the office copy: who approved, in what position, and when."""
    return plan.release_visa(transitions.approval_info(release, session))


def release_meta(
    session: Session, release: Release, content_hash: str, copy: str = layout.PUBLICATION
) -> ReleaseMeta:
    """Everything around the text, from the department's settings and the release's facts."""
    return plan.release_meta(_setting(session), release, transitions.approval_info(release, session),
                             content_hash, copy)


# Where files go.

def export_folder(session: Session, out_dir: Path | str | None = None) -> Path:
    """The chosen folder, else the department's export folder, else exports/ beside the program."""
    return plan.export_folder(_setting(session), out_dir)


def _approved_title(session: Session, release: Release) -> str:
    """The approved revision's headline (the release's own before any approval)."""
    approved = session.get(Revision, release.approved_revision_id) if release.approved_revision_id else None
    return release.title if approved is None else revision_document(approved).title


def target_path(
    session: Session, release: Release, fmt: str, out_dir: Path | str | None = None, *, title: str | None = None,
    signed: bool = False, copy: str = layout.PUBLICATION,
) -> Path:
    """`<folder>/YYYY-MM-DD-<slug>[-службовий][-підписаний].<ext>` (plan.file_path); an HTML page with
    photos gets a folder for its images. `title` is the approved headline when the caller has already read it."""
    title = _approved_title(session, release) if title is None else title
    path = plan.file_path(_setting(session), release, fmt, out_dir, title, signed=signed, copy=copy)
    if fmt == "html" and _has_photos(session, release):
        from desktop.export.bundle import page_path

        path = page_path(path)  # the page gets a folder for its images
    return path


def _has_photos(session: Session, release: Release) -> bool:
    """Whether the approved revision (the release itself before any approval) has photos."""
    holder = session.get(Revision, release.approved_revision_id) if release.approved_revision_id else release
    return bool(release_photos(holder or release))


def planned_paths(
    session: Session, user: User, release_id: int, formats: list[str], out_dir: Path | str | None = None,
    *, signed: bool = False, copy: str = layout.PUBLICATION,
) -> list[Path]:
    """The files an export would write, so that a caller can ask before replacing any."""
    release = get_release(session, release_id)
    release_rules.check_export(user, release)
    copy = check_copy(copy)
    return [target_path(session, release, check_format(fmt), out_dir, signed=signed and fmt == "pdf", copy=copy)
            for fmt in formats]


def _with_timestamps(session: Session, signer: Any) -> Any:
    """The signer time-stamping at the office's TSA (PAdES B-T/B-LT), when one is set."""
    from desktop.export import trust

    url = settings.get(session, "export.tsa_url").strip()
    if not url:
        return signer
    return signer.with_timestamps(url, trust.trust_roots(settings.get(session, trust.SETTING)))


def export_release(
    session: Session,
    user: User,
    release_id: int,
    fmt: str,
    *,
    out_dir: Path | str | None = None,
    overwrite: bool = False,
    signer: Any = None,
    copy: str = layout.PUBLICATION,
) -> ExportRecord:
    """Writes the approved revision of a release in one format and records the export.

    `signer` is a loaded signing.Signer (load_signer), so one certificate may sign several files.
    `copy` is «publication» (no visa, the default) or «office» (the visa under the signature).
    """
    fmt = check_format(fmt, signed=signer is not None)
    copy = check_copy(copy)
    release = get_release(session, release_id)
    # The role and state first, then the audit chain, then the approved text.
    release_rules.check_export(user, release)
    # A forged row could carry a forged approval: nothing is exported from a log that does not hold.
    audit.require_sound_chain(session)
    # The approved text with its hash recomputed.
    document, _participants, _facts, revision = transitions.approved_document(session, release, user)
    signed = signer is not None
    path = target_path(session, release, fmt, out_dir, title=document.title, signed=signed, copy=copy)
    if path.exists() and not overwrite:
        raise ExportExists(path)
    # The approved revision's photos, each image checked against the SHA-256 its hash covers.
    meta = replace(release_meta(session, release, revision.content_hash, copy), photos=export_photos(session, revision))
    plan.ensure_folder(path.parent)
    if signer is not None and not signer.tsa_url:
        signer = _with_timestamps(session, signer)
    publish.sweep_folder(session, path.parent)  # what an export killed earlier left here (see publish.py)
    staged = staged_path(path)
    # Written under the staged name (replacing a left-over of our own), renamed after the commit.
    plan.write_file(fmt, document, meta, staged, signer, True, file_mode(settings.get(session, "export.file_mode")),
                    path)
    publish.publish_on_commit(session, staged, path)
    digest = sha256_file(staged)
    row = Export(
        release_id=release.id,
        revision_id=revision.id,
        user_id=user.id,
        format=fmt,
        signed=signed,
        path=str(path.resolve()),
        sha256=digest,
        content_hash=revision.content_hash,
    )
    session.add(row)
    session.flush()
    audit.append(
        session,
        user,
        AUDIT_ACTION,
        release_id=release.id,
        revision_id=revision.id,
        content_hash=revision.content_hash,
        detail=plan.audit_detail(fmt, signed, copy, path, digest),
    )
    return ExportRecord(path, digest, fmt, signed, release.id, row.id, copy)


def sweep_exports(session: Session, out_dir: Path | str | None = None) -> publish.Sweep:
    """At start and before each export: finishes recorded exports a kill interrupted, deletes stale parts."""
    folder = export_folder(session, out_dir)
    return publish.sweep_folder(session, folder) if folder.is_dir() else publish.Sweep()


def preview_document_meta(
    session: Session, user: User, release_id: int, document: Document | None = None
) -> tuple[Document, ReleaseMeta]:
    """The text (the given one, e.g. the editor's, or the current one) and its page, for a PDF preview."""
    release = get_release(session, release_id)
    release_rules.check_read(user, release)
    if document is None:
        document = Document.from_json(release.document_json)
    meta = release_meta(session, release, release.content_hash)
    return document, replace(meta, photos=export_photos(session, release))
