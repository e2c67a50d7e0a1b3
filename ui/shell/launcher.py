"""The entry point: a headless command goes to the core's CLI, no command opens the GUI."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None, started_at: float | None = None) -> int:
    """Parses the command line once; Qt is imported only when the GUI is wanted."""
    from desktop.cli import build_global_parser, parse_command_line, run_command

    started_at = started_at or time.time()
    words = list(argv if argv is not None else sys.argv[1:])
    args, rest = build_global_parser(add_help=False).parse_known_args(words)
    if rest or "-h" in words or "--help" in words:
        # Only the named command's module is imported: an export never loads the proofing or the bench.
        args = parse_command_line(words)
        if args.command is not None:
            return run_command(args)
    from ui.common.source_cache import keep_sources_out_of_memory

    keep_sources_out_of_memory()  # before the GUI's imports: PySide6 would keep their sources in memory
    from ui.shell.app import run

    return run(args, started_at=started_at)
