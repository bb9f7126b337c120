"""a certificate of a course without a post-test has no post-test score; the grid's
quiz index covers its query

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


GRID_COLUMNS = ["course_id", "learner_id", "quiz_id"]
COVERING = [*GRID_COLUMNS, "passed", "submitted_at", "percent", "active_seconds"]


def upgrade() -> None:
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.alter_column("posttest_percent", existing_type=sa.Float(), nullable=True)
    with op.batch_alter_table("quiz_attempt", schema=None) as batch_op:
        batch_op.drop_index("ix_quiz_attempt_grid")
        batch_op.create_index("ix_quiz_attempt_grid", COVERING, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("quiz_attempt", schema=None) as batch_op:
        batch_op.drop_index("ix_quiz_attempt_grid")
        batch_op.create_index("ix_quiz_attempt_grid", GRID_COLUMNS, unique=False)
    op.execute("UPDATE certificate SET posttest_percent = 0 WHERE posttest_percent IS NULL")
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.alter_column("posttest_percent", existing_type=sa.Float(), nullable=False)
