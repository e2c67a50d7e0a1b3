"""Whole processes as a user meets them: private folders, medians of fresh processes, import times."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from desktop.paths import PROJECT_ROOT

# Every folder a process of ours or a library might write into; the bench gives each a temporary one.
PRIVATE_VARIABLES = (
    "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "VISNYK_DATA_DIR",
)
_IMPORT_TIME = "import time:"


class BenchFailed(RuntimeError):
    """A measured process failed: its figure would be a lie, so there is none."""


AUDIT_KEY_VARIABLE = "VISNYK_AUDIT_KEY_FILE"


def private_environment(folder: Path, **extra: str) -> dict[str, str]:
    """os.environ with the home, XDG and data folders inside `folder`, and no database from outside.

    Bytecode is cached as an installed program has it (compiled once, then read), in `folder` too:
    a source tree run with PYTHONDONTWRITEBYTECODE would otherwise compile every module every time.
    """
    env = dict(os.environ)
    for name in PRIVATE_VARIABLES:
        path = folder / name.lower()
        path.mkdir(parents=True, exist_ok=True)
        env[name] = str(path)
    env.pop("VISNYK_DATABASE_URL", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    env.update(extra)
    return env


@contextmanager
def private_folders(folder: Path) -> Iterator[dict[str, str]]:
    """This process's own home, XDG and data folders inside `folder` for a while, then the real ones back."""
    saved = {name: os.environ.get(name) for name in (*PRIVATE_VARIABLES, "VISNYK_DATABASE_URL", AUDIT_KEY_VARIABLE)}
    env = private_environment(folder)
    try:
        for name in PRIVATE_VARIABLES:
            os.environ[name] = env[name]
        os.environ.pop("VISNYK_DATABASE_URL", None)
        # One office key for the bench's databases and every process it starts (each has its own folders).
        os.environ[AUDIT_KEY_VARIABLE] = env[AUDIT_KEY_VARIABLE] = str(folder / "audit.key")
        yield env
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def python_command(*arguments: str) -> list[str]:
    """Visnyk's command line as a user types it (`python run.py …`), for this interpreter."""
    return [sys.executable, "-m", "ui", *arguments]


def process_ms(
    command: Sequence[str], env: dict[str, str], *, ok_codes: Sequence[int] = (0,), timeout: float = 300
) -> float:
    """Milliseconds from starting a process to its end; BenchFailed when it fails."""
    started = time.perf_counter()
    result = subprocess.run(list(command), env=env, cwd=PROJECT_ROOT, capture_output=True, text=True,
                            timeout=timeout, check=False)
    elapsed = (time.perf_counter() - started) * 1000
    if result.returncode not in ok_codes:
        raise BenchFailed(f"{Path(command[0]).name} … {command[-1]}: код {result.returncode}; "
                          f"{result.stderr.strip()[-400:]}")
    return elapsed


def interleaved_medians(actions: dict[str, Callable[[], float]], runs: int) -> dict[str, float]:
    """The median of each action's figure, the actions taking turns so that a busy moment hits them all.

    Each action runs once first, unmeasured: caches warm, as on any second launch.
    """
    for action in actions.values():
        action()
    timings: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            timings[name].append(action())
    return {name: round(statistics.median(values), 1) for name, values in timings.items()}


def parse_importtime(text: str, heaviest: int = 5) -> tuple[float, list[tuple[str, float]]]:
    """From `python -X importtime` output: all import time in ms and the packages that took most of it.

    A package's share is the own time of its modules (sqlalchemy, reportlab, desktop…), wherever imported.
    """
    total_us = 0
    by_package: dict[str, int] = {}
    for line in text.splitlines():
        if not line.startswith(_IMPORT_TIME):
            continue
        fields = line[len(_IMPORT_TIME):].split("|")
        if len(fields) != 3 or not fields[0].strip().isdigit():
            continue  # the header line
        own = int(fields[0])
        total_us += own
        package = fields[2].strip().split(".")[0]
        by_package[package] = by_package.get(package, 0) + own
    ranked = sorted(by_package.items(), key=lambda item: item[1], reverse=True)[:heaviest]
    return round(total_us / 1000, 1), [(name, round(us / 1000, 1)) for name, us in ranked]


def import_ms(
    command: Sequence[str], env: dict[str, str], *, ok_codes: Sequence[int] = (0,)
) -> tuple[float, list[tuple[str, float]]]:
    """A Python command run once under -X importtime: its import time in ms and its heaviest packages."""
    if Path(command[0]) != Path(sys.executable):
        raise ValueError("import times are measured for a Python command")
    result = subprocess.run([sys.executable, "-X", "importtime", *command[1:]], env=env, cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=300, check=False)
    if result.returncode not in ok_codes:
        raise BenchFailed(f"-X importtime {command[-1]}: код {result.returncode}")
    return parse_importtime(result.stderr)


def ratio(figure: float | None, peer: float | None) -> float | None:
    """figure / peer to two places, or None when either is missing (never a made-up number)."""
    if figure is None or peer is None or peer <= 0:
        return None
    return round(figure / peer, 2)
