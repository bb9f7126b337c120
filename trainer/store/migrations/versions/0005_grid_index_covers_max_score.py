"""the grid's quiz index also covers the points an attempt could earn, so the grid shows
"N of M right" from the index alone

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 09:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


BEFORE = [
    "course_id",
    "learner_id",
    "quiz_id",
    "passed",
    "submitted_at",
    "percent",
    "active_seconds",
]
COVERING = [*BEFORE, "max_score"]


def upgrade() -> None:
    with op.batch_alter_table("quiz_attempt", schema=None) as batch_op:
        batch_op.drop_index("ix_quiz_attempt_grid")
        batch_op.create_index("ix_quiz_attempt_grid", COVERING, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("quiz_attempt", schema=None) as batch_op:
        batch_op.drop_index("ix_quiz_attempt_grid")
        batch_op.create_index("ix_quiz_attempt_grid", BEFORE, unique=False)
