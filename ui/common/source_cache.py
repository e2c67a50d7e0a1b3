"""PySide6 reads the source of every module imported after it; this keeps those sources out of memory.

shiboken6 replaces `__import__`: for each newly imported module it asks whether the module's source
mentions «PySide6» (to know whether `from __feature__ import …` may switch it), and asks through
`inspect.getsource`, which files every line of every such module in `linecache` for the rest of the
process — some 480 modules and 23 MB once the database, the proofing and the editor are loaded (the
budget for a long release open in the editor is 200 MB in all). The same question is answered here
by reading the file's bytes once and keeping nothing. Should a later PySide6 name its helper
differently, nothing is replaced and the program runs as before.
"""

from __future__ import annotations

import sys
from types import ModuleType

_HELPER = "_mod_uses_pyside"


def _source_mentions_pyside(module: ModuleType) -> bool:
    """Whether the module's source file mentions PySide6, as shiboken6's own test asks; nothing is cached."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False  # an extension or a module without source: inspect.getsource raises, the answer is no
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def keep_sources_out_of_memory() -> bool:
    """Replaces shiboken6's source test by one that caches nothing; True when it was replaced."""
    import shiboken6  # noqa: F401  - installs the import hook and its feature module

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, _HELPER, None)):
        return False
    setattr(feature, _HELPER, _source_mentions_pyside)
    return True
