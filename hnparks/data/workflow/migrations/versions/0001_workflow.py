"""The reporting workflow's first schema: rounds, submissions and their versions, corrections,
evidence metadata and the audit (issue 25).

Revision ID: 0001_workflow
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_workflow"
down_revision = None
branch_labels = None
depends_on = None

WHO = sa.String(200)


def upgrade() -> None:
    op.create_table(
        "rounds",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("dataset", sa.String(64), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("due", sa.Date, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("opened_by", WHO, nullable=False),
        sa.Column("opened_at", sa.DateTime, nullable=False),
        sa.Column("closed_at", sa.DateTime),
        sa.Column("published_at", sa.DateTime),
        sa.Column("version_id", sa.String(64)),
        sa.UniqueConstraint("dataset", "period", name="uq_round_dataset_period"),
    )
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("round_id", sa.Integer, sa.ForeignKey("rounds.id"), nullable=False),
        sa.Column("park_id", sa.String(16), nullable=False),
        sa.Column("city_code", sa.String(16), nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("rows", sa.JSON, nullable=False),
        sa.Column("notes", sa.JSON, nullable=False),
        sa.Column("saved_by", WHO, nullable=False),
        sa.Column("saved_at", sa.DateTime, nullable=False),
        sa.Column("submitted_by", WHO),
        sa.Column("submitted_at", sa.DateTime),
        sa.Column("reviewed_by", WHO),
        sa.Column("reviewed_at", sa.DateTime),
        sa.Column("comment", sa.Text),
        sa.UniqueConstraint("round_id", "park_id", name="uq_submission_round_park"),
    )
    op.create_table(
        "submission_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("submission_id", sa.Integer, sa.ForeignKey("submissions.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("rows", sa.JSON, nullable=False),
        sa.Column("notes", sa.JSON, nullable=False),
        sa.Column("submitted_by", WHO, nullable=False),
        sa.Column("submitted_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("dataset", sa.String(64), nullable=False),
        sa.Column("park_id", sa.String(16), nullable=False),
        sa.Column("city_code", sa.String(16), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("rows", sa.JSON, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("requested_by", WHO, nullable=False),
        sa.Column("requested_at", sa.DateTime, nullable=False),
        sa.Column("decided_by", WHO),
        sa.Column("decided_at", sa.DateTime),
        sa.Column("comment", sa.Text),
        sa.Column("version_id", sa.String(64)),
    )
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("item_id", sa.String(32), nullable=False),
        sa.Column("park_id", sa.String(16), nullable=False),
        sa.Column("city_code", sa.String(16), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False, index=True),
        sa.Column("filename", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("uploaded_by", WHO, nullable=False),
        sa.Column("uploaded_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("time", sa.DateTime, nullable=False),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("identity", WHO, nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("round_id", sa.Integer, index=True),
        sa.Column("park_id", sa.String(16)),
        sa.Column("city_code", sa.String(16)),
        sa.Column("detail", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("audit", "evidence", "corrections", "submission_versions", "submissions",
                  "rounds"):
        op.drop_table(table)
