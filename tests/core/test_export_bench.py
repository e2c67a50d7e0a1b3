"""The export bench gives figures for the warm two-page release."""

from __future__ import annotations

import pytest

from desktop.bench import export as benchmarks
from desktop.export.pdf import render_pdf


def test_bench_release_is_two_pages() -> None:
    _, result = render_pdf(benchmarks.bench_document(), benchmarks.bench_meta())
    assert result.pages == 2


def test_bench_figures_are_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    # The whole processes (and LibreOffice) take seconds; tests/core/test_bench_processes.py covers them.
    monkeypatch.setattr(benchmarks, "process_figures", lambda quick: {"libreoffice_process_ms": None})
    figures = benchmarks.bench_figures(quick=True)
    for key in ("export_docx_ms", "export_pdf_ms", "export_signed_pdf_ms"):
        assert isinstance(figures[key], float) and figures[key] > 0, key
    assert figures["libreoffice_convert_ms"] is None
