"""Argon2id password hashes: made, checked and judged for an upgrade, without the database."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# Argon2 hashes any length; the bound keeps a pasted megabyte from costing a hash.
MAX_PASSWORD_LENGTH = 256

# Argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): about 20 ms here, where
# argon2-cffi's heavier default took a quarter of the start-up budget; older hashes are upgraded on login.
TIME_COST, MEMORY_COST_KIB, PARALLELISM = 2, 19 * 1024, 1
hasher = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB, parallelism=PARALLELISM)


def hash_password(password: str) -> str:
    """An Argon2id hash of the password."""
    return hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether the password matches the hash (a damaged hash matches nothing)."""
    try:
        return bool(hasher.verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with other parameters than today's, and so is remade on login."""
    return bool(hasher.check_needs_rehash(password_hash))
