"""Who may do what to a release in which state: pure checks that raise a Ukrainian refusal.

Nothing here touches the database: an export that reads its rows with sqlite3 (desktop.export.light)
asks the same checks as the ORM's callers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from desktop.errors import PermissionDenied, WorkflowRefused
from desktop.labels import STATUS_LABELS
from desktop.roles import has_role

if TYPE_CHECKING:
    from desktop.storage.models import Release, User


class Exporter(Protocol):
    """Who asks to export: a stored user, or the row the light export reads."""

    @property
    def role_set(self) -> frozenset[str]: ...


class ReleaseState(Protocol):
    """What an export's check reads of a release."""

    @property
    def status(self) -> str: ...
    @property
    def approved_revision_id(self) -> int | None: ...

STATES = ("draft", "in_review", "returned", "approved", "archived")


def status_label(status: str) -> str:
    """The Ukrainian name of a workflow state."""
    return STATUS_LABELS.get(status, status)


def is_owner(user: User, release: Release) -> bool:
    """The press officer who created the release (and still holds the author role)."""
    return release.author_id == user.id and has_role(user, "author")


def _refuse_state(release: Release, allowed: tuple[str, ...], doing: str) -> None:
    if release.status not in allowed:
        states = ", ".join(f"«{status_label(state)}»" for state in allowed)
        raise WorkflowRefused(
            f"Не можна {doing}: реліз має стан «{status_label(release.status)}», а потрібен {states}."
        )


def can_read(user: User, release: Release) -> bool:
    """Staff read every release; an exporter alone reads only the approved ones."""
    if user.role_set & {"author", "supervisor", "admin"}:
        return True
    return has_role(user, "exporter") and release.status == "approved"


def check_read(user: User, release: Release) -> None:
    """Refuses a user who may not see this release."""
    if not can_read(user, release):
        raise PermissionDenied("Недостатньо прав, щоб переглядати цей реліз: він ще не погоджений.")


def check_edit(user: User, release: Release) -> None:
    """The author edits their own release except under review; a supervisor edits any that is not archived."""
    if release.status == "archived":
        raise WorkflowRefused("Реліз в архіві. Щоб змінити текст, спершу відновіть його.")
    if has_role(user, "supervisor"):
        return
    if not is_owner(user, release):
        raise PermissionDenied("Змінювати текст може лише автор релізу або керівник.")
    if release.status == "in_review":
        raise WorkflowRefused(
            "Реліз на погодженні: змінювати текст зараз може лише керівник. "
            "Попросіть повернути його на доопрацювання."
        )


def check_submit(user: User, release: Release) -> None:
    """The author (or a supervisor on their behalf) sends a draft or a returned release for approval."""
    if not (is_owner(user, release) or has_role(user, "supervisor")):
        raise PermissionDenied("Подати реліз на погодження може лише його автор або керівник.")
    _refuse_state(release, ("draft", "returned"), "подати на погодження")


def check_approve(user: User, release: Release) -> None:
    """Only a supervisor approves, and only a release under review (self-approval is checked apart)."""
    if not has_role(user, "supervisor"):
        raise PermissionDenied("Погоджувати релізи може лише керівник.")
    _refuse_state(release, ("in_review",), "погодити")


def check_return(user: User, release: Release) -> None:
    """Only a supervisor returns a release under review for rework."""
    if not has_role(user, "supervisor"):
        raise PermissionDenied("Повертати релізи на доопрацювання може лише керівник.")
    _refuse_state(release, ("in_review",), "повернути на доопрацювання")


def _may_archive(user: User, release: Release) -> bool:
    return is_owner(user, release) or bool(user.role_set & {"supervisor", "admin"})


def check_archive(user: User, release: Release) -> None:
    """The author of the release, a supervisor or an administrator archives it, from any other state."""
    if not _may_archive(user, release):
        raise PermissionDenied("Архівувати реліз може лише його автор, керівник або адміністратор.")
    _refuse_state(release, ("draft", "in_review", "returned", "approved"), "архівувати")


def check_restore(user: User, release: Release) -> None:
    """The same people bring an archived release back to the state it had."""
    if not _may_archive(user, release):
        raise PermissionDenied("Відновити реліз з архіву може лише його автор, керівник або адміністратор.")
    _refuse_state(release, ("archived",), "відновити з архіву")


def check_export(user: Exporter, release: ReleaseState) -> None:
    """The person responsible for publishing (or an administrator) exports, and only an approved release."""
    if not user.role_set & {"exporter", "admin"}:
        raise PermissionDenied("Експортувати релізи може лише відповідальний за оприлюднення або адміністратор.")
    if release.status != "approved" or not release.approved_revision_id:
        raise WorkflowRefused("Експортувати можна лише погоджений реліз.")
