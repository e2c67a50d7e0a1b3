"""Exports are all or nothing: SIGKILL at any point leaves no unrecorded file and, after the next start, no part file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.export import service
from desktop.export.files import sha256_file
from desktop.storage import audit
from desktop.storage.engine import Database
from desktop.storage.models import Export
from tests.workflow_support import make_staff, release_in_state

ROOT = Path(__file__).resolve().parents[2]

# The child exports one release and, at the point named on its command line, kills itself with SIGKILL.
CHILD = textwrap.dedent('''
    import os, signal, sys
    from sqlalchemy import event
    from sqlalchemy.orm import Session
    from desktop.export import publish, service
    from desktop.storage.engine import Database
    from desktop.storage.models import User

    url, release_id, user_id, fmt, out, point = sys.argv[1:7]

    def die(*_args, **_kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    if point == "writing":  # in the middle of writing the file, before it is flushed to disk
        os.fsync = die
    elif point == "staged":  # the file is complete under its staged name, nothing recorded
        publish.publish_on_commit = die
    elif point == "recorded":  # the Export and audit rows are flushed, the transaction not committed
        event.listen(Session, "before_commit", die)
    elif point == "committed":  # committed, not yet renamed to its real name
        event.listen(Session, "after_commit", die, insert=True)
    database = Database(url)
    with database.session() as session:
        service.export_release(session, session.get(User, int(user_id)), int(release_id), fmt, out_dir=out,
                               overwrite=True)
    if point == "published":  # everything done: the kill comes after
        die()
    print("done", flush=True)
''')
POINTS = ("writing", "staged", "recorded", "committed", "published")


def _child(url: str, release_id: int, user_id: int, fmt: str, out: Path, point: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", CHILD, url, str(release_id), str(user_id), fmt, str(out), point],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _next_start(url: str, out: Path) -> None:
    """The next start, a while later: the sweep any start or export runs."""
    long_ago = time.time() - 2 * 60
    for part in out.rglob("*.part"):
        os.utime(part, (long_ago, long_ago))
    database = Database(url)
    try:
        with database.session() as session:
            service.sweep_exports(session, out)
    finally:
        database.dispose()


def _check(url: str, out: Path) -> dict[str, int]:
    """Every file under its real name is recorded with its SHA-256; every record's file is there; no part file."""
    assert sorted(out.rglob("*.part")) == []
    database = Database(url)
    try:
        with database.session() as session:
            rows = session.execute(select(Export).order_by(Export.id)).scalars().all()
            assert audit.verify_chain(session).ok
            exported = session.execute(select(audit.AuditEntry).where(audit.AuditEntry.action == "export")).scalars()
            assert len(list(exported)) == len(rows)  # an Export row never without its audit row
    finally:
        database.dispose()
    newest = {row.path: row.sha256 for row in rows}  # later rows of one path replace earlier ones
    files = [path for path in out.rglob("*") if path.is_file() and path.parent.name != "images"]
    for path in files:
        assert newest.get(str(path.resolve())) == sha256_file(path), f"{path.name} is not recorded"
    for path, digest in newest.items():
        assert sha256_file(Path(path)) == digest
    return {"files": len(files), "rows": len(rows)}


@pytest.fixture
def setup(sqlite_database: Database, tmp_path: Path) -> tuple[str, int, int, Path]:
    staff = make_staff(sqlite_database)
    release_id = release_in_state(sqlite_database, staff, "approved")
    out = tmp_path / "exports"
    out.mkdir()
    url = sqlite_database.url
    sqlite_database.dispose()
    return url, release_id, staff["exporter"].id, out


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_a_kill_at_each_point_of_an_export_leaves_nothing_unrecorded(setup, fmt) -> None:
    url, release_id, user_id, out = setup
    outcomes = {}
    for point in POINTS:
        child = _child(url, release_id, user_id, fmt, out, point)
        _out, err = child.communicate(timeout=120)
        assert child.returncode == -signal.SIGKILL, err
        before = {"parts": len(list(out.rglob("*.part")))}
        _next_start(url, out)
        outcomes[point] = {**before, **_check(url, out)}
    # a kill before the commit leaves a part file and no record; after it, the sweep completes the file
    assert outcomes["writing"]["parts"] == 1 and outcomes["writing"]["rows"] == 0
    assert outcomes["staged"]["parts"] == 1 and outcomes["recorded"]["rows"] == 0
    assert outcomes["committed"]["parts"] == 1 and outcomes["committed"]["rows"] == 1
    assert outcomes["committed"]["files"] == 1
    assert outcomes["published"] == {"parts": 0, "files": 1, "rows": 2}


def test_kills_at_arbitrary_moments_of_a_pdf_export(setup) -> None:
    url, release_id, user_id, out = setup
    started = time.monotonic()
    child = _child(url, release_id, user_id, "pdf", out, "none")
    _out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    duration = time.monotonic() - started
    kills = 10
    for number in range(1, kills + 1):
        child = _child(url, release_id, user_id, "pdf", out, "none")
        time.sleep(duration * number / (kills + 1))
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=120)
        _next_start(url, out)
        _check(url, out)
