"""Users, roles, Argon2id password hashes, login with a growing delay and a temporary lock."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.orm import Session

from desktop.errors import LoginFailed, NotFound, PermissionDenied, UserError
from desktop.passwords import MAX_PASSWORD_LENGTH, hash_password, needs_rehash, verify_password
from desktop.paths import resource
from desktop.roles import ROLE_LABELS, ROLES, has_role, require_role
from desktop.storage import audit
from desktop.storage.models import User, utcnow

__all__ = ["MAX_PASSWORD_LENGTH", "ROLES", "ROLE_LABELS", "has_role", "hash_password", "require_role"]
# After this many failures in a row each further attempt must wait, longer each time...
DELAY_AFTER_FAILURES = 3
# ...and after this many the account is locked for LOCK_DURATION.
LOCK_AFTER_FAILURES = 6
LOCK_DURATION = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10
_LOGIN_PATTERN = re.compile(r"^[A-Za-z0-9._-]{2,64}$")

# The Ukrainian keyboard layout key by key as the Latin one: «ззфыыцщкв»-style passwords are «password».
_UKRAINIAN_TO_LATIN = str.maketrans(
    "йцукенгшщзхїфівапролджєячсмитьбю'", "qwertyuiop[]asdfghjkl;'zxcvbnm,.'"
)
_TRAILING_DIGITS_AND_SYMBOLS = re.compile(r"[\d\W_]+$")


@functools.cache
def common_passwords() -> frozenset[str]:
    """The shipped lists of common passwords (resources/accounts/, sources in its README), lower-cased."""
    words: set[str] = set()
    for name in ("common-passwords.txt", "common-passwords-uk.txt"):
        text = resource("accounts", name).read_text(encoding="utf-8")
        words.update(line.strip().lower() for line in text.splitlines() if line.strip())
    return frozenset(words)


def is_common_password(password: str) -> bool:
    """Whether the password, or its stem before trailing digits and symbols, is a well-known one."""
    lowered = password.strip().lower()
    candidates = {lowered, lowered.translate(_UKRAINIAN_TO_LATIN)}
    for candidate in list(candidates):
        stem = _TRAILING_DIGITS_AND_SYMBOLS.sub("", candidate)
        if len(stem) >= 4:
            candidates.add(stem)
    if len(set(lowered)) <= 2:
        return True  # «aaaaaaaaaa», «ababababab»
    common = common_passwords()
    return any(candidate in common for candidate in candidates)


def check_password_strength(password: str) -> None:
    """Refuses a password too short or too common to protect an administration's account."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"Пароль має містити щонайменше {MIN_PASSWORD_LENGTH} символів.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise UserError(f"Пароль задовгий: щонайбільше {MAX_PASSWORD_LENGTH} символів.")
    if is_common_password(password):
        raise UserError("Цей пароль надто поширений і його легко вгадати. Виберіть інший.")


def _as_aware(moment: datetime | None) -> datetime | None:
    return audit.as_utc(moment) if moment else None


def retry_delay(failures: int) -> timedelta:
    """How long to wait after the given number of failures in a row: 0, then 2, 4, 8… seconds."""
    if failures < DELAY_AFTER_FAILURES:
        return timedelta(0)
    return timedelta(seconds=2 ** (failures - DELAY_AFTER_FAILURES + 1))


def find_user(session: Session, login: str) -> User | None:
    return session.execute(select(User).where(User.login == login.strip())).scalar_one_or_none()


def is_locked(user: User, now: datetime | None = None) -> bool:
    """Whether the account is locked after failed logins right now."""
    locked_until = _as_aware(user.locked_until)
    return bool(locked_until and (now or utcnow()) < locked_until)


def _claim_attempt(session: Session, login: str, now: datetime) -> tuple[int, int, str] | None:
    """Counts one login attempt before its password is checked, in one UPDATE … RETURNING.

    Counting first is what holds under parallel attempts: each claim sees the others' counts, so no
    more than LOCK_AFTER_FAILURES passwords are ever checked before the lock, however many arrive at
    once. None when the account is locked, must wait, is inactive or unknown.
    """
    may_try = [User.failed_logins < DELAY_AFTER_FAILURES, User.last_failed_at.is_(None)]
    for failures in range(DELAY_AFTER_FAILURES, LOCK_AFTER_FAILURES):
        may_try.append(and_(User.failed_logins == failures, User.last_failed_at <= now - retry_delay(failures)))
    # at or over the limit only once the lock has run out; the next failure locks again at once
    may_try.append(and_(User.failed_logins >= LOCK_AFTER_FAILURES, User.locked_until.is_not(None)))
    claim = (
        update(User)
        .where(
            User.login == login.strip(),
            User.active.is_(True),
            or_(User.locked_until.is_(None), User.locked_until <= now),
            or_(*may_try),
        )
        .values(
            failed_logins=User.failed_logins + 1,
            last_failed_at=now,
            locked_until=case(
                (User.failed_logins + 1 >= LOCK_AFTER_FAILURES, now + LOCK_DURATION), else_=User.locked_until
            ),
        )
        .returning(User.id, User.failed_logins, User.password_hash)
        .execution_options(synchronize_session=False)
    )
    row = session.execute(claim).one_or_none()
    # Committed at once: the claim holds even if this process dies while the password is checked, and
    # the write lock is not held during the check.
    session.commit()
    return (int(row[0]), int(row[1]), str(row[2])) if row is not None else None


