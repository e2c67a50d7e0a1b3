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

# Each module adds its subcommands through register(subparsers).
COMMAND_MODULES = (
    "desktop.cli.core",
    "desktop.cli.officials",
    "desktop.cli.drafting",
    "desktop.cli.releases",
    "desktop.cli.proofing",
    "desktop.cli.evaluation",
    "desktop.cli.exporting",
    "desktop.cli.photos",
    "desktop.cli.benchmark",
)


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


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: global options, then one subcommand or none (the GUI)."""
    parser = build_global_parser()
    subparsers = parser.add_subparsers(dest="command", metavar="КОМАНДА", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


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
    finally:
        context.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Runs one headless command; with none, says that the GUI starts from run.py or `visnyk`."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    return run_command(args)
