"""What an export is, without the database: its formats, the page around the text, the file's name, the writer.

desktop.export.service reads a release and the settings through the ORM, desktop.export.light with
sqlite3; both build the page, name the file, write it and word the audit row here, so the two give
the same file and the same record. `setting(key)` is a department setting's value (its default when
none is stored); `release` is the stored release row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from desktop.document import Document
from desktop.errors import Conflict, UserError
from desktop.export import layout
from desktop.export.files import atomic_write, safe_filename, set_mode
from desktop.export.layout import ReleaseMeta
from desktop.language.dates import date_in_words
from desktop.options import signature_lines
from desktop.paths import default_exports_dir
from desktop.releases.content import release_facts
from desktop.workflow.approval import ApprovalInfo, local_date, official_name

Setting = Callable[[str], str]

FORMATS = ("docx", "pdf", "html", "txt", "telegram", "facebook", "package")
FORMAT_LABELS = {"docx": "DOCX", "pdf": "PDF", "html": "HTML", "txt": "TXT", "telegram": "Telegram",
                 "facebook": "Facebook", "package": "пакет для оприлюднення"}
# The file extension of each format; the social-network texts are plain text files.
EXTENSIONS = {"telegram": "txt", "facebook": "txt", "package": "zip"}
COPIES = layout.COPIES
AUDIT_ACTION = "export"
# What tells the files of one release apart: the copy, the signature, the channel.
FILE_SUFFIXES = {"office": "службовий", "signed": "підписаний", "telegram": "telegram", "facebook": "facebook"}


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


# The page around the text.

def hashtags(setting: Setting) -> tuple[str, ...]:
    """The office's hashtags from settings, each with its «#»."""
    raw = setting("export.hashtags")
    tags = [word.strip().lstrip("#") for word in raw.replace(",", " ").split()]
    return tuple(f"#{tag}" for tag in tags if tag)


def release_day(release: Any) -> date:
    """The day a release's files are named by: the event's, else the approval's, else the last change's."""
    if release.event_date is not None:
        return release.event_date
    moment = release.approved_at or release.updated_at or datetime.now(UTC)
    return local_date(moment).date()


def date_line(setting: Setting, release: Any) -> str | None:
    """«20 квітня 2023 року, у Києві»: the event's date and place (the office's town when none)."""
    place = (release.place or str(release_facts(release).get("place", "")) or "").strip()
    place = place or setting("organisation.place").strip()
    if release.event_date is None:
        return place or None
    words = date_in_words(release.event_date)
    return f"{words}, {place}" if place else words


def release_visa(info: ApprovalInfo | None) -> layout.Visa | None:
    """The approval visa of the office copy: who approved, in what position, and when."""
    if info is None:
        return None
    note = "погоджено особою, яка готувала текст" if info.self_approved else ""
    return layout.Visa(info.approver_position, official_name(info.approver_name),
                       f"{local_date(info.approved_at):%d.%m.%Y}", note)


def release_meta(
    setting: Setting, release: Any, approval: ApprovalInfo | None, content_hash: str, copy: str = layout.PUBLICATION
) -> ReleaseMeta:
    """Everything around the text, from the department's settings and the release's facts."""
    signature = signature_lines(setting("department.signature"))
    organisation = setting("organisation.name").strip()
    logo_setting = setting("organisation.logo").strip()
    logo = Path(logo_setting).expanduser() if logo_setting else None
    return ReleaseMeta(
        organisation=organisation,
        department=" ".join(signature) or organisation,
        signature_lines=tuple(signature),
        date_line=date_line(setting, release),
        visa=release_visa(approval),
        copy=check_copy(copy),
        logo_path=logo if logo is not None and logo.is_file() else None,
        content_hash=content_hash,
        event_date=release.event_date,
        hashtags=hashtags(setting),
    )


# Where files go.

def export_folder(setting: Setting, out_dir: Path | str | None = None) -> Path:
    """The chosen folder, else the department's export folder, else exports/ beside the program."""
    if out_dir:
        return Path(out_dir).expanduser()
    configured = setting("export.folder").strip()
    return Path(configured).expanduser() if configured else default_exports_dir()


def file_path(
    setting: Setting, release: Any, fmt: str, out_dir: Path | str | None, title: str, *, signed: bool = False,
    copy: str = layout.PUBLICATION,
) -> Path:
    """`<folder>/YYYY-MM-DD-<slug>[-службовий][-підписаний].<ext>`, dated by the event (else by the approval).

    A signed PDF, an office copy and a channel text never take the name of the plain publication.
    `title` is the approved headline. (An HTML page with photos gets a folder: service.target_path.)
    """
    suffixes = [FILE_SUFFIXES[key] for key, wanted in
                (("office", copy == layout.OFFICE), ("signed", signed), (fmt, fmt in FILE_SUFFIXES)) if wanted]
    name = safe_filename(release_day(release), title, EXTENSIONS.get(fmt, fmt), suffixes)
    return export_folder(setting, out_dir) / name


def ensure_folder(folder: Path) -> None:
    """Makes the export folder, or refuses in one Ukrainian line."""
    if folder.is_dir():
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(
            f"Не вдалося створити теку «{folder}». Перевірте шлях і права доступу або оберіть іншу теку."
        ) from error


def audit_detail(fmt: str, signed: bool, copy: str, path: Path, digest: str) -> str:
    """The detail of an export's audit row: the format, the copy, the file's name and SHA-256."""
    return (f"{FORMAT_LABELS[fmt]}{' з підписом' if signed else ''}, примірник {layout.COPY_LABELS[copy]}: "
            f"{path.name}, SHA-256 {digest}")


# Writing.

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


def write_file(fmt: str, document: Document, meta: ReleaseMeta, path: Path, signer: Any, overwrite: bool,
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
