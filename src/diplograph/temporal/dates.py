"""Partial dates (a year stays a year) and calendar arithmetic on them."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from diplograph.model import Granularity

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to a granularity: 2025, 2025-01 or 2025-01-17 (weeks as their Monday)."""

    year: int
    month: int | None = None
    day: int | None = None
    granularity: Granularity = "day"

    @classmethod
    def parse(cls, value: str | None) -> PartialDate | None:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; None for anything else."""
        if not value:
            return None
        m = _ISO.match(value.strip()[:10])
        if not m:
            return None
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        try:
            if day:
                date(year, int(month), int(day))
                return cls(year, int(month), int(day), "day")
            if month:
                if not 1 <= int(month) <= 12:
                    return None
                return cls(year, int(month), None, "month")
        except ValueError:
            return None
        return cls(year, None, None, "year")

    @classmethod
    def of(cls, day: date) -> PartialDate:
        return cls(day.year, day.month, day.day, "day")

    def as_date(self) -> date | None:
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    def iso(self) -> str:
        if self.granularity == "week" and self.day is not None:
            iso_year, week, _ = date(self.year, self.month or 1, self.day).isocalendar()
            return f"{iso_year}-W{week:02d}"
        if self.day is not None and self.granularity == "day":
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None and self.granularity in ("day", "month"):
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def __str__(self) -> str:
        return self.iso()


def shift(day: date, amount: int, unit: str) -> date:
    """``day`` moved by ``amount`` days, weeks, months or years (clamped to month ends)."""
    if unit == "day":
        return day + timedelta(days=amount)
    if unit == "week":
        return day + timedelta(weeks=amount)
    months = amount * (12 if unit == "year" else 1)
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def nearest_year(month: int, reference: PartialDate) -> int:
    """Year for a month named without one: the closest to the reference, the past on a tie."""
    if reference.month is None:
        return reference.year
    best = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        distance = (year * 12 + month) - (reference.year * 12 + reference.month)
        key = (abs(distance), distance > 0)
        if best is None or key < best[0]:
            best = (key, year)
    return best[1]  # type: ignore[index]


def nearest_day_year(month: int, day: int, reference: PartialDate) -> int | None:
    """Year for "13. Januar" without a year: the closest date to the reference."""
    ref = reference.as_date()
    if ref is None:
        return nearest_year(month, reference) if reference.month else reference.year
    best = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        key = (abs((candidate - ref).days), candidate > ref)
        if best is None or key < best[0]:
            best = (key, year)
    return best[1] if best else None
