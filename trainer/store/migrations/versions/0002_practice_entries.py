"""practice entries

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 11:50:46.184298
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import trainer.store.models

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "practice_entry",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("installation_id", sa.String(length=36), nullable=False),
        sa.Column("learner_id", sa.String(length=36), nullable=False),
        sa.Column("course_id", sa.String(length=100), nullable=False),
        sa.Column("lesson_id", sa.String(length=100), nullable=False),
        sa.Column("item_id", sa.String(length=100), nullable=False),
        sa.Column("entry", sa.JSON(), nullable=False),
        sa.Column("created_at", trainer.store.models.UTCDateTime(), nullable=False),
        sa.Column("updated_at", trainer.store.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["learner.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("practice_entry", schema=None) as batch_op:
        batch_op.create_index(
            "ix_practice_entry_item",
            ["learner_id", "course_id", "lesson_id", "item_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("practice_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_practice_entry_item")

    op.drop_table("practice_entry")
