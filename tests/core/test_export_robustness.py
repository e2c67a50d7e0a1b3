"""Control characters, NUL and odd text never break an exporter (hypothesis over the document model)."""

from __future__ import annotations

import io
import zipfile

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.document import BLOCK_KINDS, Block, Document, Run
from desktop.export.docx import render_docx
from desktop.export.files import safe_filename
from desktop.export.layout import COPIES, ReleaseMeta, Visa
from desktop.export.pdf import render_pdf
from desktop.export.web import export_html, export_text

pieces = st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from(["\x00", "\x01", "\x07", "\x0b", "\x1b", "\x7f", "\x85", "\ufffe", "\uffff", "\u2028",
                     "\t", "\r\n", "<", "&", "]]>", "’", "ʼ", "«", "—", "\u00ad", "\u200b", "\u202e",
                     " ", "Ю. Тарасюк", "20 квітня 2023 року", "<b>", "</para>", "&amp;"]),
)
nasty = st.lists(pieces, max_size=30).map("".join)
runs = st.builds(Run, nasty, st.booleans(), st.booleans(), st.booleans())
blocks = st.builds(Block, st.sampled_from(BLOCK_KINDS), st.lists(runs, max_size=4).map(tuple))
documents = st.builds(Document, nasty, st.lists(blocks, max_size=5).map(tuple))
metas = st.builds(
    ReleaseMeta,
    organisation=nasty,
    department=nasty,
    signature_lines=st.lists(nasty, max_size=3).map(tuple),
    date_line=st.none() | nasty,
    visa=st.none() | st.builds(Visa, nasty, nasty, nasty, nasty),
    copy=st.sampled_from(COPIES),
    content_hash=nasty,
)
exhaustive = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@exhaustive
@given(documents, metas)
def test_docx_never_breaks_and_opens_again(document: Document, meta: ReleaseMeta) -> None:
    data = render_docx(document, meta)
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    docx.Document(io.BytesIO(data))


@exhaustive
@given(documents, metas)
def test_pdf_never_breaks(document: Document, meta: ReleaseMeta) -> None:
    data, result = render_pdf(document, meta, stamp_space=True)
    assert data.startswith(b"%PDF") and result.pages >= 1 and result.signature_box is not None


@exhaustive
@given(documents, metas)
def test_web_exports_never_break(document: Document, meta: ReleaseMeta) -> None:
    html = export_html(document, meta)
    assert "\x00" not in html and "<script" not in html
    assert "\x00" not in export_text(document, meta)


@given(nasty, st.sampled_from(["pdf", "docx", "html", "txt"]))
def test_every_headline_gets_a_safe_file_name(headline: str, ext: str) -> None:
    name = safe_filename("2023-04-20", headline, ext)
    assert name.startswith("2023-04-20-") and name.endswith("." + ext)
    assert not set('/\\:*?"<>|') & set(name)
    assert not any(ord(ch) < 32 for ch in name)
    assert len(name.encode("utf-8")) < 255
