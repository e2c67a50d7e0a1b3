"""The sweep of an export folder, without the database: finish recorded staged files, delete stale parts.

desktop.export.publish says why exports are staged; it and desktop.export.light each tell this sweep,
in their own way, which SHA-256 the database last recorded for a file.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.export.files import part_files, sha256_file, staged_target

# A part file younger than this may belong to an export still running on another workstation that
# shares the folder; older ones are left-overs. Recorded staged files are completed at any age.
STALE_AFTER_S = 60.0


@dataclass(frozen=True)
class Sweep:
    """What a sweep did: recorded exports given their names, left-over part files deleted."""

    completed: int = 0
    removed: int = 0


def sweep(folder: Path, recorded_sha256: Callable[[Path], str | None], *,
          stale_after_s: float = STALE_AFTER_S) -> Sweep:
    """Completes recorded staged exports and deletes stale part files in folder and its page folders.

    `recorded_sha256(final)` is the SHA-256 of the newest export row of that file, or None.
    """
    completed = removed = 0
    folders = [folder]
    with contextlib.suppress(OSError):
        folders += [path for path in folder.iterdir() if path.is_dir() and not path.name.startswith(".")]
    now = time.time()
    for where in folders:
        for part in part_files(where):
            final = staged_target(part)
            try:
                if final is not None and recorded_sha256(final) == sha256_file(part):
                    os.replace(part, final)
                    completed += 1
                elif now - part.stat().st_mtime >= stale_after_s:
                    part.unlink()
                    removed += 1
            except OSError:
                continue  # another process got there first, or the folder is read-only
    return Sweep(completed, removed)
