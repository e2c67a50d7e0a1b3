"""Commands for publishing: export an approved release to a file, and verify a signed PDF."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.context import CliContext
from desktop.errors import UserError

if TYPE_CHECKING:
    from desktop.export.plan import ExportRecord

# verify: 0 the file is authentic (intact, every signature valid, the signer trusted, the text
# equal to an approved release), 1 it is not (the reason in one line), 2 a mistake.
EXIT_VALID = 0
EXIT_INVALID = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `export` and `verify`."""
    from desktop.cli import add_json_flag
    from desktop.export.plan import COPIES, FORMATS

    export = subparsers.add_parser("export", help="експортувати погоджений реліз у файл")
    export.add_argument("id", type=int)
    export.add_argument("--format", choices=FORMATS,
                        help="формат файлу (з --sign — pdf); telegram і facebook — тексти для соцмереж")
    export.add_argument(
        "--copy", choices=COPIES, default="publication",
        help="примірник: publication — для оприлюднення (типово, без візи), office — службовий, з візою «ПОГОДЖЕНО»",
    )
    export.add_argument(
        "--sign", nargs="?", const="", metavar="FILE.p12",
        help="підписати PDF сертифікатом PKCS#12 (без файлу — сертифікатом з налаштувань); "
        "пароль — у VISNYK_CERT_PASSWORD або буде запитано",
    )
    export.add_argument("--out", metavar="DIR", help="тека для файлу (типово — з налаштувань або exports/)")
    export.add_argument("--overwrite", action="store_true", help="замінити наявний файл без запитання")
    add_json_flag(export)
    export.set_defaults(handler=_export)

    verify = subparsers.add_parser(
        "verify", help="перевірити підписаний PDF: підписи, довіру до підписувача, текст погодженого релізу"
    )
    verify.add_argument("file", metavar="FILE.pdf")
    verify.add_argument(
        "--trust", action="append", default=[], metavar="CERT",
        help="довірений сертифікат (PEM або DER) на додачу до переліку з налаштувань; можна кілька разів",
    )
    add_json_flag(verify)
    verify.set_defaults(handler=_verify)


def _ask_password(prompt: str) -> str | None:
    # Never from the command line: the environment, the keyring, or the terminal.
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(prompt)


def _confirm_overwrite(path: Path) -> bool:
    if not sys.stdin.isatty():
        return False
    answer = input(f"Файл «{path}» уже існує. Замінити його? [т/Н] ")
    return answer.strip().lower() in {"т", "так", "y", "yes"}


def _certificate(session: Any, given: str) -> Path:
    from desktop import settings

    value = given or settings.get(session, "export.certificate").strip()
    if not value:
        raise UserError(
            "Не задано сертифікат підпису: вкажіть --sign FILE.p12 або налаштування export.certificate."
        )
    return Path(value).expanduser()


def _export(ctx: CliContext, args: argparse.Namespace) -> int:
    from desktop.export import plan

    signing = args.sign is not None
    fmt = args.format or ("pdf" if signing else None)
    if fmt is None:
        raise UserError("Вкажіть формат: --format docx|pdf|html|txt|telegram|facebook.")
    plan.check_format(fmt, signed=signing)
    # The writer loads on a second thread while the database opens and the password is checked.
    ahead = threading.Thread(target=_prepare_quietly, args=(plan.prepare_writer, fmt), daemon=True)
    ahead.start()
    overwrite = [bool(args.overwrite)]
    record = None if signing else _light_export(ctx, args, fmt, ahead.join, overwrite)
    if record is None:
        record = _full_export(ctx, args, fmt, ahead.join, overwrite)
    signed = " з електронним підписом" if record.signed else ""
    signed += ", службовий примірник з візою" if record.copy == "office" else ""
    ctx.emit(
        record.to_json(),
        f"Реліз №{record.release_id} експортовано ({plan.FORMAT_LABELS[record.format]}{signed}):\n"
        f"{record.path}\nSHA-256: {record.sha256}",
    )
    return 0


def _light_export(
    ctx: CliContext, args: argparse.Namespace, fmt: str, ready: Callable[[], None], overwrite: list[bool]
) -> ExportRecord | None:
    """An unsigned export on SQLite without SQLAlchemy (desktop.export.light); None: the ordinary path does it."""
    from desktop.export import light

    if not light.may_take(args.database):
        return None
    try:
        login, password = ctx.credentials()
    except UserError:
        return None  # said by the ordinary path, once it has opened the database as always
    return _confirming_overwrite(
        lambda replace: light.export_release(args.database, login, password, args.id, fmt, out_dir=args.out,
                                             overwrite=replace, copy=args.copy, ready=ready),
        overwrite,
    )


