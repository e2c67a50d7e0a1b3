"""A command imports what it needs: the parser loads one command's module, an unsigned export no pyHanko."""

from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import COMMAND_MODULES, COMMANDS, build_parser
from desktop.storage.engine import Database
from tests.workflow_support import PASSWORD, make_staff, release_in_state

ROOT = Path(__file__).resolve().parents[2]


def _registered(module: str) -> dict[str, str]:
    """The top-level commands a module's register() adds, with their help lines."""
    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers(dest="command")
    importlib.import_module(module).register(subparsers)
    return {action.dest: action.help for action in subparsers._choices_actions}


@pytest.mark.parametrize("module", COMMAND_MODULES)
def test_the_command_table_names_what_each_module_registers(module):
    expected = {name: help_text for name, (owner, help_text) in COMMANDS.items() if owner == module}
    assert _registered(module) == expected


def _imported_modules(code: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules a fresh interpreter holds after running code (which prints nothing itself)."""
    script = f"{code}\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                            timeout=120, check=True, env=env)
    return set(result.stdout.split())


def test_parsing_an_export_loads_neither_proofing_nor_the_bench():
    loaded = _imported_modules(
        "from desktop.cli import parse_command_line\n"
        "args = parse_command_line(['--as', 'clerk', 'export', '1', '--format', 'pdf'])\n"
        "assert args.handler.__module__ == 'desktop.cli.exporting'"
    )
    assert "desktop.cli.exporting" in loaded
    assert not loaded & {"desktop.cli.proofing", "desktop.cli.benchmark", "desktop.cli.releases",
                         "desktop.language.spelling", "pyhanko", "reportlab", "docx"}


def test_a_command_outside_the_guess_still_parses(capsys):
    """The full parser stands behind the one-module guess: every command of the table still runs."""
    from desktop.cli import parse_command_line

    assert parse_command_line(["list", "--inbox", "all"]).handler.__name__ == "_list"
    assert parse_command_line(["--database", "sqlite://", "users", "list"]).handler.__name__ == "_users_list"
    with pytest.raises(SystemExit):
        parse_command_line(["no-such-command"])
    assert "неправильний вибір" in capsys.readouterr().err


def test_the_help_lists_every_command_without_importing_them():
    loaded = _imported_modules(
        "import contextlib, io\n"
        "from desktop.cli import build_parser\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    build_parser(['--help']).print_help()\n"
        "assert all(name in out.getvalue() for name in ('export', 'check', 'bench', 'verify')), out.getvalue()"
    )
    assert not loaded & set(COMMAND_MODULES)


def test_the_whole_parser_still_knows_every_command():
    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(subparsers.choices) == set(COMMANDS)


@pytest.fixture
def approved(sqlite_database: Database, tmp_path: Path) -> tuple[str, int]:
    staff = make_staff(sqlite_database)
    return sqlite_database.url, release_in_state(sqlite_database, staff, "approved")


def _export_modules(url: str, release_id: int, fmt: str, out: Path) -> set[str]:
    """The modules a real `run.py export` process imported (from -X importtime)."""
    env = dict(os.environ, VISNYK_PASSWORD=PASSWORD)
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "run.py", "--database", url, "--as", "exporter", "export",
         str(release_id), "--format", fmt, "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False, env=env,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}


def test_an_unsigned_pdf_export_imports_no_signing_and_no_docx(approved, tmp_path):
    url, release_id = approved
    loaded = _export_modules(url, release_id, "pdf", tmp_path / "out")
    assert "reportlab.platypus" in loaded
    assert not loaded & {"pyhanko", "aiohttp", "docx", "desktop.export.signing", "desktop.language.spelling",
                         "alembic", "PIL.ImageCms"}
    assert list((tmp_path / "out").glob("*.pdf"))


def test_a_docx_export_imports_no_reportlab_and_no_signing(approved, tmp_path):
    url, release_id = approved
    loaded = _export_modules(url, release_id, "docx", tmp_path / "out")
    assert "docx" in loaded
    assert not loaded & {"reportlab", "pyhanko", "aiohttp", "desktop.export.pdf", "babel.dates"}
    assert list((tmp_path / "out").glob("*.docx"))


def test_a_second_docx_export_reads_the_cached_base_without_python_docx(approved, tmp_path):
    url, release_id = approved
    first = _export_modules(url, release_id, "docx", tmp_path / "first")
    second = _export_modules(url, release_id, "docx", tmp_path / "second")
    assert "docx" in first and "desktop.export.docx_base" in first  # built once, into the cache folder
    assert not second & {"docx", "desktop.export.docx_base", "lxml.etree", "reportlab"}
    [made] = (tmp_path / "second").glob("*.docx")
    assert made.read_bytes()[:2] == b"PK"
