"""The migrations build exactly the schema the models declare, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from desktop.storage.models import Base, include_in_autogenerate


def test_models_and_migrations_agree(database) -> None:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": include_in_autogenerate, "compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_opening_twice_is_harmless(database) -> None:
    from desktop.storage.engine import Database

    again = Database(database.url)
    again.ping()
    again.dispose()


def test_sqlite_runs_in_wal_with_foreign_keys(sqlite_database) -> None:
    from sqlalchemy import text

    with sqlite_database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 1000


def test_start_up_fast_path_knows_the_newest_migration() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from desktop.storage.engine import MIGRATIONS, migration_heads

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert migration_heads() == set(ScriptDirectory.from_config(config).get_heads())
