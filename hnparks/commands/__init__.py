"""What changes or writes data: report checks and loads, versions and rollback, templates, exports,
the illustrative-data generator. Imports every layer below it."""
