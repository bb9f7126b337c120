"""client cases: one row per choice made

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 18:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import trainer.store.models

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_choice",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("installation_id", sa.String(length=36), nullable=False),
        sa.Column("learner_id", sa.String(length=36), nullable=False),
        sa.Column("course_id", sa.String(length=100), nullable=False),
        sa.Column("case_id", sa.String(length=100), nullable=False),
        sa.Column("run_id", sa.String(length=36), nullable=False),
        sa.Column("node_id", sa.String(length=100), nullable=False),
        sa.Column("choice_id", sa.String(length=100), nullable=False),
        sa.Column("rating", sa.String(length=20), nullable=False),
        sa.Column("made_at", trainer.store.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["learner_id"], ["learner.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("case_choice", schema=None) as batch_op:
        batch_op.create_index(
            "ix_case_choice_learner", ["learner_id", "case_id", "made_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("case_choice", schema=None) as batch_op:
        batch_op.drop_index("ix_case_choice_learner")
    op.drop_table("case_choice")
