"""Commands on releases: show, edit, list, the workflow moves, history, and audit verify."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import accounts, settings
from desktop.cli.context import CliContext, read_text_arg
from desktop.document import Document
from desktop.errors import UserError
from desktop.labels import INBOX_LABELS
from desktop.releases import revisions as releases
from desktop.releases.rules import check_read, status_label
from desktop.storage import audit
from desktop.storage.models import Export, Release
from desktop.workflow import transitions


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds show, edit, list, submit, approve, return, archive, restore, history and audit verify."""
    from desktop.cli import add_json_flag

    show = subparsers.add_parser("show", help="показати реліз")
    show.add_argument("id", type=int)
    show.add_argument("--text", action="store_true", help="лише текст")
    add_json_flag(show)
    show.set_defaults(handler=_show)

    edit = subparsers.add_parser("edit", help="замінити текст релізу текстом із файлу")
    edit.add_argument("id", type=int)
    edit.add_argument(
        "--text",
        required=True,
        metavar="FILE",
        help="перший рядок — заголовок, далі абзаци через порожній рядок",
    )
    add_json_flag(edit)
    edit.set_defaults(handler=_edit)

    listing = subparsers.add_parser("list", help="список релізів")
    listing.add_argument("--inbox", default="all", choices=releases.INBOXES)
    listing.add_argument("--search", metavar="TEXT")
    listing.add_argument("--limit", type=int, default=100)
    add_json_flag(listing)
    listing.set_defaults(handler=_list)

    for name, help_text in (
        ("submit", "подати на погодження"),
        ("archive", "перенести в архів"),
        ("restore", "відновити з архіву"),
    ):
        move = subparsers.add_parser(name, help=help_text)
        move.add_argument("id", type=int)
        add_json_flag(move)
        move.set_defaults(handler=_move, move=name)
    approve = subparsers.add_parser("approve", help="погодити")
    approve.add_argument("id", type=int)
    approve.add_argument("--comment", default="")
    add_json_flag(approve)
    approve.set_defaults(handler=_move, move="approve")
    back = subparsers.add_parser("return", help="повернути на доопрацювання")
    back.add_argument("id", type=int)
    back.add_argument("--comment", required=True)
    add_json_flag(back)
    back.set_defaults(handler=_move, move="return")

    history = subparsers.add_parser("history", help="редакції, рух і експорти релізу")
    history.add_argument("id", type=int)
    add_json_flag(history)
    history.set_defaults(handler=_history)

    audit_parser = subparsers.add_parser("audit", help="журнал аудиту").add_subparsers(
        dest="audit_command", required=True
    )
    verify = audit_parser.add_parser("verify", help="перевірити ланцюжок журналу аудиту")
    add_json_flag(verify)
    verify.set_defaults(handler=_audit_verify)


def _iso(moment: Any) -> str | None:
    return audit.as_utc(moment).isoformat() if moment is not None else None


def release_json(session: Session, release: Release) -> dict[str, Any]:
    """A release as the CLI prints it with --json."""
    names = accounts.full_names(session, {release.author_id, release.approved_by})
    info = transitions.approval_info(release, session)
    document = releases.release_document(release)
    return {
        "id": release.id,
        "title": release.title,
        "status": release.status,
        "status_label": status_label(release.status),
        "author": names.get(release.author_id, ""),
        "template": release.template_key,
        "version": release.version,
        "event_date": release.event_date.isoformat() if release.event_date else None,
        "place": release.place,
        "created_at": _iso(release.created_at),
        "updated_at": _iso(release.updated_at),
        "content_hash": release.content_hash,
        "approval": None
        if info is None
        else {
            "by": info.approver_name,
            "at": info.approved_at.isoformat(),
            "self_approved": info.self_approved,
            "revision_id": info.revision_id,
            "content_hash": info.content_hash,
            "line": info.line,
        },
        "document": document.to_json_data(),
        "participants": releases.release_participants(release),
        "facts": releases.release_facts(release),
        "text": document.plain_text(),
    }


