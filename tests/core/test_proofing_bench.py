"""The proofing bench is honest: typos really in the text, processes really run, cold really cold."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.bench import proofing_process
from desktop.bench.language import benchmark_text
from desktop.language.spelling import DEFAULT_GLOSSARY, SpellChecker


def test_the_proofing_text_carries_about_one_percent_typos_and_officials_names() -> None:
    text, typos = proofing_process.proofing_text(benchmark_text(2000))
    words = text.split()
    assert 0.005 * len(words) <= len(typos) <= 0.02 * len(words)
    assert all(typo in words or f"{typo}." in words or f"{typo}," in words for typo in typos)
    assert "Тарасюк" in text and "Харченко" in text
    checker = SpellChecker(extra_words=DEFAULT_GLOSSARY)
    assert sum(not checker.is_correct(typo) for typo in typos) >= 0.8 * len(typos)
    other, _ = proofing_process.with_typos(text.replace(".", ""), seed=99)
    assert other != text.replace(".", "")


def test_each_run_of_a_process_figure_is_a_real_run(tmp_path: Path) -> None:
    log = tmp_path / "runs.txt"
    command = [sys.executable, "-c", f"open({str(log)!r}, 'a').write('run\\n')"]
    timings = proofing_process.process_ms(command, 3)
    assert len(timings) == 3 and all(t > 0 for t in timings)
    assert log.read_text().splitlines() == ["run"] * 3


def test_cold_suggestions_ask_the_dictionary_every_time(monkeypatch) -> None:
    checker = SpellChecker(extra_words=DEFAULT_GLOSSARY)
    asked: list[str] = []
    real = checker.dictionaries.suggest
    monkeypatch.setattr(checker.dictionaries, "suggest", lambda w, english=False: asked.append(w) or real(w, english))
    timings = proofing_process.suggestion_seconds(checker, ["адміністарції", "нарадаа"], repeats=2)
    assert len(timings) == 4
    # without the clearing between words the second round would come from the cache, unasked
    assert asked == ["адміністарції", "нарадаа"] * 2


def test_p95_and_median_are_computed_from_the_samples() -> None:
    samples = [i / 1000 for i in range(1, 101)]
    assert proofing_process.p95_ms(samples) == 95.0
    assert proofing_process.median_ms(samples) == 50.5
    assert proofing_process.p95_ms([0.002, 0.001]) != proofing_process.p95_ms([0.004, 0.003])
