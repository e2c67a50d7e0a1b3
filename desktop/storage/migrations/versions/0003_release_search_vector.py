"""releases.search_vector: a stored tsvector for PostgreSQL full-text search

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 02:25:00

The expression index of 0001 is used, but every match must still recompute to_tsvector over the
whole text to be rechecked or filtered (~0.3 ms a row): a common word over many releases took
hundreds of milliseconds. A stored generated column is computed once per write instead.
SQLite keeps its FTS5 table; nothing changes there.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_EXPRESSION = "to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(search_text, ''))"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"ALTER TABLE releases ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({_EXPRESSION}) STORED")
    op.execute("DROP INDEX IF EXISTS ix_releases_fulltext")
    op.execute("CREATE INDEX ix_releases_fulltext ON releases USING GIN (search_vector)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_releases_fulltext")
    op.execute("ALTER TABLE releases DROP COLUMN search_vector")
    op.execute(f"CREATE INDEX ix_releases_fulltext ON releases USING GIN ({_EXPRESSION})")
