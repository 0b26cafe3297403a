"""models.talent: the one definition of a person's nine-box (given, else computed)."""
from __future__ import annotations

import pandas as pd
from hypothesis import given, strategies as st

from models.enums import Performance, Potential, nine_box
from models.talent import effective_nine_box

PERF = [p.value for p in Performance]
POT = [p.value for p in Potential]


@given(st.lists(st.tuples(st.sampled_from(PERF), st.sampled_from(POT), st.none() | st.integers(1, 9)),
                min_size=1, max_size=30))
def test_the_file_box_wins_else_rating_and_potential(rows) -> None:
    frame = pd.DataFrame(rows, columns=["performance", "potential", "nine_box"])
    frame["nine_box"] = frame["nine_box"].astype("Int64")
    got = effective_nine_box(frame).tolist()
    assert got == [box if box is not None else nine_box(p, q) for p, q, box in rows]
