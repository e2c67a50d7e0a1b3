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
    from desktop.language import suggester

    checker = SpellChecker(extra_words=DEFAULT_GLOSSARY)
    asked: list[str] = []
    real = suggester.suggestions
    monkeypatch.setattr(suggester, "suggestions", lambda w, *rest: asked.append(w) or real(w, *rest))
    timings = proofing_process.suggestion_seconds(checker, ["адміністарції", "нарадаа"], repeats=2)
    assert len(timings) == 4
    # without the clearing between words the second round would come from the cache, unasked
    assert asked == ["адміністарції", "нарадаа"] * 2


def test_p95_and_median_are_computed_from_the_samples() -> None:
    samples = [i / 1000 for i in range(1, 101)]
    assert proofing_process.p95_ms(samples) == 95.0
    assert proofing_process.median_ms(samples) == 50.5
    assert proofing_process.p95_ms([0.002, 0.001]) != proofing_process.p95_ms([0.004, 0.003])


def test_a_process_that_fails_gives_no_figure(tmp_path: Path) -> None:
    import pytest

    from desktop.bench.processes import BenchFailed

    with pytest.raises(BenchFailed):
        proofing_process.process_ms([sys.executable, "-c", "raise SystemExit(2)"], 1)
    # check's «found something» is an answer, accepted when the caller says so
    assert len(proofing_process.process_ms([sys.executable, "-c", "raise SystemExit(1)"], 1, ok_codes=(0, 1))) == 1


def test_a_check_figure_must_have_printed_the_replacements(tmp_path: Path, capsys) -> None:
    """A `check` that skipped suggestions (or printed nothing) is refused as the figure «suggestions included»."""
    import pytest

    from desktop.bench.processes import BenchFailed
    from desktop.cli import main

    typos = ["нарадаа", "адміністарції"]
    file = tmp_path / "release.txt"
    file.write_text(f"Відбулася {typos[0]} районної {typos[1]}.\n", encoding="utf-8")
    assert main(["check", str(file)]) == 1
    full = capsys.readouterr().out
    assert proofing_process.suggested_words(full) == set(typos)
    proofing_process.require_suggestions([full, full], typos)
    assert main(["check", str(file), "--no-suggestions"]) == 1
    bare = capsys.readouterr().out
    assert proofing_process.suggested_words(bare) == set()
    for outputs in ([bare], [full, bare], [""]):
        with pytest.raises(BenchFailed):
            proofing_process.require_suggestions(outputs, typos)


def test_the_check_database_holds_the_officials_the_text_names(tmp_path: Path, capsys) -> None:
    from desktop.cli import main
    from desktop.storage.light import read_proofing_words

    url = f"sqlite:///{tmp_path / 'visnyk.sqlite3'}"
    file = tmp_path / "release.txt"
    file.write_text("Нарада.\n", encoding="utf-8")
    main(["--database", url, "check", str(file)])  # created as the bench's first, unmeasured run creates it
    proofing_process.fill_directory(url)
    words = read_proofing_words(url)
    assert words is not None and {"Тарасюка", "Кириченком", "Харченко", "ОВА"} <= words.accepted
