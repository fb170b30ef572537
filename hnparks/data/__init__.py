"""Curated data: catalog, load state, loading, reference sources, boundaries, accounts, intake limits.

Imports `core` and `plans`."""
