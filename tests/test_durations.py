"""Ages and durations in completed years and months: boundaries, leap days, properties."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.rules.durations import add_years, completed_months, completed_years, fmt_months


def years(start: str | dt.date, end: str | dt.date) -> int:
    return int(completed_years(pd.Series([pd.Timestamp(start)]), pd.Series([pd.Timestamp(end)]))[0])


def months(start: str | dt.date, end: str | dt.date) -> int:
    return int(completed_months(pd.Series([pd.Timestamp(start)]), pd.Series([pd.Timestamp(end)]))[0])


def plus_years(d: str | dt.date, k: int) -> dt.date:
    return add_years(pd.Series([pd.Timestamp(d)]), k).iloc[0].date()


# ------------------------------------------------------------------ fixed boundaries

@pytest.mark.parametrize("end, expected", [
    ("2026-11-30", 56),  # two days before the 57th birthday
    ("2026-12-01", 56),  # the day before
    ("2026-12-02", 57),  # the birthday itself
    ("2026-12-03", 57),
])
def test_completed_years_turns_on_the_birthday(end, expected):
    assert years("1969-12-02", end) == expected


def test_leap_day_birthday_is_reached_on_1_march_in_a_non_leap_year():
    assert years("2000-02-29", "2057-02-28") == 56
    assert years("2000-02-29", "2057-03-01") == 57
    # ... and on 29 February itself in a leap year
    assert years("2000-02-29", "2056-02-28") == 55
    assert years("2000-02-29", "2056-02-29") == 56
    assert plus_years("2000-02-29", 57) == dt.date(2057, 3, 1)
    assert plus_years("2000-02-29", 56) == dt.date(2056, 2, 29)
    assert plus_years("2000-02-29", 1) == dt.date(2001, 3, 1)


def test_completed_months_counts_whole_calendar_months():
    assert months("2024-12-01", "2026-12-01") == 24
    assert months("2024-12-02", "2026-12-01") == 23
    assert months("2024-01-31", "2024-02-29") == 0  # 31 January: a month is complete only on 31 (or next 1st)
    assert months("2024-01-31", "2024-03-01") == 1
    assert months("2026-12-01", "2026-12-01") == 0


def test_vectorised_and_missing_values():
    start = pd.Series(pd.to_datetime(["1970-01-01", None, "1980-06-15"]))
    end = pd.Series(pd.to_datetime(["2026-12-01", "2026-12-01", None]))
    out = completed_years(start, end)
    assert out[0] == 56
    assert np.isnan(out[1]) and np.isnan(out[2])
    shifted = add_years(start, 2)
    assert shifted.iloc[0] == pd.Timestamp("1972-01-01")
    assert pd.isna(shifted.iloc[1])


@pytest.mark.parametrize("m, text", [(0, "0 bl"), (11, "11 bl"), (12, "1 th"), (40, "3 th 4 bl"), (None, "-"),
                                     (float("nan"), "-")])
def test_fmt_months(m, text):
    assert fmt_months(m) == text


# ------------------------------------------------------------------ properties

dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
leap_days = st.sampled_from([dt.date(y, 2, 29) for y in (1904, 1960, 1968, 1972, 1996, 2000, 2004, 2024)])
any_date = st.one_of(dates, leap_days)


@settings(max_examples=50, deadline=None)
@given(birth=any_date, k=st.integers(min_value=0, max_value=80))
def test_completed_years_of_add_years_is_k(birth, k):
    later = plus_years(birth, k)
    assert years(birth, later) == k
    if k >= 1:  # the day before the k-th anniversary is still k - 1 completed years
        assert years(birth, later - dt.timedelta(days=1)) == k - 1


@settings(max_examples=50, deadline=None)
@given(start=any_date, a=dates, b=dates)
def test_completed_months_and_years_are_monotonic_in_the_end_date(start, a, b):
    early, late = sorted((a, b))
    assert months(start, early) <= months(start, late)
    assert years(start, early) <= years(start, late)


@settings(max_examples=50, deadline=None)
@given(start=any_date, end=dates)
def test_completed_years_is_completed_months_floor_12(start, end):
    assert years(start, end) == months(start, end) // 12


@settings(max_examples=30, deadline=None)
@given(birth=st.lists(any_date, min_size=1, max_size=20), k=st.integers(min_value=0, max_value=70))
def test_vectorised_equals_scalar(birth, k):
    s = pd.Series(pd.to_datetime(birth))
    later = add_years(s, k)
    assert list(completed_years(s, later)) == [k] * len(birth)
    assert [d.date() for d in later] == [plus_years(b, k) for b in birth]


def test_negative_durations_read_as_minus() -> None:
    from planner.rules.durations import fmt_months

    assert fmt_months(-4) == "minus 4 bl"
    assert fmt_months(-16) == "minus 1 th 4 bl"
    assert fmt_months(40) == "3 th 4 bl" and fmt_months(24) == "2 th" and fmt_months(0) == "0 bl"
