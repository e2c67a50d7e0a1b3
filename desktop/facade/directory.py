"""The part of the GUI's facade that reads and edits the officials directory."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.facade.base import FacadeBase
from desktop.language.inflection import CASES

if TYPE_CHECKING:
    from desktop.directory.exchange import ImportReport
    from desktop.directory.search import DirectoryIndex
    from desktop.participants import Participant
    from desktop.storage.engine import Database
    from desktop.storage.models import Official, OfficialGroup, User

DEFAULT_SEARCH_LIMIT = 50
INDEX_RECHECK_SECONDS = 5.0


@dataclass(frozen=True)
class OfficialRow:
    """One official as the directory table and the picker show it, detached from any session."""

    id: int
    surname: str
    given_name: str
    patronymic: str
    gender: str
    position: str
    short_position: str
    organization: str
    precedence: int
    phone: str
    email: str
    active: bool

    @property
    def full_name(self) -> str:
        """«Тарасюк Юрій Миколайович»: surname first, as a directory lists people."""
        return " ".join(part for part in (self.surname, self.given_name, self.patronymic) if part)

    @property
    def display_name(self) -> str:
        """«Юрій Тарасюк»: as a release names a person."""
        return f"{self.given_name} {self.surname}".strip()


@dataclass(frozen=True)
class GroupRow:
    """A collective participant as the groups tab and the picker show it."""

    id: int
    text: str
    precedence: int
    active: bool


@dataclass(frozen=True)
class OfficialForms:
    """An official's case forms (corrections applied) and which of them were corrected by hand."""

    official: OfficialRow
    names: dict[str, str]
    positions: dict[str, str]
    corrected: dict[str, set[str]] = field(default_factory=dict)  # part ("name", "position") → cases

    def is_corrected(self, part: str, case: str) -> bool:
        return case in self.corrected.get(part, set())


def _row(official: Official) -> OfficialRow:
    return OfficialRow(
        id=official.id, surname=official.surname, given_name=official.given_name,
        patronymic=official.patronymic or "", gender=official.gender or "", position=official.position,
        short_position=official.short_position or "", organization=official.organization or "",
        precedence=official.precedence, phone=official.phone or "", email=official.email or "",
        active=bool(official.active),
    )


def _plain_row(values: Sequence[Any]) -> OfficialRow:
    # the columns come in the dataclass's field order; optional text columns may hold NULL
    return OfficialRow(*("" if value is None else value for value in values))  # type: ignore[arg-type]


def _group_row(group: OfficialGroup) -> GroupRow:
    return GroupRow(id=group.id, text=group.text, precedence=group.precedence, active=bool(group.active))


