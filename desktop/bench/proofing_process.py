"""Proofing as a user meets it: a text with typos and officials' names, `check` as a whole process beside
`hunspell -l`, and the time to a suggestion list for an unknown word with every cache cold."""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from desktop.bench.processes import BenchFailed
from desktop.language.spelling import (
    DEFAULT_GLOSSARY,
    DICTIONARY_DIR,
    UKRAINIAN,
    SpellChecker,
    load_dictionaries,
)
from desktop.paths import PROJECT_ROOT

TYPO_SHARE = 0.01
# Neighbours on the Ukrainian ЙЦУКЕН keyboard, for a slipped finger.
_ROWS = ("йцукенгшщзхї", "фівапролджє", "ячсмитьбю")
_NEIGHBOURS = {ch: row[max(0, i - 1):i] + row[i + 1:i + 2] for row in _ROWS for i, ch in enumerate(row)}
# Letters people confuse in Ukrainian (and the Russian-layout habits).
_CONFUSED = {"и": "і", "і": "и", "е": "є", "є": "е", "ї": "і", "г": "ґ", "ь": "", "щ": "ш"}
# Officials' names as a release writes them, in the cases a participants clause puts them.
OFFICIALS_SENTENCES = (
    "Участь у нараді взяв начальник районної військової адміністрації Юрій Тарасюк.",
    "Його заступник Сергій Кириченко доповів про хід ремонту.",
    "Заступниця голови районної ради Олена Харченко подякувала волонтерам.",
    "За участі начальника Юрія Тарасюка та заступниці Олени Харченко відбулася зустріч.",
    "Разом із Сергієм Кириченком учасники оглянули відновлені будинки.",
)


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(5)
    ch = word[i]
    if kind == 0:
        return word[:i] + word[i + 1] + ch + word[i + 2:]  # two letters swapped
    if kind == 1:
        return word[:i] + word[i + 1:]  # a letter dropped
    if kind == 2:
        return word[:i] + ch + word[i:]  # a letter doubled
    if kind == 3 and _NEIGHBOURS.get(ch):
        return word[:i] + rng.choice(_NEIGHBOURS[ch]) + word[i + 1:]  # a neighbouring key
    if ch in _CONFUSED:
        return word[:i] + _CONFUSED[ch] + word[i + 1:]
    return word[:i] + word[i + 1] + ch + word[i + 2:]


def with_typos(text: str, share: float = TYPO_SHARE, seed: int = 14) -> tuple[str, list[str]]:
    """text with about share of its words mistyped (letters swapped, dropped, doubled, slipped, confused)."""
    rng = random.Random(seed)
    words = text.split(" ")
    typos: list[str] = []
    for index, word in enumerate(words):
        if len(word) > 4 and word.isalpha() and word.islower() and rng.random() < share * 1.6:
            words[index] = _typo(word, rng)
            if words[index] != word:
                typos.append(words[index])
    return " ".join(words), typos


