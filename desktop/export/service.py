"""Exporting an approved release to a file, recorded with its SHA-256, and checking a PDF against the database.

The rules live here for every caller (CLI and GUI alike): only the approved revision is exported,
after its content hash is recomputed; only an exporter exports; a file is written atomically and
never replaces an existing one unless the caller says so (after asking the user); every export
becomes an Export row and an audit row carrying the file's SHA-256.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from desktop import settings
from desktop.document import Document
from desktop.errors import Conflict, UserError
from desktop.export import layout, publish
from desktop.export.files import atomic_write, file_mode, safe_filename, set_mode, sha256_file, staged_path
from desktop.export.layout import ReleaseMeta
from desktop.language.dates import date_in_words
from desktop.paths import default_exports_dir
from desktop.releases import rules as release_rules
from desktop.releases.photos import export_photos
from desktop.releases.revisions import get_release, release_facts, release_photos, revision_document
from desktop.storage import audit
from desktop.storage.models import Export, Release, Revision, User
from desktop.workflow import transitions

FORMATS = ("docx", "pdf", "html", "txt", "telegram", "facebook", "package")
FORMAT_LABELS = {"docx": "DOCX", "pdf": "PDF", "html": "HTML", "txt": "TXT", "telegram": "Telegram",
                 "facebook": "Facebook", "package": "пакет для оприлюднення"}
# The file extension of each format; the social-network texts are plain text files.
EXTENSIONS = {"telegram": "txt", "facebook": "txt", "package": "zip"}
COPIES = layout.COPIES
AUDIT_ACTION = "export"
_HASH_KEYWORD = re.compile(r"sha256:([0-9a-f]{64})")


@dataclass(frozen=True)
class ExportRecord:
    """One written file: where, its SHA-256, the format and whether it carries a signature."""

    path: Path
    sha256: str
    format: str
    signed: bool
    release_id: int = 0
    export_id: int | None = None
    copy: str = layout.PUBLICATION

    def to_json(self) -> dict[str, Any]:
        return {
            "release_id": self.release_id,
            "export_id": self.export_id,
            "format": self.format,
            "signed": self.signed,
            "copy": self.copy,
            "path": str(self.path),
            "sha256": self.sha256,
        }


class ExportExists(Conflict):
    """The target file already exists; the caller asks the user and retries with overwrite=True."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"Файл «{path.name}» уже існує в теці «{path.parent}». Підтвердьте заміну.")
        self.path = path


def check_format(fmt: str, signed: bool = False) -> str:
    """The format in lower case, or a Ukrainian refusal; a signature goes only into a PDF."""
    value = fmt.strip().lower()
    if value not in FORMATS:
        raise UserError(f"Невідомий формат «{fmt}». Можливі: {', '.join(FORMATS)}.")
    if signed and value != "pdf":
        raise UserError("Електронний підпис можна додати лише до PDF.")
    return value


def check_copy(copy: str | None) -> str:
    """«publication» (the default) or «office», or a Ukrainian refusal."""
    value = (copy or layout.PUBLICATION).strip().lower()
    if value not in layout.COPIES:
        raise UserError(f"Невідомий вид примірника «{copy}». Можливі: {', '.join(layout.COPIES)}.")
    return value


def hashtags(session: Session) -> tuple[str, ...]:
    """The office's hashtags from settings, each with its «#»."""
    raw = settings.get(session, "export.hashtags")
    tags = [word.strip().lstrip("#") for word in raw.replace(",", " ").split()]
    return tuple(f"#{tag}" for tag in tags if tag)


# The page around the text.

def _release_day(release: Release) -> date:
    if release.event_date is not None:
        return release.event_date
    moment = release.approved_at or release.updated_at or datetime.now(UTC)
    return transitions.local_date(moment).date()


def date_line(session: Session, release: Release) -> str | None:
    """«20 квітня 2023 року, у Києві»: the event's date and place (the office's town when none)."""
    place = (release.place or str(release_facts(release).get("place", "")) or "").strip()
    place = place or settings.get(session, "organisation.place").strip()
    if release.event_date is None:
        return place or None
    words = date_in_words(release.event_date)
    return f"{words}, {place}" if place else words


def release_visa(session: Session, release: Release) -> layout.Visa | None:
    """The approval visa of the office copy: who approved, in what position, and when."""
    info = transitions.approval_info(release, session)
    if info is None:
        return None
    note = "погоджено особою, яка готувала текст" if info.self_approved else ""
    return layout.Visa(info.approver_position, transitions.official_name(info.approver_name),
                       f"{transitions.local_date(info.approved_at):%d.%m.%Y}", note)


def release_meta(
    session: Session, release: Release, content_hash: str, copy: str = layout.PUBLICATION
) -> ReleaseMeta:
    """Everything around the text, from the department's settings and the release's facts."""
    signature = settings.signature_lines(session)
    organisation = settings.get(session, "organisation.name").strip()
    logo_setting = settings.get(session, "organisation.logo").strip()
    logo = Path(logo_setting).expanduser() if logo_setting else None
    return ReleaseMeta(
        organisation=organisation,
        department=" ".join(signature) or organisation,
        signature_lines=tuple(signature),
        date_line=date_line(session, release),
        visa=release_visa(session, release),
        copy=check_copy(copy),
        logo_path=logo if logo is not None and logo.is_file() else None,
        content_hash=content_hash,
        event_date=release.event_date,
        hashtags=hashtags(session),
    )


