"""change_log feature."""
