"""Checks: inconsistencies a careful reader notices (conflicting dates, wrong weekdays, offices)."""
