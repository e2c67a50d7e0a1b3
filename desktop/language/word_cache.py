"""The per-word caches of the proofing layers, in one registry so that all can be forgotten at once.

A layer caches what it derives from one word (its parses, a verdict) with `word_cache(maxsize)` in place of
functools.lru_cache; `clear_word_caches()` empties every one, so a cleared proofreader asks the morphology
again as a new one would. Loaders of dictionaries and tables stay plain caches: they are data, not verdicts.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_REGISTRY: list[Any] = []


def word_cache(maxsize: int | None = 65536) -> Callable[[F], F]:
    """functools.lru_cache(maxsize), registered to be cleared by clear_word_caches."""

    def decorate(function: F) -> F:
        cached = functools.lru_cache(maxsize=maxsize)(function)
        _REGISTRY.append(cached)
        return cached  # type: ignore[return-value]

    return decorate


def register(clear: Any) -> None:
    """Registers another per-word store: an object with cache_clear() or clear()."""
    _REGISTRY.append(clear)


def clear_word_caches() -> None:
    """Empties every registered per-word cache."""
    for cache in _REGISTRY:
        if hasattr(cache, "cache_clear"):
            cache.cache_clear()
        else:
            cache.clear()


def registered() -> int:
    """How many per-word caches are registered (for tests)."""
    return len(_REGISTRY)
