"""The secret that keys the audit seals, kept outside the database (threat model: README, «Журнал аудиту»).

Whoever can write the database can recompute a plain SHA-256 seal; an HMAC seal needs this key,
which sits in a file only its owner may read (0600) in each workstation's configuration folder.
The administrator copies the same file to every workstation of the office.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from desktop.errors import UserError

KEY_FILE = "audit.key"
KEY_ENV = "VISNYK_AUDIT_KEY_FILE"
_KEY_BYTES = 32


def key_path() -> Path:
    """VISNYK_AUDIT_KEY_FILE, else audit.key in the user's configuration folder."""
    override = os.environ.get(KEY_ENV)
    if override:
        return Path(override).expanduser()
    from desktop.paths import user_config_dir

    return user_config_dir() / KEY_FILE


def _parse(raw: str, path: Path) -> bytes:
    try:
        key = bytes.fromhex(raw.strip())
    except ValueError:
        key = b""
    if len(key) != _KEY_BYTES:
        raise UserError(f"Файл ключа журналу аудиту {path} пошкоджений: потрібні {_KEY_BYTES * 2} шістнадцяткові знаки.")
    return key


def load_key() -> bytes | None:
    """This workstation's key, or None when it has none yet; a key readable by others is made private."""
    path = key_path()
    try:
        raw = path.read_text(encoding="ascii")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"Не вдалося прочитати ключ журналу аудиту {path}: {error}") from error
    if os.name == "posix" and path.stat().st_mode & 0o077:
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)
    return _parse(raw, path)


def create_key() -> bytes:
    """A new random key in a 0600 file; if another process made one first, that one is used."""
    path = key_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(_KEY_BYTES)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        existing = load_key()
        if existing is None:
            raise UserError(f"Не вдалося прочитати ключ журналу аудиту {path}.") from None
        return existing
    except OSError as error:
        raise UserError(f"Не вдалося створити ключ журналу аудиту {path}: {error.strerror or error}") from error
    with os.fdopen(handle, "w", encoding="ascii") as stream:
        stream.write(key.hex() + "\n")
        stream.flush()
        os.fsync(stream.fileno())
    return key


def keyed_seal(key: bytes, payload: str) -> str:
    """HMAC-SHA-256 of a row's canonical payload: 64 hex digits, like the old plain seal."""
    return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()


def plain_seal(payload: str) -> str:
    """The seal before keys (and what anyone who writes the database can compute): plain SHA-256."""
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def missing_key_message() -> str:
    """Why this workstation cannot seal or check the chain, and what the administrator does."""
    return (f"На цьому комп’ютері немає ключа журналу аудиту ({key_path()}): адміністратор має скопіювати "
            "файл audit.key з комп’ютера, де журнал уже ведеться (див. README, «Журнал аудиту: модель загроз»)")
