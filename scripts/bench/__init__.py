"""Benchmark modules behind scripts/benchmark.py (server-side, browser, concurrency, tables)."""
