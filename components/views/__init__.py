"""UI pieces per view (named after the url they serve). Imports `shell`, `ui` and the domain."""
