"""UI primitives: inert text, theme, number formats and cards, cached data, layout, provenance,
the map. Imports only the domain package."""
