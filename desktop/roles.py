"""The roles a user may hold and the checks on them: plain data, without the database."""

from __future__ import annotations

from typing import Protocol

from desktop.errors import PermissionDenied

ROLES = ("author", "supervisor", "exporter", "admin")
ROLE_LABELS = {
    "author": "прес-офіцер",
    "supervisor": "керівник",
    "exporter": "відповідальний за оприлюднення",
    "admin": "адміністратор",
}


class HasRoles(Protocol):
    """Anyone with roles: a stored user, or the row an export reads without the ORM."""

    @property
    def role_set(self) -> frozenset[str]: ...


def has_role(user: HasRoles, role: str) -> bool:
    """Whether the user holds the role."""
    return role in user.role_set


def require_role(user: HasRoles, *roles: str) -> None:
    """Refuses unless the user holds one of the roles."""
    if not user.role_set.intersection(roles):
        names = " або ".join(ROLE_LABELS[role] for role in roles)
        raise PermissionDenied(f"Недостатньо прав: потрібна роль «{names}».")


def role_set_of(roles: str) -> frozenset[str]:
    """A user's roles as the users table stores them: a space-separated list."""
    return frozenset(roles.split())
