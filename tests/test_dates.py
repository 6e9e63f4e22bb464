"""The shared date utility: calendar days, months (end-of-month rule), working days, ages."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from mappa_rules import dates
from mappa_rules.dates import add_days, add_months, add_working_days, age_on, day_before_birthday

D = dt.date


def test_bank_holiday_data_covers_the_next_two_years():
    first, last = dates.covered_years()
    this_year = dt.date.today().year
    assert first <= this_year and last >= this_year + 2, (
        f"bank holidays cover {first}-{last}: regenerate with `make bank-holidays` and commit the file"
    )


def test_bank_holidays_known_for_england_and_wales_2026():
    # GOV.UK list for England and Wales, 2026
    for day in ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31",
                "2026-12-25", "2026-12-28"]:
        assert dates.is_bank_holiday(D.fromisoformat(day)), day
    assert not dates.is_bank_holiday(D(2026, 3, 17))  # St Patrick's Day is Northern Ireland only
    assert not dates.is_bank_holiday(D(2026, 11, 30))  # St Andrew's Day is Scotland only


def test_add_days_counts_the_start_as_day_zero():
    assert add_days(D(2026, 1, 30), 5) == D(2026, 2, 4)
    assert add_days(D(2028, 2, 27), 2) == D(2028, 2, 29)


@pytest.mark.parametrize("start,n,expected", [
    (D(2026, 1, 31), 1, D(2026, 2, 28)),
    (D(2028, 1, 31), 1, D(2028, 2, 29)),
    (D(2026, 3, 31), 1, D(2026, 4, 30)),
    (D(2026, 8, 15), 6, D(2027, 2, 15)),
    (D(2026, 12, 31), 2, D(2027, 2, 28)),
    (D(2028, 2, 29), 12, D(2029, 2, 28)),
])
def test_add_months_uses_the_last_day_of_a_shorter_month(start, n, expected):
    assert add_months(start, n) == expected


def test_working_days_skip_weekends_and_bank_holidays():
    # Thursday 24 December 2026: Fri 25 and Mon 28 are bank holidays, 26/27 a weekend
    assert add_working_days(D(2026, 12, 24), 1) == D(2026, 12, 29)
    assert add_working_days(D(2026, 12, 24), 5) == D(2027, 1, 5)  # 29, 30, 31, (1 Jan holiday), 4, 5
    # Friday start: the start day never counts
    assert add_working_days(D(2026, 11, 20), 5) == D(2026, 11, 27)
    # a Saturday start counts from Monday
    assert add_working_days(D(2026, 11, 21), 1) == D(2026, 11, 23)


def test_working_days_outside_the_data_refuse_to_guess():
    first, last = dates.covered_years()
    with pytest.raises(dates.OutsideBankHolidayData):
        add_working_days(D(last, 12, 30), 5)


def test_ages_and_the_day_before_a_birthday():
    birth = D(1992, 5, 10)
    assert age_on(birth, D(2027, 5, 9)) == 34
    assert age_on(birth, D(2027, 5, 10)) == 35
    assert day_before_birthday(birth, 35) == D(2027, 5, 9)


def test_leap_day_birthday_taken_as_first_of_march_in_a_common_year():
    birth = D(1996, 2, 29)
    assert day_before_birthday(birth, 35) == D(2031, 2, 28)  # 35th birthday taken as 1 March 2031
    assert age_on(birth, D(2031, 2, 28)) == 34
    assert age_on(birth, D(2031, 3, 1)) == 35
    assert day_before_birthday(birth, 36) == D(2032, 2, 28)  # 2032 is a leap year


@given(st.dates(min_value=D(2016, 1, 1), max_value=D(2034, 12, 31)), st.integers(0, 60))
def test_working_day_sum_lands_on_a_working_day_after_the_start(start, n):
    end = add_working_days(start, n)
    if n == 0:
        assert end == start
    else:
        assert end > start and dates.is_working_day(end)
        counted = sum(1 for k in range(1, (end - start).days + 1) if dates.is_working_day(start + dt.timedelta(k)))
        assert counted == n


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2090, 12, 31)), st.integers(0, 120))
def test_add_months_keeps_the_day_or_ends_the_month(start, n):
    end = add_months(start, n)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == n
    assert end.day == start.day or (end.day < start.day and (end + dt.timedelta(1)).day == 1)