def _show(ctx: CliContext, args: argparse.Namespace) -> int:
    with ctx.session() as session:
        user = ctx.acting_user(session)
        release = releases.get_release(session, args.id)
        check_read(user, release)
        data = release_json(session, release)
    if args.text and not ctx.as_json:
        print(data["text"])
        return 0
    header = [
        f"Реліз №{data['id']} · {data['status_label']} · версія {data['version']}",
        f"Автор: {data['author']}",
    ]
    if data["approval"]:
        header.append(data["approval"]["line"])
    ctx.emit(data, "\n".join(header) + "\n\n" + data["text"])
    return 0


def _edit(ctx: CliContext, args: argparse.Namespace) -> int:
    document = Document.from_plain_text(read_text_arg(args.text))
    if not document.title.strip():
        raise UserError("Перший рядок файлу має містити заголовок релізу.")
    with ctx.session() as session:
        user = ctx.acting_user(session)
        document = without_signature_block(document, settings.signature_lines(session))
        release = releases.get_release(session, args.id)
        release = releases.save_text(
            session, user, args.id, document, expected_version=release.version, kind="save"
        )
        data = {"id": release.id, "version": release.version, "status": release.status}
        revision = releases.current_revision(session, release)
        data["revision"] = revision.number if revision else None
    ctx.emit(
        data,
        f"Реліз №{data['id']} збережено (редакція №{data['revision']}, стан «{status_label(str(data['status']))}»).",
    )
    return 0


def _list(ctx: CliContext, args: argparse.Namespace) -> int:
    with ctx.session() as session:
        user = ctx.acting_user(session)
        rows = releases.list_releases(session, user, inbox=args.inbox, search=args.search, limit=args.limit)
    data = [
        {
            "id": row.id,
            "title": row.title,
            "status": row.status,
            "author": row.author_name,
            "updated_at": row.updated_at.isoformat(),
            "event_date": row.event_date.isoformat() if row.event_date else None,
        }
        for row in rows
    ]
    lines = [f"{row.id:>6}  {status_label(row.status):<28} {row.title}" for row in rows]
    ctx.emit(data, "\n".join(lines) or f"«{INBOX_LABELS.get(args.inbox, args.inbox)}»: релізів немає.")
    return 0


_DONE = {
    "submit": "подано на погодження",
    "approve": "погоджено",
    "return": "повернуто на доопрацювання",
    "archive": "перенесено в архів",
    "restore": "відновлено з архіву",
}


def _move(ctx: CliContext, args: argparse.Namespace) -> int:
    with ctx.session() as session:
        user = ctx.acting_user(session)
        if args.move == "submit":
            release = transitions.submit(session, user, args.id)
        elif args.move == "approve":
            release = transitions.approve(session, user, args.id, comment=args.comment)
        elif args.move == "return":
            release = transitions.return_release(session, user, args.id, args.comment)
        elif args.move == "archive":
            release = transitions.archive(session, user, args.id)
        else:
            release = transitions.restore(session, user, args.id)
        data = {"id": release.id, "status": release.status, "version": release.version}
        info = transitions.approval_info(release, session)
        text = f"Реліз №{release.id}: {_DONE[args.move]} (стан «{status_label(release.status)}»)."
        if info is not None and args.move == "approve":
            data["approval"] = info.line
            text += f"\n{info.line}"
    ctx.emit(data, text)
    return 0


