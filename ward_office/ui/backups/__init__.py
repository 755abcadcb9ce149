"""Backups: back up now, restore, the daily backup, and what happens when a book is damaged."""
