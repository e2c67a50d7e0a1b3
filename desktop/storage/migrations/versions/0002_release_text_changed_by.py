"""releases.text_changed_by: who last changed the current text

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 01:55:00

An autosave changes the current text without making a revision, so the release itself
must remember who wrote that text: nobody may approve a text they edited.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (no batch copy): on SQLite a table copy would drop the FTS triggers.
    op.add_column("releases", sa.Column("text_changed_by", sa.Integer(), nullable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE releases DROP COLUMN text_changed_by")
    else:
        op.drop_column("releases", "text_changed_by")
