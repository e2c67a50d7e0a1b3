"""Commands for setting up an office: init, users, settings, demo."""

from __future__ import annotations

import argparse

from desktop import accounts, settings
from desktop.cli.context import CliContext, secret
from desktop.errors import DamagedDatabase, UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds init, users, settings and demo."""
    from desktop.cli import add_json_flag

    init = subparsers.add_parser("init", help="створити базу й першого адміністратора")
    init.add_argument("--admin", required=True, metavar="LOGIN")
    init.add_argument("--name", required=True)
    init.add_argument("--position", default="")
    add_json_flag(init)
    init.set_defaults(handler=_init)

    users = subparsers.add_parser("users", help="користувачі").add_subparsers(dest="users_command", required=True)
    add = users.add_parser("add", help="додати користувача")
    add.add_argument("login")
    add.add_argument("--name", required=True)
    add.add_argument("--position", default="")
    add.add_argument("--role", action="append", required=True, choices=accounts.ROLES)
    add_json_flag(add)
    add.set_defaults(handler=_users_add)
    listing = users.add_parser("list", help="список користувачів")
    add_json_flag(listing)
    listing.set_defaults(handler=_users_list)
    roles = users.add_parser("roles", help="змінити ролі користувача (усі ролі, які він матиме)")
    roles.add_argument("login")
    roles.add_argument("--role", action="append", required=True, choices=accounts.ROLES)
    add_json_flag(roles)
    roles.set_defaults(handler=_users_roles)
    for name, active, text in (("deactivate", False, "деактивувати: не зможе ввійти, записи лишаються"),
                               ("activate", True, "знову активувати деактивованого користувача")):
        command = users.add_parser(name, help=text)
        command.add_argument("login")
        add_json_flag(command)
        command.set_defaults(handler=_users_set_active, active=active)
    unlock = users.add_parser("unlock", help="зняти блокування після невдалих спроб входу")
    unlock.add_argument("login")
    add_json_flag(unlock)
    unlock.set_defaults(handler=_users_unlock)
    password = users.add_parser("password", help="новий пароль користувача (з VISNYK_NEW_PASSWORD або запитом)")
    password.add_argument("login")
    password.set_defaults(handler=_users_password)

    options = subparsers.add_parser("settings", help="налаштування відділу").add_subparsers(
        dest="settings_command", required=True
    )
    show = options.add_parser("show", help="показати налаштування")
    add_json_flag(show)
    show.set_defaults(handler=_settings_show)
    change = options.add_parser("set", help="змінити налаштування")
    change.add_argument("key")
    change.add_argument("value")
    change.set_defaults(handler=_settings_set)

    demo = subparsers.add_parser("demo", help="заповнити базу демонстраційними даними")
    add_json_flag(demo)
    demo.set_defaults(handler=_demo)

    copies = subparsers.add_parser("backup", help="резервні копії вбудованої бази (SQLite)").add_subparsers(
        dest="backup_command", required=True
    )
    create = copies.add_parser("create", help="зробити копію зараз")
    add_json_flag(create)
    create.set_defaults(handler=_backup_create)
    listing = copies.add_parser("list", help="наявні копії, найновіша перша")
    add_json_flag(listing)
    listing.set_defaults(handler=_backup_list)
    restore = copies.add_parser("restore", help="повернути копію замість пошкодженої бази")
    restore.add_argument("file", nargs="?", help="файл копії (типово — найновіша)")
    restore.add_argument("--force", action="store_true", help="відновити, навіть якщо база справна")
    add_json_flag(restore)
    restore.set_defaults(handler=_backup_restore)


def _init(ctx: CliContext, args: argparse.Namespace) -> int:
    password = secret("VISNYK_NEW_PASSWORD", f"Новий пароль для {args.admin}: ")
    from desktop.storage import audit

    with ctx.session() as session:
        audit.start_new_chain(session)
        user = accounts.create_first_admin(session, args.admin, args.name, password, args.position)
        data = accounts.user_to_json(user)
    ctx.emit(data, f"Базу готово: {ctx.database.display_name}. Адміністратор: {args.admin}.")
    return 0


def _users_add(ctx: CliContext, args: argparse.Namespace) -> int:
    password = secret("VISNYK_NEW_PASSWORD", f"Пароль для {args.login}: ")
    with ctx.session() as session:
        actor = ctx.acting_user(session)
        user = accounts.add_user(session, actor, args.login, args.name, args.role, password, args.position)
        data = accounts.user_to_json(user)
    ctx.emit(data, f"Додано користувача {args.login}.")
    return 0


def _users_roles(ctx: CliContext, args: argparse.Namespace) -> int:
    with ctx.session() as session:
        actor = ctx.acting_user(session)
        user = accounts.set_roles(session, actor, args.login, args.role)
        data = accounts.user_to_json(user)
    names = ", ".join(accounts.ROLE_LABELS[role] for role in data["roles"])
    ctx.emit(data, f"Ролі користувача {args.login}: {names}.")
    return 0


def _users_set_active(ctx: CliContext, args: argparse.Namespace) -> int:
    with ctx.session() as session:
        actor = ctx.acting_user(session)
        user = accounts.set_active(session, actor, args.login, args.active)
        data = accounts.user_to_json(user)
    ctx.emit(data, f"Користувача {args.login} {'активовано' if args.active else 'деактивовано'}.")
    return 0


def _users_password(ctx: CliContext, args: argparse.Namespace) -> int:
    with ctx.session() as session:
        actor = ctx.acting_user(session)
        if accounts.find_user(session, args.login) is None:  # before asking for a password
            raise UserError(f"Користувача «{args.login}» не знайдено.")
        password = secret("VISNYK_NEW_PASSWORD", f"Новий пароль для {args.login}: ")
        accounts.set_password(session, actor, args.login, password)
    print(f"Пароль користувача {args.login} змінено.")
    return 0


def _users_unlock(ctx: CliContext, args: argparse.Namespace) -> int:
    with ctx.session() as session:
        actor = ctx.acting_user(session)
        user = accounts.unlock(session, actor, args.login)
        data = accounts.user_to_json(user)
    ctx.emit(data, f"Користувача {args.login} розблоковано: він може ввійти знову.")
    return 0


def _users_list(ctx: CliContext, args: argparse.Namespace) -> int:
    with ctx.session() as session:
        ctx.acting_user(session)  # who has an account is not told to anyone who has none
        data = [accounts.user_to_json(user) for user in accounts.list_users(session)]
    lines = [
        f"{u['login']:<16} {u['name']:<30} {', '.join(accounts.ROLE_LABELS[r] for r in u['roles'])}"
        + ("" if u["active"] else "  (деактивовано)") + ("  (заблоковано)" if u["locked"] else "")
        for u in data
    ]
    ctx.emit(data, "\n".join(lines) or "Користувачів немає.")
    return 0


def _settings_show(ctx: CliContext, args: argparse.Namespace) -> int:
    with ctx.session() as session:
        data = settings.all_settings(session)
    lines = []
    for option in settings.OPTIONS:
        value = data[option.key].replace("\n", " / ")
        lines.append(f"{option.key} = {value}    # {option.label}")
    ctx.emit(data, "\n".join(lines))
    return 0


def _settings_set(ctx: CliContext, args: argparse.Namespace) -> int:
    with ctx.session() as session:
        actor = ctx.acting_user(session)
        value = settings.set_value(session, actor, args.key, args.value)
    print(f"{args.key} = {value}")
    return 0


def _demo(ctx: CliContext, args: argparse.Namespace) -> int:
    from desktop.demo.seed import fill_demo

    with ctx.session() as session:
        if accounts.count_users(session):
            raise UserError("База вже містить дані; демонстраційні дані додаються лише до порожньої бази.")
    logins, password = fill_demo(ctx.database)
    data = {"database": ctx.database.display_name, "logins": logins, "password": password}
    lines = [f"Демонстраційну базу заповнено: {ctx.database.display_name}", "Користувачі:"]
    lines += [f"  {login:<12} {role}" for login, role in logins.items()]
    lines.append(f"Пароль усіх демо-користувачів: {password}")
    ctx.emit(data, "\n".join(lines))
    return 0


def _backup_create(ctx: CliContext, args: argparse.Namespace) -> int:
    from datetime import timedelta

    from desktop.storage import backups

    # ctx.database opens (and so checks) the database before it is copied.
    made = backups.make_backup(ctx.database.url, min_age=timedelta(0))
    if made is None:
        raise UserError("Резервні копії робить лише вбудована база SQLite; PostgreSQL копіює його адміністратор.")
    ctx.emit({"path": str(made.path), "made_at": made.made_at.isoformat()}, f"Резервну копію збережено: {made.path}")
    return 0


def _backup_list(ctx: CliContext, args: argparse.Namespace) -> int:
    from desktop.storage import backups
    from desktop.storage.engine import database_url

    found = backups.list_backups(database_url(args.database))
    data = [{"path": str(b.path), "made_at": b.made_at.isoformat()} for b in found]
    ctx.emit(data, "\n".join(f"{b.label()}  {b.path}" for b in found) or "Резервних копій немає.")
    return 0


def _backup_restore(ctx: CliContext, args: argparse.Namespace) -> int:
    """Puts a copy back: over a sound database only for a logged-in administrator, and always audited."""
    from desktop.storage import audit, backups
    from desktop.storage.engine import Database, database_url

    url = database_url(args.database)
    login = ""
    if backups.database_file(url) is not None:
        try:
            sound = Database(url)
        except DamagedDatabase:
            pass  # nobody can log in to a damaged database: the restore is recorded without a name
        else:
            try:
                if not args.force:
                    raise UserError("База даних справна, відновлювати нічого. Щоб усе одно повернути копію, "
                                    "додайте --force (потрібен вхід адміністратора: --as LOGIN).")
                with sound.session() as session:
                    actor = ctx.acting_user(session)
                    accounts.require_role(actor, "admin")
                    login = actor.login
            finally:
                sound.dispose()
    chosen = backups.backup_from_file(args.file) if args.file else None
    used = chosen or backups.latest_backup(url)
    kept = backups.restore_backup(url, chosen)
    # the copy's audit log is older than what this computer has seen, knowingly: the witness starts again
    audit.note_restore(url, source=str(used.path) if used else "?", kept=str(kept), login=login)
    restored = Database(url)
    try:
        audit.record_pending_restore(restored.sessions, url)  # the restore goes into the copy's own log
    finally:
        restored.dispose()
    data = {"restored_from": str(used.path) if used else None, "damaged_file": str(kept), "by": login or None}
    label = used.label() if used else ""
    who = (f"Відновлення записано в журнал аудиту від імені {login}." if login else
           "Увійти до пошкодженої бази неможливо, тож відновлення записано в журнал аудиту без імені.")
    ctx.emit(data, f"Базу відновлено з копії від {label}. Попередній файл збережено як {kept}. {who}")
    return 0
