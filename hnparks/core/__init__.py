"""Core rules: periods, scope and access, pacing and status lights, metrics, text, schemas.

The bottom layer: imports nothing else of hnparks."""
