"""Events no report dates: one rule, applied the same way by everything that puts events in time.

Many news events carry no date of their own ("Iran has delivered drones to Russia": a third to two
thirds of a corpus's merged events). A date window, a monthly series, bloc windows and every export
must decide what to do with them; dropping them without a word, or giving them the publication date
without saying so, misleads. So the choice is explicit (``--undated``, ``undated=`` in the API) and
one of:

* ``publication`` (the default): date an undated event by the publication of its first report, with
  the precision ``publication`` so that nobody mistakes it for a date the text gives. This is GDELT's
  practice (events are dated by their article), and the only one that places the event in a window.
* ``include``: keep it undated; a window keeps it too (nothing says it falls outside), a monthly
  series cannot place it.
* ``exclude``: leave it out everywhere.

Precision of a date: ``day`` (2025-01-17), ``week`` (2025-W04), ``month`` (2025-01), ``year`` (2025),
``publication`` (the fallback above), or none (undated, kept undated).
"""

from __future__ import annotations

from typing import Literal

UndatedRule = Literal["include", "exclude", "publication"]
UNDATED_CHOICES: tuple[UndatedRule, ...] = ("include", "exclude", "publication")
DEFAULT_UNDATED: UndatedRule = "publication"
PRECISIONS = ("day", "week", "month", "year", "publication")
HELP = (
    "Events without a date of their own: 'publication' dates them by their first report's publication "
    "(precision 'publication'), 'include' keeps them undated (and in every window), 'exclude' leaves them out."
)


def date_sql(rule: str, alias: str = "e") -> str:
    """SQL for the date an event counts under ``rule`` (a column of ``events`` aliased ``alias``)."""
    if rule == "publication":
        return f"coalesce({alias}.date, {alias}.first_report)"
    return f"{alias}.date"


def month_sql(rule: str, alias: str = "e") -> str:
    """SQL for the month (YYYY-MM) an event counts in under ``rule``; null when it has none."""
    if rule == "publication":
        return f"coalesce({alias}.month, left({alias}.first_report, 7))"
    return f"{alias}.month"


def precision_sql(rule: str, alias: str = "e") -> str:
    """SQL for the precision of :func:`date_sql` (see the module docstring)."""
    fallback = f"CASE WHEN {alias}.first_report IS NOT NULL THEN 'publication' END" if rule == "publication" else "NULL"
    return (
        f"CASE WHEN {alias}.date IS NULL THEN {fallback} WHEN length({alias}.date) = 10 THEN 'day' "
        f"WHEN {alias}.date LIKE '%-W%' THEN 'week' WHEN length({alias}.date) = 7 THEN 'month' "
        f"WHEN length({alias}.date) = 4 THEN 'year' END"
    )


def precision(value: str | None) -> str | None:
    """The precision of a date as the store keeps it: day, week, month, year; ``None`` if no date."""
    if not value:
        return None
    if "-W" in value:
        return "week"
    return {10: "day", 7: "month", 4: "year"}.get(len(value))


def effective_date(date: str | None, first_report: str | None, rule: str) -> tuple[str | None, str | None]:
    """The date an event counts under ``rule`` and its precision, in Python (exports)."""
    if date:
        return date, precision(date)
    if rule == "publication" and first_report:
        return first_report, "publication"
    return None, None


def describe(rule: str, undated: int | None = None) -> str:
    """One line for human-readable output saying what became of undated events."""
    count = f" ({undated})" if undated is not None else ""
    default = ", the default" if rule == DEFAULT_UNDATED else ""
    what = {
        "publication": "dated by their first report's publication",
        "include": "kept without a date",
        "exclude": "left out",
    }[rule]
    return f"undated events{count} {what} (--undated {rule}{default})"
