"""Visual regression: a short, a 3-page and a 5-page release rendered to PNG and measured.

Lists, a quote, a long link, a logo; signed and unsigned. Asserted: ink inside the ДСТУ margins,
no word gap over 1 em in a justified line, no bad hyphenation at line or page ends, the signature
never alone on its page, and the signed PDF as many pages as the unsigned.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from desktop.document import Block, Document
from desktop.export.layout import ReleaseMeta
from desktop.export.pdf import export_pdf
from desktop.export.signing import export_signed_pdf, load_signer
from desktop.export.testcert import make_test_certificate
from tests.core.export_support import department_meta, long_release, needs_poppler, reference_release
from tests.core.export_visual import EM_PT, ink_box_mm, page_lines, render_png

pytestmark = needs_poppler
PASSWORD = "visual-test"
# The name, and how long long_release makes it (0: the reference release as it is).
RELEASES = {"short": 0, "three-pages": 2, "five-pages": 3.3}


@functools.cache
def _logo(folder: Path) -> Path:
    from PIL import Image

    path = folder / "logo.png"
    Image.new("RGB", (160, 200), (0, 87, 183)).save(path)
    return path


def _release(name: str, folder: Path) -> tuple[Document, ReleaseMeta]:
    pages = RELEASES[name]
    document, signature = reference_release() if pages == 0 else long_release(pages)
    logo = _logo(folder) if name != "three-pages" else None
    return document, department_meta(signature, logo_path=logo, copy="office" if name == "five-pages" else "publication")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, bool], tuple[Path, list[Path]]]:
    folder = tmp_path_factory.mktemp("visual")
    signer = load_signer(make_test_certificate(folder / "visual.p12", PASSWORD), PASSWORD)
    result = {}
    for name in RELEASES:
        document, meta = _release(name, folder)
        plain = export_pdf(document, meta, folder / f"{name}.pdf").path
        signed = export_signed_pdf(document, meta, folder / f"{name}-signed.pdf", signer).path
        for is_signed, path in ((False, plain), (True, signed)):
            result[(name, is_signed)] = (path, render_png(path, folder / "png"))
    return result


def test_the_releases_have_the_lengths_they_are_named_for(rendered) -> None:
    assert len(rendered[("short", False)][1]) <= 2
    assert len(rendered[("three-pages", False)][1]) == 3
    assert len(rendered[("five-pages", False)][1]) == 5


@pytest.mark.parametrize("name", RELEASES)
def test_signed_paginates_exactly_as_unsigned(rendered, name: str) -> None:
    assert len(rendered[(name, True)][1]) == len(rendered[(name, False)][1])
    plain, signed = page_lines(rendered[(name, False)][0]), page_lines(rendered[(name, True)][0])
    # Every page starts with the same line: the stamp takes room the unsigned copy already keeps.
    assert [page[0].text for page in plain.values()] == [page[0].text for page in signed.values()]


@pytest.mark.parametrize("signed", [False, True])
@pytest.mark.parametrize("name", RELEASES)
def test_ink_stays_inside_the_margins(rendered, name: str, signed: bool) -> None:
    for png in rendered[(name, signed)][1]:
        left, top, right, bottom = ink_box_mm(png)
        assert left >= 30 - 1.0, (png.name, left)
        assert right <= 210 - 10 + 1.0, (png.name, right)   # a long link never runs past the margin
        assert top >= 5, (png.name, top)                    # the page number sits in the top margin
        assert bottom <= 297 - 20 + 1.0, (png.name, bottom)


@pytest.mark.parametrize("name", RELEASES)
def test_no_justified_line_has_a_gap_over_one_em(rendered, name: str) -> None:
    pages = page_lines(rendered[(name, False)][0])
    justified = [line for page in pages.values() for line in page if line.justified]
    assert justified
    wide = [(round(line.widest_gap, 1), line.text) for line in justified if line.widest_gap > EM_PT]
    assert not wide, wide[:5]


@pytest.mark.parametrize("name", RELEASES)
def test_hyphenation_at_line_and_page_ends(rendered, name: str) -> None:
    pages = page_lines(rendered[(name, False)][0])
    run = 0
    for number, page in pages.items():
        for line in page:
            assert line.text[:1] not in "’ʼ'", line.text       # no line opens with an apostrophe
            run = run + 1 if line.text.endswith("-") else 0
            assert run <= 2, line.text                          # at most two hyphenated lines in a row
        if number < len(pages):
            assert not page[-1].text.endswith("-"), page[-1].text  # no page ends in half a word


@pytest.mark.parametrize("signed", [False, True])
@pytest.mark.parametrize("name", RELEASES)
def test_the_signature_never_stands_alone(rendered, name: str, signed: bool) -> None:
    path = rendered[(name, signed)][0]
    pages = page_lines(path)
    last = pages[max(pages)]
    signature_start = next(index for index, line in enumerate(last) if line.text.startswith("Відділ інформаційної"))
    body_lines = [line for line in last[:signature_start] if line.text.strip()]
    assert len(body_lines) >= 2, [line.text for line in last]


def test_the_signature_keeps_two_lines_of_text_wherever_the_page_ends(tmp_path: Path) -> None:
    # The same release grown a few words at a time, so the page break passes through every place
    # around the signature block.
    document, signature = long_release(1)
    meta = department_meta(signature)
    words = " ".join(block.text for block in document.blocks).split()
    pages_seen = set()
    for count in range(0, 420, 14):
        grown = Document(document.title, (*document.blocks, Block.plain("paragraph", " ".join(words[:count]) + ".")))
        path = export_pdf(grown, meta, tmp_path / f"grown-{count}.pdf").path
        pages = page_lines(path)
        pages_seen.add(len(pages))
        last = pages[max(pages)]
        start = next(index for index, line in enumerate(last) if line.text.startswith("Відділ інформаційної"))
        assert len(last[:start]) >= 2, (count, [line.text for line in last])
        for number in list(pages)[:-1]:
            assert not pages[number][-1].text.endswith("-"), (count, pages[number][-1].text)
    assert len(pages_seen) >= 2  # the sweep did cross a page break


def test_the_office_copy_carries_the_visa_below_the_signature(rendered) -> None:
    last = list(page_lines(rendered[("five-pages", False)][0]).values())[-1]
    texts = [line.text for line in last]
    signature = texts.index("Коростенської районної військової адміністрації")
    assert texts[signature + 1:signature + 4] == [
        "ПОГОДЖЕНО", "Начальник районної військової адміністрації", "Юрій ТАРАСЮК",
    ]
    publication = [line.text for page in page_lines(rendered[("three-pages", False)][0]).values() for line in page]
    assert "ПОГОДЖЕНО" not in publication
