"""How big a photo may be, and what the office keeps of it."""

from __future__ import annotations

# A file larger than this is refused before it is decoded (a phone's 200-megapixel JPEG is about 30 MB).
MAX_FILE_BYTES = 40 * 1024 * 1024
# Pillow's decompression-bomb guard is set to this; a tiny file may claim a huge picture.
MAX_PIXELS = 100_000_000
# No side shorter than this: an icon or a tracking pixel is not a press photo.
MIN_SIDE_PX = 16
# What the database keeps: the long edge scaled down to this (print at the text width needs ~2000 px).
STORED_LONG_EDGE_PX = 3200
# The editor's strip.
THUMBNAIL_LONG_EDGE_PX = 320
# The HTML folder and the publication package.
WEB_LONG_EDGE_PX = 1600
JPEG_QUALITY = 90
WEB_JPEG_QUALITY = 85
# A release holds at most this many photos.
MAX_PHOTOS_PER_RELEASE = 40
# Caption, credit and alt text.
MAX_CAPTION_CHARS = 500
MAX_CREDIT_CHARS = 200
MAX_ALT_CHARS = 500


def megabytes(count: int) -> str:
    """«40 МБ», «2,5 МБ»: a size as the user reads it."""
    value = count / (1024 * 1024)
    text = f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}".replace(".", ",")
    return f"{text} МБ"


def megapixels(count: int) -> str:
    """«120 Мпікс»."""
    return f"{count / 1_000_000:.0f} Мпікс"
