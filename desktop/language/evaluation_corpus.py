"""The labelled texts the proofreader is measured on: real releases and LanguageTool's rule examples.

A release is a UTF-8 file `NAME.txt` whose first line is `# ADDRESS | TITLE` and whose rest is the
text as published; its labels are in `NAME.tsv` beside it, one a line:
`fragment<TAB>occurrence<TAB>kind<TAB>correction<TAB>note` (occurrence counts from 1 among the
fragment's exact occurrences in the text; `#` starts a comment; the first non-comment line is the header).
LanguageTool's examples are one TSV: `source<TAB>rule<TAB>verdict<TAB>start<TAB>end<TAB>correction<TAB>sentence`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.paths import resource

# An editor's kind of error; the checker's own kinds each stands for are in evaluation.CHECKER_KINDS.
LABEL_KINDS = ("spelling", "grammar", "euphony", "typography", "punctuation", "style", "capitalisation", "security")
CORPUS_DIR = resource("proofing", "corpus")
LANGUAGETOOL_EXAMPLES = resource("proofing", "languagetool", "examples.tsv")
# Beside the examples: LanguageTool's «correct» examples whose sentence breaks the 2019 orthography outside
# the concern of its rule (a typo, «В» opening a sentence), counted apart, each with its reason.
DISPUTED_FILE = "disputed.tsv"
_LABEL_COLUMNS = ["fragment", "occurrence", "kind", "correction", "note"]
_EXAMPLE_COLUMNS = ["source", "rule", "verdict", "start", "end", "correction", "sentence"]
_DISPUTED_COLUMNS = ["source", "rule", "sentence", "reason"]
# LanguageTool's rules for the 1992 orthography (piv_before_iotized_1992: «пів'яблука» right, «пів яблука»
# wrong) say the opposite of its 2019 rules (piv_okremo_2019), which Visnyk follows: left out both ways.
ORTHOGRAPHY_1992_SUFFIX = "_1992"
MAX_TEXT_CHARS = 200_000  # a release is a few thousand characters; anything larger is not one


class CorpusError(ValueError):
    """A corpus file that cannot be read as labelled text; the message names the file and line."""


@dataclass(frozen=True)
class Label:
    """One error an editor would fix: its span in the text, kind, correction (may be empty) and note."""

    start: int
    end: int
    kind: str
    correction: str = ""
    note: str = ""


@dataclass(frozen=True)
class LabelledText:
    """A text with its labelled errors; `verdict` is "incorrect", "correct", "disputed" or "release".

    "disputed": one of LanguageTool's correct examples that breaks the orthography elsewhere (`note` says how)."""

    name: str
    text: str
    labels: tuple[Label, ...] = ()
    address: str = ""
    title: str = ""
    verdict: str = "release"
    rule: str = ""
    source: str = ""
    note: str = ""


@dataclass
class Corpus:
    """Labelled texts of one origin."""

    name: str
    texts: list[LabelledText] = field(default_factory=list)

    @property
    def labels(self) -> list[Label]:
        return [label for text in self.texts for label in text.labels]


def _read(path: Path) -> str:
    try:
        data = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CorpusError(f"Не вдалося прочитати {path.name}: {error}") from error
    if len(data) > MAX_TEXT_CHARS:
        raise CorpusError(f"Файл {path.name} задовгий для корпусу (понад {MAX_TEXT_CHARS} символів).")
    return data


def _rows(path: Path, columns: list[str]) -> Iterable[tuple[int, dict[str, str]]]:
    """The data rows of a TSV with the given header, with their line numbers."""
    lines = [(number, line) for number, line in enumerate(_read(path).splitlines(), 1)
             if line.strip() and not line.startswith("#")]
    if not lines:
        return
    header = lines[0][1].split("\t")
    if header != columns:
        raise CorpusError(f"{path.name}: заголовок має бути «{' '.join(columns)}».")
    for number, line in lines[1:]:
        cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        cells += [""] * (len(columns) - len(cells))
        if len(cells) > len(columns):
            raise CorpusError(f"{path.name}, рядок {number}: забагато стовпців.")
        yield number, dict(zip(columns, cells, strict=True))


def _nth(text: str, fragment: str, occurrence: int) -> int:
    at = -1
    for _ in range(occurrence):
        at = text.find(fragment, at + 1)
        if at < 0:
            return -1
    return at


