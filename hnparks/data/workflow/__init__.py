"""The reporting workflow's database (rounds, submissions, reviews, corrections, evidence,
audit): models, engine and migrations. The workflow itself is hnparks.commands.reporting."""

from hnparks.data.workflow.db import (
    DATABASE_URL_ENV,
    WorkflowBusy,
    WorkflowUnavailable,
    database_url,
    dispose,
    engine,
    transaction,
)
from hnparks.data.workflow.models import (
    AuditEntry,
    Base,
    Correction,
    Evidence,
    Round,
    Submission,
    SubmittedVersion,
    utcnow,
)

__all__ = ["DATABASE_URL_ENV", "AuditEntry", "Base", "Correction", "Evidence", "Round",
           "Submission", "SubmittedVersion", "WorkflowBusy", "WorkflowUnavailable", "database_url", "dispose", "engine", "transaction",
           "utcnow"]
