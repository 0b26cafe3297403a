"""The nine-box of each person, as the whole planner reads it: the box in the file where given,
else the box of the rating and the potential (PermenPANRB 3/2020 numbering, models.enums)."""
from __future__ import annotations

import pandas as pd

from models.enums import nine_box


def computed_nine_box(performance: pd.Series, potential: pd.Series) -> pd.Series:
    """The box of each (rating, potential), as nullable integers."""
    return pd.Series([nine_box(p, q) for p, q in zip(performance, potential)], index=performance.index,
                     dtype="Int64")


def effective_nine_box(employees: pd.DataFrame) -> pd.Series:
    """``nine_box`` where the file gives it, else computed: one box per person, as int."""
    given = employees["nine_box"].astype("Int64")
    return given.fillna(computed_nine_box(employees["performance"], employees["potential"])).astype(int)
