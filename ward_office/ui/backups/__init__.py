"""backups feature."""
