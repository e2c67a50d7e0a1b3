"""Commands for the officials directory: import, search, export, add, forms."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.context import CliContext
from desktop.directory import officials as directory
from desktop.directory.exchange import export_officials, import_officials, report_text
from desktop.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `officials import|search|export|add|forms`."""
    from desktop.cli import add_json_flag

    officials = subparsers.add_parser("officials", help="довідник посадовців").add_subparsers(
        dest="officials_command", required=True, metavar="ДІЯ"
    )
    importing = officials.add_parser("import", help="імпортувати з CSV або XLSX (адміністратор)")
    importing.add_argument("file", metavar="FILE")
    importing.add_argument("--dry-run", action="store_true", help="лише перевірити, нічого не змінювати")
    add_json_flag(importing)
    importing.set_defaults(handler=_import)

    search = officials.add_parser("search", help="знайти посадовця")
    search.add_argument("text", metavar="TEXT", nargs="+")
    search.add_argument("--limit", type=int, default=20, metavar="N")
    search.add_argument("--all", action="store_true", help="разом із неактивними")
    add_json_flag(search)
    search.set_defaults(handler=_search)

    export = officials.add_parser("export", help="експортувати в CSV або XLSX")
    export.add_argument("file", metavar="FILE")
    export.add_argument("--force", action="store_true", help="замінити наявний файл")
    add_json_flag(export)
    export.set_defaults(handler=_export)

    add = officials.add_parser("add", help="додати посадовця")
    add.add_argument("--surname", required=True)
    add.add_argument("--given-name", required=True)
    add.add_argument("--patronymic", default="")
    add.add_argument("--gender", default="", help="ч або ж; якщо не вказано — визначається за іменем")
    add.add_argument("--position", required=True)
    add.add_argument("--short-position", default="")
    add.add_argument("--organization", default="")
    add.add_argument("--precedence", default=None)
    add.add_argument("--phone", default="")
    add.add_argument("--email", default="")
    add_json_flag(add)
    add.set_defaults(handler=_add)

    forms = officials.add_parser("forms", help="згенерувати відмінкові форми, яких бракує після імпорту")
    add_json_flag(forms)
    forms.set_defaults(handler=_forms)


def _import(ctx: CliContext, args: argparse.Namespace) -> int:
    with ctx.session() as session:
        actor = ctx.acting_user(session)
        report = import_officials(session, actor, args.file, dry_run=args.dry_run)
    data, text = report.to_json(), report_text(report, dry_run=args.dry_run)
    if not args.dry_run and (report.imported or report.updated):
        # The names in every case, for drafting and for the spelling checker (about a millisecond each).
        with ctx.session() as session:
            data["forms_generated"] = directory.complete_forms(session)
        text += f"\nВідмінкові форми згенеровано: {data['forms_generated']}."
    ctx.emit(data, text)
    return 0


def _search(ctx: CliContext, args: argparse.Namespace) -> int:
    with ctx.session() as session:
        found = directory.search_officials(session, " ".join(args.text), args.limit, include_inactive=args.all)
        data = [directory.official_to_json(official) for official in found]
    lines = [
        f"{o['id']:>6}  {o['surname']} {o['given_name']} {o['patronymic']}".rstrip()
        + f" — {o['position']}" + ("" if o["active"] else " (неактивний)")
        for o in data
    ]
    ctx.emit(data, "\n".join(lines) or "Нікого не знайдено.")
    return 0


def _export(ctx: CliContext, args: argparse.Namespace) -> int:
    if Path(args.file).exists() and not args.force:
        raise UserError(f"Файл «{args.file}» уже існує; його не замінено. Додайте --force, щоб замінити.")
    with ctx.session() as session:
        actor = ctx.acting_user(session)
        count = export_officials(session, args.file, actor)
    ctx.emit({"exported": count, "path": args.file}, f"Експортовано посадовців: {count} → {args.file}")
    return 0


def _add(ctx: CliContext, args: argparse.Namespace) -> int:
    values = {
        "surname": args.surname, "given_name": args.given_name, "patronymic": args.patronymic,
        "gender": args.gender, "position": args.position, "short_position": args.short_position,
        "organization": args.organization, "phone": args.phone, "email": args.email,
    }
    if args.precedence is not None:
        values["precedence"] = args.precedence
    with ctx.session() as session:
        actor = ctx.acting_user(session)
        official = directory.add_official(session, actor, **values)
        data = directory.official_to_json(official)
    ctx.emit(data, f"Додано посадовця №{data['id']}: {data['given_name']} {data['surname']}.")
    return 0


def _forms(ctx: CliContext, args: argparse.Namespace) -> int:
    with ctx.session() as session:
        count = directory.complete_forms(session)
    ctx.emit({"generated": count}, f"Згенеровано відмінкові форми для посадовців: {count}.")
    return 0
