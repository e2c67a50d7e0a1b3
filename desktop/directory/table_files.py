"""Reading a CSV or XLSX table someone sends the office, within limits, its encoding guessed and told.

Every limit is checked before the content is unpacked or decoded: an XLSX is a zip archive whose
declared sizes say what it would grow to, so a bomb is refused from its directory in milliseconds.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.errors import UserError

MAX_FILE_BYTES = 20 * 1024 * 1024
# An XLSX unpacked: sheets, shared strings and styles together.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# Spreadsheet XML packs 5–20 times; a part that packs a hundred times more is padding or a bomb.
MAX_COMPRESSION_RATIO = 100
RATIO_CHECKED_FROM_BYTES = 1024 * 1024
MAX_ROWS = 50_000
MAX_FIELD_CHARS = 131_072  # csv's own default limit, told in words

# The encodings a directory from a Ukrainian office comes in, and how people call them.
ENCODING_NAMES = {
    "utf_8": "UTF-8",
    "cp1251": "Windows-1251",
    "koi8_u": "KOI8-U",
    "koi8_r": "KOI8-R",
    "cp866": "DOS (CP866)",
    "mac_cyrillic": "Mac Cyrillic",
    "iso8859_5": "ISO-8859-5",
    "cp1252": "Windows-1252 (Latin-1)",
    "latin_1": "Latin-1 (ISO-8859-1)",
}
_CANDIDATES = [name for name in ENCODING_NAMES if name != "utf_8"]
# How much noise (charset-normalizer's «chaos», 0–1) a guess may carry and still be trusted.
MAX_CHAOS = 0.2


@dataclass
class Table:
    """The rows of a file, numbered from 1, and the encoding its text was read in (empty for XLSX)."""

    rows: Iterator[tuple[int, list[Any]]]
    encoding: str = ""
    encoding_guessed: bool = False


def _size_checked(path: Path) -> int:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise UserError(f"Не вдалося прочитати файл {path.name}: {error.strerror or error}.") from error
    if size > MAX_FILE_BYTES:
        raise UserError(f"Файл {path.name} завеликий ({size // (1024 * 1024)} МБ): довідник приймається "
                        f"до {MAX_FILE_BYTES // (1024 * 1024)} МБ.")
    return size


def decode(data: bytes, name: str) -> tuple[str, str, bool]:
    """(text, encoding name, whether it was guessed): UTF-8 and BOMs are known; the rest is guessed."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), ENCODING_NAMES["utf_8"], False
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16", False
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), ENCODING_NAMES["utf_8"], False
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is None:
        raise UserError(f"Не вдалося визначити кодування файлу {name}: збережіть його як CSV UTF-8.")
    label = ENCODING_NAMES.get(best.encoding, best.encoding)
    if best.chaos > MAX_CHAOS:
        raise UserError(f"Кодування файлу {name} схоже на {label}, але текст у ньому не читається: "
                        "збережіть файл як CSV UTF-8 і спробуйте ще раз.")
    return str(best), label, True


def _delimiter(text: str, is_header: Callable[[Any], object], rows_to_look: int) -> str:
    # The separator is the one that splits the first lines into the most known column titles.
    head = "\n".join(text.splitlines()[:rows_to_look])
    best, best_score = ";", (-1, -1)
    for delimiter in (";", ",", "\t"):
        try:
            rows = list(csv.reader(io.StringIO(head), delimiter=delimiter))
        except csv.Error:
            continue  # a field over the limit: that separator does not fit
        known = max((sum(1 for cell in row if is_header(cell)) for row in rows), default=0)
        score = (known, head.count(delimiter))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(text: str, name: str, delimiter: str) -> Iterator[tuple[int, list[Any]]]:
    reader = csv.reader(io.StringIO(text.replace("\x00", ""), newline=""), delimiter=delimiter)
    number = 0
    try:
        for number, row in enumerate(reader, start=1):
            yield number, row
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise UserError(f"У файлі {name} поле довше за {MAX_FIELD_CHARS:,} символів (рядок {number + 1}): "
                            "такого поля в довіднику не буває.".replace(",", " ")) from None
        raise UserError(f"Файл {name} не є правильним CSV (рядок {number + 1}).") from None


def _check_archive(path: Path) -> None:
    """Refuses an XLSX that would unpack past the limits, from its zip directory alone."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UserError(f"Файл {path.name} не є книгою Excel (.xlsx) або пошкоджений.") from error
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(1, member.compress_size)
        if member.file_size > RATIO_CHECKED_FROM_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise UserError(f"Файл {path.name} розпаковується в {ratio:.0f} разів більше за себе: "
                            "так стискається не таблиця, а заповнювач. Файл не прийнято.")
    if total > MAX_UNPACKED_BYTES:
        raise UserError(f"Книга {path.name} розпаковується в {total // (1024 * 1024)} МБ, більше за "
                        f"{MAX_UNPACKED_BYTES // (1024 * 1024)} МБ. Файл не прийнято.")


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # read-only: rows stream from the sheet's XML instead of building the whole book in memory
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise UserError(f"Файл {path.name} не є книгою Excel (.xlsx) або пошкоджений.") from error
    try:
        sheet = workbook.worksheets[0]
        declared = sheet.max_row if isinstance(sheet.max_row, int) else 0
        if declared > MAX_ROWS + 1:
            raise UserError(too_many_rows(path.name))
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, list(row)
    except (zipfile.BadZipFile, ValueError, KeyError) as error:
        raise UserError(f"Файл {path.name} пошкоджений: не вдалося дочитати аркуш.") from error
    finally:
        workbook.close()


def too_many_rows(name: str) -> str:
    return f"У файлі {name} понад {MAX_ROWS:,} рядків: розділіть його на частини.".replace(",", " ")


def read_table(path: Path, is_header: Callable[[Any], object], header_rows: int = 10) -> Table:
    """The rows of a CSV or XLSX file; a file past a limit or unreadable is a UserError before any row."""
    if not path.is_file():
        raise UserError(f"Файл {path} не знайдено.")
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise UserError("Старий формат .xls не підтримується: збережіть файл як .xlsx або CSV.")
    _size_checked(path)
    if suffix in (".xlsx", ".xlsm"):
        _check_archive(path)
        return Table(_xlsx_rows(path))
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UserError(f"Не вдалося прочитати файл {path.name}: {error.strerror or error}.") from error
    text, encoding, guessed = decode(data, path.name)
    return Table(_csv_rows(text, path.name, _delimiter(text, is_header, header_rows)), encoding, guessed)
