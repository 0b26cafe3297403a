"""Small helpers shared by the generator's modules: day numbers, weighted draws, Roman numerals."""
from __future__ import annotations

from datetime import date

import numpy as np
from numpy.random import Generator

from planner.synth.tables import Weights

YEAR = 365.2425  # days
_EPOCH = date(1970, 1, 1)


def days(d: date) -> int:
    return (d - _EPOCH).days


def years_before(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


def iso(day_numbers: np.ndarray) -> np.ndarray:
    return np.datetime_as_string(np.asarray(day_numbers, dtype="int64").astype("datetime64[D]"), unit="D")


def month_floor(day_numbers: np.ndarray) -> np.ndarray:
    return np.asarray(day_numbers, dtype="int64").astype("datetime64[D]").astype("datetime64[M]").astype(
        "datetime64[D]").astype("int64")


def ymd(day_numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    d = np.asarray(day_numbers, dtype="int64").astype("datetime64[D]")
    y = d.astype("datetime64[Y]").astype("int64") + 1970
    m = d.astype("datetime64[M]").astype("int64") % 12 + 1
    dd = (d - d.astype("datetime64[M]").astype("datetime64[D]")).astype("int64") + 1
    return y, m, dd


def cat(rng: Generator, pairs: Weights, n: int) -> np.ndarray:
    """Draw n labels from (label, weight) pairs."""
    labels = np.array([p[0] for p in pairs], dtype=object)
    w = np.array([p[1] for p in pairs], dtype=float)
    return labels[rng.choice(len(pairs), size=n, p=w / w.sum())]


def largest_remainder(total: int, weights: np.ndarray, minimum: int = 0) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    base = np.full(len(w), minimum, dtype=int)
    rest = max(total - base.sum(), 0)
    raw = rest * w / w.sum()
    out = np.floor(raw).astype(int)
    short = rest - out.sum()
    order = np.argsort(-(raw - out), kind="stable")
    out[order[:short]] += 1
    return base + out


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(n: int) -> str:
    """1 -> I, 14 -> XIV: wilayah and irban are numbered so."""
    out = []
    for value, numeral in _ROMAN:
        k, n = divmod(n, value)
        out.append(numeral * k)
    return "".join(out)