def proofing_text(clean_text: str) -> tuple[str, list[str]]:
    """The bench's clean release-style text with officials' names every few sentences and 1 % typos."""
    sentences = clean_text.split(". ")
    for index in range(0, len(sentences), 12):
        sentences[index] = OFFICIALS_SENTENCES[index // 12 % len(OFFICIALS_SENTENCES)][:-1] + ". " + sentences[index]
    return with_typos(". ".join(sentences))


def median_ms(samples: Sequence[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def process_ms(command: Sequence[str], runs: int, env: dict[str, str] | None = None,
               stdin: bytes | None = None, ok_codes: Sequence[int] = (0,),
               outputs: list[str] | None = None) -> list[float]:
    """Seconds of each of runs whole-process runs of command; BenchFailed when one fails.

    A process that stops early (a crash, a refusal) is fast: its time is no figure. outputs, when
    given, receives each run's standard output, for the caller to see that the work was done.
    """
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run(list(command), input=stdin, env=env, capture_output=True, check=False, timeout=300)
        timings.append(time.perf_counter() - started)
        if result.returncode not in ok_codes:
            raise BenchFailed(f"{Path(command[0]).name} … {command[-1]}: код {result.returncode}; "
                              f"{result.stderr.decode('utf-8', 'replace').strip()[-400:]}")
        if outputs is not None:
            outputs.append(result.stdout.decode("utf-8", "replace"))
    return timings


def suggested_words(check_output: str) -> set[str]:
    """The unknown words `check` printed with a replacement («… «слово» немає у словнику. → «…»»)."""
    found = set()
    for line in check_output.splitlines():
        if "орфографія" in line and "→" in line and "«" in line:
            found.add(line.split("«", 1)[1].split("»", 1)[0])
    return found


def require_suggestions(outputs: Sequence[str], typos: Sequence[str]) -> None:
    """Every measured `check` printed replacements for most typos: a figure without them is not the figure."""
    wanted = set(typos)
    for output in outputs:
        if len(suggested_words(output) & wanted) < 0.8 * len(wanted):
            raise BenchFailed("check printed replacements for too few of the text's typos: not a full check")


def fill_directory(url: str) -> None:
    """The officials the text names, in the check's database: their words are read as a user's check reads them."""
    from desktop import accounts
    from desktop.directory.officials import add_official
    from desktop.storage.engine import Database

    database = Database(url)
    try:
        with database.session() as session:
            admin = accounts.create_first_admin(session, "bench", "Вимірювач Швидкодії", "bench-password-14")
            for surname, given, position in (
                ("Тарасюк", "Юрій", "начальник районної військової адміністрації"),
                ("Кириченко", "Сергій", "заступник начальника районної військової адміністрації"),
                ("Харченко", "Олена", "заступниця голови районної ради"),
            ):
                add_official(session, admin, surname=surname, given_name=given, position=position,
                             organization="Районна військова адміністрація")
    finally:
        database.dispose()


def suggestion_seconds(checker: SpellChecker, words: Sequence[str], repeats: int = 1) -> list[float]:
    """Seconds to each suggestion list, every cache cleared before each word (cold is cold)."""
    timings = []
    for _ in range(repeats):
        for word in words:
            checker.clear_caches()
            started = time.perf_counter()
            checker.suggest(word)
            timings.append(time.perf_counter() - started)
    return timings


def p95_ms(samples: Sequence[float]) -> float:
    ordered = sorted(samples)
    return round(ordered[max(0, round(0.95 * len(ordered)) - 1)] * 1000, 1)


def bench_figures(text: str, typos: Sequence[str], quick: bool = False) -> dict[str, float]:
    """check_10k_process_ms vs hunspell_l_10k_process_ms (ratio beside), suggestion_p95_ms; temp folders only."""
    runs = 3 if quick else 5
    with tempfile.TemporaryDirectory(prefix="visnyk-bench-proof-") as folder:
        root = Path(folder)
        for name in ("data", "config", "cache", "home"):
            (root / name).mkdir()
        figures: dict[str, float] = {"proofing_text_typos": float(len(typos))}
        env = dict(os.environ, VISNYK_DATA_DIR=str(root / "data"), XDG_CONFIG_HOME=str(root / "config"),
                   XDG_CACHE_HOME=str(root / "cache"), XDG_DATA_HOME=str(root / "data"), HOME=str(root / "home"))
        env.pop("VISNYK_DATABASE_URL", None)
        # As installed, the application runs from compiled bytecode (pip and the packagers compile it): the
        # first run compiles into the temporary folder, the measured ones read it, the source tree is untouched.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
        file = root / "release.txt"
        file.write_text(text, encoding="utf-8")
        check = [sys.executable, str(PROJECT_ROOT / "run.py"), "check", str(file)]
        found = (0, 1)  # check exits 1 when it finds something: its answer, not a failure
        outputs: list[str] = []
        first = process_ms(check, 1, env, ok_codes=found)  # creates the database and derives the dictionary copy
        figures["check_10k_first_process_ms"] = median_ms(first)
        # In a process with the check's own folders (and so its audit key), not in this one.
        url = f"sqlite:///{root / 'data' / 'visnyk.sqlite3'}"
        subprocess.run([sys.executable, "-c", f"from desktop.bench.proofing_process import fill_directory; "
                        f"fill_directory({url!r})"], env=env, cwd=PROJECT_ROOT, check=True, timeout=300)
        hunspell = shutil.which("hunspell")
        peer = [hunspell, "-d", str(DICTIONARY_DIR / "hunspell" / UKRAINIAN), "-l"] if hunspell else None
        ours: list[float] = []
        theirs: list[float] = []
        for _ in range(runs):  # interleaved: a busy moment of the machine falls on both
            ours += process_ms(check, 1, env, ok_codes=found, outputs=outputs)
            if peer:
                theirs += process_ms(peer, 1, env, stdin=text.encode("utf-8"))
        checker = SpellChecker(load_dictionaries(cache=str(root / "cache")), DEFAULT_GLOSSARY)
        unknown = sorted({word for word in typos if not checker.is_correct(word)})
        require_suggestions(outputs, unknown)
        figures["check_10k_process_ms"] = median_ms(ours)
        if theirs:
            figures["hunspell_l_10k_process_ms"] = median_ms(theirs)
            figures["check_vs_hunspell_ratio"] = round(statistics.median(ours) / statistics.median(theirs), 2)
        timings = suggestion_seconds(checker, unknown, repeats=1 if quick else 2)
        figures["suggestion_p95_ms"] = p95_ms(timings)
        figures["suggestion_median_ms"] = median_ms(timings)
        figures["suggestion_words"] = float(len(unknown))
    return figures
