"""Decoding a photo and writing it anew with Pillow: orientation applied, nothing but the pixels kept.

Every attached image goes through clean_photo: decoded in full (a truncated or disguised file is
refused here), turned upright by its EXIF orientation, converted to sRGB when it carries another
colour profile, scaled down to the stored size, and encoded into a fresh JPEG or PNG from the raw
pixels alone, so no EXIF, GPS, XMP, IPTC, maker notes, comments or embedded thumbnail can ride along.
The result is read back and checked before anyone stores it.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

from desktop.errors import UserError
from desktop.photos import limits
from desktop.photos.metadata import COLOUR_PROFILE, found_metadata, removed_line

try:  # HEIC from phones, when pillow-heif is installed
    from pillow_heif import register_heif_opener

    register_heif_opener()
    HEIF = True
except ImportError:  # pragma: no cover - depends on the machine
    HEIF = False

# The formats accepted on attach; MPO is how Pillow names a phone's multi-picture JPEG.
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP"} | ({"HEIF"} if HEIF else set())
ACCEPTED_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp") + ((".heic", ".heif") if HEIF else ())
MIME_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png"}
_XMP_MARK = b"http://ns.adobe.com/xap"

# Never decode a half file as if it were whole.
ImageFile.LOAD_TRUNCATED_IMAGES = False


class PhotoRefused(UserError):
    """The file cannot become a photo of a release; the message says why, in one line."""


@dataclass(frozen=True)
class CleanPhoto:
    """A photo re-encoded without metadata: its bytes, what they are, and what was removed."""

    data: bytes
    format: str  # "JPEG" or "PNG"
    width: int
    height: int
    removed: tuple[str, ...]
    original_had_gps: bool
    thumbnail: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def mime_type(self) -> str:
        return MIME_TYPES[self.format]

    @property
    def removed_line(self) -> str:
        return removed_line(list(self.removed))


def formats_line() -> str:
    return "JPEG, PNG, WebP" + (", HEIC" if HEIF else "")


def read_photo_file(path: Path | str) -> bytes:
    """The bytes of a photo file, or one Ukrainian line: missing, a folder, unreadable, empty, too big."""
    path = Path(path).expanduser()
    name = path.name or str(path)
    if not path.exists():
        raise PhotoRefused(f"Файл «{name}» не знайдено.")
    if path.is_dir():
        raise PhotoRefused(f"«{name}» — це тека, а не файл фото.")
    try:
        size = path.stat().st_size
        if size > limits.MAX_FILE_BYTES:
            raise PhotoRefused(
                f"Файл «{name}» завеликий ({limits.megabytes(size)}); найбільше — {limits.megabytes(limits.MAX_FILE_BYTES)}."
            )
        data = path.read_bytes()
    except PhotoRefused:
        raise
    except OSError as error:
        raise PhotoRefused(f"Не вдалося прочитати файл «{name}»: {error.strerror or 'немає доступу'}.") from None
    if not data:
        raise PhotoRefused(f"Файл «{name}» порожній (0 байтів): це не фото.")
    return data


def _open(data: bytes, name: str) -> Image.Image:
    if not data:
        raise PhotoRefused(f"Файл «{name}» порожній (0 байтів): це не фото.")
    if len(data) > limits.MAX_FILE_BYTES:
        raise PhotoRefused(
            f"Файл «{name}» завеликий ({limits.megabytes(len(data))}); "
            f"найбільше — {limits.megabytes(limits.MAX_FILE_BYTES)}."
        )
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise _too_many_pixels(name, None) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise PhotoRefused(
            f"Файл «{name}» не є зображенням, яке можна додати (підходять {formats_line()})."
        ) from None
    if image.format not in ACCEPTED_FORMATS:
        raise PhotoRefused(f"Формат «{image.format}» файлу «{name}» не підходить; додайте {formats_line()}.")
    width, height = image.size
    if width * height > limits.MAX_PIXELS:
        raise _too_many_pixels(name, width * height)
    if min(width, height) < limits.MIN_SIDE_PX:
        raise PhotoRefused(f"Зображення «{name}» замале ({width}×{height} пікселів) для фото релізу.")
    return image


def _too_many_pixels(name: str, count: int | None) -> PhotoRefused:
    size = f" ({limits.megapixels(count)})" if count else ""
    return PhotoRefused(
        f"Зображення «{name}» має забагато пікселів{size}; найбільше — {limits.megapixels(limits.MAX_PIXELS)}. "
        "Зменште його перед додаванням."
    )


def _decode(image: Image.Image, name: str) -> Image.Image:
    """The full pixels, upright; a truncated or damaged file is refused."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
            upright = ImageOps.exif_transpose(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(name, image.size[0] * image.size[1]) from None
    except (OSError, ValueError, SyntaxError, EOFError):
        raise PhotoRefused(
            f"Файл «{name}» пошкоджений або обрізаний: зображення не читається до кінця. Надішліть його ще раз."
        ) from None
    return upright if upright is not None else image


def _to_srgb(image: Image.Image, profile: bytes | None) -> Image.Image:
    if not profile:
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        target = ImageCms.createProfile("sRGB")
        mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") else "RGB"
        converted = ImageCms.profileToProfile(image.convert(mode), source, target, outputMode=mode)
        return converted if converted is not None else image
    except Exception:  # a broken profile: the pixels are kept as they are, the profile still goes
        return image


def _pixels_only(image: Image.Image, source_format: str | None) -> tuple[Image.Image, str]:
    """A new image from the raw pixels (no info, no EXIF, no palette metadata) and the format to write.

    A PNG stays a PNG (a chart or a scan of a document), as does anything with transparency; a photo
    becomes a JPEG.
    """
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    mode = "RGBA" if has_alpha else "RGB"
    converted = image.convert(mode)
    fresh = Image.frombytes(mode, converted.size, converted.tobytes())
    return fresh, "PNG" if has_alpha or source_format == "PNG" else "JPEG"


def _scaled(image: Image.Image, long_edge: int) -> Image.Image:
    if max(image.size) <= long_edge:
        return image
    scaled = image.copy()
    scaled.thumbnail((long_edge, long_edge), Image.Resampling.LANCZOS)
    return scaled


def encode(image: Image.Image, fmt: str, quality: int = limits.JPEG_QUALITY) -> bytes:
    """The image as a fresh JPEG or PNG holding pixels only."""
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(buffer, "JPEG", quality=quality, optimize=True, progressive=False)
    else:
        image.save(buffer, "PNG", optimize=False, compress_level=6)
    return buffer.getvalue()


def leftover_metadata(data: bytes) -> list[str]:
    """What metadata a written image still holds (empty for a clean one): read back with Pillow and scanned."""
    found: list[str] = []
    with Image.open(io.BytesIO(data)) as image:
        if image.getexif() or image.info.get("exif"):
            found.append("EXIF")
        if image.info.get("xmp") or image.info.get("XML:com.adobe.xmp"):
            found.append("XMP")
        if image.info.get("icc_profile"):
            found.append("ICC")
        if image.info.get("photoshop") or any(m == "APP13" for m, _ in getattr(image, "applist", []) or []):
            found.append("IPTC")
        if image.info.get("comment"):
            found.append("comment")
    for marker, label in ((b"Exif\x00", "EXIF"), (_XMP_MARK, "XMP"), (b"Photoshop 3.0", "IPTC")):
        if marker in data and label not in found:
            found.append(label)
    return found


def clean_photo(data: bytes, name: str = "фото") -> CleanPhoto:
    """Decodes the file and writes it anew without metadata; refuses, in one line, what is not a photo."""
    image = _open(data, name)
    with image:
        removed = found_metadata(image, data)
        try:
            gps = bool(image.getexif().get_ifd(0x8825))
        except Exception:  # a damaged GPS block is still a GPS block
            gps = "координати GPS" in removed
        profile = image.info.get("icc_profile")
        source_format = image.format
        upright = _decode(image, name)
        srgb = _to_srgb(upright, profile)
        if profile and srgb is upright:
            removed = [word for word in removed if word != COLOUR_PROFILE] + ["колірний профіль"]
        fresh, fmt = _pixels_only(srgb, source_format)
    stored = _scaled(fresh, limits.STORED_LONG_EDGE_PX)
    encoded = encode(stored, fmt)
    leftover = leftover_metadata(encoded)
    if leftover:  # never: the image was built from raw pixels; but nothing unchecked is stored
        raise PhotoRefused(f"Не вдалося очистити файл «{name}» від метаданих ({', '.join(leftover)}).")
    thumbnail = encode(_scaled(stored, limits.THUMBNAIL_LONG_EDGE_PX), fmt, quality=80)
    return CleanPhoto(encoded, fmt, stored.width, stored.height, tuple(removed), gps, thumbnail)


def _draft(image: Image.Image, long_edge: int) -> None:
    """Lets libjpeg decode a big JPEG at 1/2, 1/4 or 1/8 scale when that still leaves `long_edge`."""
    if image.format in ("JPEG", "MPO") and max(image.size) > long_edge:
        scale = long_edge / max(image.size)
        image.draft("RGB", (max(1, round(image.size[0] * scale)), max(1, round(image.size[1] * scale))))


def web_sized(data: bytes, long_edge: int = limits.WEB_LONG_EDGE_PX) -> tuple[bytes, str]:
    """A stored photo scaled for the web (the long edge at most `long_edge`), re-encoded, and its format."""
    with Image.open(io.BytesIO(data)) as image:
        fmt = "PNG" if image.format == "PNG" else "JPEG"
        if max(image.size) <= long_edge:
            return data, fmt
        _draft(image, long_edge)
        image.load()
        fresh, _ = _pixels_only(image, fmt)
    return encode(_scaled(fresh, long_edge), fmt, quality=limits.WEB_JPEG_QUALITY), fmt
