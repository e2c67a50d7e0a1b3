"""The pymorphy3 Ukrainian analyser, below every module that reads the morphology."""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def morph() -> Any:
    """The pymorphy3 Ukrainian analyser, loaded once on first use (~80 ms)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")
