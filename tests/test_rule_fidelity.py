"""Verdicts as each region's regulation says (issue 9): one boundary test per reading.

Each test names the article it pins. Where a seed is ambiguous, the pack states its reading
as a parameter with its article, and the test pins that parameter's effect.
"""
from __future__ import annotations

import pytest

from builders import ScenarioBuilder, shift_months, shift_years
from test_eligibility import AS_OF, build


# ------------------------------------------------------------------ item 7: KRW Pasal 15 ayat (2)

def test_karawang_tenure_exemption_is_pelaksana_and_jf_keterampilan_only(tmp_path):
    """KRW Pasal 15 ayat (2): "Pejabat Pelaksana atau Pejabat Fungsional Pelaksana" (JF
    keterampilan) are exempt from the 2-year minimum; a JF ahli muda one year in post is not."""
    b = ScenarioBuilder(AS_OF, "karawang-2020")
    b.post("KASI", "pengawas", "IV.a")
    b.post("KASUBAG", "pengawas", "IV.b")
    year_ago = shift_years(AS_OF, -1)
    career = lambda level: [("pelaksana", None, None, None, None, shift_years(AS_OF, -10), year_ago),  # noqa: E731
                            ("jf", None, level, None, None, year_ago, None)]
    muda = b.person(position_id=b.post("JF-MUDA", "jf", jf_level="ahli_muda"), position_since=year_ago,
                    history=career("ahli_muda"))
    mahir = b.person(position_id=b.post("JF-MAHIR", "jf", jf_level="mahir"), position_since=year_ago,
                     history=career("mahir"))
    case = build(b, tmp_path)
    assert case.pack.value("tenure_exempt_from") == ["pelaksana", "jf:keterampilan"]
    case.assert_rule(muda, "KASI", "tenure_min", False, "1 th dalam jabatan sekarang", "minimal 2 th")
    assert case.failed(muda, "KASI") == {"tenure_min"}
    case.assert_rule(mahir, "KASUBAG", "tenure_min", True, applies=False)
    assert case.failed(mahir, "KASUBAG") == set()
    label = case.checks(muda, "KASI").loc["tenure_min", "label"]
    assert "(kecuali pelaksana dan JF keterampilan)" in label


def test_national_tenure_exemption_keeps_every_jf(tmp_path):
    b = ScenarioBuilder(AS_OF, "national")
    b.post("KASI", "pengawas", "IV.a")
    year_ago = shift_years(AS_OF, -1)
    muda = b.person(position_id=b.post("JF-MUDA", "jf", jf_level="ahli_muda"), position_since=year_ago,
                    history=[("pelaksana", None, None, None, None, shift_years(AS_OF, -10), year_ago),
                             ("jf", None, "ahli_muda", None, None, year_ago, None)])
    case = build(b, tmp_path)
    case.assert_rule(muda, "KASI", "tenure_min", True, applies=False)
