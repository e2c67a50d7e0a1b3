"""Photo figures for `run.py bench`: attaching a 12-megapixel phone JPEG, and the exports of a release with photos."""

from __future__ import annotations

import io
from dataclasses import replace

from desktop.bench.export import bench_document, bench_meta
from desktop.bench.suite import median_ms

PHOTO_COUNT = 3


def phone_like_jpeg(width: int = 4000, height: int = 3000, seed: int = 0) -> bytes:
    """A photo-sized JPEG with noise, so it compresses like a photo, and EXIF with a GPS block."""
    from PIL import Image

    noise = Image.effect_noise((width, height), 48 + seed)
    gradient = Image.linear_gradient("L").resize((width, height))
    picture = Image.merge("RGB", (noise, gradient, noise.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0132] = "Bench", "Phone 12 MP", "2024:03:14 09:26:53"
    exif.get_ifd(0x8825).update({1: "N", 2: (50.0, 57.0, 12.34), 3: "E", 4: (28.0, 38.0, 43.21)})
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=92, exif=exif.tobytes())
    return buffer.getvalue()


def bench_figures(quick: bool = False) -> dict[str, float | None]:
    """Median milliseconds: attach (decode, strip, re-encode, thumbnail) and each export with three photos."""
    from desktop.export.bundle import render_package
    from desktop.export.docx import render_docx
    from desktop.export.pdf import render_pdf
    from desktop.photos.images import clean_photo
    from desktop.photos.model import ExportPhoto

    runs = 3 if quick else 7
    original = phone_like_jpeg()
    figures: dict[str, float | None] = {
        "photo_attach_12mp_ms": median_ms(lambda: clean_photo(original, "bench.jpg"), runs),
        "photo_original_kb": round(len(original) / 1024, 1),
    }
    cleaned = [clean_photo(phone_like_jpeg(seed=n), f"bench-{n}.jpg") for n in range(PHOTO_COUNT)]
    figures["photo_stored_kb"] = round(len(cleaned[0].data) / 1024, 1)
    photos = tuple(
        ExportPhoto(n, c.data, c.format, c.width, c.height, f"Підпис до фото {n}", "Олена Харченко", "")
        for n, c in enumerate(cleaned, 1)
    )
    document, meta = bench_document(), replace(bench_meta(), photos=photos)
    figures["export_docx_3_photos_ms"] = median_ms(lambda: render_docx(document, meta), runs)
    figures["export_pdf_3_photos_ms"] = median_ms(lambda: render_pdf(document, meta), runs)
    figures["export_package_3_photos_ms"] = median_ms(lambda: render_package(document, meta, "bench"), runs)
    return figures
