"""A plan folder as stored: its plan.toml fields and its tables (read by the registry and the check)."""

from __future__ import annotations

import tomllib
from pathlib import Path

PLAN_FILE = "plan.toml"
# The plan's tables, by file stem; each carries a `year` column except sections.
PLAN_TABLES = ["sections", "targets", "tasks", "assessment_items", "reform_items", "clusters",
               "milestones"]
PLAN_FIELDS = {"year": int, "doc_no": str, "title": str, "issuer": str, "issue_date": str,
               "first_period": str, "last_period": str, "data_from": str,
               "assessment_deadline": str}


def read_plan_file(folder: Path) -> dict:
    """The raw fields of `folder`'s plan.toml."""
    with (folder / PLAN_FILE).open("rb") as fh:
        return tomllib.load(fh)
