"""Round-level behaviour on small built scenarios: JPT open selection versus the merit
exemption, and posts of officials at retirement age counted as vacant."""
from __future__ import annotations

from pathlib import Path

from planner.api import plan_round
from tests.builders import ScenarioBuilder


def jpt_round(merit_exempt: bool) -> ScenarioBuilder:
    b = ScenarioBuilder("2026-12-01", "national", merit_exempt=merit_exempt)
    b.post("DINKES-KADIS", "jpt_pratama", "II.b", unit="DINKES", rumpun="kesehatan",
           title="Kepala Dinas Kesehatan", critical=True)
    for i in range(4):
        pid = b.post(f"DINKES-BID{i}", "administrator", "III.b", unit="DINKES", rumpun="kesehatan",
                     title=f"Kepala Bidang {i}")
        b.person(position_id=pid, rank="IV/a", birth_date=f"197{i}-03-0{i + 1}")
    return b


def test_jpt_without_merit_exemption_goes_to_open_selection(tmp_path: Path) -> None:
    scn = jpt_round(merit_exempt=False).write(tmp_path / "open")
    plan, _ = plan_round(scn, write=False)
    assert "DINKES-KADIS" not in {m.to_position_id for m in plan.moves}
    u = next(u for u in plan.unfilled if u.position_id == "DINKES-KADIS")
    assert u.reason == "seleksi_terbuka" and u.recommendation == "seleksi_terbuka"
    panel = [n for n in plan.shortlist if n.position_id == "DINKES-KADIS"]
    assert len(panel) == 3 and all(n.purpose == "seleksi_terbuka" and not n.chosen for n in panel)
    assert [n.rank for n in panel] == [1, 2, 3]


def test_jpt_with_merit_exemption_is_filled_from_the_pool(tmp_path: Path) -> None:
    scn = jpt_round(merit_exempt=True).write(tmp_path / "merit")
    plan, _ = plan_round(scn, write=False)
    move = next(m for m in plan.moves if m.to_position_id == "DINKES-KADIS")
    assert move.from_kind == "administrator" and move.to_critical
    assert len([n for n in plan.shortlist if n.position_id == "DINKES-KADIS"]) == 3


def test_post_of_an_official_at_retirement_age_is_vacant_and_filled(tmp_path: Path) -> None:
    b = ScenarioBuilder("2026-12-01", "national")
    b.post("BKD-SEK", "administrator", "III.a", title="Sekretaris BKPSDM")
    old = b.person(position_id="BKD-SEK", birth_date="1968-11-30", rank="IV/a")  # 58 on 2026-11-30
    for i in range(3):
        pid = b.post(f"BKD-SUB{i}", "pengawas", "IV.a", title=f"Kepala Subbagian {i}")
        b.person(position_id=pid, rank="III/d", birth_date=f"198{i}-05-0{i + 1}")
    plan, _ = plan_round(b.write(tmp_path / "bup"), write=False)
    assert old not in {m.nip for m in plan.moves}
    assert next(m for m in plan.moves if m.to_position_id == "BKD-SEK").from_kind == "pengawas"
    assert plan.kpis["vacant_before"] == 1


def _election_verdict(tmp_path: Path, name: str, **election) -> bool:
    from planner.api import rule_pack_for
    from planner.rules.eligibility import verdicts

    b = ScenarioBuilder("2026-12-01", "national", election=election)
    b.post("BKD-SEK", "administrator", "III.a", title="Sekretaris BKPSDM")
    sub = b.post("BKD-SUB1", "pengawas", "IV.a", title="Kepala Subbagian Umum")
    nip = b.person(position_id=sub, rank="III/d")
    data = b.load(tmp_path / name)
    pack = rule_pack_for(data)
    v = verdicts(data, pack, nips=[nip], position_ids=["BKD-SEK"])
    row = v[v["rule"] == "election"].iloc[0]
    assert row["article"] == pack.article("election_window_months_before")
    return bool(row["passed"])


def test_election_window_bars_replacing_officials(tmp_path: Path) -> None:
    # as_of 2026-12-01; the window opens 6 months before the designation of candidate pairs
    assert not _election_verdict(tmp_path, "a", candidate_designation="2027-05-01", term_end="2027-12-31")
    assert _election_verdict(tmp_path, "b", candidate_designation="2027-06-02", term_end="2027-12-31")
    # ... unless the Minister of Home Affairs approved in writing
    assert _election_verdict(tmp_path, "c", candidate_designation="2027-05-01", term_end="2027-12-31",
                             minister_approval=True)
    # and for 6 months after the inauguration
    assert not _election_verdict(tmp_path, "d", inauguration="2026-07-01")
    assert _election_verdict(tmp_path, "e", inauguration="2026-05-31")
