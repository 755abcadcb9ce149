"""The overview (Tổng quan): today's attendance and checks, the best and lowest scores, at a glance."""
