"""The names a Visnyk DOCX uses (styles, custom properties), shared by its builder and its readers."""

from __future__ import annotations

HASH_PROPERTY = "VisnykContentHash"
HASH_PLACEHOLDER = "VISNYK-CONTENT-HASH-PLACEHOLDER"
STYLE_NAMES = {
    "headline": "Visnyk Headline",
    "organisation": "Visnyk Organisation",
    "date": "Visnyk Date",
    "lead": "Visnyk Lead",
    "paragraph": "Visnyk Body",
    "quote": "Visnyk Quote",
    "list_item": "Visnyk List",
    "subheading": "Visnyk Subheading",
    "visa_first": "Visnyk Visa First",
    "visa": "Visnyk Visa",
    "signature_first": "Visnyk Signature First",
    "signature": "Visnyk Signature",
    "logo": "Visnyk Logo",
    "page_number": "Visnyk Page Number",
}
LINK_STYLE = "Visnyk Link"
HYPERLINK_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def style_id(key: str) -> str:
    """The w:styleId python-docx gives a named style (its name without spaces)."""
    return STYLE_NAMES[key].replace(" ", "")
