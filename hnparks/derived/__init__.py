"""Figures derived across datasets: the indicator store, attainment, sums, milestones, consistency.

Imports `core`, `plans` and `data`."""
