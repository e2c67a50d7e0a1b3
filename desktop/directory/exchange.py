"""Importing the officials directory from CSV or XLSX with a per-row report, and exporting it back.

Export writes what Excel in Ukraine opens by a double click: CSV in UTF-8 with a BOM (without it
Excel reads Windows-1251) separated by semicolons (the list separator of the Ukrainian locale,
where the comma is the decimal sign), or XLSX; both carry the Ukrainian headers the importer reads.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from desktop.directory import table_files
from desktop.directory.officials import (
    DEFAULT_PRECEDENCE,
    EDIT_ROLES,
    TEXT_FIELDS,
    _dump,
    clean,
    field_problems,
    forget_stale,
    match_key,
    parse_gender,
    parse_precedence,
)
from desktop.directory.search import fold, mark_directory_changed, official_search_text
from desktop.directory.table_files import read_table, too_many_rows
from desktop.errors import UserError
from desktop.language.inflection import detect_gender
from desktop.storage import audit
from desktop.storage.light import json_object
from desktop.storage.models import Official, User, utcnow

# The column titles of an export, in order; the importer accepts them and the aliases below.
COLUMNS = (
    ("surname", "Прізвище"), ("given_name", "Ім'я"), ("patronymic", "По батькові"), ("gender", "Стать"),
    ("position", "Посада"), ("short_position", "Коротка посада"), ("organization", "Організація"),
    ("precedence", "Ранг"), ("phone", "Телефон"), ("email", "Email"), ("active", "Активний"),
)
_ALIASES = {
    "surname": ("прізвище", "surname", "last name", "family name", "lastname", "familyname"),
    "given_name": ("ім'я", "імя", "given name", "givenname", "first name", "firstname"),
    "patronymic": ("по батькові", "по-батькові", "patronymic", "middle name", "patronymic name"),
    "gender": ("стать", "gender", "sex"),
    "position": ("посада", "position", "title", "job title"),
    "short_position": ("коротка посада", "short position", "shortposition", "скорочена посада"),
    "organization": ("організація", "organization", "organisation", "установа", "орган"),
    "precedence": ("ранг", "precedence", "rank", "порядок"),
    "phone": ("телефон", "phone", "тел", "telephone"),
    "email": ("email", "e-mail", "e mail", "ел пошта", "електронна пошта", "пошта", "mail"),
    "active": ("активний", "active", "чинний"),
}
_HEADER_NAMES = {alias: key for key, aliases in _ALIASES.items() for alias in aliases}
REQUIRED = ("surname", "given_name", "position")
_REQUIRED_LABELS = "«Прізвище», «Ім'я» та «Посада» (або surname, given_name, position)"
_YES = {"так", "1", "+", "true", "yes", "y", "т", "активний", "активна"}
_NO = {"ні", "0", "-", "false", "no", "n", "неактивний", "неактивна"}
HEADER_SEARCH_ROWS = 10


@dataclass
class ImportReport:
    """What an import did or, with dry_run, would do: counts and every refused row with its reason."""

    imported: int = 0
    updated: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)
    encoding: str = ""  # a CSV's encoding, «KOI8-U»; empty for XLSX
    encoding_guessed: bool = False

    def to_json(self) -> dict[str, Any]:
        """{"imported": N, "updated": N, "refused": [{"row": R, "reason": "…"}]}, and "guessed_encoding"."""
        data: dict[str, Any] = {"imported": self.imported, "updated": self.updated,
                                "refused": [{"row": row, "reason": reason} for row, reason in self.refused]}
        if self.encoding_guessed:
            data["guessed_encoding"] = self.encoding
        return data


def _header_key(cell: Any) -> str | None:
    return _HEADER_NAMES.get(fold(clean(cell)))


def read_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    """(file row number, cells) of a CSV or XLSX file; an unreadable file or one past a limit is a UserError."""
    return read_table(Path(path), _header_key, HEADER_SEARCH_ROWS).rows


def _find_header(rows: Iterator[tuple[int, list[Any]]], name: str) -> dict[str, int]:
    partial: set[str] = set()
    for _number, cells in rows:
        columns: dict[str, int] = {}
        for position, cell in enumerate(cells):
            key = _header_key(cell)
            if key and key not in columns:
                columns[key] = position
        if all(key in columns for key in REQUIRED):
            return columns
        if len(columns) > len(partial) and len(columns) >= 2:
            partial = set(columns)
        if _number >= HEADER_SEARCH_ROWS:
            break
    if partial:
        missing = ", ".join(f"«{dict(COLUMNS)[key]}»" for key in REQUIRED if key not in partial)
        raise UserError(f"У файлі {name} бракує стовпців: {missing}.")
    raise UserError(f"У файлі {name} не знайдено рядка заголовків: потрібні стовпці {_REQUIRED_LABELS}.")


def _cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone typed into Excel comes back as 380441234567.0
    return clean(value)


def _parse_active(value: Any) -> bool:
    text = fold(_cell_text(value))
    if not text or text in _YES:
        return True
    if text in _NO:
        return False
    raise UserError(f"значення «Активний» «{_cell_text(value)}» не розпізнано (так або ні)")


def _parse_row(cells: list[Any], texts: list[str], columns: dict[str, int]) -> tuple[dict[str, Any], list[str]]:
    present = {key: index for key, index in columns.items() if index < len(cells)}
    values: dict[str, Any] = {key: texts[present[key]] if key in present else "" for key in TEXT_FIELDS
                              if key in columns}
    problems = field_problems(values)
    for key, parse in (("precedence", parse_precedence), ("gender", parse_gender), ("active", _parse_active)):
        if key in columns:
            index = present.get(key)
            raw = None if index is None else (cells[index] if key == "precedence" else texts[index])
            try:
                values[key] = parse(raw if raw is not None else "")
            except UserError as error:
                problems.append(str(error))
    return values, problems


def import_officials(session: Session, actor: User, path: str | Path, dry_run: bool = False) -> ImportReport:
    """Adds new officials and updates known ones (same name and organisation) from a file; bad rows are refused.

    Columns missing from the file keep their stored values; an imported official is active unless
    the file says otherwise. Case forms are left to be generated on first use (see directory).
    """
    from desktop.accounts import require_role

    require_role(actor, *EDIT_ROLES)
    path = Path(path)
    source = read_table(path, _header_key, HEADER_SEARCH_ROWS)
    rows = source.rows
    columns = _find_header(rows, path.name)
    stored_columns = (Official.id, Official.match_key, Official.gender, Official.forms_json, Official.precedence,
                      Official.active, Official.search_text,
                      Official.overrides_json, *(getattr(Official, name) for name in TEXT_FIELDS))
    existing = {row.match_key: row._asdict() for row in session.execute(select(*stored_columns))}
    report = ImportReport(encoding=source.encoding, encoding_guessed=source.encoding_guessed)
    seen: dict[str, int] = {}
    new_rows: list[dict[str, Any]] = []
    changed_rows: list[dict[str, Any]] = []
    now = utcnow()
    for number, cells in rows:
        if number > table_files.MAX_ROWS + HEADER_SEARCH_ROWS:
            raise UserError(too_many_rows(path.name))  # nothing was written yet
        texts = [_cell_text(cell) for cell in cells]
        if not any(texts):
            continue
        values, problems = _parse_row(cells, texts, columns)
        key = match_key(values.get("surname", ""), values.get("given_name", ""), values.get("patronymic", ""),
                        values.get("organization", ""))
        if not problems and key in seen:
            problems.append(f"повторює рядок {seen[key]} (той самий посадовець)")
        if problems:
            report.refused.append((number, "; ".join(problems)))
            continue
        seen[key] = number
        if key in existing:
            report.updated += 1
            row = _updated_row(values, existing[key], key, now)
            # an unchanged row is counted as updated but not written: re-importing a list is cheap
            if any(existing[key][name] != value for name, value in row.items() if name != "updated_at"):
                changed_rows.append(row)
        else:
            report.imported += 1
            new_rows.append(new_official_row(values, key, now))
    if dry_run:
        return report
    # Core statements, not the ORM: 10,000 rows in one executemany each way.
    table: Any = Official.__table__
    if new_rows:
        session.execute(insert(table), new_rows)
    for names, group in _grouped(changed_rows).items():
        statement = update(table).where(table.c.id == bindparam("row_id")).values(
            {name: bindparam(name) for name in names if name != "id"})
        session.execute(statement, [{**row, "row_id": row["id"]} for row in group])
    mark_directory_changed(session)
    audit.append(session, actor, "officials_imported",
                 detail=f"{path.name}: додано {report.imported}, оновлено {report.updated}, "
                        f"відхилено {len(report.refused)}")
    session.flush()
    return report


def _grouped(rows: list[dict[str, Any]]) -> dict[tuple[str, ...], list[dict[str, Any]]]:
    # One statement per set of columns: a file without a column keeps the stored value.
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    return groups


def _search_text(values: dict[str, Any]) -> str:
    return official_search_text(*(values.get(key, "") for key in
                                  ("surname", "given_name", "patronymic", "position", "short_position",
                                   "organization")))


def new_official_row(values: dict[str, Any], key: str, now: Any) -> dict[str, Any]:
    """The table row of a new official from checked values (case forms are left for later)."""
    row = {name: values.get(name, "") for name in TEXT_FIELDS}
    row["gender"] = values.get("gender") or detect_gender(row["given_name"], row["surname"],
                                                          row["patronymic"] or None)
    precedence = values.get("precedence")
    row.update(precedence=DEFAULT_PRECEDENCE if precedence is None else precedence,
               active=values.get("active", True), match_key=key, search_text=_search_text(row),
               forms_json="{}", overrides_json="{}", created_at=now, updated_at=now)
    return row


def _updated_row(values: dict[str, Any], stored: dict[str, Any], key: str, now: Any) -> dict[str, Any]:
    row: dict[str, Any] = {name: value for name, value in values.items() if name in TEXT_FIELDS}
    if values.get("precedence") is not None:
        row["precedence"] = values["precedence"]
    row["active"] = values.get("active", True)
    gender = stored["gender"]
    row["gender"] = values.get("gender") or gender or detect_gender(
        values["given_name"], values["surname"], values.get("patronymic") or None)
    merged = {**stored, **row}
    name_changed = any(stored[k] != merged[k] for k in ("surname", "given_name", "patronymic"))
    position_changed = stored["position"] != merged["position"]
    forms, overrides = json_object(stored["forms_json"]), json_object(stored["overrides_json"])
    forget_stale(forms, overrides, name_changed=name_changed, position_changed=position_changed,
                 gender_changed=row["gender"] != gender)
    row.update(id=stored["id"], match_key=key, search_text=_search_text(merged), forms_json=_dump(forms),
               overrides_json=_dump(overrides), updated_at=now)
    return row


def _export_rows(session: Session) -> list[list[Any]]:
    rows: list[list[Any]] = []
    query = select(Official).order_by(Official.precedence, Official.surname, Official.given_name, Official.id)
    for official in session.execute(query).scalars():
        gender = {"masculine": "ч", "feminine": "ж"}.get(official.gender, "")
        values = {name: getattr(official, name) for name in TEXT_FIELDS}
        values.update(gender=gender, precedence=official.precedence, active="так" if official.active else "ні")
        rows.append([values[key] for key, _title in COLUMNS])
    return rows


def _write_csv(target: Path, rows: list[list[Any]]) -> None:
    with target.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, delimiter=";", quoting=csv.QUOTE_MINIMAL)
        writer.writerow([title for _key, title in COLUMNS])
        writer.writerows(rows)


def _write_xlsx(target: Path, rows: list[list[Any]]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Посадовці")
    for letter, width in zip("ABCDEFGHIJK", (18, 14, 18, 7, 60, 30, 40, 7, 18, 28, 9), strict=True):
        sheet.column_dimensions[letter].width = width
    header = []
    for _key, title in COLUMNS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(target)


def export_officials(session: Session, path: str | Path, actor: User | None = None) -> int:
    """Writes every official (the inactive ones marked) to .csv or .xlsx; returns how many rows.

    The file is written beside the target and moved into place, so a failure leaves no half file.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".txt", ".xlsx"):
        raise UserError("Вкажіть файл з розширенням .csv або .xlsx.")
    rows = _export_rows(session)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if suffix == ".xlsx":
            _write_xlsx(temporary, rows)
        else:
            _write_csv(temporary, rows)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise UserError(f"Не вдалося записати файл {path}: {error.strerror or error}.") from error
    if actor is not None:
        audit.append(session, actor, "officials_exported", detail=f"{path.name}: {len(rows)}")
    return len(rows)


def report_text(report: ImportReport, dry_run: bool = False) -> str:
    """The report as lines a person reads: the counts, then every refused row and why."""
    counts = f"додано: {report.imported}; оновлено: {report.updated}; відхилено: {len(report.refused)}."
    lines = [f"Перевірка без змін — було б {counts}" if dry_run else counts.capitalize()]
    if report.encoding_guessed:
        lines.append(f"Кодування файлу визначено як {report.encoding}: перевірте, чи імена читаються правильно.")
    lines += [f"  рядок {row}: {reason}" for row, reason in report.refused]
    return "\n".join(lines)


__all__ = ["ImportReport", "export_officials", "import_officials", "read_rows", "report_text"]
