"""Exporters from the document model: DOCX, PDF, signed PDF, HTML and plain text, and PDF verification.

Modules, one per format: layout (the page, ReleaseMeta), docx, pdf, signing, verify, web,
files (names and atomic writes), testcert (test certificates), benchmarks. An export of a release:
plan (formats, page, file name, writer; no database), service (through the ORM), light (unsigned, on
SQLite with sqlite3 alone), publish and staging (files renamed once their records commit).
"""
