"""The audit chain's rules without the database: a row's sealed payload, the walk, the witness.

desktop.storage.audit reads and writes the rows through SQLAlchemy; desktop.storage.light_rows through
sqlite3 alone. Both hand the rows to these functions, so a row sealed or checked either way is sealed
and checked by the same code. A database address is the URL as SQLAlchemy renders it without the
password (the witness's key).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.document import canonical_json
from desktop.errors import UserError
from desktop.paths import user_data_dir
from desktop.storage import audit_key

GENESIS_HASH = "0" * 64
# Every column a seal covers (row_hash being the seal itself), in the table's order.
SEALED_COLUMNS = ("id", "created_at", "user_id", "user_login", "action", "release_id", "revision_id",
                  "content_hash", "detail", "prev_hash", "row_hash")


def as_utc(moment: datetime) -> datetime:
    """SQLite gives naive datetimes back; every stored time is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def row_payload(entry: Any) -> str:
    """The canonical text a row's seal covers: every sealed column but the seal, the time in UTC."""
    created = as_utc(entry.created_at)
    return canonical_json(
        {
            "id": entry.id,
            "created_at": created.astimezone(UTC).isoformat(timespec="microseconds"),
            "user_id": entry.user_id,
            "user_login": entry.user_login,
            "action": entry.action,
            "release_id": entry.release_id,
            "revision_id": entry.revision_id,
            "content_hash": entry.content_hash,
            "detail": entry.detail,
            "prev_hash": entry.prev_hash,
        }
    )


# The witness: {"<database> <seal of its row 1>": {"id": N, "hash": seal of row N}} in a JSON file.
WITNESS_FILE = "audit-witness.json"


def witness_path() -> Path:
    """This workstation's witness file, in the user's data folder."""
    return user_data_dir() / WITNESS_FILE


def chain_key(address: str, first_hash: str) -> str:
    """The witness's key of one chain: the first row's seal tells a chain from another at the same address."""
    return f"{address} {first_hash}"