def _refusal(session: Session, login: str, now: datetime) -> LoginFailed:
    """Why an attempt was not counted: a locked account, a waiting period, or a wrong login."""
    user = find_user(session, login)
    if user is None or not user.active:
        return LoginFailed("Неправильний логін або пароль.")
    locked_until = _as_aware(user.locked_until)
    if locked_until and now < locked_until:
        minutes = max(1, int((locked_until - now).total_seconds() // 60) + 1)
        return LoginFailed(
            f"Обліковий запис тимчасово заблоковано через невдалі спроби входу. Спробуйте за {minutes} хв."
        )
    last_failed = _as_aware(user.last_failed_at)
    wait = retry_delay(user.failed_logins)
    seconds = int((last_failed + wait - now).total_seconds()) + 1 if last_failed and wait else 1
    return LoginFailed(f"Забагато невдалих спроб. Зачекайте {max(1, seconds)} с і спробуйте ще раз.")


def authenticate(session: Session, login: str, password: str, now: datetime | None = None) -> User:
    """Returns the user for a right password; refuses a wrong one, a waiting period or a locked account."""
    now = now or utcnow()
    if len(password) > MAX_PASSWORD_LENGTH:
        raise LoginFailed("Неправильний логін або пароль.")
    session.commit()  # the claim must be its transaction's first statement (SQLite's write lock)
    claimed = _claim_attempt(session, login, now)
    if claimed is None:
        if find_user(session, login) is None:
            _verify(_dummy_hash(), password)  # an unknown login takes as long as a known one
        raise _refusal(session, login, now)
    user_id, failures, password_hash = claimed
    if not _verify(password_hash, password):
        # A write first, so that on SQLite this transaction holds the write lock before the audit log
        # reads its newest row: parallel failures then append one after another, never on the same id.
        session.execute(update(User).where(User.id == user_id).values(last_failed_at=now)
                        .execution_options(synchronize_session=False))
        user = session.get(User, user_id, populate_existing=True)
        detail = f"невдала спроба №{failures}"
        if failures >= LOCK_AFTER_FAILURES:
            detail += "; обліковий запис заблоковано"
        audit.append(session, user, "login_failed", detail=detail)
        session.commit()
        raise LoginFailed("Неправильний логін або пароль.")
    session.execute(
        update(User).where(User.id == user_id)
        .values(failed_logins=0, last_failed_at=None, locked_until=None)
        .execution_options(synchronize_session=False)
    )
    user = session.get(User, user_id, populate_existing=True)
    assert user is not None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    # Committed now: the attempt was counted before the check, and a command that fails after a right
    # password (its session rolled back) must not leave it counted as a failure.
    session.commit()
    return user


@functools.cache
def _dummy_hash() -> str:
    """A hash checked for an unknown login, made on first need (not at start-up)."""
    return hash_password("visnyk-no-such-user")


def _verify(password_hash: str, password: str) -> bool:
    return verify_password(password_hash, password)


def unlock(session: Session, actor: User, login: str) -> User:
    """An administrator lifts a lock after failed logins (and the waiting period); audited."""
    require_role(actor, "admin")
    user = _existing(session, login)
    was_locked = is_locked(user) or user.failed_logins > 0
    user.failed_logins = 0
    user.last_failed_at = None
    user.locked_until = None
    if was_locked:
        audit.append(session, actor, "user_unlocked", detail=login)
    return user


def count_users(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(User)).scalar_one())


def _validate_new_user(
    session: Session, login: str, full_name: str, roles: Iterable[str], password: str
) -> list[str]:
    if not _LOGIN_PATTERN.match(login):
        raise UserError("Логін — від 2 до 64 латинських літер, цифр, крапок, дефісів або підкреслень.")
    if not full_name.strip():
        raise UserError("Вкажіть ім'я та прізвище користувача.")
    wanted = list(roles)
    role_list = sorted(set(wanted), key=ROLES.index) if all(r in ROLES for r in wanted) else []
    if not role_list:
        raise UserError("Вкажіть щонайменше одну роль: " + ", ".join(ROLES) + ".")
    check_password_strength(password)
    if find_user(session, login):
        raise UserError(f"Користувач «{login}» уже існує.")
    return role_list


def _insert_user(
    session: Session, actor: User | None, login: str, full_name: str, roles: Iterable[str], password: str,
    position: str, note: str = "",
) -> User:
    role_list = _validate_new_user(session, login, full_name, list(roles), password)
    user = User(
        login=login,
        full_name=full_name.strip(),
        position=position.strip(),
        password_hash=hash_password(password),
        roles=" ".join(role_list),
    )
    session.add(user)
    session.flush()
    audit.append(session, actor or user, "user_created", detail=f"{login}: {' '.join(role_list)}{note}")
    return user


def create_first_admin(
    session: Session, login: str, full_name: str, password: str, position: str = ""
) -> User:
    """The first administrator of an empty database, holding every role; refused once any user exists."""
    if count_users(session):
        raise PermissionDenied("Перший адміністратор уже створений.")
    return _insert_user(session, None, login, full_name, ROLES, password, position, " (перший адміністратор)")


def add_user(
    session: Session,
    actor: User,
    login: str,
    full_name: str,
    roles: Iterable[str],
    password: str,
    position: str = "",
) -> User:
    """A new user; only an administrator adds users."""
    require_role(actor, "admin")
    return _insert_user(session, actor, login, full_name, roles, password, position)


def _existing(session: Session, login: str) -> User:
    user = find_user(session, login)
    if user is None:
        raise NotFound(f"Користувача «{login}» не знайдено.")
    return user


def _other_active_admins(session: Session, user: User) -> int:
    """How many active administrators there are besides this user."""
    others = session.execute(select(User).where(User.active.is_(True), User.id != user.id)).scalars()
    return sum(1 for other in others if "admin" in other.role_set)


def set_roles(session: Session, actor: User, login: str, roles: Iterable[str]) -> User:
    """Changes a user's roles; only an administrator may, and never takes the last administrator's away."""
    require_role(actor, "admin")
    user = _existing(session, login)
    roles = list(roles)
    role_list = sorted(set(roles), key=ROLES.index) if all(r in ROLES for r in roles) else []
    if not role_list:
        raise UserError("Вкажіть щонайменше одну роль: " + ", ".join(ROLES) + ".")
    if "admin" in user.role_set and "admin" not in role_list and user.active and not _other_active_admins(session, user):
        raise PermissionDenied(
            f"Не можна зняти роль адміністратора з «{login}»: це останній адміністратор. Спершу призначте іншого."
        )
    before = " ".join(sorted(user.role_set, key=ROLES.index))
    user.roles = " ".join(role_list)
    if before != user.roles:
        audit.append(session, actor, "user_roles_changed", detail=f"{login}: {before} → {user.roles}")
    return user


def set_active(session: Session, actor: User, login: str, active: bool) -> User:
    """Deactivates a user (who then cannot log in) or activates them again; the row stays for the audit."""
    require_role(actor, "admin")
    user = _existing(session, login)
    if user.active == active:
        return user
    if not active:
        if user.id == actor.id:
            raise PermissionDenied("Не можна деактивувати власний обліковий запис.")
        if "admin" in user.role_set and not _other_active_admins(session, user):
            raise PermissionDenied(f"Не можна деактивувати «{login}»: це останній адміністратор.")
    user.active = active
    if active:
        user.failed_logins = 0
        user.locked_until = None
    audit.append(session, actor, "user_activated" if active else "user_deactivated", detail=login)
    return user


def set_password(session: Session, actor: User, login: str, password: str) -> None:
    """A user changes their own password, or an administrator resets anyone's (and unlocks it)."""
    user = _existing(session, login)
    if actor.id != user.id:
        require_role(actor, "admin")
    check_password_strength(password)
    user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.locked_until = None
    audit.append(session, actor, "password_changed", detail=login)


def list_users(session: Session) -> list[User]:
    return list(session.execute(select(User).order_by(User.full_name)).scalars())


def full_names(session: Session, user_ids: Iterable[int | None]) -> dict[int, str]:
    """id -> full name of the given users (None ids are skipped), in one query."""
    ids = {user_id for user_id in user_ids if user_id is not None}
    if not ids:
        return {}
    return dict(session.execute(select(User.id, User.full_name).where(User.id.in_(ids))).all())


def user_to_json(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "login": user.login,
        "name": user.full_name,
        "position": user.position,
        "roles": sorted(user.role_set, key=ROLES.index),
        "active": user.active,
        "locked": is_locked(user),
    }
