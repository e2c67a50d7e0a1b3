"""Export file names and atomic writes: a temporary file in the same folder, then a rename."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from desktop.errors import UserError

# Ukrainian letters are kept: every system we target (NTFS, ext4, APFS, the site's CMS)
# takes UTF-8 names, and staff find «2023-04-20-саміт-міст.pdf» where a transliteration
# would be hard to read back. Only what Windows or a shell refuses is removed.
_UNSAFE = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f-\x9f]')
_SEPARATORS = re.compile(r"[\s_\-–—.,;!'’ʼ«»()\[\]{}]+")
_MAX_SLUG = 60
FALLBACK_SLUG = "reliz"


def slugify(headline: str) -> str:
    """The headline as a short, safe, lower-case file-name part ("" when nothing is left)."""
    text = unicodedata.normalize("NFC", headline)
    text = _UNSAFE.sub(" ", text)
    # Letters and digits only; punctuation and symbols separate words.
    text = "".join(ch if unicodedata.category(ch)[0] in "LNZ" else " " for ch in text)
    words = [w for w in _SEPARATORS.split(text.lower()) if w]
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > _MAX_SLUG:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:_MAX_SLUG]
    return slug.strip("-.")


def safe_filename(day: date | datetime | str, headline: str, ext: str, suffixes: Sequence[str] = ()) -> str:
    """`YYYY-MM-DD-<slug>[-<suffix>…].<ext>`; a headline of only unsafe characters becomes «reliz».

    The suffixes (the copy, the signature, the channel) keep one release's files apart.
    """
    stamp = day if isinstance(day, str) else day.strftime("%Y-%m-%d")
    stamp = _UNSAFE.sub("", stamp)
    slug = slugify(headline) or FALLBACK_SLUG
    tail = "".join(f"-{part}" for part in (slugify(suffix) for suffix in suffixes) if part)
    extension = re.sub(r"[^a-z0-9]", "", ext.lower()) or "bin"
    return f"{stamp}-{slug}{tail}.{extension}"


DEFAULT_MODE = 0o644


def file_mode(setting: str) -> int:
    """The permissions of exported files: an octal setting such as «0640», else 0644 (readable by the office)."""
    text = (setting or "").strip()
    try:
        mode = int(text, 8) if text else DEFAULT_MODE
    except ValueError:
        return DEFAULT_MODE
    # Never executable, never unreadable to the owner.
    return (mode & 0o666) | 0o600 if 0 <= mode <= 0o777 else DEFAULT_MODE


def set_mode(path: Path, mode: int = DEFAULT_MODE) -> None:
    """Gives a written file its permissions (mkstemp creates 0600, readable by its owner alone)."""
    try:
        os.chmod(path, mode)
    except OSError as error:
        raise _refusal(error, Path(path)) from error


Writer = Callable[[BinaryIO], None]


def _refusal(error: OSError, path: Path) -> UserError:
    if error.errno == errno.ENOSPC or error.errno == getattr(errno, "EDQUOT", -1):
        return UserError(f"Недостатньо місця на диску, файл «{path.name}» не збережено.")
    if isinstance(error, PermissionError) or error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return UserError(f"Немає права запису до теки «{path.parent}». Оберіть іншу теку.")
    if isinstance(error, FileNotFoundError):
        return UserError(f"Теки «{path.parent}» не існує.")
    return UserError(f"Не вдалося записати файл «{path.name}»: {error.strerror or error}.")


def atomic_write(path: Path, data: bytes | str | Writer, *, overwrite: bool = False) -> Path:
    """Writes bytes, text or a writer's output to a temporary file beside `path`, then renames it."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise UserError(f"Файл «{path.name}» уже існує. Підтвердьте заміну або оберіть іншу назву.")
    if not path.parent.is_dir():
        raise UserError(f"Теки «{path.parent}» не існує.")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as error:
        raise _refusal(error, path) from error
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            if isinstance(data, str):
                stream.write(data.encode("utf-8"))
            elif isinstance(data, (bytes, bytearray, memoryview)):
                stream.write(data)
            else:
                data(stream)
            stream.flush()
            os.fsync(stream.fileno())
        if not overwrite and path.exists():
            raise UserError(f"Файл «{path.name}» уже існує. Підтвердьте заміну або оберіть іншу назву.")
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise _refusal(error, path) from error
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return path


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file, hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_bytes(data: bytes) -> str:
    """The SHA-256 of bytes, hex."""
    return hashlib.sha256(data).hexdigest()


# All or nothing: an export is written under a staged name, recorded in the database, and renamed
# to its real name only once the transaction has committed. A kill before the commit leaves only a
# staged file (swept as unrecorded); a kill after it leaves a recorded one (completed by the sweep).
STAGED_PREFIX = "."
PART_SUFFIX = ".part"
_STAGED = re.compile(r"^\.(?P<name>[^/\\]+)\.part$")


def staged_path(final: Path) -> Path:
    """`<folder>/.<name>.part`: where an export waits for its database record."""
    return final.with_name(f"{STAGED_PREFIX}{final.name}{PART_SUFFIX}")


def staged_target(path: Path) -> Path | None:
    """The real name a staged file waits for; None for another `.part` file (a write cut short)."""
    match = _STAGED.match(path.name)
    if match is None or match["name"].endswith(PART_SUFFIX) or re.search(r"\.[a-z0-9_]{8}$", match["name"]):
        return None
    return path.with_name(match["name"])


def part_files(folder: Path) -> list[Path]:
    """Every hidden `.part` file in a folder (staged exports and temporary files of atomic_write)."""
    try:
        return sorted(path for path in folder.glob(".*.part") if path.is_file())
    except OSError:
        return []
