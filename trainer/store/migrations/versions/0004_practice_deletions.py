"""practice deletions travel in progress bundles

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 14:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import trainer.store.models

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "practice_deletion",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("installation_id", sa.String(length=36), nullable=False),
        sa.Column("learner_id", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", trainer.store.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["learner_id"], ["learner.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("practice_deletion", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_practice_deletion_learner_id"), ["learner_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("practice_deletion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_practice_deletion_learner_id"))
    op.drop_table("practice_deletion")
