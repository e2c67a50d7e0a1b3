"""What an original photo carries besides its pixels, named as the user reads it («координати GPS»)."""

from __future__ import annotations

from PIL import ExifTags, Image

# The words, in the order the report lists them.
GPS = "координати GPS"
CAMERA = "модель камери"
SERIAL = "серійний номер камери"
TIME = "час зйомки"
AUTHOR = "автор і авторські права"
SOFTWARE = "програма обробки"
MAKER_NOTES = "службові дані виробника"
THUMBNAIL = "вбудована мініатюра"
OTHER_EXIF = "інші дані EXIF"
XMP = "дані XMP"
IPTC = "дані IPTC"
COMMENT = "коментарі у файлі"
COLOUR_PROFILE = "колірний профіль (кольори переведено в sRGB)"

ORDER = (GPS, CAMERA, SERIAL, TIME, AUTHOR, SOFTWARE, MAKER_NOTES, THUMBNAIL, OTHER_EXIF, XMP, IPTC, COMMENT,
         COLOUR_PROFILE)

_TAGS = ExifTags.Base
_CAMERA_TAGS = {_TAGS.Make, _TAGS.Model, _TAGS.LensMake, _TAGS.LensModel}
_SERIAL_TAGS = {_TAGS.BodySerialNumber, _TAGS.LensSerialNumber, _TAGS.CameraOwnerName}
_TIME_TAGS = {_TAGS.DateTime, _TAGS.DateTimeOriginal, _TAGS.DateTimeDigitized, _TAGS.OffsetTime,
              _TAGS.OffsetTimeOriginal, _TAGS.OffsetTimeDigitized, _TAGS.SubsecTimeOriginal}
_AUTHOR_TAGS = {_TAGS.Artist, _TAGS.Copyright, 0x9C9D}  # 0x9C9D: XPAuthor
_SOFTWARE_TAGS = {_TAGS.Software, _TAGS.ProcessingSoftware, _TAGS.HostComputer}
# Pointers to sub-directories, and the orientation that is applied to the pixels before it goes.
_STRUCTURAL = {_TAGS.ExifOffset, _TAGS.GPSInfo, 0xA005, _TAGS.Orientation}
_XMP_MARK = b"http://ns.adobe.com/xap"
_TEXT_INFO_KEYS = {"comment", "Comment", "Description", "Author", "Title", "Software", "Copyright",
                   "Creation Time", "Source", "Disclaimer", "Warning", "XML:com.adobe.xmp"}


def _exif_words(image: Image.Image) -> set[str]:
    try:
        exif = image.getexif()
    except Exception:  # unreadable EXIF is dropped all the same; it simply is not named
        return {OTHER_EXIF} if image.info.get("exif") else set()
    words: set[str] = set()
    directories = [dict(exif)]
    for pointer in (ExifTags.IFD.Exif, ExifTags.IFD.Interop):
        try:
            directories.append(dict(exif.get_ifd(pointer)))
        except Exception:  # a broken sub-directory is still removed
            words.add(OTHER_EXIF)
    try:
        if exif.get_ifd(ExifTags.IFD.GPSInfo):
            words.add(GPS)
    except Exception:  # a damaged GPS block still counts as one
        words.add(GPS)
    try:
        if exif.get_ifd(ExifTags.IFD.IFD1):
            words.add(THUMBNAIL)
    except Exception:  # a damaged thumbnail directory still counts as one
        words.add(THUMBNAIL)
    for directory in directories:
        for tag in directory:
            if tag in _CAMERA_TAGS:
                words.add(CAMERA)
            elif tag in _SERIAL_TAGS:
                words.add(SERIAL)
            elif tag in _TIME_TAGS:
                words.add(TIME)
            elif tag in _AUTHOR_TAGS:
                words.add(AUTHOR)
            elif tag in _SOFTWARE_TAGS:
                words.add(SOFTWARE)
            elif tag == _TAGS.MakerNote:
                words.add(MAKER_NOTES)
            elif tag not in _STRUCTURAL:
                words.add(OTHER_EXIF)
    return words


def _has_iptc(image: Image.Image) -> bool:
    if image.info.get("photoshop") or image.info.get("iptc"):
        return True
    applist = getattr(image, "applist", None) or []
    return any(marker == "APP13" for marker, _data in applist)


def found_metadata(image: Image.Image, data: bytes) -> list[str]:
    """What the original holds besides pixels, in ORDER; empty for a clean file."""
    words = _exif_words(image)
    if image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or _XMP_MARK in data:
        words.add(XMP)
    if _has_iptc(image):
        words.add(IPTC)
    if any(key in image.info for key in _TEXT_INFO_KEYS - {"XML:com.adobe.xmp"}):
        words.add(COMMENT)
    if image.info.get("icc_profile"):
        words.add(COLOUR_PROFILE)
    return [word for word in ORDER if word in words]


def removed_line(words: list[str]) -> str:
    """«Видалено: координати GPS, модель камери, час зйомки», or that there was nothing to remove."""
    if not words:
        return "Метаданих у файлі не було: нічого не видалено."
    return "Видалено: " + ", ".join(words) + "."
