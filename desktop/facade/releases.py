"""The part of the GUI's facade that lists, drafts, opens, saves and moves releases."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.document import Document
from desktop.facade.base import FacadeBase

DEFAULT_HEADLINE_MAX = 100


@dataclass(frozen=True)
class ReleaseRecord:
    """What the editor needs of one release, as plain data detached from any session."""

    id: int
    title: str
    document: Document
    version: int
    status: str
    template_key: str
    participants: list[dict[str, Any]] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    event_date: date | None = None
    place: str = ""
    signature_lines: list[str] = field(default_factory=list)
    headline_max: int = DEFAULT_HEADLINE_MAX
    template_name: str = ""
    editable: bool = True
    read_only_reason: str = ""


class ReleasesFacade(FacadeBase):
    """Releases, inboxes, templates, drafting, saving."""

    # Releases and inboxes (desktop.releases).

    def inbox_counts(self) -> dict[str, int]:
        from desktop.releases import revisions as releases

        with self.database.session() as session:
            return releases.inbox_counts(session, self._attached(session))

    def list_releases(
        self, inbox: str = "all", search: str | None = None, status: str | None = None, limit: int = 200
    ) -> list[Any]:
        from desktop.releases import revisions as releases

        with self.database.session() as session:
            return releases.list_releases(
                session, self._attached(session), inbox=inbox, search=search, status=status, limit=limit
            )

    def change_marker(self) -> str:
        from desktop.releases import revisions as releases

        with self.database.session() as session:
            return releases.change_marker(session)

    # Templates and drafting (desktop.drafting.templates).

    def _load_templates(self) -> tuple[dict[str, Any], list[Any]]:
        # Loaded once per workspace: parsing and compiling seven Jinja2 templates is not free.
        cached = getattr(self, "_templates_cache", None)
        if cached is None:
            from desktop.drafting.templates import load_templates

            cached = load_templates()
            self._templates_cache = cached
        return cached

    def templates(self) -> list[Any]:
        """The loaded templates in their display order."""
        return list(self._load_templates()[0].values())

    def template(self, key: str) -> Any:
        """One template by key, or a Ukrainian NotFound."""
        from desktop.errors import NotFound

        found = self._load_templates()[0].get(key)
        if found is None:
            raise NotFound(f"Шаблону «{key}» немає.")
        return found

    def template_errors(self) -> list[str]:
        """Templates that failed to load: «file:line: reason» each."""
        return [str(error) for error in self._load_templates()[1]]

    def draft_from_template(self, key: str, values: dict[str, Any]) -> int:
        """Renders the template with the form's values and creates the draft; returns its id."""
        from desktop.releases import revisions as releases

        template = self.template(key)
        with self.database.session() as session:
            release = releases.create_from_template(session, self._attached(session), template, values)
            session.flush()
            return int(release.id)

    # One release in the editor.

    def open_release(self, release_id: int) -> ReleaseRecord:
        """The release's current text and what surrounds it in the editor."""
        from desktop import settings
        from desktop.errors import UserError
        from desktop.releases import revisions as releases
        from desktop.releases import rules

        with self.database.session() as session:
            release = releases.get_release(session, release_id)
            user = self._attached(session)
            rules.check_read(user, release)
            try:
                rules.check_edit(user, release)
                reason = ""
            except UserError as refusal:
                reason = str(refusal)
            templates = self._load_templates()[0]
            template = templates.get(release.template_key)
            return ReleaseRecord(
                id=release.id,
                title=release.title,
                document=releases.release_document(release),
                version=release.version,
                status=release.status,
                template_key=release.template_key,
                participants=releases.release_participants(release),
                facts=releases.release_facts(release),
                event_date=release.event_date,
                place=release.place,
                signature_lines=settings.signature_lines(session),
                headline_max=template.headline_max if template else DEFAULT_HEADLINE_MAX,
                template_name=template.name if template else "",
                editable=not reason,
                read_only_reason=reason,
            )

    def save(self, release_id: int, document: Document, expected_version: int, kind: str = "save") -> int:
        """Saves the text; returns the new version. A stale version raises SaveConflict (text kept)."""
        from desktop.releases import revisions as releases

        with self.database.session() as session:
            release = releases.save_text(
                session, self._attached(session), release_id, document, expected_version=expected_version, kind=kind
            )
            return int(release.version)

    def saved_revision(self, release_id: int) -> tuple[int, Document] | None:
        """The number and text of the newest revision (an autosave is not one), or None."""
        from desktop.releases import revisions as releases

        with self.database.session() as session:
            release = releases.get_release(session, release_id)
            revision = releases.current_revision(session, release)
            if revision is None:
                return None
            return revision.number, releases.revision_document(revision)

    def revision_numbers(self, release_id: int) -> list[int]:
        """The numbers of the release's revisions, oldest first."""
        from desktop.releases import revisions as releases

        with self.database.session() as session:
            return releases.revision_numbers(session, release_id)
