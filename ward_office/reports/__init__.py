"""Printed reports (issue #4)."""