def load_release(path: Path) -> LabelledText:
    """One release file and its labels."""
    header, _, text = _read(path).partition("\n")
    if not header.startswith("# ") or " | " not in header:
        raise CorpusError(f"{path.name}: перший рядок має бути «# АДРЕСА | НАЗВА».")
    address, _, title = header[2:].partition(" | ")
    text = text.lstrip("\n")
    labels = []
    label_path = path.with_suffix(".tsv")
    for number, row in _rows(label_path, _LABEL_COLUMNS) if label_path.exists() else ():
        where = f"{label_path.name}, рядок {number}"
        if row["kind"] not in LABEL_KINDS:
            raise CorpusError(f"{where}: невідомий вид помилки «{row['kind']}».")
        occurrence = int(row["occurrence"]) if row["occurrence"].isdigit() else 0
        at = _nth(text, row["fragment"], occurrence) if row["fragment"] and occurrence > 0 else -1
        if at < 0:
            raise CorpusError(f"{where}: фрагмента немає в тексті (або такого його входження).")
        labels.append(Label(at, at + len(row["fragment"]), row["kind"], row["correction"], row["note"]))
    return LabelledText(path.stem, text, tuple(sorted(labels, key=lambda label: label.start)),
                        address.strip(), title.strip())


def load_releases(folder: Path = CORPUS_DIR) -> Corpus:
    """Every release of the folder, in file-name order."""
    if not folder.is_dir():
        raise CorpusError(f"Теки корпусу {folder} немає.")
    return Corpus("releases", [load_release(path) for path in sorted(folder.glob("*.txt"))])


def load_languagetool_examples(path: Path = LANGUAGETOOL_EXAMPLES, disputed: Path | None = None) -> Corpus:
    """LanguageTool's Ukrainian rule examples; an incorrect one carries its marked span as its label.

    `disputed` (by default the DISPUTED_FILE beside `path`, when there is one) names the disputed ones.
    """
    disputed = disputed or path.with_name(DISPUTED_FILE)
    reasons = _disputed(disputed)
    unused = set(reasons)
    corpus = Corpus("languagetool")
    for number, row in _rows(path, _EXAMPLE_COLUMNS):
        sentence, verdict = row["sentence"], row["verdict"]
        if row["rule"].endswith(ORTHOGRAPHY_1992_SUFFIX):
            continue
        if verdict not in ("correct", "incorrect"):
            raise CorpusError(f"{path.name}, рядок {number}: вердикт має бути correct або incorrect.")
        labels: tuple[Label, ...] = ()
        if verdict == "incorrect":
            start, end = int(row["start"]), int(row["end"])
            if not 0 <= start < end <= len(sentence):
                start, end = 0, len(sentence)  # no marker: the whole sentence is the error's place
            labels = (Label(start, end, _languagetool_kind(row["source"], row["rule"]), row["correction"]),)
        key = (row["source"], row["rule"], sentence)
        note = reasons.get(key, "") if verdict == "correct" else ""
        if note:
            verdict = "disputed"
            unused.discard(key)
        corpus.texts.append(LabelledText(f"{row['source']}:{number}", sentence, labels, verdict=verdict,
                                         rule=row["rule"], source=row["source"], note=note))
    if unused:
        source, rule, sentence = sorted(unused)[0]
        raise CorpusError(f"{disputed.name}: «{sentence}» ({source}, {rule}) — такого правильного прикладу немає.")
    return corpus


def _disputed(path: Path) -> dict[tuple[str, str, str], str]:
    """(source, rule, sentence) → why that correct example is disputed; every row must give a reason."""
    reasons = {}
    for number, row in _rows(path, _DISPUTED_COLUMNS) if path.exists() else ():
        if not row["reason"].strip():
            raise CorpusError(f"{path.name}, рядок {number}: не вказано, чому приклад спірний.")
        reasons[(row["source"], row["rule"], row["sentence"])] = row["reason"].strip()
    return reasons


def _languagetool_kind(source: str, rule: str) -> str:
    """The editor's kind of one of LanguageTool's examples, from its rule file and rule group."""
    if "EUPHONY" in rule.upper():
        return "euphony"
    stem = source.removesuffix(".xml")
    for kind, marks in (("spelling", ("spelling",)), ("style", ("style", "barbarism")),
                        ("punctuation", ("punctuation",)), ("typography", ("typography",)),
                        ("capitalisation", ("capital",))):
        if any(mark in stem for mark in marks):
            return kind
    return "grammar"
