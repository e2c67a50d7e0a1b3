"""`run.py bench`: every budgeted figure of DESIGN.md, each a median, peers measured in the same run."""

from __future__ import annotations

import importlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.bench.processes import BenchFailed

BUDGETS = {
    "startup_ms": 700,
    "rss_mb": 200,
    "rss_10k_words_release_mb": 200,
    "proof_10k_words_ms": 60,
    "paragraph_recheck_ms": 2,
    "directory_search_p95_ms": 10,
    "release_list_first_page_ms": 50,
    "release_search_ms": 100,
    "export_docx_ms": 50,
    "export_pdf_ms": 80,
    "export_signed_pdf_ms": 300,
    "startup_list_ready_ms": 1000,
    "suggestion_p95_ms": 50,
    "check_vs_hunspell_ratio": 1.0,
}
PEERS = {
    "proof_10k_words_ms": "hunspell_10k_words_ms",
    "export_pdf_ms": "libreoffice_convert_ms",
    "check_10k_process_ms": "hunspell_l_10k_process_ms",
}
# Whole processes beside their peer in the same run: figure → (its ratio's key, the peer, the largest ratio).
RATIO_BUDGETS = {
    "cli_export_pdf_ms": ("cli_export_pdf_vs_libreoffice", "libreoffice_process_ms", 0.5),
    "cli_export_docx_ms": ("cli_export_docx_vs_libreoffice", "libreoffice_process_ms", 0.5),
}
# Each area measures itself; a module that is missing is reported, not hidden.
AREA_MODULES = (
    "desktop.bench.language",
    "desktop.bench.directory",
    "desktop.bench.workflow",
    "desktop.bench.export",
    "desktop.bench.photos",
)


def median_ms(action: Callable[[], object], runs: int, digits: int = 1) -> float:
    """The median milliseconds of runs calls, after one call that warms the caches, rounded to digits."""
    action()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(timings), digits)


def _prepare_demo_database(folder: Path) -> tuple[str, str]:
    from desktop.demo.seed import fill_demo
    from desktop.storage.engine import Database

    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    database = Database(url)
    _logins, password = fill_demo(database)
    database.dispose()
    return url, password


