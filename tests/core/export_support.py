"""Helpers the export tests share: the reference release, a department's meta, reading exports back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.document import Block, Document, Run
from desktop.export.layout import ReleaseMeta, Visa, loosen

# shared/ lies beside the checkout (CI), or further up for a worktree (…/wt/issue-N).
SHARED = next((parent / "shared" for parent in Path(__file__).resolve().parents[2:]
               if (parent / "shared" / "examples").is_dir()),
              Path(__file__).resolve().parents[2].parent / "shared")
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
        "visa": Visa("начальник районної військової адміністрації", "Юрій ТАРАСЮК", "20.04.2023"),
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


# Releases of three lengths for the layout and visual checks: lists, quotes, links, numbers.
EXTRA_PARAGRAPHS = (
    "Під час робочої поїздки учасники делегації ознайомилися з ходом відновлення зруйнованої "
    "інфраструктури, відвідали об’єкти критичної інфраструктури та поспілкувалися з мешканцями "
    "прифронтових громад. Йшлося про ґрунтовну підготовку до опалювального сезону, забезпечення "
    "безперебійного енергопостачання та створення належних умов для навчання дітей.",
    "За словами начальника районної військової адміністрації, упродовж останнього року громади "
    "району отримали понад 1 200 тонн гуманітарної допомоги, з яких 850 тонн — продукти харчування, "
    "а решта — засоби гігієни, ліки та будівельні матеріали. Загальна вартість відновлювальних робіт "
    "перевищила 12 500 000 гривень.",
    "Інформацію про подальші кроки, графіки прийому громадян і порядок подання звернень оприлюднено "
    "на офіційному вебсайті адміністрації за адресою "
    "https://korosten-rda.gov.ua/news/2023/04/20/mizhnarodnyi-samit-mist-ta-rehioniv-ukrainy-partnerstvo-zarady-peremohy "
    "та на сторінках адміністрації в соціальних мережах. Звернення також приймають електронною "
    "поштою press@korosten-rda.gov.ua.",
    "Представники міжнародних організацій наголосили, що взаємодія між органами місцевого "
    "самоврядування, громадськими об’єднаннями та волонтерськими ініціативами залишається "
    "запорукою ефективного використання ресурсів. Особливу увагу приділили питанням безпеки, "
    "психологічної підтримки ветеранів і членів їхніх сімей, а також працевлаштуванню "
    "внутрішньо переміщених осіб.",
    "Окремо обговорили співпрацю з міжнародними партнерами щодо відбудови закладів освіти, "
    "охорони здоров’я та соціального захисту. Сторони домовилися підготувати спільну програму "
    "дій на наступний рік, визначити відповідальних виконавців і забезпечити прозорість "
    "використання коштів на кожному етапі.",
)
QUOTE = ("«Ми маємо бути разом, бо лише спільними зусиллями зможемо відбудувати наші громади, "
         "повернути людям домівки та впевненість у завтрашньому дні», — наголосив він.")
LIST_ITEMS = (
    "відновлення житлового фонду та закладів соціальної сфери;",
    "підтримка підприємців, які релокували виробництва до громад району;",
    "розвиток транспортної інфраструктури та енергетичної незалежності.",
)


def long_release(pages: float) -> tuple[Document, tuple[str, ...]]:
    """The reference release grown with paragraphs, a quote, a list and a long link, to about `pages` pages."""
    document, signature = reference_release()
    blocks = list(document.blocks)
    body = [block.text for block in document.blocks[1:]] + list(EXTRA_PARAGRAPHS)
    extra: list[Block] = [Block.plain("paragraph", EXTRA_PARAGRAPHS[2]), Block.plain("quote", QUOTE),
                          Block.plain("subheading", "Пріоритети на наступний рік")]
    extra += [Block.plain("list_item", item) for item in LIST_ITEMS]
    blocks[2:2] = extra
    target_words = int(380 * pages)
    index = 0
    while sum(len(block.text.split()) for block in blocks) < target_words:
        blocks.append(Block.plain("paragraph", body[index % len(body)]))
        index += 1
    return Document(document.title, tuple(blocks)), signature