def _full_export(
    ctx: CliContext, args: argparse.Namespace, fmt: str, ready: Callable[[], None], overwrite: list[bool]
) -> ExportRecord:
    """The export through the ORM: every case, the signed PDF and every refusal included."""
    from desktop.export import service

    with ctx.session() as session:
        user = ctx.acting_user(session)
        ready()  # before the export itself: one thread at a time in reportlab's registries
        signer = None
        if args.sign is not None:
            # pyHanko (and aiohttp with it) only for a signed PDF: an unsigned export never loads it.
            from desktop.export.signing import cert_password, load_signer

            certificate = _certificate(session, args.sign)
            password = cert_password(certificate, ask=_ask_password)
            signer = load_signer(certificate, password)
        return _confirming_overwrite(
            lambda replace: service.export_release(session, user, args.id, fmt, out_dir=args.out, signer=signer,
                                                   overwrite=replace, copy=args.copy),
            overwrite,
        )


def _confirming_overwrite(attempt: Callable[[bool], Any], overwrite: list[bool]) -> Any:  # the attempt's record
    """attempt(overwrite); a file that exists is replaced only once the user says so (remembered in overwrite)."""
    from desktop.export.plan import ExportExists

    try:
        return attempt(overwrite[0])
    except ExportExists as exists:
        if not _confirm_overwrite(exists.path):
            raise UserError(
                f"Файл «{exists.path}» уже існує; його не замінено. Додайте --overwrite, щоб замінити."
            ) from None
        overwrite[0] = True
        return attempt(True)


def _prepare_quietly(prepare: Any, fmt: str) -> None:
    # A failure here (a missing font) is met again by the export itself, which says it in one line.
    with contextlib.suppress(Exception):
        prepare(fmt)


def _yes(value: bool) -> str:
    return "так" if value else "ні"


def _time(value: str | None, source: str = "signer") -> str:
    if not value:
        return "—"
    return value if source == "tsa" else f"{value} (за словами підписувача)"


def _signature_lines(number: int, item: dict[str, Any]) -> list[str]:
    title = "Позначка часу документа" if item["kind"] == "timestamp" else "Підпис"
    lines = [
        f"{title} {number}: {item['signer'] or '—'}" + (f", {item['organisation']}" if item["organisation"] else ""),
        f"  Ланцюжок сертифікатів: {' → '.join(item['chain']) or '—'}",
        f"  Час підпису: {_time(item['signing_time'], item['time_source'])}",
        f"  Позначка часу: {item['timestamp_authority'] or 'немає'} · рівень PAdES {item['level']}",
        f"  Цілісність: {_yes(item['intact'])} · охоплення: {_yes(item['covers_whole_file'])}"
        f" · змін після сертифікації немає: {_yes(item['docmdp_ok'])}",
        f"  Довірений: {_yes(item['trusted'])}" + (f" ({item['trust_problem']})" if item["trust_problem"] else ""),
    ]
    if item.get("valid_at_timestamp"):
        lines.append("  Сертифікат уже не чинний, але був чинним на час позначки часу (дані відкликання у файлі).")
    if item["problem"] and item["problem"] != item["trust_problem"]:
        lines.append(f"  Вада: {item['problem']}")
    return lines


def verify_text(data: dict[str, Any]) -> str:
    """The verification result as a person reads it: the verdict line first, then every part."""
    lines = [data["reason"], data["message"]]
    for number, item in enumerate(data.get("signatures") or [], start=1):
        lines += _signature_lines(number, item)
    if data["signed"]:
        lines.append(f"Тип підпису: {data['subfilter'] or '—'}; сертифіковано: {_yes(data['certified'])}")
    lines.append(data.get("timestamp_note") or "")
    lines.append(data.get("match_message") or "")
    return "\n".join(line for line in lines if line)


def _verify(ctx: CliContext, args: argparse.Namespace) -> int:
    from desktop.export.authenticity import verify_file

    # No login: whoever holds the file may check it, as with `audit verify`.
    with ctx.session() as session:
        data = verify_file(session, Path(args.file), args.trust)
    ctx.emit(data, verify_text(data))
    return EXIT_VALID if data["authentic"] else EXIT_INVALID
