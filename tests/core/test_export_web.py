"""HTML for the site's CMS and plain text for social channels."""

from __future__ import annotations

from html.parser import HTMLParser

from desktop.document import Block, Document, Run
from desktop.export.layout import loosen
from desktop.export.web import export_html, export_text
from tests.core.export_support import department_meta, reference_release, typography_release


class Collector(HTMLParser):
    """Records tags, attributes and text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    return collector


def test_semantic_tags_and_no_inline_styles() -> None:
    html = export_html(typography_release(), department_meta())
    parsed = parse(html)
    assert parsed.tags[0] == "article"
    for tag in ("h1", "p", "blockquote", "ul", "li", "h2", "strong", "em", "u", "footer", "time"):
        assert tag in parsed.tags, tag
    assert all(name != "style" for name, _ in parsed.attributes)
    assert "style" not in parsed.tags and "script" not in parsed.tags


def test_html_carries_the_signature_in_its_footer() -> None:
    document, signature = reference_release()
    html = export_html(document, department_meta(signature))
    footer = html[html.index("<footer>"):]
    for line in signature:
        assert line in loosen(footer)
    # The publication carries no visa; the office copy carries it under the signature.
    assert "ПОГОДЖЕНО" not in footer
    office = export_html(document, department_meta(signature, copy="office"))
    footer = office[office.index("<footer>"):]
    assert footer.index(signature[-1]) < footer.index("ПОГОДЖЕНО") < footer.index("Юрій ТАРАСЮК")


def test_html_escapes_everything() -> None:
    document = Document('<script>alert("х")</script> & «ок»', (Block("paragraph", (Run("<b>не жирне</b> & Ко"),)),))
    html = export_html(document, department_meta(signature_lines=("Відділ <img src=x>",)))
    assert "<script>" not in html and "<b>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&amp; Ко" in html


def test_plain_text_has_the_paragraphs_and_the_signature() -> None:
    document, signature = reference_release()
    text = export_text(document, department_meta(signature))
    assert text.startswith(document.title + "\n\n")
    for block in document.blocks:
        assert block.text in text
    assert text.rstrip().endswith("\n".join(signature))
    assert "\u00a0" not in text
