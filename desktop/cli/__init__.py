"""The command line: the same core functions as the GUI, headless."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from desktop import __version__
from desktop.errors import UserError

# argparse's own words (usage, help, errors) in Ukrainian: it looks them up through gettext's _.
_ARGPARSE_UKRAINIAN = {
    "usage: ": "використання: ",
    "positional arguments": "аргументи",
    "options": "параметри",
    "show this help message and exit": "показати цю довідку й вийти",
    "argument %(argument_name)s: %(message)s": "аргумент %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "невідомі аргументи: %s",
    "the following arguments are required: %s": "бракує аргументів: %s",
    "one of the arguments %s is required": "потрібен один з аргументів: %s",
    "expected one argument": "потрібне одне значення",
    "expected at most one argument": "можна щонайбільше одне значення",
    "expected at least one argument": "потрібне щонайменше одне значення",
    "ambiguous option: %(option)s could match %(matches)s": "неоднозначний параметр %(option)s: %(matches)s",
    "invalid %(type)s value: %(value)r": "неправильне значення (%(type)s): %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "неправильний вибір: %(value)r (можливі: %(choices)s)",
    "not allowed with argument %s": "не можна разом з аргументом %s",
}
argparse._ = lambda text: _ARGPARSE_UKRAINIAN.get(text, text)  # type: ignore[attr-defined]

# Every command: the module whose register(subparsers) adds it, and its line in the help. A module is
# imported only when its command runs, so `export` never loads what `check` or `bench` need.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("desktop.cli.core", "створити базу й першого адміністратора"),
    "users": ("desktop.cli.core", "користувачі"),
    "settings": ("desktop.cli.core", "налаштування відділу"),
    "demo": ("desktop.cli.core", "заповнити базу демонстраційними даними"),
    "backup": ("desktop.cli.core", "резервні копії вбудованої бази (SQLite)"),
    "officials": ("desktop.cli.officials", "довідник посадовців"),
    "templates": ("desktop.cli.drafting", "шаблони релізів"),
    "draft": ("desktop.cli.drafting", "створити чернетку з шаблону"),
    "show": ("desktop.cli.releases", "показати реліз"),
    "edit": ("desktop.cli.releases", "замінити текст релізу текстом із файлу"),
    "list": ("desktop.cli.releases", "список релізів"),
    "submit": ("desktop.cli.releases", "подати на погодження"),
    "archive": ("desktop.cli.releases", "перенести в архів"),
    "restore": ("desktop.cli.releases", "відновити з архіву"),
    "approve": ("desktop.cli.releases", "погодити"),
    "return": ("desktop.cli.releases", "повернути на доопрацювання"),
    "history": ("desktop.cli.releases", "редакції, рух і експорти релізу"),
    "audit": ("desktop.cli.releases", "журнал аудиту"),
    "check": ("desktop.cli.proofing", "перевірити текст: орфографія, типографіка, стиль, чутлива інформація"),
    "proof-eval": ("desktop.cli.evaluation", "виміряти перевірку тексту на розмічених релізах і прикладах LanguageTool"),
    "export": ("desktop.cli.exporting", "експортувати погоджений реліз у файл"),
    "verify": ("desktop.cli.exporting",
               "перевірити підписаний PDF: підписи, довіру до підписувача, текст погодженого релізу"),
    "photo": ("desktop.cli.photos", "фото релізу"),
    "bench": ("desktop.cli.benchmark", "виміряти швидкодію (JSON)"),
}
COMMAND_MODULES = tuple(dict.fromkeys(module for module, _help in COMMANDS.values()))


class _Parser(argparse.ArgumentParser):
    """argparse with Ukrainian, one-line errors and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"Помилка в команді: {message}\n")


