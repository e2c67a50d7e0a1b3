"""The release-list bench builds a realistic database that the real list and search read."""

from __future__ import annotations

from pathlib import Path

from desktop.bench.workflow import build_bench_database
from desktop.releases.listing import inbox_counts, list_releases
from desktop.storage.engine import Database
from desktop.storage.models import User


def test_the_bench_database_is_listed_and_searched_by_the_real_functions(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bench.sqlite3'}"
    user_id = build_bench_database(url, 500)
    database = Database(url)
    try:
        with database.session() as session:
            user = session.get(User, user_id)
            assert len(list_releases(session, user, "all", limit=100)) == 100
            found = list_releases(session, user, "all", search="гуманітарн допомог")
            assert found and all(row.status != "archived" for row in found)
            counts = inbox_counts(session, user)
            assert counts["all"] + counts["archived"] == 500
    finally:
        database.dispose()
