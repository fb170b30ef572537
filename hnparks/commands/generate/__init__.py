"""Deterministic, seeded generator of the illustrative (demo) facts."""

SEED = 20200303  # the date the work points were issued; any fixed number would do
PLAN_YEAR = 2020  # the plan whose year the illustrative facts are generated for
