"""Domain package for the Hunan industrial-parks dashboard: data, schemas, metrics (no Streamlit)."""
