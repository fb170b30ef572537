"""Each year's work points as data: plan folders, read and checked. Imports only `core`."""
