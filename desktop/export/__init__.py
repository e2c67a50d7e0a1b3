"""Exporters: DOCX, PDF, signed PDF, HTML and plain text, from the document model."""
