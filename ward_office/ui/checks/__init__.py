"""Checks (Kiểm tra): the badge and office-conduct rounds, who was seen, and the violations recorded."""
