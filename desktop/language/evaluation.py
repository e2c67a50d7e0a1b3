"""How well the proofreader does on labelled texts: recall by kind, false alarms, LanguageTool's examples.

A labelled error is found when any finding overlaps its span; a finding that overlaps no labelled
error is a false alarm. Findings of a house rule (the typewriter apostrophe «'», which the office
replaces by ’ and LanguageTool's examples and most published releases use) are not counted either way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from desktop.language.evaluation_corpus import LABEL_KINDS, Corpus, Label, LabelledText
from desktop.language.finding import Finding

# The checker's kinds that stand for each editor's kind: a label found by one of them is found
# "in its kind"; a label found by another kind is still found (the author's eye goes there).
CHECKER_KINDS: dict[str, frozenset[str]] = {
    "spelling": frozenset({"spelling"}),
    "grammar": frozenset({"grammar"}),
    "euphony": frozenset({"euphony", "grammar"}),
    "typography": frozenset({"typography"}),
    "punctuation": frozenset({"punctuation", "typography"}),
    "style": frozenset({"style"}),
    "capitalisation": frozenset({"capitalisation", "grammar", "typography"}),
    "security": frozenset({"security"}),
}
HOUSE_RULES = frozenset({"apostrophe"})
_WORD_RE = re.compile(r"\w+(?:['’ʼ\-]\w+)*")

Checker = Callable[[str], Sequence[Finding]]


def word_count(text: str) -> int:
    """Words as a reader counts them (a hyphenated or apostrophised word is one)."""
    return sum(1 for _ in _WORD_RE.finditer(text))


def _overlaps(finding: Finding, label: Label) -> bool:
    return finding.start < label.end and label.start < finding.end


def _first_fix_is_the_correction(text: str, finding: Finding, label: Label) -> bool:
    """The text fixed by the finding's first suggestion equals the text fixed as the editor would."""
    if not finding.suggestions:
        return False
    ours = text[:finding.start] + finding.suggestions[0] + text[finding.end:]
    return ours == text[:label.start] + label.correction + text[label.end:]


@dataclass
class KindScore:
    """The labelled errors of one kind and how many of them were found."""

    labels: int = 0
    found: int = 0
    found_in_kind: int = 0
    with_correction: int = 0  # found and labelled with a correction
    first_suggestion_right: int = 0  # of those, the first suggestion gives the editor's text

    @property
    def recall(self) -> float:
        return self.found / self.labels if self.labels else 0.0

    def to_json(self) -> dict:
        return {"labels": self.labels, "found": self.found, "found_in_kind": self.found_in_kind,
                "recall": round(self.recall, 4), "with_correction": self.with_correction,
                "first_suggestion_right": self.first_suggestion_right}


@dataclass
class Miss:
    """A labelled error no finding overlaps, or a finding that overlaps no labelled error."""

    text: str  # the labelled text's name
    start: int
    end: int
    fragment: str
    kind: str
    detail: str  # the label's correction, or the finding's rule

    def to_json(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "fragment": self.fragment,
                "kind": self.kind, "detail": self.detail}


@dataclass
class Score:
    """One corpus's figures."""

    corpus: str
    texts: int = 0
    words: int = 0
    findings: int = 0
    false_alarms: int = 0
    by_kind: dict[str, KindScore] = field(default_factory=lambda: {kind: KindScore() for kind in LABEL_KINDS})
    incorrect_examples: int = 0
    incorrect_found: int = 0
    correct_examples: int = 0
    correct_flagged: int = 0
    disputed_examples: int = 0  # correct for their rule, wrong elsewhere (evaluation_corpus.DISPUTED_FILE)
    disputed_flagged: int = 0
    missed: list[Miss] = field(default_factory=list)
    alarms: list[Miss] = field(default_factory=list)
    disputed: list[str] = field(default_factory=list)  # each disputed example: name, sentence, why, flagged

    @property
    def total(self) -> KindScore:
        total = KindScore()
        for score in self.by_kind.values():
            for name in ("labels", "found", "found_in_kind", "with_correction", "first_suggestion_right"):
                setattr(total, name, getattr(total, name) + getattr(score, name))
        return total

    @property
    def false_alarms_per_1000_words(self) -> float:
        return 1000 * self.false_alarms / self.words if self.words else 0.0

    @property
    def incorrect_found_share(self) -> float:
        return self.incorrect_found / self.incorrect_examples if self.incorrect_examples else 0.0

    @property
    def correct_flagged_share(self) -> float:
        return self.correct_flagged / self.correct_examples if self.correct_examples else 0.0

    @property
    def flagged_share_with_disputed(self) -> float:
        """The correct examples flagged as LanguageTool labels them, the disputed ones counted as correct."""
        examples = self.correct_examples + self.disputed_examples
        return (self.correct_flagged + self.disputed_flagged) / examples if examples else 0.0

    def to_json(self, details: bool = False) -> dict:
        data: dict = {
            "corpus": self.corpus, "texts": self.texts, "words": self.words, "findings": self.findings,
            "false_alarms": self.false_alarms,
            "false_alarms_per_1000_words": round(self.false_alarms_per_1000_words, 2),
            "overall": self.total.to_json(),
            "by_kind": {kind: score.to_json() for kind, score in self.by_kind.items() if score.labels},
        }
        if self.incorrect_examples or self.correct_examples:
            data["examples"] = {
                "incorrect": self.incorrect_examples, "incorrect_found": self.incorrect_found,
                "incorrect_found_share": round(self.incorrect_found_share, 4),
                "correct": self.correct_examples, "correct_flagged": self.correct_flagged,
                "correct_flagged_share": round(self.correct_flagged_share, 4),
                "disputed": self.disputed_examples, "disputed_flagged": self.disputed_flagged,
                "flagged_share_with_disputed": round(self.flagged_share_with_disputed, 4),
            }
        if details:
            data["missed"] = [miss.to_json() for miss in self.missed]
            data["false_alarm_list"] = [alarm.to_json() for alarm in self.alarms]
        return data


