"""`check FILE|-`: proofreads a text with every layer and prints the findings."""

from __future__ import annotations

import argparse
import sys
import threading
from typing import TYPE_CHECKING

# Building the parser imports none of what `check` needs: the handler does, when it runs.
if TYPE_CHECKING:
    from desktop.cli.context import CliContext
    from desktop.language.proofing import Proofreader


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds `check`."""
    from desktop.cli import add_json_flag

    check = subparsers.add_parser(
        "check", help="перевірити текст: орфографія, типографіка, стиль, чутлива інформація"
    )
    check.add_argument("file", metavar="FILE", help="текстовий файл UTF-8 або «-» для стандартного входу")
    check.add_argument("--no-suggestions", dest="suggestions", action="store_false",
                       help="не добирати варіантів виправлення слів (швидше)")
    add_json_flag(check)
    check.set_defaults(handler=_check)


def read_text(name: str) -> str:
    """The text of a file (UTF-8, with or without BOM) or of standard input for «-»."""
    from desktop.cli.context import read_text_arg

    return read_text_arg(
        name,
        missing="Файл не знайдено: {path}",
        unreadable="Не вдалося прочитати {path}: {reason}",
        not_utf8="Файл {path} не в кодуванні UTF-8.",
    )


def _proofreader(ctx: CliContext) -> Proofreader:
    """The database's glossary, directory and (with --as) personal words; the defaults without a database."""
    # Imported here: the storage layer is loaded only when `check` runs, never to build the parser.
    from sqlalchemy.exc import SQLAlchemyError

    from desktop.directory import glossary
    from desktop.errors import UserError
    from desktop.language.proofing import DEFAULT_GLOSSARY, Proofreader

    try:
        with ctx.session() as session:
            user = ctx.acting_user(session) if ctx.args.acting_login else None
            return glossary.build_proofreader(session, user, spelling_suggestions=ctx.args.suggestions)
    except (SQLAlchemyError, UserError) as error:
        if ctx.args.acting_login:
            raise  # the user asked for their own dictionary: say why it cannot be had
        # Proofreading needs no database: the shipped glossary stands in for the department's.
        print(f"Увага: база даних недоступна, перевірка без глосарію відділу ({error}).", file=sys.stderr)
        return Proofreader(extra_words=DEFAULT_GLOSSARY, spelling_suggestions=ctx.args.suggestions)


def _check(ctx: CliContext, args: argparse.Namespace) -> int:
    from desktop.language.proofing import report
    from desktop.language.report import finding_lines, summary
    from desktop.language.spelling import load_dictionaries

    # The dictionary loads in C with the GIL released: on a second core while the database is opened.
    threading.Thread(target=load_dictionaries, daemon=True).start()
    text = read_text(args.file)
    findings = _proofreader(ctx).check(text)
    lines = finding_lines(text, findings)
    ctx.emit(report(findings), "\n".join([*lines, summary(findings)]))
    return 1 if findings else 0
