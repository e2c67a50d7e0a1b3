"""The part of the GUI's facade that reads and edits the officials directory."""

from __future__ import annotations

from desktop.facade.base import FacadeBase


class DirectoryFacade(FacadeBase):
    """The officials directory and participants."""
