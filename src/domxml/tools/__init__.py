"""Developer tools built on the public API: corpus report, canonical form, demo."""
