"""Date arithmetic shared by every calculator: calendar days, months, working days, ages.

Conventions (see the README's "Dates" section):

* ``add_days(start, n)``: the start date is day 0, the result is ``n`` calendar days later.
* ``add_months(start, n)``: the same day number ``n`` months later; where that month is shorter,
  the last day of that month (31 January + 1 month = 28 or 29 February).
* ``add_working_days(start, n)``: counting starts the day after ``start``; Saturdays, Sundays and
  England and Wales bank holidays are skipped; the result is the ``n``-th day counted.
* Bank holidays come from ``data/bank_holidays_england_wales.json``, generated from the ``holidays``
  package by ``make bank-holidays``.  A date outside the range it covers raises
  :class:`OutsideBankHolidayData` rather than silently treating the day as a working day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from functools import lru_cache

DAY = dt.timedelta(days=1)


class OutsideBankHolidayData(ValueError):
    """A working-day sum needs bank holidays for a year the data file does not cover."""


@lru_cache(maxsize=1)
def bank_holiday_data() -> dict:
    # importlib.resources is imported here, on first use, not with the module: it cost the browser's
    # interpreter about 25 ms of every cold start, and only a count of working days needs the file
    from importlib import resources

    text = resources.files("mappa_rules").joinpath("data/bank_holidays_england_wales.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def bank_holidays() -> frozenset[dt.date]:
    return frozenset(dt.date.fromisoformat(d["date"]) for d in bank_holiday_data()["holidays"])


def covered_years() -> tuple[int, int]:
    data = bank_holiday_data()
    return data["first_year"], data["last_year"]


def is_bank_holiday(day: dt.date) -> bool:
    first, last = covered_years()
    if not first <= day.year <= last:
        raise OutsideBankHolidayData(
            f"bank holidays are known for {first} to {last} only; {day.isoformat()} is outside that range"
        )
    return day in bank_holidays()


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_days(start: dt.date, n: int) -> dt.date:
    return start + dt.timedelta(days=n)


def add_weeks(start: dt.date, n: int) -> dt.date:
    return start + dt.timedelta(weeks=n)


def add_months(start: dt.date, n: int) -> dt.date:
    month_index = start.month - 1 + n
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def add_working_days(start: dt.date, n: int) -> dt.date:
    if n < 0:
        raise ValueError("n must not be negative")
    day, counted = start, 0
    while counted < n:
        day += DAY
        if is_working_day(day):
            counted += 1
    return day


def previous_working_day(day: dt.date) -> dt.date:
    """``day`` itself if it is a working day, else the working day before it."""
    while not is_working_day(day):
        day -= DAY
    return day


def birthday_in(year: int, birth: dt.date) -> dt.date:
    """The birthday in ``year``.  29 February is taken as 1 March in a common year (a convention:
    the calculators that use it say so)."""
    if birth.month == 2 and birth.day == 29 and not calendar.isleap(year):
        return dt.date(year, 3, 1)
    return birth.replace(year=year)


def age_on(birth: dt.date, day: dt.date) -> int:
    years = day.year - birth.year
    return years - 1 if day < birthday_in(day.year, birth) else years


def day_before_birthday(birth: dt.date, age: int) -> dt.date:
    """The last day on which someone born on ``birth`` is younger than ``age``."""
    return birthday_in(birth.year + age, birth) - DAY


def is_leap_day_birthday(birth: dt.date) -> bool:
    return birth.month == 2 and birth.day == 29