def history_json(session: Session, release_id: int) -> dict[str, Any]:
    """Revisions, workflow events and exports of a release."""
    revisions = releases.revisions(session, release_id)
    events = transitions.events(session, release_id)
    exports = list(
        session.execute(select(Export).where(Export.release_id == release_id).order_by(Export.id)).scalars()
    )
    names = accounts.full_names(
        session,
        {r.author_id for r in revisions} | {e.user_id for e in events} | {x.user_id for x in exports},
    )
    numbers = {r.id: r.number for r in revisions}
    return {
        "id": release_id,
        "revisions": [
            {
                "number": r.number,
                "kind": r.kind,
                "author": names.get(r.author_id, ""),
                "created_at": _iso(r.created_at),
                "content_hash": r.content_hash,
                "note": r.note,
            }
            for r in revisions
        ],
        "events": [
            {
                "action": e.action,
                "from": e.from_status,
                "to": e.to_status,
                "user": names.get(e.user_id, ""),
                "revision": numbers.get(e.revision_id) if e.revision_id else None,
                "comment": e.comment,
                "created_at": _iso(e.created_at),
            }
            for e in events
        ],
        "exports": [
            {
                "format": x.format,
                "signed": x.signed,
                "path": x.path,
                "sha256": x.sha256,
                "revision": numbers.get(x.revision_id),
                "user": names.get(x.user_id, ""),
                "created_at": _iso(x.created_at),
            }
            for x in exports
        ],
    }


def _history_text(data: dict[str, Any]) -> str:
    lines = [f"Реліз №{data['id']}", "", "Редакції:"]
    for r in data["revisions"]:
        note = f" — {r['note']}" if r["note"] else ""
        lines.append(f"  №{r['number']:<3} {r['created_at'][:19]}  {r['kind']:<9} {r['author']}{note}")
    lines += ["", "Рух:"]
    for e in data["events"]:
        comment = f": {e['comment']}" if e["comment"] else ""
        moved = f"{status_label(e['from'])} → {status_label(e['to'])}"
        lines.append(f"  {e['created_at'][:19]}  {e['action']:<16} {moved}  {e['user']}{comment}")
    if not data["events"]:
        lines.append("  —")
    lines += ["", "Експорти:"]
    for x in data["exports"]:
        signed = ", підписано" if x["signed"] else ""
        lines.append(
            f"  {x['created_at'][:19]}  {x['format']}{signed}  редакція №{x['revision']}  {x['user']}  {x['path']}"
            f"\n      SHA-256 {x['sha256']}"
        )
    if not data["exports"]:
        lines.append("  —")
    return "\n".join(lines)


def _history(ctx: CliContext, args: argparse.Namespace) -> int:
    with ctx.session() as session:
        user = ctx.acting_user(session)
        check_read(user, releases.get_release(session, args.id))
        data = history_json(session, args.id)
    ctx.emit(data, _history_text(data))
    return 0


def _audit_verify(ctx: CliContext, args: argparse.Namespace) -> int:
    # No login: the check reveals only whether the chain holds, and must work when accounts are damaged.
    with ctx.session() as session:
        report = audit.verify_chain(session)
    data = {"ok": report.ok, "rows": report.rows, "broken_id": report.broken_id, "reason": report.reason,
            "legacy": report.legacy}
    if report.ok:
        legacy = (f" Перші {report.legacy} записів запечатано ще без ключа (до появи ключів у «Віснику»)."
                  if report.legacy else "")
        ctx.emit(data, f"Журнал аудиту цілий: {report.rows} записів, ланцюжок не порушено.{legacy}")
        return 0
    ctx.emit(data, f"Журнал аудиту порушено на записі №{report.broken_id}: {report.reason}.")
    return 1


def without_signature_block(document: Document, signature: list[str]) -> Document:
    """The text without a trailing copy of the department's signature, which every export adds itself."""
    wanted = " ".join(" ".join(signature).split())
    blocks = list(document.blocks)
    # The block may come as one paragraph or as one a line.
    for size in range(1, len(signature) + 1):
        tail = " ".join(" ".join(block.text for block in blocks[-size:]).split()) if len(blocks) >= size else ""
        if wanted and tail == wanted:
            return replace(document, blocks=tuple(blocks[:-size]))
    return document
