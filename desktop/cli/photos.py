"""Commands for the photos of a release: add (stripped of metadata), list, edit the words, move, remove."""

from __future__ import annotations

import argparse

from desktop.cli.context import CliContext

GPS_NOTE = "Увага: в оригіналі були координати GPS місця зйомки; їх видалено, але перевірте, чи не видно місця на самому фото."


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `photo add|list|edit|move|remove`."""
    from desktop.cli import add_json_flag

    photo = subparsers.add_parser("photo", help="фото релізу").add_subparsers(
        dest="photo_command", required=True, metavar="ДІЯ"
    )
    add = photo.add_parser("add", help="додати фото (метадані EXIF, GPS, XMP, IPTC буде видалено)")
    add.add_argument("id", type=int)
    add.add_argument("file", metavar="FILE")
    add.add_argument("--caption", default="", help="підпис під фото")
    add.add_argument("--credit", default="", help="автор фото (у файлах — «Фото: …»)")
    add.add_argument("--alt", default="", help="опис для незрячих (alt)")
    add_json_flag(add)
    add.set_defaults(handler=_add)

    listing = photo.add_parser("list", help="фото релізу по порядку")
    listing.add_argument("id", type=int)
    add_json_flag(listing)
    listing.set_defaults(handler=_list)

    edit = photo.add_parser("edit", help="змінити підпис, автора або опис фото")
    edit.add_argument("id", type=int)
    edit.add_argument("number", type=int, metavar="N")
    edit.add_argument("--caption", default=None)
    edit.add_argument("--credit", default=None)
    edit.add_argument("--alt", default=None)
    add_json_flag(edit)
    edit.set_defaults(handler=_edit)

    move = photo.add_parser("move", help="поставити фото №N на місце №TO")
    move.add_argument("id", type=int)
    move.add_argument("number", type=int, metavar="N")
    move.add_argument("to", type=int, metavar="TO")
    add_json_flag(move)
    move.set_defaults(handler=_move)

    remove = photo.add_parser("remove", help="прибрати фото №N з релізу")
    remove.add_argument("id", type=int)
    remove.add_argument("number", type=int, metavar="N")
    add_json_flag(remove)
    remove.set_defaults(handler=_remove)


def _lines(photos: list[dict]) -> str:
    if not photos:
        return "Фото немає."
    lines = []
    for photo in photos:
        words = " · ".join(part for part in (photo["caption"], photo["credit_line"]) if part) or "без підпису"
        gps = " [в оригіналі були GPS]" if photo["original_had_gps"] else ""
        lines.append(f"{photo['number']:>3}. {photo['width']}×{photo['height']} {photo['format']}  {words}{gps}")
    return "\n".join(lines)


def _notes(photos: list) -> list[str]:
    """The security check of the photos' words and their GPS flags (desktop.photos.review)."""
    from desktop.photos.review import photo_notes

    return photo_notes(photos)


def _summary(release_id: int, change) -> dict:  # noqa: ANN001 - a releases.photos.PhotoChange
    from desktop.releases.photos import photo_summary

    return {"release_id": release_id, "version": change.version, "photos": photo_summary(change.photos)}


def _add(ctx: CliContext, args: argparse.Namespace) -> int:
    from desktop.photos.images import read_photo_file
    from desktop.releases.photos import attach_photo

    data = read_photo_file(args.file)  # an unreadable path is refused before anyone logs in
    with ctx.session() as session:
        user = ctx.acting_user(session)
        change = attach_photo(
            session, user, args.id, data, args.file.rsplit("/", 1)[-1],
            caption=args.caption, credit=args.credit, alt=args.alt,
        )
    result = _summary(args.id, change)
    added = result["photos"][change.number - 1]
    result.update(number=change.number, removed=added["removed"], removed_line=change.removed_line)
    text = [f"Фото №{change.number} додано до релізу №{args.id}.", change.removed_line]
    if added["original_had_gps"]:
        text.append(GPS_NOTE)
    mine = (f"Фото №{change.number}:", f"Фото №{change.number},")
    text.extend(note for note in _notes(change.photos) if note.startswith(mine) and "GPS" not in note)
    ctx.emit(result, "\n".join(text))
    return 0


def _list(ctx: CliContext, args: argparse.Namespace) -> int:
    from desktop.releases import revisions
    from desktop.releases.photos import entries, photo_summary
    from desktop.releases.rules import check_read

    with ctx.session() as session:
        user = ctx.acting_user(session)
        release = revisions.get_release(session, args.id)
        check_read(user, release)
        found = entries(release)
        photos = photo_summary(found)
    notes = _notes(found)
    ctx.emit(photos, _lines(photos) + ("\nПеревірте:\n" + "\n".join(notes) if notes else ""))
    return 0


def _edit(ctx: CliContext, args: argparse.Namespace) -> int:
    from desktop.releases.photos import update_photo

    with ctx.session() as session:
        change = update_photo(session, ctx.acting_user(session), args.id, args.number,
                              caption=args.caption, credit=args.credit, alt=args.alt)
    result = _summary(args.id, change)
    ctx.emit(result, f"Фото №{args.number} релізу №{args.id} змінено.\n{_lines(result['photos'])}")
    return 0


def _move(ctx: CliContext, args: argparse.Namespace) -> int:
    from desktop.releases.photos import move_photo

    with ctx.session() as session:
        change = move_photo(session, ctx.acting_user(session), args.id, args.number, args.to)
    result = _summary(args.id, change)
    ctx.emit(result, _lines(result["photos"]))
    return 0


def _remove(ctx: CliContext, args: argparse.Namespace) -> int:
    from desktop.releases.photos import remove_photo

    with ctx.session() as session:
        change = remove_photo(session, ctx.acting_user(session), args.id, args.number)
    result = _summary(args.id, change)
    ctx.emit(result, f"Фото №{args.number} прибрано з релізу №{args.id}.\n{_lines(result['photos'])}")
    return 0
