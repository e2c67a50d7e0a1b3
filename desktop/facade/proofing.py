"""The part of the GUI's facade that proofreads text."""

from __future__ import annotations

from desktop.facade.base import FacadeBase


class ProofingFacade(FacadeBase):
    """The proofreader with the department's glossary and the user's dictionary."""
