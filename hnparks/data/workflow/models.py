"""The reporting workflow's tables (SQLAlchemy 2): rounds, submissions (each submitted version
kept), corrections, evidence metadata and the audit. Rows a park reports are kept as JSON (a
list of records with the dataset's schema columns) until the office publishes them through the
ordinary load. Times are naive UTC (`utcnow`); the schema itself is built by the migrations."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    """Now, as the workflow stores times: naive UTC (the same on SQLite and PostgreSQL)."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Round(Base):
    """One dataset's monthly reporting round: 开放 until the office closes or publishes it."""

    __tablename__ = "rounds"
    __table_args__ = (UniqueConstraint("dataset", "period", name="uq_round_dataset_period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dataset: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(7))
    due: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(16), default="开放")  # 开放 / 已关闭 / 已发布
    opened_by: Mapped[str] = mapped_column(String(200))
    opened_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    published_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    version_id: Mapped[str | None] = mapped_column(String(64), nullable=True)


class Submission(Base):
    """A park's report in a round: its draft or submitted rows, notes, status and version."""

    __tablename__ = "submissions"
    __table_args__ = (UniqueConstraint("round_id", "park_id", name="uq_submission_round_park"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    park_id: Mapped[str] = mapped_column(String(16))
    city_code: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(8))  # 草稿 / 已报 / 退回 / 已审核 / 已发布
    version: Mapped[int] = mapped_column(Integer, default=1)  # +1 on every change
    rows: Mapped[list] = mapped_column(JSON)
    notes: Mapped[dict] = mapped_column(JSON, default=dict)
    saved_by: Mapped[str] = mapped_column(String(200))
    saved_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    submitted_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    reviewed_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)


class SubmittedVersion(Base):
    """Each submitted version of a submission, as it was sent (kept when it is returned)."""

    __tablename__ = "submission_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"))
    version: Mapped[int] = mapped_column(Integer)
    rows: Mapped[list] = mapped_column(JSON)
    notes: Mapped[dict] = mapped_column(JSON, default=dict)
    submitted_by: Mapped[str] = mapped_column(String(200))
    submitted_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Correction(Base):
    """A request to correct published figures (更正), and the office's decision."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dataset: Mapped[str] = mapped_column(String(64))
    park_id: Mapped[str] = mapped_column(String(16))
    city_code: Mapped[str] = mapped_column(String(16))
    period: Mapped[str] = mapped_column(String(7))
    rows: Mapped[list] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(8), default="待审批")  # 待审批 / 处理中 / 已更正 / 未批准
    requested_by: Mapped[str] = mapped_column(String(200))
    requested_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    decided_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    version_id: Mapped[str | None] = mapped_column(String(64), nullable=True)


class Evidence(Base):
    """One 佐证材料 file's metadata; the bytes live under data_dir()/evidence/ by SHA-256."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[str] = mapped_column(String(32))
    park_id: Mapped[str] = mapped_column(String(16))
    city_code: Mapped[str] = mapped_column(String(16))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(8))  # PDF / PNG / JPEG
    size: Mapped[int] = mapped_column(Integer)
    uploaded_by: Mapped[str] = mapped_column(String(200))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AuditEntry(Base):
    """One step of the workflow, with the identity that took it."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    time: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    username: Mapped[str] = mapped_column(String(100))
    identity: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(32))
    round_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    park_id: Mapped[str | None] = mapped_column(String(16), nullable=True)
    city_code: Mapped[str | None] = mapped_column(String(16), nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="")
