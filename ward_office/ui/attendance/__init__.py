"""attendance feature."""
