"""Photos of releases: photo_files (the stripped images) and photos_json on releases and revisions

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 08:20:00

A revision names its photos, in order, with caption, credit and alt text, in photos_json; the
images themselves are stored once each by SHA-256 in photo_files and never changed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "photo_files",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("format", sa.String(10), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("byte_size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("thumbnail", sa.LargeBinary(), nullable=False),
        sa.Column("added_by", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    # Plain ADD COLUMNs (no batch copy): on SQLite a table copy would drop the FTS triggers.
    op.add_column("releases", sa.Column("photos_json", sa.Text(), nullable=False, server_default="[]"))
    op.add_column("revisions", sa.Column("photos_json", sa.Text(), nullable=False, server_default="[]"))


def downgrade() -> None:
    for table in ("revisions", "releases"):
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE {table} DROP COLUMN photos_json")
        else:
            op.drop_column(table, "photos_json")
    op.drop_table("photo_files")
