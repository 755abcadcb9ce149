"""Ranking (Xếp loại): a period's scores and grades, the items behind a score, and locked periods."""