def read_witness() -> dict[str, dict[str, object]]:
    """The whole witness file; an unreadable or damaged one reads as empty."""
    try:
        data = json.loads(witness_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_witness(data: dict[str, dict[str, object]]) -> None:
    """Replaces the witness file atomically; an unwritable data folder only loses the witness."""
    path = witness_path()
    with contextlib.suppress(OSError):
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".audit-witness-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, indent=1)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def other_chains(address: str, first_hash: str | None) -> int:
    """The newest row number the witness saw of another chain (or any chain, for None) at this address; 0 if none."""
    prefix = chain_key(address, "")
    own = chain_key(address, first_hash) if first_hash else None
    newest = 0
    for key, seen in read_witness().items():
        number = seen.get("id") if isinstance(seen, dict) else None
        if key.startswith(prefix) and key != own and isinstance(number, int):
            newest = max(newest, number)
    return newest


def remembered_head(address: str, first_hash: str) -> tuple[int, str] | None:
    """The newest row of this chain this workstation has seen: its number and seal."""
    seen = read_witness().get(chain_key(address, first_hash))
    number, seal = (seen.get("id"), seen.get("hash")) if isinstance(seen, dict) else (None, None)
    if not isinstance(number, int) or not isinstance(seal, str):
        return None
    return number, seal


def remember_head(address: str, first_hash: str, entry_id: int, entry_hash: str) -> None:
    """Records a newer head for this chain; an unwritable data folder only loses the witness."""
    data = read_witness()
    key = chain_key(address, first_hash)
    seen = data.get(key)
    number = seen.get("id") if isinstance(seen, dict) else None
    if isinstance(number, int) and number >= entry_id:
        return
    data[key] = {"id": entry_id, "hash": entry_hash}
    write_witness(data)


def witness_still_stands(address: str, first_hash: str, stored_hash: Any) -> bool:
    """Whether the row the witness names is still there unchanged: only then may an append move it on.

    `stored_hash(number)` is the seal stored in row `number` now (None when there is no such row).
    Otherwise rows cut from the tail (or the whole log emptied) and then written over by new ones
    would leave no trace.
    """
    if other_chains(address, first_hash):
        return False  # the witness saw another chain at this address: it stays, and verify reports it
    seen = remembered_head(address, first_hash)
    if seen is None:
        return True
    return bool(stored_hash(seen[0]) == seen[1])


def witness_after_append(address: str, entry_id: int, seal: str, stored_hash: Any) -> str | None:
    """After appending row entry_id: the chain's first seal when the witness may move on to it, else None.

    `stored_hash(number)` as for witness_still_stands (the new row included).
    """
    first = seal if entry_id == 1 else stored_hash(1)
    return first if first is not None and witness_still_stands(address, first, stored_hash) else None


@dataclass(frozen=True)
class ChainReport:
    """The result of walking the audit chain."""

    rows: int
    ok: bool
    broken_id: int | None = None
    reason: str = ""
    legacy: int = 0  # rows at the chain's beginning sealed before keys (plain SHA-256)


def walk(rows: Iterable[Any], address: str, key: bytes | None) -> ChainReport:
    """Walks the chain from the first row (rows in id order); names the first row whose seal or link is wrong.

    Also compares the chain with this workstation's witness (an emptied or shorter chain, another
    chain at this address, or another row where the witness stands, is reported) and, when all
    holds, moves the witness to the newest row.
    """
    previous = GENESIS_HASH
    count = legacy = 0
    keyed_seen = False
    seen: tuple[int, str] | None = None
    first_hash = GENESIS_HASH
    for entry in rows:
        count += 1
        if entry.id != count:
            return ChainReport(count, False, entry.id, f"бракує запису №{count} перед №{entry.id}", legacy)
        if entry.prev_hash != previous:
            return ChainReport(count, False, entry.id, f"запис №{entry.id} не посилається на попередній", legacy)
        payload = row_payload(entry)
        if key is not None and audit_key.keyed_seal(key, payload) == entry.row_hash:
            keyed_seen = True
        elif audit_key.plain_seal(payload) == entry.row_hash:
            if keyed_seen:
                return ChainReport(count, False, entry.id, f"запис №{entry.id} запечатано без ключа: його вписано "
                                   "в базу в обхід програми", legacy)
            legacy += 1
        elif key is None:
            return ChainReport(count, False, entry.id, audit_key.missing_key_message(), legacy)
        else:
            return ChainReport(count, False, entry.id, f"запис №{entry.id} змінено після запису "
                               "(або запечатано іншим ключем)", legacy)
        if entry.id == 1:  # the first row names the chain, and so its witness
            first_hash = entry.row_hash
            other = other_chains(address, first_hash)
            if other:
                return ChainReport(count, False, 1, f"журнал не той, що цей комп’ютер бачив раніше (там був запис "
                                   f"№{other}): журнал видалено й написано заново", legacy)
            seen = remembered_head(address, first_hash)
        if seen is not None and entry.id == seen[0] and entry.row_hash != seen[1]:
            return ChainReport(count, False, entry.id,
                               f"запис №{entry.id} не той, що цей комп’ютер бачив раніше: журнал переписано", legacy)
        previous = entry.row_hash
    if count == 0:
        other = other_chains(address, None)
        if other:
            return ChainReport(0, False, 1, f"журнал аудиту порожній, а цей комп’ютер уже бачив запис №{other} "
                               "(записи видалено)")
        return ChainReport(0, True)
    if seen is not None and seen[0] > count:
        return ChainReport(count, False, count + 1,
                           f"бракує записів після №{count}: цей комп’ютер уже бачив запис №{seen[0]} "
                           "(записи видалено або базу відновлено з давнішої копії)", legacy)
    remember_head(address, first_hash, count, previous)
    return ChainReport(count, True, legacy=legacy)


def export_refusal(report: ChainReport) -> UserError:
    """Why nothing is exported while the chain is broken: nothing leaves the office on a tampered log."""
    return UserError(f"Експорт заборонено: журнал аудиту порушено на записі №{report.broken_id} "
                     f"({report.reason}). Зверніться до адміністратора.")


@dataclass(frozen=True)
class NewEntry:
    """A row about to be appended: every sealed column, the seal made by seal()."""

    id: int
    created_at: datetime
    user_id: int | None
    user_login: str
    action: str
    release_id: int | None
    revision_id: int | None
    content_hash: str
    detail: str
    prev_hash: str

    def seal(self, key: bytes) -> str:
        """The keyed seal of this row, chained through prev_hash."""
        return audit_key.keyed_seal(key, row_payload(self))


def next_entry(last: Any, moment: datetime, user: Any, action: str, *, release_id: int | None = None,
               revision_id: int | None = None, content_hash: str = "", detail: str = "") -> NewEntry:
    """The row that follows `last` (None for the first): numbered on and linked to its seal."""
    return NewEntry(
        id=(last.id + 1) if last else 1,
        created_at=moment,
        user_id=user.id if user else None,
        user_login=user.login if user else "",
        action=action,
        release_id=release_id,
        revision_id=revision_id,
        content_hash=content_hash,
        detail=detail,
        prev_hash=last.row_hash if last else GENESIS_HASH,
    )
