"""The app's shell: sign-in, the shared context in the URL, the page frame, fail-safe errors.
Imports `components.ui` and the domain."""
