"""staff feature."""
