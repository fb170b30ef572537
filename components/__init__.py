"""Reusable Streamlit UI pieces: context, data access, banners, cards, charts, map."""
