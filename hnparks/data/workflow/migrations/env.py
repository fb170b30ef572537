"""Alembic environment: always run programmatically by hnparks.data.workflow.db.migrate, on the
connection it passes in `config.attributes["connection"]` (no alembic.ini needed)."""

from __future__ import annotations

from alembic import context

from hnparks.data.workflow.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