def score_corpus(corpus: Corpus, check: Checker, house_rules: Iterable[str] = HOUSE_RULES) -> Score:
    """Checks every text of the corpus with check and counts what its findings catch and invent."""
    ignored = frozenset(house_rules)
    score = Score(corpus.name)
    for labelled in corpus.texts:
        findings = [f for f in check(labelled.text) if f.rule not in ignored]
        _score_text(score, labelled, findings)
    return score


def _score_text(score: Score, labelled: LabelledText, findings: list[Finding]) -> None:
    text = labelled.text
    score.texts += 1
    score.words += word_count(text)
    score.findings += len(findings)
    for label in labelled.labels:
        kind = score.by_kind.setdefault(label.kind, KindScore())
        kind.labels += 1
        over = [f for f in findings if _overlaps(f, label)]
        if not over:
            score.missed.append(Miss(labelled.name, label.start, label.end, text[label.start:label.end],
                                     label.kind, label.correction))
            continue
        kind.found += 1
        kind.found_in_kind += any(f.kind in CHECKER_KINDS.get(label.kind, ()) for f in over)
        if label.correction:
            kind.with_correction += 1
            kind.first_suggestion_right += any(_first_fix_is_the_correction(text, f, label) for f in over)
    for finding in findings:
        if not any(_overlaps(finding, label) for label in labelled.labels):
            score.false_alarms += 1
            score.alarms.append(Miss(labelled.name, finding.start, finding.end,
                                     text[finding.start:finding.end], finding.kind, finding.rule))
    if labelled.verdict == "incorrect":
        score.incorrect_examples += 1
        score.incorrect_found += any(_overlaps(f, label) for f in findings for label in labelled.labels)
    elif labelled.verdict == "correct":
        score.correct_examples += 1
        score.correct_flagged += bool(findings)
    elif labelled.verdict == "disputed":
        score.disputed_examples += 1
        score.disputed_flagged += bool(findings)
        score.disputed.append(f"{labelled.name} «{text}» — {labelled.note}"
                              f"{' (позначено)' if findings else ''}")


def _percent(share: float) -> str:
    return f"{100 * share:5.1f} %"


def score_table(score: Score) -> str:
    """The figures as a plain-text table for the terminal (and for a closing note)."""
    lines = [f"Корпус «{score.corpus}»: текстів {score.texts}, слів {score.words}, "
             f"позначених помилок {score.total.labels}, знахідок {score.findings}",
             f"{'вид':<15}{'помилок':>8}{'знайдено':>10}{'повнота':>10}{'свого виду':>12}"
             f"{'з виправл.':>12}{'1-ша пропоз.':>14}"]
    rows = [(kind, value) for kind, value in score.by_kind.items() if value.labels]
    for kind, value in [*rows, ("усього", score.total)]:
        lines.append(f"{kind:<15}{value.labels:>8}{value.found:>10}{_percent(value.recall):>10}"
                     f"{value.found_in_kind:>12}{value.with_correction:>12}{value.first_suggestion_right:>14}")
    lines.append(f"Хибні тривоги: {score.false_alarms} ({score.false_alarms_per_1000_words:.2f} на 1000 слів)")
    if score.incorrect_examples or score.correct_examples:
        lines.append(f"Неправильні приклади знайдено: {score.incorrect_found} з {score.incorrect_examples} "
                     f"({_percent(score.incorrect_found_share).strip()}); правильні позначено: "
                     f"{score.correct_flagged} з {score.correct_examples} "
                     f"({_percent(score.correct_flagged_share).strip()})")
    if score.disputed_examples:
        lines.append(f"Спірні правильні приклади (речення порушує правопис поза своїм правилом): "
                     f"{score.disputed_examples}, позначено {score.disputed_flagged}; якщо вважати їх правильними — "
                     f"позначено {score.correct_flagged + score.disputed_flagged} з "
                     f"{score.correct_examples + score.disputed_examples} "
                     f"({_percent(score.flagged_share_with_disputed).strip()})")
    return "\n".join(lines)


def detail_lines(score: Score, limit: int = 200) -> list[str]:
    """The missed errors and the false alarms, one a line, for whoever improves the rules."""
    lines = [f"Пропущено ({len(score.missed)}):"]
    lines += [f"  {m.text}:{m.start} [{m.kind}] «{m.fragment}» → «{m.detail}»" for m in score.missed[:limit]]
    lines.append(f"Хибні тривоги ({len(score.alarms)}):")
    lines += [f"  {a.text}:{a.start} [{a.kind}/{a.detail}] «{a.fragment}»" for a in score.alarms[:limit]]
    if score.disputed:
        lines.append(f"Спірні правильні приклади ({len(score.disputed)}):")
        lines += [f"  {line}" for line in score.disputed[:limit]]
    return lines
