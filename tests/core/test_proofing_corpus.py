"""The Proofreader over all layers: the reference release, the labelled corpus, fixes, report and speed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.bench.language import benchmark_text
from desktop.language.proofing import (
    DEFAULT_GLOSSARY,
    KINDS,
    Finding,
    Proofreader,
    apply_fix,
    fix_all_typography,
    report,
)

CORPUS = Path(__file__).parent / "data" / "proofing_corpus.tsv"


@pytest.fixture(scope="module")
def proofreader() -> Proofreader:
    return Proofreader(extra_words=DEFAULT_GLOSSARY)


def corpus_rows() -> list[tuple[str, str, str, str]]:
    lines = [line.rstrip("\n") for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    rows = [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]
    return rows[1:]  # type: ignore[return-value]


def test_reference_release_yields_the_glued_year_the_comma_after_zokrema_and_the_capitals(reference_release: str) -> None:
    # Other real faults of the release are outside these layers: the comma before «дає сили»
    # (punctuation), «взяв» for four people (grammar).
    findings = Proofreader(extra_words=["ОВА"]).check(reference_release)
    capitals = ("capitalisation", "official-name-capitals", "Саміт Міст та Регіонів", ("саміт міст та регіонів",))
    assert [(f.kind, f.rule, reference_release[f.start:f.end], f.suggestions) for f in findings] == [
        capitals,  # in the headline
        capitals,  # «став Міжнародний Саміт Міст та Регіонів України»
        ("typography", "number-glued-to-word", "2023року", ("2023 року",)),
        ("typography", "comma-after-particle", "зокрема,", ("зокрема",)),
    ]
    fixed = fix_all_typography(reference_release, findings)
    assert "20 квітня 2023 року у Києві" in fixed and "виклики, зокрема етапи деокупації" in fixed


def test_reference_release_without_the_glossary_flags_the_abbreviation(reference_release: str) -> None:
    findings = Proofreader().check(reference_release)
    assert {reference_release[f.start:f.end] for f in findings} == {"2023року", "ОВА", "зокрема,", "Саміт Міст та Регіонів"}


def test_corpus_has_sixty_labelled_errors_of_every_kind() -> None:
    rows = corpus_rows()
    assert len(rows) >= 60
    assert {row[0] for row in rows} == {"spelling", "typography", "style", "security"}
    assert all(row[1] in row[2] for row in rows)


def test_corpus_errors_are_found(proofreader) -> None:
    rows = corpus_rows()
    missed = []
    for kind, fragment, text, _corrected in rows:
        at = text.index(fragment)
        if not any(f.kind == kind and f.start < at + len(fragment) and at < f.end for f in proofreader.check(text)):
            missed.append((kind, fragment))
    assert missed == []  # every labelled error: a deleted rule shows at once


def test_corrected_twins_have_no_findings(proofreader) -> None:
    alarms = {}
    for _kind, _fragment, _text, corrected in corpus_rows():
        findings = proofreader.check(corrected)
        if findings:
            alarms[corrected] = [(f.rule, corrected[f.start:f.end]) for f in findings]
    assert alarms == {}


def test_findings_are_sorted_and_span_all_kinds(proofreader) -> None:
    text = 'Вони прийняли участь у у заході "Мрія" в адміністрацїї в/ч А1234.'
    findings = proofreader.check(text)
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    assert {f.kind for f in findings} == {"spelling", "typography", "style", "security"}


def test_spelling_yields_to_a_style_rule_on_the_same_word(proofreader) -> None:
    findings = proofreader.check("слідуючого тижня")
    assert [(f.kind, f.suggestions) for f in findings] == [("style", ("наступного",))]


def test_report_is_json_with_the_agreed_keys(proofreader) -> None:
    data = json.loads(json.dumps(report(proofreader.check("2023року")), ensure_ascii=False))
    assert data == {"findings": [{"start": 0, "end": 8, "kind": "typography", "rule": "number-glued-to-word",
                                  "message": "Число злилося зі словом: між ними потрібен пробіл.",
                                  "suggestions": ["2023 року"]}]}


def test_apply_fix_replaces_the_span() -> None:
    finding = Finding(3, 11, "typography", "number-glued-to-word", "…", ("2023 року",))
    assert apply_fix("до 2023року", finding) == "до 2023 року"


def test_apply_fix_refuses_a_finding_without_suggestions() -> None:
    with pytest.raises(ValueError):
        apply_fix("в/ч А1234", Finding(0, 9, "security", "military-unit", "…"))


def test_fix_all_typography_fixes_every_typography_finding(proofreader) -> None:
    text = 'Форум "Мрія"  відбувся 20 квітня 2023року , у у Kиєві.Далі - вечеря.'
    fixed = fix_all_typography(text, proofreader.check(text))
    assert fixed == "Форум «Мрія» відбувся 20 квітня 2023 року, у Києві. Далі — вечеря."
    assert [f for f in proofreader.check(fixed) if f.kind == "typography"] == []


def test_fix_all_typography_leaves_other_kinds(proofreader) -> None:
    text = "Вони прийняли участь 2023року."
    assert fix_all_typography(text, proofreader.check(text)) == "Вони прийняли участь 2023 року."


def test_added_words_are_accepted() -> None:
    proofreader = Proofreader()
    assert proofreader.check("Кузьмюк")
    proofreader.add_words(["Кузьмюк", "Кузьмюка"])
    assert proofreader.check("Кузьмюка Кузьмюк") == []


def test_ignore_drops_a_style_or_spelling_finding_but_not_security() -> None:
    proofreader = Proofreader()
    proofreader.ignore("задача")
    proofreader.ignore("приліт")
    assert [f.kind for f in proofreader.check("задача, приліт")] == ["security"]


def test_custom_security_terms() -> None:
    proofreader = Proofreader(security_terms=["штаб"])
    assert [f.rule for f in proofreader.check("біля штабу, приліт")] == ["sensitive-word"]


def test_a_paragraph_checked_again_does_not_ask_the_dictionary_again(proofreader, monkeypatch) -> None:
    paragraph = " ".join(benchmark_text(200).split()[:200]) + " адміністрацїя"
    first = proofreader.check_paragraph(paragraph)
    asked: list[str] = []
    ukrainian = proofreader.spelling.dictionaries.ukrainian
    original = ukrainian.check
    monkeypatch.setattr(ukrainian, "check", lambda word: asked.append(word) or original(word))
    assert proofreader.check_paragraph(paragraph) == first
    word = next(w for w in paragraph.split() if w.isalpha() and w.islower() and len(w) > 3)
    assert proofreader.check_paragraph(f"{paragraph} {word.capitalize()}") == first
    assert asked == []  # the lowercase word's verdict stands for its capitalised form
    # the text swaps word forms (grammar) and joins them with і / із after a vowel as writers do (euphony)
    assert [f.rule for f in first if f.kind not in ("grammar", "euphony")] == ["unknown-word"]


def test_bench_figures_are_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.bench import language

    monkeypatch.setattr(language.shutil, "which", lambda _name: None)  # the peer is timed by `run.py bench`
    figures = language.bench_figures(quick=True)
    for key in ("proof_10k_words_ms", "proof_10k_words_cpu_ms", "paragraph_recheck_ms", "proof_10k_words_warm_ms"):
        assert isinstance(figures[key], float) and figures[key] > 0, key
    assert "hunspell_10k_words_ms" not in figures
    assert 1500 < figures["distinct_words"] < 3500
    # the whole-process check and the cold suggestion list are measured, not stated
    for key in ("check_10k_process_ms", "suggestion_p95_ms", "suggestion_median_ms"):
        assert isinstance(figures[key], float) and figures[key] > 0, key
    assert figures["suggestion_words"] >= 50 and figures["proofing_text_typos"] >= 50


def test_benchmark_text_is_ten_thousand_clean_words() -> None:
    text = benchmark_text()
    words = len(text.split())
    assert 10_000 <= words < 10_100
    # no spelling, typography or style finding (no suggestions in the timing); the swapped word forms
    # are grammar errors the grammar layer rightly finds, «і» / «із» after a vowel euphony ones (Правопис §24–25)
    found = Proofreader(extra_words=DEFAULT_GLOSSARY).check(text)
    assert [f for f in found if f.kind not in ("grammar", "euphony")] == []


def test_hunspell_peer_reads_our_dictionary(tmp_path) -> None:
    import shutil
    import subprocess

    from desktop.language.spelling import DICTIONARY_DIR

    hunspell = shutil.which("hunspell")
    if hunspell is None:
        pytest.skip("немає програми hunspell")
    result = subprocess.run([hunspell, "-d", str(DICTIONARY_DIR / "hunspell" / "uk_UA"), "-l"],
                            input="Громада відновила адміністрацїю".encode(), capture_output=True, check=True)
    assert result.stdout.decode().split() == ["адміністрацїю"]


_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВКМНОРТ aceiopxyKMT0123456789.,:;!?-—«»„“\"'’`/@ \n\u00a0"


@pytest.fixture(scope="module")
def quick_proofreader() -> Proofreader:
    return Proofreader(extra_words=DEFAULT_GLOSSARY, spelling_suggestions=False)


def test_any_text_gives_findings_inside_it_and_fixes_apply(quick_proofreader) -> None:
    @settings(max_examples=150, deadline=None)
    @given(st.text(alphabet=_ALPHABET, max_size=120))
    def check(text: str) -> None:
        findings = quick_proofreader.check(text)
        for finding in findings:
            assert 0 <= finding.start < finding.end <= len(text)
            assert finding.kind in KINDS
            assert finding.message
        assert isinstance(fix_all_typography(text, findings), str)

    check()


def test_a_check_leaves_the_garbage_collector_as_it_found_it(proofreader) -> None:
    import gc

    assert gc.isenabled()
    assert proofreader.check("Вони прийняли участь 2023року.")
    assert gc.isenabled()
    gc.disable()
    try:
        proofreader.check("Громада.")
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(TypeError):
        proofreader.check(None)  # type: ignore[arg-type]
    assert gc.isenabled()


_PIECES = list("абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВГІЇЄ'’ʼ`-—–«»\"„“,.;:!?() \t\n\x00\x01\u0301\u00a0") + [
    "🇺🇦", "😀", "\ufeff", "\u200b", "a", "B", "1", "°", "/", "№", "@", "://", "www.", "зокрема", ", також,",
    "в/ч", "А1234", "50.4501, 30.5234", "прийняти участь", "2023року",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
def test_any_text_is_checked_without_a_crash_and_findings_lie_inside_it(quick_proofreader, text: str) -> None:
    # control characters, lone stress marks, emoji, half-typed links: what a pasted text may hold
    findings = quick_proofreader.check(text)
    assert all(0 <= f.start < f.end <= len(text) for f in findings)
    fix_all_typography(text, findings)


def test_a_word_of_stress_marks_alone_is_not_sent_to_the_dictionary(quick_proofreader) -> None:
    assert quick_proofreader.check("\u0301\u0301 слово") == []
