"""Hostile-input tests: the parser must fail safely, with domxml's own errors."""