class DirectoryFacade(FacadeBase):
    """The officials directory, its groups, import and export, and participants for the editor."""

    def __init__(self, database: Database, user: User,
                 on_words_changed: Callable[[], None] | None = None) -> None:
        super().__init__(database, user)
        # told when the directory's words change, so proofreading learns the new names
        self._on_words_changed = on_words_changed or (lambda: None)
        # type-ahead state of this workspace
        self._index: DirectoryIndex | None = None
        self._index_checked_at: float | None = None
        self._row_cache: dict[int, OfficialRow] | None = None

    # Reading.

    def search_officials(self, text: str, limit: int = DEFAULT_SEARCH_LIMIT,
                         include_inactive: bool = False) -> list[OfficialRow]:
        """Officials matching the text (any field, any order, typos tolerated), best first.

        Empty text lists the most senior officials, so the picker never opens blank.
        """
        index = self._official_index()
        if text.strip():
            ids = index.search(text, limit, include_inactive)
        else:
            # the index keeps its entries in directory order: precedence, then name
            senior = (entry.official_id for entry in index.entries if include_inactive or entry.active)
            ids = list(islice(senior, limit))
        return self._rows(ids)

    def refresh_directory(self) -> None:
        """Forgets the cached search index and rows: the next search sees other workstations' changes."""
        self._index_checked_at = None
        self._row_cache = None

    def warm_directory(self) -> int:
        """Loads the search index ahead of the first keystroke (safe off the GUI thread); returns its size."""
        return len(self._official_index().entries)

    def _official_index(self) -> DirectoryIndex:
        # Type-ahead searches on every keystroke: the index is checked against the table (a query that
        # scans it) only every few seconds, and at once after an edit made through this facade.
        from desktop.directory.search import directory_index

        now = time.monotonic()
        if self._index is None or self._index_checked_at is None \
                or now - self._index_checked_at > INDEX_RECHECK_SECONDS:
            with self.database.session() as session:
                index = directory_index(session)
            if index is not self._index:
                self._row_cache = None  # the table changed: cached rows may be stale
            self._index, self._index_checked_at = index, now
        return self._index

    def _rows(self, official_ids: list[int] | None, include_inactive: bool = True) -> list[OfficialRow]:
        """Officials as rows, in one narrow query (no case forms): these ids in this order, or all.

        Rows already read for this index are kept, so narrowing a search costs no query at all.
        """
        from sqlalchemy import select

        from desktop.storage.models import Official

        columns = [getattr(Official, name) for name in OfficialRow.__dataclass_fields__]
        if official_ids is None:
            query = select(*columns).order_by(Official.precedence, Official.surname, Official.given_name)
            if not include_inactive:
                query = query.where(Official.active.is_(True))
            with self.database.session() as session:
                return [_plain_row(row) for row in session.execute(query)]
        if self._row_cache is None:
            self._row_cache = {}
        cache = self._row_cache
        missing = [official_id for official_id in official_ids if official_id not in cache]
        if missing:
            with self.database.session() as session:
                for row in session.execute(select(*columns).where(Official.id.in_(missing))):
                    cache[row[0]] = _plain_row(row)
        return [cache[official_id] for official_id in official_ids if official_id in cache]

    def list_officials(self, include_inactive: bool = True) -> list[OfficialRow]:
        """Every official in precedence order: the directory table."""
        return self._rows(None, include_inactive)

    def official(self, official_id: int) -> OfficialRow:
        """One official's fields; NotFound in Ukrainian when gone."""
        from desktop.directory import officials as directory

        with self.database.session() as session:
            return _row(directory.get_official(session, official_id))

    def official_forms(self, official_id: int) -> OfficialForms:
        """The six case forms of the name and the position, hand corrections marked."""
        from desktop.directory import officials as directory

        with self.database.session() as session:
            official = directory.get_official(session, official_id)
            participant = directory.participant_from_official(official)  # generates missing forms
            overrides = directory.official_overrides(official)
            return OfficialForms(
                official=_row(official),
                names={case: participant.name_forms.get(case, "") for case in CASES},
                positions={case: participant.position_forms.get(case, "") for case in CASES},
                corrected={part: set(cases) for part, cases in overrides.items()},
            )

    def preview_forms(self, given_name: str, surname: str, patronymic: str, gender: str,
                      position: str) -> tuple[dict[str, str], dict[str, str], str]:
        """The case forms the core would generate for these fields: names, positions, the gender used."""
        from desktop.participants import make_participant

        if not (given_name.strip() or surname.strip()):
            return dict.fromkeys(CASES, ""), self._position_preview(position, gender), gender
        person = make_participant(given_name, surname, patronymic or None, gender or None, position)
        return dict(person.name_forms), dict(person.position_forms), person.gender or ""

    @staticmethod
    def _position_preview(position: str, gender: str) -> dict[str, str]:
        from desktop.language.inflection import position_forms

        return position_forms(position, gender or None) if position.strip() else dict.fromkeys(CASES, "")

    def participant(self, official_id: int) -> Participant:
        """A snapshot of the official for a release, hand corrections applied."""
        from desktop.directory import officials as directory

        with self.database.session() as session:
            return directory.participant_from_official(directory.get_official(session, official_id))

    def participants(self, official_ids: list[int]) -> list[Participant]:
        """Snapshots of several officials in one session, in the order given."""
        from desktop.directory import officials as directory

        with self.database.session() as session:
            return [directory.participant_from_official(directory.get_official(session, official_id))
                    for official_id in official_ids]

    # Editing (an admin edits; any author adds — the core decides).

    def save_official(self, official_id: int | None, **values: Any) -> OfficialRow:
        """Adds an official (official_id None) or changes one; returns it as stored."""
        from desktop.directory import officials as directory

        with self.database.session() as session:
            actor = self._attached(session)
            if official_id is None:
                official = directory.add_official(session, actor, **values)
            else:
                official = directory.update_official(session, actor, official_id, **values)
            session.flush()
            self.refresh_directory()
            return _row(official)

    def deactivate_official(self, official_id: int, active: bool = False) -> OfficialRow:
        """Hides an official from the picker, or (active=True) restores one."""
        from desktop.directory import officials as directory

        with self.database.session() as session:
            row = _row(directory.deactivate_official(session, self._attached(session), official_id, active))
        self.refresh_directory()
        return row

    def set_form_override(self, official_id: int, case: str, text: str, part: str = "name") -> None:
        """Stores a hand-corrected case form ('' restores the generated one)."""
        from desktop.directory import officials as directory

        with self.database.session() as session:
            directory.set_form_override(session, self._attached(session), official_id, case, text, part)

    def add_ad_hoc(self, given_name: str, surname: str, position: str, gender: str = "",
                   patronymic: str = "", save: bool = False, organization: str = "") -> Participant:
        """A participant typed in while drafting; with save it is also added to the directory."""
        from desktop.directory import officials as directory
        from desktop.participants import make_participant

        if not save:
            problems = directory.field_problems(
                {"surname": surname, "given_name": given_name, "position": position})
            if problems:
                from desktop.errors import UserError

                raise UserError("; ".join(problems).capitalize() + ".")
            return make_participant(given_name, surname, patronymic or None, gender or None, position)
        with self.database.session() as session:
            official = directory.add_official(
                session, self._attached(session), surname=surname, given_name=given_name,
                patronymic=patronymic, gender=gender, position=position, organization=organization)
            session.flush()
            self.refresh_directory()
            return directory.participant_from_official(official)

    def add_ad_hoc_group(self, text: str, save: bool = False) -> Participant:
        """A collective participant typed in («представники громадськості»); with save, kept as a group."""
        from desktop.errors import UserError
        from desktop.participants import make_group

        if not " ".join(text.split()):
            raise UserError("Не вказано текст групи.")
        if not save:
            return make_group(text)
        group = self.save_group(None, text)
        return self.group_participant(group.id)

    # Groups.

    def groups(self, include_inactive: bool = False) -> list[GroupRow]:
        """Collective participants in precedence order."""
        from desktop.directory import groups as directory_groups

        with self.database.session() as session:
            return [_group_row(group) for group in directory_groups.list_groups(session, include_inactive)]

    def save_group(self, group_id: int | None, text: str, precedence: int | str | None = None,
                   active: bool | None = None) -> GroupRow:
        """Adds a group (group_id None) or changes one."""
        from desktop.directory import groups as directory_groups

        with self.database.session() as session:
            actor = self._attached(session)
            if group_id is None:
                group = directory_groups.add_group(session, actor, text, precedence)
            else:
                group = directory_groups.update_group(session, actor, group_id, text=text,
                                                      precedence=precedence, active=active)
            session.flush()
            return _group_row(group)

    def group_forms(self, group_id: int) -> tuple[dict[str, str], dict[str, str]]:
        """A group's six case forms as they apply (corrections included), and the generated ones."""
        from desktop.directory import groups as directory_groups

        with self.database.session() as session:
            group = directory_groups.get_group(session, group_id)
            applied = directory_groups.participant_from_group(group).forms  # generates any missing form
            generated = json.loads(group.forms_json or "{}")
            return ({case: applied.get(case, "") for case in CASES},
                    {case: str(generated.get(case, "")) for case in CASES})

    def set_group_form_override(self, group_id: int, case: str, text: str) -> None:
        """Stores a hand-corrected case form of a group ('' restores the generated one)."""
        from desktop.directory import groups as directory_groups

        with self.database.session() as session:
            directory_groups.set_group_form_override(session, self._attached(session), group_id, case, text)

    def group_participant(self, group_id: int) -> Participant:
        """A snapshot of the group for a release (it agrees in the plural)."""
        from desktop.directory import groups as directory_groups

        with self.database.session() as session:
            return directory_groups.participant_from_group(directory_groups.get_group(session, group_id))

    # Import and export.

    def import_preview(self, path: str | Path) -> ImportReport:
        """What importing the file would do, row by row, without changing anything."""
        from desktop.directory import exchange

        with self.database.session() as session:
            report = exchange.import_officials(session, self._attached(session), path, dry_run=True)
            session.rollback()
            return report

    def import_file(self, path: str | Path) -> ImportReport:
        """Imports the file: new officials added, known ones updated, bad rows refused."""
        from desktop.directory import exchange

        with self.database.session() as session:
            report = exchange.import_officials(session, self._attached(session), path)
        self.refresh_directory()
        return report

    def complete_directory_forms(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Generates the case forms an import left missing (done, total reported as it goes); returns how many.

        Until then the spelling checker knows those officials' names only as written, in the nominative.
        """
        from desktop.directory import officials as directory

        with self.database.session() as session:
            count = directory.complete_forms(session, progress)
        self.refresh_directory()
        if count:
            self._on_words_changed()
        return count

    def export_file(self, path: str | Path) -> int:
        """Writes the directory to CSV or XLSX (by the file's extension); returns how many officials."""
        from desktop.directory import exchange

        with self.database.session() as session:
            return exchange.export_officials(session, path, self._attached(session))
