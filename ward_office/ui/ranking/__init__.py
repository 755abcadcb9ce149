"""ranking feature."""
