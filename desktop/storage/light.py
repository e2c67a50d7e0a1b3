"""The database read without SQLAlchemy: where it is, and the words proofing needs, through sqlite3 alone.

`check` needs three things of the database: the department glossary, every word of the directory's stored
names and case forms, and the department's own sensitive words. Importing SQLAlchemy costs more than the
check of a page (0.4-0.7 s, the ORM most of it), so a SQLite database at the newest migration is read here
with the standard library, read-only. Whatever this path is not sure of (PostgreSQL, a database that is
new, older, damaged or awaiting a restore's audit row) gives None, and the caller
opens the database as every other command does.

Nothing here imports SQLAlchemy, the models or the audit log: a test keeps it so.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from desktop.paths import user_data_dir

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# How long a connection waits for a busy database (desktop.storage.engine's and light_rows').
BUSY_TIMEOUT_MS = 5000
# The note a restore leaves beside the database until its audit row is written (desktop.storage.audit).
RESTORE_NOTE_SUFFIX = ".restore-pending.json"
SECURITY_TERMS_SETTING = "proofing.security_terms"
_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?([\w]+)?['\"]?", re.MULTILINE)
SQLITE_PREFIXES = ("sqlite:///", "sqlite+pysqlite:///")
_TERM_SEPARATORS = re.compile(r"[,\n;]")


def default_database_url() -> str:
    """VISNYK_DATABASE_URL, or SQLite in the user data folder."""
    return os.environ.get("VISNYK_DATABASE_URL") or f"sqlite:///{user_data_dir() / 'visnyk.sqlite3'}"


def sqlite_file(url: str | None) -> Path | None:
    """The file of a plain sqlite:/// URL (the default when url is None); None for anything else."""
    url = url or default_database_url()
    prefix = next((prefix for prefix in SQLITE_PREFIXES if url.startswith(prefix)), None)
    if prefix is None:
        return None
    name = unquote(url[len(prefix):].split("?", 1)[0])
    if not name or name == ":memory:":
        return None
    return Path(name)


def sqlite_pragmas(busy_timeout_ms: int) -> tuple[str, ...]:
    """What every connection to a SQLite database sets first: WAL, foreign keys, the busy timeout."""
    return ("PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", f"PRAGMA busy_timeout={busy_timeout_ms}",
            "PRAGMA synchronous=NORMAL")


def migration_heads() -> set[str]:
    """The newest revision ids, read from the migration files' text (importing Alembic costs start-up time)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        values = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if values.get("revision"):
            revisions.add(values["revision"])
        if values.get("down_revision") and values["down_revision"] != "None":
            parents.add(values["down_revision"])
    return revisions - parents


@dataclass(frozen=True)
class ProofingWords:
    """What the proofreader takes from the database: accepted words, and security terms (None: the shipped)."""

    accepted: frozenset[str]
    security_extra: tuple[str, ...]


def read_proofing_words(url: str | None, default_glossary: Iterable[str] = ()) -> ProofingWords | None:
    """The glossary, the directory's words and the department's sensitive words of a SQLite database.

    An empty glossary reads as default_glossary: the words the ordinary path would seed it with (and
    will, the next time it opens the database). None whenever the ordinary path must decide instead
    (see the module's note): it never guesses.
    """
    path = sqlite_file(url)
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return None
    if path.with_name(path.name + RESTORE_NOTE_SUFFIX).exists():
        return None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        heads = {row[0] for row in connection.execute("SELECT version_num FROM alembic_version")}
        if heads != migration_heads():
            return None
        glossary = [row[0] for row in connection.execute("SELECT word FROM glossary")] or list(default_glossary)
        officials = connection.execute(
            "SELECT surname, given_name, patronymic, position, short_position, forms_json, overrides_json "
            "FROM officials"
        ).fetchall()
        groups = connection.execute("SELECT text, forms_json, overrides_json FROM official_groups").fetchall()
        stored = connection.execute("SELECT value FROM settings WHERE key = ?", (SECURITY_TERMS_SETTING,)).fetchone()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    accepted = set(glossary) | words_of_rows(officials, groups)
    return ProofingWords(frozenset(accepted), security_extra(stored[0] if stored else ""))


def security_extra(value: str | None) -> tuple[str, ...]:
    """The department's own sensitive words of the setting: split at commas, semicolons and lines."""
    return tuple(term for term in (part.strip() for part in _TERM_SEPARATORS.split(value or "")) if term)


def words_of_rows(officials: Iterable[Any], groups: Iterable[Any]) -> set[str]:
    """Every word of every stored name, position, case form and correction, from the rows as the tables hold
    them (officials: surname, given name, patronymic, position, short position, forms, overrides; groups:
    text, forms, overrides): this read and desktop.directory.officials.directory_words share it."""
    from desktop.language.words import tokenize

    words: set[str] = set()

    def add(text: str) -> None:
        for word, _start, _end in tokenize(text):
            words.add(word)
            words.update(part for part in word.split("-") if part)

    for surname, given, patronymic, position, short_position, forms_raw, overrides_raw in officials:
        add(f"{surname} {given} {patronymic} {position} {short_position}")
        _add_forms(add, json_object(forms_raw))
        _add_forms(add, json_object(overrides_raw))
    for text, forms_raw, overrides_raw in groups:
        add(text)
        _add_forms(add, json_object(forms_raw))
        _add_forms(add, json_object(overrides_raw))
    words.discard("")
    return words


def json_object(raw: str | None) -> dict[str, Any]:
    """A stored JSON column as a dict; anything else (damaged, not an object) as an empty one."""
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _add_forms(add: Callable[[str], None], data: Any) -> None:
    if isinstance(data, str):
        add(data)
    elif isinstance(data, Mapping):
        for value in data.values():
            _add_forms(add, value)
    elif isinstance(data, list):
        for value in data:
            _add_forms(add, value)
