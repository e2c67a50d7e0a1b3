"""Exporters from the document model: DOCX, PDF, signed PDF, HTML and plain text, and PDF verification.

Modules, one per format: layout (the page, ReleaseMeta), docx, pdf, signing, verify, web,
files (names and atomic writes), testcert (test certificates), benchmarks.
"""
