"""One module per url of the dashboard: what that view computes for a scope.

Imports the layers below (`core` … `derived`), never `commands` or `cli`."""
