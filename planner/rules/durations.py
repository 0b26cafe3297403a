"""Ages and durations in completed years and months, vectorised and leap-day safe.

Regulations count ages and tenures in completed years (the 57th birthday reached or not),
never by subtracting years. A 29 February birthday is reached on 1 March in a non-leap
year: on 28 February the day-of-month comparison still says "not yet".
"""
from __future__ import annotations

import numpy as np
import pandas as pd


def _ymd(values) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    s = pd.to_datetime(pd.Series(values)) if not isinstance(values, pd.Series) else pd.to_datetime(values)
    return (s.dt.year.to_numpy(dtype="float64"), s.dt.month.to_numpy(dtype="float64"),
            s.dt.day.to_numpy(dtype="float64"))


def completed_months(start, end) -> np.ndarray:
    """Whole calendar months from ``start`` to ``end`` (NaN where either is missing)."""
    y1, m1, d1 = _ymd(start)
    y2, m2, d2 = _ymd(end)
    months = (y2 - y1) * 12 + (m2 - m1) - (d2 < d1)
    return months


def completed_years(start, end) -> np.ndarray:
    """Whole years from ``start`` to ``end``: an age on a date, a tenure in years."""
    return np.floor_divide(completed_months(start, end), 12)


def add_years(dates: pd.Series, years) -> pd.Series:
    """The date ``years`` later; 29 February lands on 1 March in a non-leap year.

    With a single ``years``, computed once per distinct date and spread back: a pair table
    repeats each person's dates on every pair, and building dates from parts is slow."""
    d = pd.to_datetime(dates)
    if np.ndim(years) == 0 and len(d) > 1:
        codes, uniques = pd.factorize(d)
        if 0 < len(uniques) < len(d):
            once = _add_years(pd.Series(uniques), years).to_numpy()
            return pd.Series(once.take(np.maximum(codes, 0)), index=d.index).where(codes >= 0)
    return _add_years(d, years)


def _add_years(d: pd.Series, years) -> pd.Series:
    y = d.dt.year + np.asarray(years)
    leap_day = (d.dt.month == 2) & (d.dt.day == 29)
    is_leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    shift = leap_day & ~is_leap
    out = pd.to_datetime(dict(year=y, month=d.dt.month.where(~shift, 3), day=d.dt.day.where(~shift, 1)),
                         errors="coerce")
    return out.where(d.notna())


def fmt_months(months) -> str:
    """``40`` -> ``3 th 4 bl`` (tahun, bulan), the way a decree or a committee reads it."""
    if months is None or (isinstance(months, float) and np.isnan(months)):
        return "-"
    m = int(months)
    if m < 0:  # divmod would floor: -4 months must not read "-1 th 8 bl"
        return "minus " + fmt_months(-m)
    y, r = divmod(m, 12)
    if y and r:
        return f"{y} th {r} bl"
    return f"{y} th" if y else f"{r} bl"
