"""The part of the GUI's facade that exports and verifies files."""

from __future__ import annotations

from desktop.facade.base import FacadeBase


class ExportFacade(FacadeBase):
    """Exporting approved releases and verifying signed PDFs."""
