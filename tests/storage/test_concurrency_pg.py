"""Two workstations at once on the real PostgreSQL server: one wins, nothing is lost, the chain holds."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.errors import Conflict, WorkflowRefused
from desktop.releases import revisions as releases
from desktop.storage import audit
from desktop.storage.engine import Database
from desktop.storage.models import AuditEntry, Release, WorkflowEvent
from desktop.workflow import transitions
from tests.workflow_support import document, load, make_staff, new_release, release_in_state

# The root `database` fixture's PostgreSQL branch only: races need a real server, not SQLite.
pytestmark = [pytest.mark.postgres, pytest.mark.parametrize("database", ["postgresql"], indirect=True)]


@pytest.fixture
def pg(database: Database) -> Database:
    """The session's PostgreSQL test database, emptied (skipped, with the reason, when the server is away)."""
    return database


@pytest.fixture
def staff(pg: Database) -> dict:
    return make_staff(pg)


def _race(*steps: Callable[[], Any]) -> list[Any]:
    """Runs the steps in threads released together; returns each result or the exception it raised."""
    barrier = threading.Barrier(len(steps))
    results: list[Any] = [None] * len(steps)

    def run(index: int, step: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            results[index] = step()
        except Exception as error:  # collected and asserted on by the test
            results[index] = error

    threads = [threading.Thread(target=run, args=(i, step)) for i, step in enumerate(steps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_the_second_of_two_sessions_saving_gets_a_conflict_and_its_text_is_kept(
    pg: Database, staff: dict
) -> None:
    release_id = new_release(pg, staff["author"])
    first, second = pg.sessions(), pg.sessions()
    try:
        # Both workstations opened version 1.
        assert releases.get_release(first, release_id).version == 1
        assert releases.get_release(second, release_id).version == 1
        releases.save_text(first, staff["author"], release_id, document("Перша станція"), expected_version=1)
        first.commit()
        with pytest.raises(Conflict) as conflict:
            releases.save_text(
                second, staff["supervisor"], release_id, document("Друга станція"), expected_version=1
            )
        second.rollback()  # what the caller's context manager does with the error
    finally:
        first.close()
        second.close()
    assert load(pg, release_id).title == "Перша станція"
    with pg.session() as session:
        kept = releases.revision_by_number(session, release_id, conflict.value.revision_number)  # type: ignore[attr-defined]
        assert kept.kind == "conflict"
        assert releases.revision_document(kept).title == "Друга станція"


def test_two_sessions_saving_at_the_same_instant_one_wins_the_other_is_kept(
    pg: Database, staff: dict
) -> None:
    release_id = new_release(pg, staff["author"])
    sessions = [pg.sessions(), pg.sessions()]
    for session in sessions:
        releases.get_release(session, release_id)  # both read version 1 before either writes

    def save(session: Any, title: str) -> Callable[[], Any]:
        def step() -> Any:
            try:
                result = releases.save_text(
                    session, staff["supervisor"], release_id, document(title), expected_version=1
                )
                session.commit()
                return result.version
            except Exception:
                session.rollback()
                raise

        return step

    try:
        results = _race(save(sessions[0], "Станція А"), save(sessions[1], "Станція Б"))
    finally:
        for session in sessions:
            session.close()
    conflicts = [r for r in results if isinstance(r, Conflict)]
    assert len(conflicts) == 1, results
    assert sum(isinstance(r, int) for r in results) == 1, results
    with pg.session() as session:
        revisions = releases.revisions(session, release_id)
        titles = {releases.revision_document(r).title for r in revisions}
        assert {"Станція А", "Станція Б"} <= titles  # both texts exist: one current, one kept
        assert [r.number for r in revisions] == list(range(1, len(revisions) + 1))
        assert audit.verify_chain(session).ok


def test_two_supervisors_approving_at_once_record_one_approval(pg: Database, staff: dict) -> None:
    release_id = release_in_state(pg, staff, "in_review")
    sessions = [pg.sessions(), pg.sessions()]
    for session in sessions:
        releases.get_release(session, release_id)  # both see it under review

    def approve(session: Any, supervisor: Any) -> Callable[[], Any]:
        def step() -> Any:
            try:
                release = transitions.approve(session, supervisor, release_id)
                session.commit()
                return release.approved_by
            except Exception:
                session.rollback()
                raise

        return step

    try:
        results = _race(approve(sessions[0], staff["supervisor"]), approve(sessions[1], staff["chief"]))
    finally:
        for session in sessions:
            session.close()
    winners = [r for r in results if isinstance(r, int)]
    assert len(winners) == 1, results
    assert isinstance(next(r for r in results if not isinstance(r, int)), WorkflowRefused)
    with pg.session() as session:
        release = session.get(Release, release_id)
        assert release.status == "approved" and release.approved_by == winners[0]
        approvals = session.execute(
            select(func.count()).select_from(WorkflowEvent).where(WorkflowEvent.action == "approve")
        ).scalar_one()
        assert approvals == 1
        assert (
            session.execute(
                select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "approve")
            ).scalar_one()
            == 1
        )


def test_concurrent_audit_appends_never_fork_the_chain(pg: Database, staff: dict) -> None:
    per_thread = 15

    def appender(name: str) -> Callable[[], None]:
        def step() -> None:
            for index in range(per_thread):
                with pg.session() as session:
                    audit.append(session, staff["admin"], "test_append", detail=f"{name} {index}")

        return step

    results = _race(appender("перша"), appender("друга"), appender("третя"))
    assert results == [None, None, None]
    with pg.session() as session:
        report = audit.verify_chain(session)
        assert report.ok, report
        previous = session.execute(select(AuditEntry.prev_hash)).scalars().all()
        assert len(previous) == len(set(previous))  # no two rows claim the same predecessor
        assert (
            session.execute(
                select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "test_append")
            ).scalar_one()
            == 3 * per_thread
        )
