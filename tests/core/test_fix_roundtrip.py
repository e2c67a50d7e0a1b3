"""Every fix the proofreader offers, applied to the real texts of the proofing corpus, leaves no new finding;
every finding explains itself in one Ukrainian line."""

from __future__ import annotations

import re

import pytest

from desktop.language.evaluation_corpus import load_languagetool_examples, load_releases
from desktop.language.proofing import DEFAULT_GLOSSARY, Finding, Proofreader, apply_fix

CYRILLIC = re.compile(r"[а-щьюяєіїґ]", re.IGNORECASE)


@pytest.fixture(scope="module")
def proofreader() -> Proofreader:
    return Proofreader(extra_words=DEFAULT_GLOSSARY)


def corpus_texts() -> list[tuple[str, str]]:
    releases = [(text.name, text.text) for text in load_releases().texts]
    examples = [(text.name, text.text) for text in load_languagetool_examples().texts if text.verdict == "incorrect"]
    return releases + examples


TEXTS = corpus_texts()


def new_findings(before: list[Finding], fixed: Finding, suggestion: str, after: list[Finding]) -> list[Finding]:
    """The findings of the fixed text that the original text did not have: an offset left of the fix stays,
    one right of it moves back by the change in length, one inside the new words goes to the edge of the old
    ones. A finding that touches the new words is the old one carried along when the original text had a
    finding of the same rule over that place (the typewriter apostrophe of «п'ять» kept in «п'ятій»)."""
    shift = len(suggestion) - (fixed.end - fixed.start)
    new_end = fixed.start + len(suggestion)

    def old_offset(position: int, edge: int) -> int:
        if position <= fixed.start:
            return position
        if position >= new_end:
            return position - shift
        return edge

    others = [f for f in before if f is not fixed]
    old = {(f.start, f.end, f.rule) for f in others}
    found = []
    for finding in after:
        start, end = old_offset(finding.start, fixed.start), old_offset(finding.end, fixed.end)
        if (start, end, finding.rule) in old:
            continue
        touches = finding.start < new_end and finding.end > fixed.start
        if touches and any(f.rule == finding.rule and f.start < max(end, start + 1) and f.end > start for f in others):
            continue
        found.append(finding)
    return found


def test_the_corpus_gives_fixes_to_try(proofreader: Proofreader) -> None:
    fixes = sum(1 for _, text in TEXTS for finding in proofreader.check(text) if finding.suggestions)
    assert len(TEXTS) > 300 and fixes > 200


def test_every_fix_on_the_corpus_leaves_no_new_finding(proofreader: Proofreader) -> None:
    failures = []
    for name, text in TEXTS:
        before = proofreader.check(text)
        for finding in before:
            if not finding.suggestions or not finding.suggestions[0]:
                continue
            suggestion = finding.suggestions[0]
            after = proofreader.check(apply_fix(text, finding))
            for new in new_findings(before, finding, suggestion, after):
                failures.append(f"{name}: «{text[finding.start:finding.end]}» → «{suggestion}» ({finding.rule}) "
                                f"brings {new.kind}/{new.rule}")
    assert failures == []


def test_a_fix_that_brings_an_error_is_caught(proofreader: Proofreader) -> None:
    # the check of the check: a wrong fix («у ході» for «під час») must show up as a new finding
    text = "Під час засідання обговорили питання."
    fixed = Finding(0, 7, "style", "test", "…", ("В ході",))
    before = proofreader.check(text)
    assert new_findings(before, fixed, "В ході", proofreader.check(apply_fix(text, fixed)))


def test_every_finding_explains_itself_in_one_ukrainian_line(proofreader: Proofreader) -> None:
    bad = set()
    for _, text in TEXTS:
        for finding in proofreader.check(text):
            message = finding.message
            if "\n" in message or not CYRILLIC.search(message) or len(message) > 240:
                bad.add((finding.rule, message))
    assert bad == set()
