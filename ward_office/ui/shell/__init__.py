"""shell feature."""
