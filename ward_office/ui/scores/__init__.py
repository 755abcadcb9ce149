"""Chấm điểm nhiệm vụ: the monthly grid where the head enters the points of the plan's entered items."""
