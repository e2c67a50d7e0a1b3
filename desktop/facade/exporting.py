"""The part of the GUI's facade that exports and verifies files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop import settings
from desktop.document import Document
from desktop.errors import UserError
from desktop.facade.base import FacadeBase


class PartialExport(UserError):
    """Files were written but something after failed (a later format, keeping the password); `records` lists them."""

    def __init__(self, message: str, records: list[Any]) -> None:
        super().__init__(message)
        self.records = records


@dataclass(frozen=True)
class ExportDefaults:
    """What the export dialog starts with: the folder, the certificate and whether its password is kept."""

    folder: Path
    certificate: str
    password_remembered: bool
    folder_configured: bool = False  # the department set export.folder (else the dialog offers Documents)


class ExportFacade(FacadeBase):
    """Exporting approved releases and verifying signed PDFs."""

    def export_defaults(self) -> ExportDefaults:
        from desktop.export import service
        from desktop.export.signing import stored_password

        with self.database.session() as session:
            folder = service.export_folder(session)
            certificate = settings.get(session, "export.certificate").strip()
            configured = bool(settings.get(session, "export.folder").strip())
        remembered = bool(certificate) and stored_password(Path(certificate)) is not None
        return ExportDefaults(folder, certificate, remembered, configured)

    def export_targets(
        self, release_id: int, formats: list[str], out_dir: Path | str | None = None, *,
        sign: bool = False, copy: str = "publication",
    ) -> list[Path]:
        """The files an export would write (to ask before replacing one)."""
        from desktop.export import service

        with self.database.session() as session:
            return service.planned_paths(session, self._attached(session), release_id, formats, out_dir,
                                         signed=sign, copy=copy)

    def export(
        self,
        release_id: int,
        formats: list[str],
        out_dir: Path | str | None = None,
        sign: bool = False,
        cert_path: Path | str | None = None,
        password: str | None = None,
        remember_password: bool = False,
        overwrite: bool = False,
        copy: str = "publication",
    ) -> list[Any]:
        """Exports the approved release in each format (the PDF signed when asked); returns ExportRecords."""
        from desktop.export import service, signing

        signer = None
        if sign:
            if "pdf" not in formats:
                raise UserError("Щоб підписати, виберіть формат PDF.")
            if not cert_path:
                raise UserError("Виберіть файл сертифіката (.p12), щоб підписати PDF.")
            certificate = Path(cert_path).expanduser()
            secret = password or signing.cert_password(certificate, env={}, ask=None)
            # The certificate is opened before anything is written: a wrong password leaves no file.
            signer = signing.load_signer(certificate, secret)
        records: list[Any] = []
        for fmt in formats:
            # One transaction a file: a file written is a file recorded, even if a later format fails.
            try:
                with self.database.session() as session:
                    records.append(service.export_release(
                        session, self._attached(session), release_id, fmt, out_dir=out_dir,
                        signer=signer if fmt == "pdf" else None, overwrite=overwrite, copy=copy,
                    ))
            except UserError as error:
                if not records:
                    raise
                written = ", ".join(record.path.name for record in records)
                raise PartialExport(f"{error} Уже збережено: {written}.", records) from error
        if sign and remember_password and password:
            # Only a password that has just opened the certificate is worth keeping.
            try:
                signing.remember_password(Path(cert_path).expanduser(), password)  # type: ignore[arg-type]
            except UserError as error:
                raise PartialExport(f"Файли збережено. {error}", records) from error
        return records

    def certificate_password_remembered(self, cert_path: Path | str) -> bool:
        """Whether the OS keyring holds a password for this certificate."""
        from desktop.export.signing import stored_password

        return bool(str(cert_path).strip()) and stored_password(Path(cert_path).expanduser()) is not None

    def forget_certificate_password(self, cert_path: Path | str) -> None:
        """Removes the certificate's password from the OS keyring («Забути пароль»)."""
        from desktop.export.signing import forget_password

        if str(cert_path).strip():
            forget_password(Path(cert_path).expanduser())

    def verify(self, path: Path | str, trusted: tuple[Path | str, ...] = ()) -> dict[str, Any]:
        """The verdict on a PDF: its signatures, their trust (the office's list plus `trusted`), its release."""
        from desktop.export.authenticity import verify_file

        with self.database.session() as session:
            return verify_file(session, Path(path), tuple(trusted))

    def preview_pdf_bytes(self, release_id: int, document: Document | None = None) -> bytes:
        """The release (or the editor's current text) as a PDF laid out exactly as the export will be."""
        from desktop.export.pdf import render_pdf
        from desktop.export.service import preview_document_meta

        with self.database.session() as session:
            document, meta = preview_document_meta(session, self._attached(session), release_id, document)
        data, _result = render_pdf(document, meta)
        return data