def _add_long_release(url: str, password: str, words: int = 10_000) -> int:
    """A release of about `words` words, for the memory figure."""
    from desktop import accounts
    from desktop.demo.seed import DEMO_AUTHOR
    from desktop.document import Block, Document
    from desktop.releases import revisions
    from desktop.storage.engine import Database

    sentence = (
        "Учасники наради обговорили підготовку закладів освіти до опалювального сезону, стан доріг "
        "у громадах району та забезпечення внутрішньо переміщених осіб житлом і гуманітарною допомогою."
    )
    per_paragraph = len(sentence.split()) * 8
    paragraphs = [Block.plain("paragraph", " ".join([sentence] * 8)) for _ in range(words // per_paragraph + 1)]
    database = Database(url)
    with database.session() as session:
        author = accounts.authenticate(session, DEMO_AUTHOR, password)
        release = revisions.create_release(session, author, Document("Довгий реліз для вимірювання пам'яті", tuple(paragraphs)))
        release_id = release.id
    database.dispose()
    return release_id


def startup_marker(stdout: str) -> tuple[float, float, int, int]:
    """The GUI's start-up line: painted and list-ready times (epoch seconds), RSS in kB, rows shown."""
    line = next((ln for ln in stdout.splitlines() if ln.startswith("VISNYK_STARTUP")), None)
    if line is None:
        raise BenchFailed("the GUI did not report its start-up")
    _tag, painted, ready, _since_main, rss_kb, rows = line.split()
    if int(rows) == 0:
        raise BenchFailed("the GUI reported ready with an empty release list")  # not usable, not a figure
    return float(painted), float(ready), int(rss_kb), int(rows)


def measure_startup(runs: int, with_long_release: bool = True) -> dict[str, float | None]:
    """Process start to the first painted main window and to a filled release list (logged in by --as)."""
    from desktop.bench.processes import private_environment, python_command
    from desktop.demo.seed import DEMO_AUTHOR

    with tempfile.TemporaryDirectory(prefix="visnyk-bench-") as folder:
        url, password = _prepare_demo_database(Path(folder))
        # QSettings, fonts and caches land in the bench's folder, not in the user's home.
        env = private_environment(Path(folder), VISNYK_PASSWORD=password, VISNYK_BENCH_STARTUP="1")
        env.pop("VISNYK_BENCH_OPEN_RELEASE", None)
        if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        command = python_command("--database", url, "--as", DEMO_AUTHOR)
        startups: list[float] = []
        readies: list[float] = []
        memories: list[float] = []
        for _ in range(runs + 1):
            started = time.time()
            result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
            try:
                painted, ready, rss_kb, _rows = startup_marker(result.stdout)
            except BenchFailed as error:
                raise BenchFailed(f"{error}: {result.stderr.strip()[-500:]}") from None
            startups.append((float(painted) - started) * 1000)
            readies.append((float(ready) - started) * 1000)
            memories.append(int(rss_kb) / 1024)
        long_release_mb: list[float | None] = [None, None]
        if with_long_release:
            env["VISNYK_BENCH_OPEN_RELEASE"] = str(_add_long_release(url, password))
            long_release_mb = []
        # The first opening also derives the proofing caches kept on disk; the second is every later day.
        for _ in range(2 if with_long_release else 0):
            result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
            line = next((ln for ln in result.stdout.splitlines() if ln.startswith("VISNYK_STARTUP")), "")
            long_release_mb.append(round(int(line.split()[4]) / 1024, 1) if line else None)
        # The first run warms the OS file cache, as a second launch of any application would find it.
        return {
            "rss_10k_words_release_mb": long_release_mb[1],
            "rss_10k_words_release_first_open_mb": long_release_mb[0],
            "startup_ms": round(statistics.median(startups[1:]), 1),
            # Painted, then the database opened, logged in and the release list filled and painted.
            "startup_list_ready_ms": round(statistics.median(readies[1:]), 1),
            "startup_cold_ms": round(startups[0], 1),
            "rss_mb": round(statistics.median(memories[1:]), 1),
        }


def run_bench(quick: bool = False, report: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Measures every figure; returns one flat dict plus the budgets and which figures are over."""
    from desktop.bench.processes import private_folders

    figures: dict[str, Any] = {}
    notes: list[str] = []
    say = report or (lambda _text: None)
    # Nothing of the bench goes into the user's own data, config or cache folders, in this process or others.
    with tempfile.TemporaryDirectory(prefix="visnyk-bench-home-") as home, private_folders(Path(home)):
        say("старт програми…")
        figures.update(measure_startup(3 if quick else 7))
        for name in AREA_MODULES:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as error:
                notes.append(f"{name}: {error}")
                continue
            say(f"{name}…")
            figures.update(module.bench_figures(quick=quick))
    over = sorted(key for key, budget in BUDGETS.items() if isinstance(figures.get(key), (int, float))
                  and figures[key] > budget)
    for figure, (ratio_key, peer, largest) in RATIO_BUDGETS.items():
        value = figures.get(ratio_key)
        if value is None:
            notes.append(f"{ratio_key}: не виміряно — немає {peer} (LibreOffice soffice не знайдено)"
                         if figures.get(peer) is None else f"{ratio_key}: не виміряно")
            continue
        say(f"{figure} {figures.get(figure)} мс · {peer} {figures.get(peer)} мс · ×{value} (ціль ≤ {largest})")
        if value > largest:
            over.append(ratio_key)
    figures["ratio_budgets"] = {ratio_key: largest for ratio_key, _peer, largest in RATIO_BUDGETS.values()}
    figures["budgets"] = BUDGETS
    figures["peers"] = {key: figures.get(peer) for key, peer in PEERS.items()}
    figures["over_budget"] = over
    figures["quick"] = quick
    figures["machine"] = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
    if notes:
        figures["notes"] = notes
    return figures
