"""A copy of the shipped dictionaries whose Ukrainian .aff makes hunspell suggest in milliseconds.

hunspell's n-gram suggester scans the whole 330,000-stem Ukrainian dictionary for every unknown word
(0.2-0.5 s a word); the edit-based suggesters find the same first suggestion for the typos people make.
The shipped file is never edited: the derived one is written into a cache folder at first use.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from pathlib import Path

UKRAINIAN = "uk_UA"
# MAXNGRAMSUGS 0: no n-gram suggestions (the slow part). The TRY line without capitals: the
# substitution and insertion suggesters try half the letters; a capital inside a word is rare, and
# hunspell suggests for a Capitalised word through its lowercase form anyway.
DERIVED_SETTINGS = ("MAXNGRAMSUGS 0",)
VERSION = "1"  # bump when the derivation changes, so old copies are not reused


def derive_aff(text: str) -> str:
    """The .aff text with the fast-suggestion settings; every other line as shipped."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("TRY "):
            letters = line[4:]
            lines[index] = "TRY " + "".join(ch for ch in letters if not ch.isupper())
        elif line.split(" ", 1)[0] in {setting.split(" ", 1)[0] for setting in DERIVED_SETTINGS}:
            lines[index] = ""
    return "\n".join([*lines, *DERIVED_SETTINGS, ""])


def derived_folder(source: Path, cache: Path) -> Path:
    """A folder laid out as source (hunspell/*.aff|.dic) with the derived Ukrainian .aff, built once."""
    shipped = source / "hunspell"
    aff = (shipped / f"{UKRAINIAN}.aff").read_bytes()
    digest = hashlib.sha256(aff + VERSION.encode()).hexdigest()[:16]
    folder = cache / f"dictionaries-{digest}"
    target = folder / "hunspell"
    if (target / f"{UKRAINIAN}.aff").exists():
        return folder
    staging = cache / f"dictionaries-{digest}.{os.getpid()}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "hunspell").mkdir(parents=True)
    for file in shipped.iterdir():
        if file.suffix in (".aff", ".dic") and file.name != f"{UKRAINIAN}.aff":
            _link_or_copy(file, staging / "hunspell" / file.name)
    text = derive_aff(aff.decode("utf-8"))
    (staging / "hunspell" / f"{UKRAINIAN}.aff").write_text(text, encoding="utf-8")
    try:
        staging.rename(folder)
    except OSError:  # another process built it first
        shutil.rmtree(staging, ignore_errors=True)
    return folder


def _link_or_copy(file: Path, target: Path) -> None:
    # A hard link costs nothing; across file systems (or where links are refused) a copy does.
    with contextlib.suppress(OSError):
        os.link(file, target)
        return
    shutil.copyfile(file, target)