def build_global_parser(add_help: bool = True) -> argparse.ArgumentParser:
    """The global options alone: enough to start the GUI without loading every command's module."""
    parser = _Parser(prog="visnyk", description="Вісник — прес-релізи органу влади", add_help=add_help)
    parser.add_argument("--version", action="version", version=f"Вісник {__version__}",
                        help="показати версію програми й вийти")
    parser.add_argument("--database", metavar="URL", help="адреса бази даних (SQLite або PostgreSQL)")
    parser.add_argument("--as", dest="acting_login", metavar="LOGIN", help="від імені користувача")
    parser.add_argument("--demo", action="store_true", help="відкрити на демонстраційних даних")
    parser.add_argument("--screenshot", metavar="FILE.png", help="зберегти знімок головного вікна й вийти")
    return parser


def command_word(words: Sequence[str]) -> str | None:
    """The command named on a command line (after the global options), or None."""
    _args, rest = build_global_parser(add_help=False).parse_known_args(list(words))
    return next((word for word in rest if not word.startswith("-")), None)


def build_parser(words: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line: global options, then one subcommand or none (the GUI).

    With `words`, only the module of the command they name is imported; every other command is a
    stand-in that carries its help line (enough for --help and for «invalid choice»).
    """
    parser = build_global_parser()
    subparsers = parser.add_subparsers(dest="command", metavar="КОМАНДА", parser_class=_Parser)
    wanted = COMMANDS.get(command_word(words) or "", (None, ""))[0] if words is not None else None
    registered: set[str] = set()
    for name, (module, help_text) in COMMANDS.items():
        if words is None or module == wanted:
            if module not in registered:
                importlib.import_module(module).register(subparsers)
                registered.add(module)
            continue
        stand_in = subparsers.add_parser(name, help=help_text, add_help=False)
        stand_in.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
        stand_in.set_defaults(handler=None)
    return parser


def parse_command_line(words: Sequence[str]) -> argparse.Namespace:
    """Parses with only the named command's module loaded; every module when the guess missed."""
    words = list(words)
    args = build_parser(words).parse_args(words)
    if args.command is not None and getattr(args, "handler", None) is None:
        args = build_parser().parse_args(words)
    return args


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    """--json for every command that prints data."""
    parser.add_argument("--json", action="store_true", help="вивести JSON")


def run_command(args: argparse.Namespace) -> int:
    """Runs a parsed subcommand; a user's mistake becomes one line on stderr."""
    # Imported here: the GUI parses the global options without loading the database layer.
    from desktop.cli.context import CliContext

    context = CliContext(args)
    try:
        return int(args.handler(context, args) or 0)
    except UserError as error:
        print(f"Помилка: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("Перервано.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (head, less) closed the pipe: nothing is wrong with the command.
        sys.stderr.close()
        return 0
    except Exception as error:
        # A database failure outside a session (opening, a raw connection): still one line, no traceback.
        from desktop.storage.errors import database_user_error, is_database_error

        if not is_database_error(error):
            return _internal_error(error)
        opened = context._database
        mapped = database_user_error(error, opened.url if opened is not None else "")
        print(f"Помилка: {mapped}", file=sys.stderr)
        return mapped.exit_code
    finally:
        context.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Runs one headless command; with none, says that the GUI starts from run.py or `visnyk`."""
    words = list(sys.argv[1:] if argv is None else argv)
    args = parse_command_line(words)
    if args.command is None:
        build_parser(words).print_help()
        return 0
    return run_command(args)


INTERNAL_ERROR_EXIT = 70


def _internal_error(error: Exception) -> int:
    """A fault of the program, not of the user: one line on stderr, the traceback in a log file."""
    import traceback
    from datetime import datetime

    from desktop.paths import user_data_dir

    try:
        folder = user_data_dir() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"помилка-{datetime.now():%Y%m%d-%H%M%S}.log"
        path.write_text("".join(traceback.format_exception(error)), encoding="utf-8")
        where = f" Подробиці для розробників: {path}"
    except OSError:
        where = ""
    print(f"Внутрішня помилка програми ({type(error).__name__}).{where}", file=sys.stderr)
    return INTERNAL_ERROR_EXIT
