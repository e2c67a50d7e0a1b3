"""Helpers the export tests share: the reference release, a department's meta, reading exports back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.document import Block, Document, Run
from desktop.export.layout import ReleaseMeta, approval_line, loosen

# shared/ lies beside the checkout; a worktree under wt/ finds it one level further up.
SHARED = next(
    (folder for folder in (Path(__file__).resolve().parents[n] / "shared" for n in (3, 4)) if folder.is_dir()),
    Path(__file__).resolve().parents[3] / "shared",
)
REFERENCE = SHARED / "examples" / "korosten-summit-2023.txt"

BULLETS = ("•", "●", "\uf0b7")
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


def reference_release() -> tuple[Document, tuple[str, ...]]:
    """The reference release read at test time: headline, paragraphs, and the two signature lines."""
    if not REFERENCE.is_file():
        pytest.skip(f"the reference release is not at {REFERENCE}")
    lines = [line.strip() for line in REFERENCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    blocks = [Block.plain("lead" if i == 0 else "paragraph", text) for i, text in enumerate(lines[1:-2])]
    return Document(lines[0], tuple(blocks)), tuple(lines[-2:])


def two_page_release() -> tuple[Document, tuple[str, ...]]:
    """The reference release with its paragraphs twice, so that it surely runs onto a second page."""
    document, signature = reference_release()
    blocks = document.blocks + tuple(Block.plain("paragraph", block.text) for block in document.blocks)
    return Document(document.title, blocks), signature


def typography_release() -> Document:
    """A short release with every character the exporters must keep: apostrophes, quotes, dashes."""
    return Document(
        "Об’єднані громади — «разом» до перемоги",
        (
            Block("lead", (Run("Сім’я та пам’ять, кар'єра й ательєʼ: "), Run("жирне", bold=True),
                           Run(" і "), Run("курсив", italic=True), Run(" — "), Run("підкреслене", underline=True))),
            Block.plain("subheading", "Що далі"),
            Block.plain("paragraph", "Ю. Тарасюк зустрівся з О. В. Харченко 20 квітня 2023 року в Коростені – "
                                     "понад 12 млн грн, № 5, 1–2 травня."),
            Block.plain("quote", "«Ми маємо бути разом», — сказав він."),
            Block.plain("list_item", "перший пункт;"),
            Block.plain("list_item", "другий пункт."),
        ),
    )


def department_meta(signature: tuple[str, ...] = (), **changes: object) -> ReleaseMeta:
    """The department's settings as the export needs them."""
    values: dict[str, object] = {
        "organisation": "Коростенська районна військова адміністрація",
        "department": "Відділ інформаційної діяльності та комунікацій з громадськістю",
        "signature_lines": signature or (
            "Відділ інформаційної діяльності та комунікацій з громадськістю",
            "Коростенської районної військової адміністрації",
        ),
        "date_line": "20 квітня 2023 року, м. Київ",
        "approval_line": approval_line("начальник районної військової адміністрації", "Юрій ТАРАСЮК",
                                       "20.04.2023"),
        "content_hash": "5f" * 32,
    }
    values.update(changes)
    return ReleaseMeta(**values)  # type: ignore[arg-type]


def squash(text: str) -> str:
    """Whitespace-normalised text (NBSP counts as a space; list bullets, which only layouts add, dropped)."""
    for bullet in BULLETS:
        text = text.replace(bullet, " ")
    return " ".join(loosen(text).split())


def pdftotext(path: Path, *extra: str) -> str:
    """poppler's plain reading-order extraction."""
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", *extra, str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def pages_without_numbers(text: str) -> list[str]:
    """pdftotext's pages, each page ≥ 2 without its leading page number (asserted to be there)."""
    pages = [page for page in text.split("\f") if page.strip()]
    result = [pages[0]]
    for number, page in enumerate(pages[1:], start=2):
        lines = page.strip("\n").split("\n")
        assert lines[0].strip() == str(number), f"page {number} does not start with its number: {lines[:2]}"
        result.append("\n".join(lines[1:]))
    return result
