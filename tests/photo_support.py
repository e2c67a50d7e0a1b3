"""Phone-like photos for the tests: a JPEG with GPS, camera, time, a thumbnail, XMP and IPTC; and bad files."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import piexif
from PIL import Image, ImageDraw

XMP_PACKET = (
    b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="Camera v1"'
    b' xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="50,57.1N"/>'
    b"</rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>"
)
SERIAL = "SN-4471-SECRET"
MODEL = "Pixel 7 Pro"


def picture(width: int = 640, height: int = 480, colour: tuple[int, int, int] = (200, 40, 40)) -> Image.Image:
    """A picture with a mark in its top-left corner, so orientation and order can be seen."""
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width // 4, height // 4), fill=(255, 255, 255))
    draw.ellipse((width // 2, height // 2, width // 2 + 60, height // 2 + 60), fill=(20, 20, 200))
    return image


def _exif_bytes(orientation: int = 1) -> bytes:
    thumb = io.BytesIO()
    Image.new("RGB", (160, 120), (0, 255, 0)).save(thumb, "JPEG")
    exif = {
        "0th": {
            piexif.ImageIFD.Make: b"Google",
            piexif.ImageIFD.Model: MODEL.encode(),
            piexif.ImageIFD.DateTime: b"2024:03:14 09:26:53",
            piexif.ImageIFD.Software: b"HDR+ 1.0",
            piexif.ImageIFD.Artist: b"Ivan Secret",
            piexif.ImageIFD.Orientation: orientation,
        },
        "Exif": {
            piexif.ExifIFD.DateTimeOriginal: b"2024:03:14 09:26:53",
            piexif.ExifIFD.BodySerialNumber: SERIAL.encode(),
            piexif.ExifIFD.MakerNote: b"maker-secret-data",
        },
        "GPS": {
            piexif.GPSIFD.GPSLatitudeRef: b"N",
            piexif.GPSIFD.GPSLatitude: ((50, 1), (57, 1), (1234, 100)),
            piexif.GPSIFD.GPSLongitudeRef: b"E",
            piexif.GPSIFD.GPSLongitude: ((28, 1), (38, 1), (4321, 100)),
        },
        "1st": {piexif.ImageIFD.JPEGInterchangeFormat: 0, piexif.ImageIFD.JPEGInterchangeFormatLength: 0},
        "thumbnail": thumb.getvalue(),
    }
    return piexif.dump(exif)


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def phone_jpeg(width: int = 640, height: int = 480, orientation: int = 1,
               colour: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    """A JPEG as a phone writes it: EXIF with GPS, camera, serial, time, maker notes and a thumbnail; XMP; IPTC."""
    buffer = io.BytesIO()
    picture(width, height, colour).save(buffer, "JPEG", exif=_exif_bytes(orientation), quality=92,
                                        comment=b"office secret comment")
    data = buffer.getvalue()
    xmp = _segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + XMP_PACKET)
    iptc_record = b"\x1c\x02\x78" + struct.pack(">H", 12) + b"Secret place"  # 2:120 caption
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iptc_record)) + iptc_record
    iptc = _segment(0xED, b"Photoshop 3.0\x00" + resource)
    return data[:2] + xmp + iptc + data[2:]


def write_phone_jpeg(folder: Path, name: str = "IMG_0001.jpg", **kwargs: int) -> Path:
    path = folder / name
    path.write_bytes(phone_jpeg(**kwargs))  # type: ignore[arg-type]
    return path


def png_bytes(width: int = 300, height: int = 200, colour: tuple[int, int, int] = (30, 160, 60)) -> bytes:
    buffer = io.BytesIO()
    picture(width, height, colour).save(buffer, "PNG")
    return buffer.getvalue()


def bomb_png(side: int = 20_000) -> bytes:
    """A tiny PNG claiming side × side pixels (a decompression bomb)."""
    buffer = io.BytesIO()
    Image.new("1", (side, side)).save(buffer, "PNG")
    return buffer.getvalue()


def truncated_jpeg() -> bytes:
    data = phone_jpeg()
    return data[: len(data) * 2 // 3]


def metadata_markers(data: bytes) -> list[str]:
    """The metadata a file still carries, as an exiftool-like scan of its bytes and Pillow's reading find it."""
    found = [label for marker, label in (
        (b"Exif", "Exif"), (b"GPS", "GPS"), (b"http://ns.adobe.com/xap", "XMP"), (b"Photoshop 3.0", "IPTC"),
        (SERIAL.encode(), "serial"), (MODEL.encode(), "model"), (b"office secret comment", "comment"),
        (b"maker-secret-data", "maker notes"),
    ) if marker in data]
    with Image.open(io.BytesIO(data)) as image:
        if image.getexif():
            found.append("Pillow EXIF")
        if image.info.get("xmp"):
            found.append("Pillow XMP")
        if image.info.get("exif"):
            found.append("Pillow exif info")
    return found
