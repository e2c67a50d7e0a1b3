"""The document model: canonical JSON round trip, plain text and a stable content hash."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from desktop.document import BLOCK_KINDS, Block, Document, Run, content_hash

texts = st.text(max_size=40)
runs = st.builds(Run, texts, st.booleans(), st.booleans(), st.booleans())
blocks = st.builds(Block, st.sampled_from(BLOCK_KINDS), st.lists(runs, max_size=4).map(tuple))
documents = st.builds(Document, texts, st.lists(blocks, max_size=6).map(tuple))


def _normalized(document: Document) -> Document:
    return Document.from_json(document.to_json())


@given(documents)
def test_canonical_json_round_trips(document: Document) -> None:
    again = Document.from_json(document.to_json())
    assert again.to_json() == document.to_json()
    assert again.plain_text() == document.plain_text()


@given(documents)
def test_hash_is_stable_across_a_round_trip(document: Document) -> None:
    assert content_hash(document) == content_hash(_normalized(document))


@given(documents, st.text(min_size=1, max_size=5))
def test_hash_changes_with_the_text(document: Document, extra: str) -> None:
    changed = Document(document.title + extra, document.blocks)
    assert content_hash(changed) != content_hash(document)


def test_hash_covers_participants_and_facts() -> None:
    document = Document("Нарада", (Block.plain("lead", "Текст"),))
    base = content_hash(document, [{"name": "Юрій Тарасюк"}], {"place": "Коростень"})
    assert base != content_hash(document, [{"name": "Сергій Кириченко"}], {"place": "Коростень"})
    assert base != content_hash(document, [{"name": "Юрій Тарасюк"}], {"place": "Київ"})


def test_neighbouring_runs_of_one_format_merge() -> None:
    block = Block("paragraph", (Run("Юрій "), Run("Тарасюк"), Run(" сказав", bold=True)))
    data = json.loads(Document("", (block,)).to_json())
    assert data["blocks"][0]["runs"] == [{"text": "Юрій Тарасюк"}, {"bold": True, "text": " сказав"}]


def test_composed_and_decomposed_letters_hash_the_same() -> None:
    composed = Document("Її рішення", ())
    decomposed = Document("І\u0308ї рішення", ())
    assert content_hash(composed) == content_hash(decomposed)


def test_plain_text_is_title_then_one_block_a_line() -> None:
    document = Document("Заголовок", (Block.plain("lead", "Перший."), Block.plain("paragraph", "Другий.")))
    assert document.plain_text() == "Заголовок\nПерший.\nДругий."


def test_from_plain_text_reads_headline_and_paragraphs() -> None:
    document = Document.from_plain_text("Заголовок\n\nПерший\nрядок.\n\n\nДругий абзац.\n")
    assert document.title == "Заголовок"
    assert [b.kind for b in document.blocks] == ["lead", "paragraph"]
    assert [b.text for b in document.blocks] == ["Перший рядок.", "Другий абзац."]


def test_one_paragraph_a_line_stays_one_paragraph_a_line() -> None:
    document = Document.from_plain_text("Заголовок\nПерший абзац.\nДругий абзац!\n«Третій абзац»\nрозірваний рядок\nі кінець.\n")
    assert [block.text for block in document.blocks] == [
        "Перший абзац.", "Другий абзац!", "«Третій абзац» розірваний рядок і кінець.",
    ]
