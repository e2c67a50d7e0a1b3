"""Whether a PDF is an authentic release of the office: signatures, trust and the exact approved text.

A file is authentic only when every signature in it is sound, every signer chains to the
office's trust list, and its text (normalise.py, the same normaliser on both sides) equals the
text of a release approved or exported from this database. Anything else is one Ukrainian
reason line; the JSON holds every part of the verdict.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop import settings
from desktop.errors import UserError
from desktop.export import normalise, trust
from desktop.export.layout import reading_text
from desktop.export.service import _HASH_KEYWORD, release_meta
from desktop.export.verify import VerifyResult, verify_pdf, verify_pdf_bytes
from desktop.releases import rules as release_rules
from desktop.releases.photos import export_photos
from desktop.releases.revisions import revision_document
from desktop.storage.models import Export, Release, Revision

TEXT_DIFFERS = "текст відрізняється від погодженого"


def _claimed_hash(stream: BinaryIO) -> str | None:
    """The content hash the exporter put into the PDF's keywords, if it is there."""
    try:
        from pyhanko.pdf_utils.reader import PdfFileReader

        reader = PdfFileReader(stream, strict=False)
        info = reader.trailer_view.get("/Info")
        info = info.get_object() if info is not None else None
        keywords = str(info.get("/Keywords", "")) if info is not None else ""
    except Exception:  # a damaged file simply claims nothing
        return None
    found = _HASH_KEYWORD.search(keywords)
    return found.group(1) if found else None


def expected_texts(session: Session, release: Release, revision: Revision) -> list[str]:
    """The page text an export of this revision has with today's settings: the publication and the office copy."""
    from desktop.export import layout

    document = revision_document(revision)
    photos = export_photos(session, revision)
    return [reading_text(document, replace(release_meta(session, release, revision.content_hash, copy), photos=photos))
            for copy in layout.COPIES]


def _candidates(session: Session, claimed: str | None, text: str) -> tuple[list[tuple[Release, Revision]], bool]:
    """Approved or exported revisions the file may come from, and whether its claimed hash named them.

    Finding candidates may look for the headline inside the text; the verdict never does.
    """
    pairs: list[tuple[Release, Revision]] = []
    seen: set[int] = set()

    def add(revision_ids: list[int]) -> None:
        for revision_id in revision_ids:
            revision = session.get(Revision, revision_id)
            if revision is None or revision.id in seen:
                continue
            release = session.get(Release, revision.release_id)
            if release is not None:
                seen.add(revision.id)
                pairs.append((release, revision))

    if claimed:
        add(list(session.execute(
            select(Export.revision_id).where(Export.content_hash == claimed).distinct()
        ).scalars()))
        add([rid for rid in session.execute(
            select(Release.approved_revision_id).where(Release.approved_hash == claimed)
        ).scalars() if rid])
        if pairs:
            return pairs, True
    haystack = normalise.comparable(text)
    rows = session.execute(
        select(Release.id, Release.title, Release.approved_revision_id).where(
            or_(Release.approved_revision_id.is_not(None), Release.id.in_(select(Export.release_id)))
        )
    ).all()
    for release_id, title, approved_revision_id in rows:
        if title and normalise.comparable(title) not in haystack:
            continue
        revision_ids = list(session.execute(
            select(Export.revision_id).where(Export.release_id == release_id).distinct()
        ).scalars())
        add(([approved_revision_id] if approved_revision_id else []) + revision_ids)
    return pairs, False


def _read_and_verify(path: Path, roots: list[Any]) -> tuple[VerifyResult, str | None]:
    try:
        data = path.read_bytes()
    except OSError:
        return verify_pdf(path), None  # verify_pdf words the unreadable file
    return verify_pdf_bytes(data, trust_roots=roots), _claimed_hash(io.BytesIO(data))


def _text_verdict(session: Session, result: VerifyResult, claimed: str | None, extracted: str) -> dict[str, Any]:
    text = normalise.without_stamps(normalise.without_page_numbers(extracted), result.signer_names)
    candidates, by_hash = _candidates(session, claimed, text)
    first_diff: str | None = None
    for release, revision in candidates:
        for expected in expected_texts(session, release, revision):
            if normalise.equal(expected, text):
                current = release.status == "approved" and release.approved_revision_id == revision.id
                message = (
                    f"Текст збігається з погодженим релізом №{release.id}."
                    if current
                    else f"Текст збігається з експортованою раніше редакцією релізу №{release.id} "
                    f"(зараз реліз має стан «{release_rules.status_label(release.status)}»)."
                )
                return {"release_id": release.id, "release_title": revision_document(revision).title,
                        "release_status": release.status, "revision_id": revision.id, "text_matches": True,
                        "match_message": message, "text_diff": None}
        if first_diff is None:
            first_diff = normalise.word_diff(expected_texts(session, release, revision)[0], text)
    if candidates:
        release = candidates[0][0]
        where = "погодженого релізу" if by_hash else f"погодженого релізу №{release.id}"
        message = f"Текст відрізняється від {where}: {first_diff}."
    else:
        message = "Текст файлу не збігається з жодним погодженим релізом у базі."
    return {"text_matches": False, "match_message": message, "text_diff": first_diff}


def _reason(data: dict[str, Any], result: VerifyResult) -> str:
    """The one line that says why the file is not authentic (or that it is)."""
    if not result.signed:
        return "Файл не справжній: " + result.message[0].lower() + result.message[1:].rstrip(".") + "."
    if not result.valid:
        return f"Файл не справжній: {result.problem}."
    if not result.trusted:
        return f"Файл не справжній: {result.problem}."
    if not data["text_matches"] and data.get("text_diff"):
        return f"Файл не справжній: {TEXT_DIFFERS} ({data['text_diff']})."
    if not data["text_matches"]:
        return f"Файл не справжній: {data['match_message'][0].lower()}{data['match_message'][1:]}"
    return f"Файл справжній: підпис дійсний і довірений, текст збігається з погодженим релізом №{data['release_id']}."


def verify_file(session: Session, path: Path | str, trusted: Iterable[Path | str] = ()) -> dict[str, Any]:
    """Every part of the verdict on a PDF: its signatures, their trust, the release whose text it holds.

    `trusted` adds certificate files to the office's trust list for this check.
    """
    path = Path(path)
    if not path.is_file():
        raise UserError(f"Файлу «{path}» не існує.")
    roots = trust.trust_roots(settings.get(session, trust.SETTING), trusted)
    result, claimed = _read_and_verify(path, roots)
    data = result.to_json()
    extracted = data.pop("text", None)
    data.update({"file": str(path), "content_hash": claimed, "release_id": None, "release_title": None,
                 "release_status": None, "text_matches": False, "text_diff": None,
                 "trust_list_size": len(roots)})
    if extracted is None:
        data["match_message"] = "Текст файлу не вдалося прочитати (потрібен pdftotext з poppler-utils)."
    else:
        data.update(_text_verdict(session, result, claimed, extracted))
    data["authentic"] = bool(result.signed and result.valid and result.trusted and data["text_matches"])
    data["reason"] = _reason(data, result)
    if result.signed and not result.timestamped:
        data["timestamp_note"] = "Без позначки часу (PAdES B-B): час підпису вказав сам підписувач."
    else:
        data["timestamp_note"] = None
    return data