# Where files go.

def export_folder(session: Session, out_dir: Path | str | None = None) -> Path:
    """The chosen folder, else the department's export folder, else exports/ beside the program."""
    if out_dir:
        return Path(out_dir).expanduser()
    configured = settings.get(session, "export.folder").strip()
    return Path(configured).expanduser() if configured else default_exports_dir()


def _approved_title(session: Session, release: Release) -> str:
    """The approved revision's headline (the release's own before any approval)."""
    approved = session.get(Revision, release.approved_revision_id) if release.approved_revision_id else None
    return release.title if approved is None else revision_document(approved).title


# What tells the files of one release apart: the copy, the signature, the channel.
FILE_SUFFIXES = {"office": "службовий", "signed": "підписаний", "telegram": "telegram", "facebook": "facebook"}


def target_path(
    session: Session, release: Release, fmt: str, out_dir: Path | str | None = None, *, title: str | None = None,
    signed: bool = False, copy: str = layout.PUBLICATION,
) -> Path:
    """`<folder>/YYYY-MM-DD-<slug>[-службовий][-підписаний].<ext>`, dated by the event (else by the approval).

    A signed PDF, an office copy and a channel text never take the name of the plain publication.
    `title` is the approved headline when the caller has already read it.
    """
    title = _approved_title(session, release) if title is None else title
    suffixes = [FILE_SUFFIXES[key] for key, wanted in
                (("office", copy == layout.OFFICE), ("signed", signed), (fmt, fmt in FILE_SUFFIXES)) if wanted]
    name = safe_filename(_release_day(release), title, EXTENSIONS.get(fmt, fmt), suffixes)
    path = export_folder(session, out_dir) / name
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


def _ensure_folder(folder: Path) -> None:
    if folder.is_dir():
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(
            f"Не вдалося створити теку «{folder}». Перевірте шлях і права доступу або оберіть іншу теку."
        ) from error


# Export.

def prepare_writer(fmt: str) -> None:
    """Loads what writing fmt needs (the PDF's reportlab, fonts and hyphenation) ahead of the export.

    For a caller with something slow to wait on meanwhile: the CLI runs it on a second thread while the
    password is checked (argon2 in C, the GIL released) and the database opens.
    """
    if fmt == "pdf":
        from desktop.export import hyphenation, pdf, pdf_fonts

        pdf.styles()
        pdf_fonts.register_fonts()
        hyphenation.hyphenate("підготовка")
    elif fmt == "docx":
        from desktop.export import docx  # noqa: F401 - imported for its import's sake


def _write(fmt: str, document: Document, meta: ReleaseMeta, path: Path, signer: Any, overwrite: bool,
           mode: int, final: Path) -> None:
    """Writes the file at path (the staged name of `final`, the name its contents may mention)."""
    # Imported per format: the GUI need not load reportlab and pyHanko to export a DOCX.
    if fmt == "docx":
        from desktop.export.docx import export_docx

        export_docx(document, meta, path, overwrite=overwrite)
    elif fmt == "pdf" and signer is not None:
        from desktop.export.signing import export_signed_pdf

        export_signed_pdf(document, meta, path, signer, overwrite=overwrite)
    elif fmt == "pdf":
        from desktop.export.pdf import export_pdf

        export_pdf(document, meta, path, overwrite=overwrite)
    elif fmt == "html" and meta.photos:
        from desktop.export.bundle import write_html_folder

        write_html_folder(document, meta, path, overwrite=overwrite)
    elif fmt == "html":
        from desktop.export.web import export_html

        atomic_write(path, export_html(document, meta), overwrite=overwrite)
    elif fmt in ("telegram", "facebook"):
        from desktop.export.channels import channel_text

        atomic_write(path, channel_text(document, meta, fmt), overwrite=overwrite)
    elif fmt == "package":
        from desktop.export.bundle import write_package

        write_package(document, meta, path, overwrite=overwrite, stem=final.stem)
    else:
        from desktop.export.web import export_text

        atomic_write(path, export_text(document, meta), overwrite=overwrite)
    # Files the office can share: 0644 (or the mode set in export.file_mode), not mkstemp's 0600.
    set_mode(path, mode)


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
    _ensure_folder(path.parent)
    if signer is not None and not signer.tsa_url:
        signer = _with_timestamps(session, signer)
    publish.sweep_folder(session, path.parent)  # what an export killed earlier left here (see publish.py)
    staged = staged_path(path)
    # Written under the staged name (replacing a left-over of our own), renamed after the commit.
    _write(fmt, document, meta, staged, signer, True, file_mode(settings.get(session, "export.file_mode")), path)
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
        detail=f"{FORMAT_LABELS[fmt]}{' з підписом' if signed else ''}, примірник {layout.COPY_LABELS[copy]}: "
        f"{path.name}, SHA-256 {digest}",
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
