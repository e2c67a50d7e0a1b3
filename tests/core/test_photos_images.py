"""Decoding and re-encoding photos: every format a phone or a site gives, nothing but the pixels kept."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageCms, PngImagePlugin

from desktop.photos import limits
from desktop.photos.images import (
    HEIF,
    PhotoRefused,
    clean_photo,
    leftover_metadata,
    read_photo_file,
    web_sized,
)
from desktop.photos.metadata import removed_line
from desktop.photos.model import ExportPhoto, PhotoEntry, clean_credit
from tests.photo_support import XMP_PACKET, _exif_bytes, metadata_markers, phone_jpeg, picture


def _webp_with_metadata() -> bytes:
    buffer = io.BytesIO()
    picture(400, 300).save(buffer, "WEBP", exif=_exif_bytes(), xmp=XMP_PACKET, quality=90)
    return buffer.getvalue()


def _png_with_metadata() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Знято біля штабу")
    info.add_itxt("XML:com.adobe.xmp", XMP_PACKET.decode("utf-8"))
    buffer = io.BytesIO()
    picture(400, 300).save(buffer, "PNG", pnginfo=info, exif=_exif_bytes())
    return buffer.getvalue()


def test_a_webp_from_a_site_loses_its_exif_and_xmp_and_becomes_a_jpeg() -> None:
    original = _webp_with_metadata()
    assert "GPS" in metadata_markers(original) and "XMP" in metadata_markers(original)
    clean = clean_photo(original, "site.webp")
    assert clean.format == "JPEG" and metadata_markers(clean.data) == [] and clean.original_had_gps
    assert "координати GPS" in clean.removed and "дані XMP" in clean.removed


def test_a_png_keeps_its_format_and_loses_its_text_exif_and_xmp_chunks() -> None:
    original = _png_with_metadata()
    clean = clean_photo(original, "chart.png")
    assert clean.format == "PNG" and clean.mime_type == "image/png"
    assert metadata_markers(clean.data) == [] and b"tEXt" not in clean.data and b"iTXt" not in clean.data
    assert {"координати GPS", "дані XMP", "коментарі у файлі"} <= set(clean.removed)
    with Image.open(io.BytesIO(clean.data)) as image:
        assert image.info == {} or set(image.info) <= {"dpi"}


@pytest.mark.skipif(not HEIF, reason="pillow-heif is not installed")
def test_a_heic_from_a_phone_becomes_a_clean_jpeg() -> None:
    import pillow_heif

    buffer = io.BytesIO()
    picture(640, 480).save(buffer, "HEIF", exif=_exif_bytes(orientation=6), xmp=XMP_PACKET, quality=80)
    original = buffer.getvalue()
    assert pillow_heif.is_supported(original)
    clean = clean_photo(original, "IMG_0001.HEIC")
    assert clean.format == "JPEG" and metadata_markers(clean.data) == []
    assert clean.original_had_gps and (clean.width, clean.height) == (480, 640)  # upright


def test_a_photo_with_a_colour_profile_is_converted_to_srgb_and_the_profile_dropped() -> None:
    # A profile can name the device that made the picture; the pixels are converted, the profile goes.
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    picture(200, 150).save(buffer, "JPEG", icc_profile=profile)
    clean = clean_photo(buffer.getvalue(), "p3.jpg")
    assert leftover_metadata(clean.data) == []
    assert clean.removed == ("колірний профіль (кольори переведено в sRGB)",)


def test_a_clean_file_is_said_to_have_had_nothing() -> None:
    buffer = io.BytesIO()
    picture(200, 150).save(buffer, "JPEG")
    clean = clean_photo(buffer.getvalue(), "plain.jpg")
    assert clean.removed == () and clean.removed_line == "Метаданих у файлі не було: нічого не видалено."
    assert removed_line(["координати GPS", "модель камери", "час зйомки"]) == (
        "Видалено: координати GPS, модель камери, час зйомки.")


def test_a_big_photo_is_stored_at_3200_pixels_and_served_to_the_web_at_1600() -> None:
    clean = clean_photo(phone_jpeg(4000, 3000), "big.jpg")
    assert (clean.width, clean.height) == (3200, 2400)
    web, fmt = web_sized(clean.data)
    with Image.open(io.BytesIO(web)) as image:
        assert fmt == "JPEG" and image.size == (1600, 1200)
    assert metadata_markers(web) == []


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.jpg"
    path.write_bytes(phone_jpeg())
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1024)
    with pytest.raises(PhotoRefused, match="завеликий"):
        read_photo_file(path)
    with pytest.raises(PhotoRefused, match="завеликий"):
        clean_photo(path.read_bytes(), "huge.jpg")


def test_a_tiny_image_and_an_unsupported_format_are_refused() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "PNG")
    with pytest.raises(PhotoRefused, match="замале"):
        clean_photo(buffer.getvalue(), "pixel.png")
    buffer = io.BytesIO()
    picture(100, 100).save(buffer, "GIF")
    with pytest.raises(PhotoRefused, match="Формат «GIF»"):
        clean_photo(buffer.getvalue(), "anim.gif")


def test_the_credit_is_stored_without_its_prefix_and_the_caption_gets_its_full_stop() -> None:
    assert clean_credit("Фото: Олена  Харченко") == "Олена Харченко"
    photo = ExportPhoto(1, b"", "JPEG", 1, 1, "Учасники наради", "Олена Харченко", "")
    assert photo.caption_text() == "Учасники наради. Фото: Олена Харченко"
    assert PhotoEntry("x").with_words(caption="  Нарада\nв Коростені ").caption == "Нарада в Коростені"


def test_the_signature_block_never_stands_alone_after_a_photo(tmp_path) -> None:
    # Releases of growing length put the page break everywhere around the photo and the signature.
    import subprocess
    from dataclasses import replace

    from desktop.bench.export import bench_document, bench_meta
    from desktop.bench.photos import phone_like_jpeg
    from desktop.document import Block
    from desktop.export.pdf import render_pdf
    from desktop.photos.images import clean_photo
    from desktop.photos.model import ExportPhoto

    clean = clean_photo(phone_like_jpeg(800, 600), "photo.jpg")
    photo = ExportPhoto(1, clean.data, clean.format, clean.width, clean.height, "Підпис до фото", "Олена Харченко", "")
    base, meta = bench_document(), replace(bench_meta(), photos=(photo,))
    signature = meta.signature_lines[0]
    for extra in range(12):
        blocks = base.blocks + tuple(Block.plain("paragraph", "Додатковий рядок тексту релізу.") for _ in range(extra))
        data, result = render_pdf(replace(base, blocks=blocks), meta)
        path = tmp_path / f"r{extra}.pdf"
        path.write_bytes(data)
        last = subprocess.run(["pdftotext", "-f", str(result.pages), "-l", str(result.pages), "-layout", str(path), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert signature in " ".join(last.split()), extra
        before = " ".join(last.split()).split(signature)[0]
        assert "Підпис до фото" in before, (extra, last)
