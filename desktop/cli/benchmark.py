"""`bench`: prints one JSON object of figures measured on this machine."""

from __future__ import annotations

import argparse
import json
import sys

from desktop.cli.context import CliContext


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds bench."""
    bench = subparsers.add_parser("bench", help="виміряти швидкодію (JSON)")
    bench.add_argument("--quick", action="store_true", help="менше повторів")
    bench.add_argument("--json", action="store_true", help="вивести JSON (так і є завжди)")
    bench.set_defaults(handler=_bench)


def _bench(ctx: CliContext, args: argparse.Namespace) -> int:
    from desktop.bench.suite import run_bench

    figures = run_bench(quick=args.quick, report=lambda text: print(f"вимірюю: {text}", file=sys.stderr))
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    return 0
