"""Attendance (Chấm công): the day's grid marked from the keyboard, and the month's timesheet."""
