"""Merit first (issue 10): on small built rounds, the stronger candidate gets the post; when
not, passed_over names a reason that is true (removing it changes the choice); the
round-size cap holds."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.labels import MERIT_ORDER_UNSERVED_PREFIX, PASSED_OVER_REASON_LABEL
from models.schema import Weights
from planner.api import plan_round
from planner.round.build import _Key, _shortfall
from tests.builders import FORMER_WEIGHTS, ScenarioBuilder

STRONG = dict(nine_box=9, jpm=95, performance="sangat_baik")
WEAK = dict(nine_box=7, jpm=55, performance="baik")


def promotion_round(*, overdue_rival: bool = True, **scenario) -> tuple[ScenarioBuilder, dict[str, str]]:
    """One vacant pengawas post; two pelaksana eligible for it (one strong, one weak) and,
    optionally, an official of an equal post past the tour-of-duty limit (the old
    objective's rotation bonus gave them the post)."""
    b = ScenarioBuilder("2026-12-01", "national", shortlist_ratio=1, **scenario)
    who = {}
    b.post("SUB-A", "pengawas", "IV.a", title="Kepala Subbagian A")
    for tag, facts in (("strong", STRONG), ("weak", WEAK)):
        pid = b.post(f"STAF-{tag}", "pelaksana", unit="BKPSDM")
        who[tag] = b.person(position_id=pid, rank="III/c", birth_date="1988-02-0" + ("1" if tag == "strong" else "2"),
                            **facts)
    if overdue_rival:
        b.post("SUB-B", "pengawas", "IV.a", title="Kepala Subbagian B")
        who["rival"] = b.person(position_id="SUB-B", rank="III/d", birth_date="1980-05-05",
                                position_since="2017-01-01", nine_box=7, jpm=50, performance="baik")
    return b, who


def _chosen(plan, pid: str) -> str | None:
    return next((m.nip for m in plan.moves if m.to_position_id == pid), None)


def test_the_stronger_unmoved_candidate_is_chosen_over_a_rotation(tmp_path: Path) -> None:
    b, who = promotion_round()
    plan, _ = plan_round(b.write(tmp_path / "s"), write=False)
    assert _chosen(plan, "SUB-A") == who["strong"]
    assert who["rival"] not in {m.nip for m in plan.moves}  # an overdue official is not moved for nothing
    assert not [p for p in plan.passed_over if p.position_id == "SUB-A"]


def test_the_old_rotation_weights_would_have_passed_her_over(tmp_path: Path) -> None:
    # The measure of the fix: with the former defaults the overdue official takes the post.
    b, who = promotion_round(weights=FORMER_WEIGHTS)
    plan, _ = plan_round(b.write(tmp_path / "old"), write=False)
    assert _chosen(plan, "SUB-A") != who["strong"]


@pytest.mark.parametrize("control", ["keep", "ban"])
def test_a_control_that_blocks_the_strongest_is_named_and_true(tmp_path: Path, control: str) -> None:
    b, who = promotion_round(overdue_rival=False)
    base = b.write(tmp_path / "base")
    plan0, _ = plan_round(base, write=False)
    assert _chosen(plan0, "SUB-A") == who["strong"]
    if control == "keep":
        b.scenario["keep"] = [who["strong"]]
    else:
        b.scenario["bans"] = [{"nip": who["strong"], "position_id": "SUB-A"}]
    plan, _ = plan_round(b.write(tmp_path / control), write=False)
    assert _chosen(plan, "SUB-A") == who["weak"]
    (po,) = [p for p in plan.passed_over if p.position_id == "SUB-A"]
    assert po.nip == who["strong"] and po.chosen_nip == who["weak"] and po.score > po.chosen_score
    assert po.reason == {"keep": "kept", "ban": "banned"}[control]
    assert po.reason in PASSED_OVER_REASON_LABEL and po.detail


def test_placed_elsewhere_names_the_post_and_is_true(tmp_path: Path) -> None:
    b, who = promotion_round(overdue_rival=False)
    b.post("SUB-K", "pengawas", "IV.a", title="Kepala Subbagian Kritis", critical=True)
    plan, _ = plan_round(b.write(tmp_path / "two"), write=False)
    assert _chosen(plan, "SUB-K") == who["strong"]  # critical posts first
    (po,) = [p for p in plan.passed_over if p.position_id == "SUB-A"]
    assert po.reason == "placed_elsewhere" and po.other_position_id == "SUB-K" and "SUB-K" in po.detail
    b.scenario["bans"] = [{"nip": who["strong"], "position_id": "SUB-K"}]
    plan2, _ = plan_round(b.write(tmp_path / "two-ban"), write=False)
    assert _chosen(plan2, "SUB-A") == who["strong"]


def test_own_post_unfilled_is_named_and_true(tmp_path: Path) -> None:
    b = ScenarioBuilder("2026-12-01", "national", shortlist_ratio=1)
    b.post("BID-A", "administrator", "III.b", title="Kepala Bidang A")
    b.post("SUB-X", "pengawas", "IV.a", title="Kepala Subbagian X")
    strong = b.person(position_id="SUB-X", rank="IV/a", birth_date="1982-01-01", **STRONG)
    b.post("SUB-Y", "pengawas", "IV.a", title="Kepala Subbagian Y")
    weak = b.person(position_id="SUB-Y", rank="IV/a", birth_date="1982-01-02", **WEAK)
    b.post("SUB-Y2", "pengawas", "IV.a", title="Kepala Subbagian Y2")  # someone may take SUB-Y ...
    b.post("STAF-1", "pelaksana")
    staff = b.person(position_id="STAF-1", rank="III/c", birth_date="1990-01-01", **WEAK)
    plan, _ = plan_round(b.write(tmp_path / "own"), write=False)
    # ... so whether the strong official can go up depends on whether SUB-X can be refilled:
    # the staff member can fill one of SUB-X, SUB-Y, SUB-Y2; with two pengawas posts opening
    # (SUB-Y2 empty, and the one left), the round takes the promotion that leaves the fewest empty.
    chosen = _chosen(plan, "BID-A")
    assert chosen in (strong, weak)
    if chosen == weak:
        (po,) = [p for p in plan.passed_over if p.position_id == "BID-A"]
        assert po.reason in ("own_post_unfilled", "round_value")
    assert staff in {m.nip for m in plan.moves}


def test_round_size_cap_holds_and_is_reported(tmp_path: Path) -> None:
    b = ScenarioBuilder("2026-12-01", "national", shortlist_ratio=1, max_moved_share=0.2)
    officials = []
    for i in range(10):  # ten officials, each fits the other unit's post better (a purpose to move)
        pid = b.post(f"SUB-{i}", "pengawas", "IV.a", unit="DINKES" if i % 2 else "DISHUB",
                     rumpun="kesehatan" if i % 2 else "perhubungan", title=f"Kepala Seksi {i}",
                     min_rank="III/b")
        officials.append(b.person(position_id=pid, rank="III/d", birth_date=f"198{i}-01-01",
                                  position_since="2016-01-01", nine_box=8, jpm=70))
    for i in range(4):
        b.post(f"NEW-{i}", "pengawas", "IV.a", unit="BAPPEDA", rumpun="perencanaan", critical=True,
               title=f"Kepala Seksi Baru {i}")
    staff = b.person(position_id=b.post("STAF-1", "pelaksana", unit="BAPPEDA", rumpun="perencanaan"),
                     rank="III/c", birth_date="1991-01-01", **WEAK)  # promoting her moves no official
    plan, _ = plan_round(b.write(tmp_path / "cap"), write=False)
    cap = plan.kpis["max_officials_moved"]
    assert cap == 2 and plan.kpis["officials"] == 10
    assert plan.kpis["officials_moved"] <= cap
    moved_officials = {m.nip for m in plan.moves} & set(officials)
    assert len(moved_officials) == plan.kpis["officials_moved"]
    b.scenario["max_moved_share"] = None
    uncapped, _ = plan_round(b.write(tmp_path / "nocap"), write=False)
    assert uncapped.kpis["officials_moved"] > cap  # the cap was binding: it changed the plan
    assert staff in {m.nip for m in plan.moves}
    blocked = [p for p in plan.passed_over if p.chosen_nip == staff]
    unmoved = [p for p in blocked if p.nip not in {m.nip for m in plan.moves}]
    assert unmoved and all(p.reason == "round_size_cap" and p.nip in officials for p in unmoved)
    # The strict merit order (the default) yields to the cap and to the filling of posts, and says so.
    assert any(m.startswith(MERIT_ORDER_UNSERVED_PREFIX) for m in plan.messages)
    b.scenario["max_moved_share"], b.scenario["merit_order"] = 0.2, False
    plain, _ = plan_round(b.write(tmp_path / "plain"), write=False)
    assert plan.kpis["vacancies_filled"] == plain.kpis["vacancies_filled"]
    assert not any("Urutan merit" in m for m in plain.messages)


def test_sekda_prefers_two_jpt_posts_as_a_score_term_not_a_bar(tmp_path: Path) -> None:
    """KRW Pasal 22 ayat (1) huruf e angka 5: 'diutamakan pernah menduduki JPT Pratama 2 kali'."""
    b = ScenarioBuilder("2026-12-01", "karawang-2020", merit_exempt=True, shortlist_ratio=1)
    b.post("SETDA-SEKDA", "jpt_pratama", "II.a", unit="SETDA", rumpun="pemerintahan", title="Sekretaris Daerah")
    twice = once = None
    for tag in ("twice", "once"):
        pid = b.post(f"DINAS-{tag}", "jpt_pratama", "II.b", unit=f"DINAS{tag.upper()}", rumpun="pemerintahan",
                      title=f"Kepala Dinas {tag}")
        earlier = [("jpt_pratama", "II.b", None, "DINASX", None, "2017-01-01", "2021-01-01")] if tag == "twice" else []
        nip = b.person(position_id=pid, rank="IV/c", birth_date="1972-03-0" + ("1" if tag == "twice" else "2"),
                       position_since="2021-01-01", jpm=80, nine_box=9,
                       history=[("pelaksana", None, None, None, None, "1998-03-01", "2008-01-01"),
                                ("pengawas", "IV.a", None, None, None, "2008-01-01", "2012-01-01"),
                                ("administrator", "III.a", None, None, None, "2012-01-01", "2017-01-01"),
                                *earlier, ("jpt_pratama", "II.b", None, None, None, "2021-01-01", None)])
        twice, once = (nip, once) if tag == "twice" else (twice, nip)
    plan, _ = plan_round(b.write(tmp_path / "sekda"), write=False)
    move = next((m for m in plan.moves if m.to_position_id == "SETDA-SEKDA"), None)
    assert move is not None and move.nip == twice
    assert move.score_terms["sekda_experience"] == 5.0
    other = [n for n in plan.shortlist if n.position_id == "SETDA-SEKDA" and n.nip == once]
    assert not other or other[0].score == move.score - 5.0
    # The national pack does not prefer it: the term is zero there.
    b.rule_pack = "national"
    plan2, _ = plan_round(b.write(tmp_path / "sekda-national"), write=False)
    assert all(m.score_terms.get("sekda_experience", 0.0) == 0.0 for m in plan2.moves)


MID = dict(nine_box=8, jpm=75, performance="baik")


def carrier_round(**scenario) -> tuple[ScenarioBuilder, dict[str, str]]:
    """A vacant pengawas post P; a critical pengawas post Q held by a weak official past the
    tour-of-duty limit; two pelaksana eligible for both posts, one strong and one of middle
    strength. Counting staffing quality alone, the round gains most by carrying the weak
    official into P so that the strong one takes the critical Q: P then goes to the weakest
    of its candidates while the middle one, who could take it, stays where she is. (A
    critical post weighs 1,2 here: with the default 1,5 the upgrade of Q is worth what P loses,
    a real choice between two posts rather than a carried vacancy.)"""
    weights = {"critical_merit": 1.2, **scenario.pop("weights", {})}
    b = ScenarioBuilder("2026-12-01", "national", shortlist_ratio=1, weights=weights, **scenario)
    who = {}
    b.post("SUB-P", "pengawas", "IV.a", title="Kepala Subbagian P")
    b.post("SUB-Q", "pengawas", "IV.a", title="Kepala Subbagian Q", critical=True)
    who["weak"] = b.person(position_id="SUB-Q", rank="III/d", birth_date="1980-05-05",
                           position_since="2017-01-01", **WEAK)
    for tag, facts, born in (("strong", STRONG, "1988-02-01"), ("mid", MID, "1988-02-02")):
        pid = b.post(f"STAF-{tag}", "pelaksana")
        who[tag] = b.person(position_id=pid, rank="III/c", birth_date=born, **facts)
    return b, who


def test_a_weak_official_is_not_carried_into_a_post_a_stronger_candidate_could_take(tmp_path: Path) -> None:
    b, who = carrier_round()
    plan, _ = plan_round(b.write(tmp_path / "s"), write=False)
    moved = {m.nip for m in plan.moves}
    chosen = _chosen(plan, "SUB-P")
    assert chosen in (who["strong"], who["mid"])
    # Nobody eligible for P who scores more than comparable_merit above the chosen one stays unmoved.
    score = {(p.nip): p.score for p in plan.passed_over if p.position_id == "SUB-P"}
    assert all(nip in moved for nip in score)
    assert plan.objective_terms["shortfall"] <= 0


def test_without_the_shortfall_term_the_weak_official_is_carried_there(tmp_path: Path) -> None:
    # The measure of the term: with weight 0 the staffing accounting alone passes the middle
    # candidate over (she stays unmoved while the weak official takes P).
    b, who = carrier_round(weights={"shortfall": 0}, merit_order=False)  # the plain objective
    plan, _ = plan_round(b.write(tmp_path / "off"), write=False)
    assert _chosen(plan, "SUB-P") == who["weak"] and _chosen(plan, "SUB-Q") == who["strong"]
    unmoved = [p for p in plan.passed_over if p.position_id == "SUB-P" and p.nip == who["mid"]]
    assert unmoved and who["mid"] not in {m.nip for m in plan.moves}


def test_lists_are_completed_first_with_officials_who_do_not_outrank_the_proposal(tmp_path: Path) -> None:
    # One vacant post, one staff candidate (the only one whose move serves a purpose), and
    # officials of equal posts, whose sideways move would only carry the vacancy: one who
    # outranks the staff candidate, two who do not. The 1:3 list takes the two.
    b = ScenarioBuilder("2026-12-01", "national", shortlist_ratio=3)
    b.post("SUB-P", "pengawas", "IV.a", title="Kepala Subbagian P")
    staff = b.person(position_id=b.post("STAF-1", "pelaksana"), rank="III/c", birth_date="1989-01-01", **MID)
    officials = {}
    for tag, facts, born in (("strong", STRONG, "1981-01-01"), ("weak1", WEAK, "1981-01-02"),
                             ("weak2", WEAK, "1981-01-03")):
        pid = b.post(f"SUB-{tag}", "pengawas", "IV.a", title=f"Kepala Subbagian {tag}")
        officials[tag] = b.person(position_id=pid, rank="III/d", birth_date=born, position_since="2023-01-01", **facts)
    plan, _ = plan_round(b.write(tmp_path / "list"), write=False)
    assert _chosen(plan, "SUB-P") == staff
    nominees = {n.nip for n in plan.shortlist if n.position_id == "SUB-P" and n.purpose == "nominasi"}
    assert nominees == {staff, officials["weak1"], officials["weak2"]}
    (po,) = [p for p in plan.passed_over if p.position_id == "SUB-P" and p.nip == officials["strong"]]
    assert po.reason == "equal_post" and po.score > po.chosen_score


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.floats(0, 105), st.booleans(), st.sampled_from([1.0, 1.5, 2.0, 5.25])),
                min_size=1, max_size=40),
       st.floats(0, 1), st.floats(0, 3))
def test_shortfall_is_a_penalty_below_the_strongest_available_candidate_only(rows, per_point, margin) -> None:
    pairs = pd.DataFrame(rows, columns=["position_id", "score", "available", "weight"])
    pairs["position_id"] = "P" + pairs["position_id"].astype(str)
    weight = pairs.groupby("position_id")["weight"].transform("first").to_numpy()  # one weight per post
    term = _shortfall(pairs, _Key(pairs["position_id"]), weight, per_point, margin)
    best = pairs[pairs["available"]].groupby("position_id")["score"].max()
    ref = pairs["position_id"].map(best).to_numpy(dtype=float)
    score = pairs["score"].to_numpy()
    assert (term <= 0).all()
    # nothing for a post without an available candidate, nor within the margin of the best
    assert (term[np.isnan(ref) | (score >= ref - margin)] == 0).all()
    expected = -per_point * weight * np.maximum(0.0, np.nan_to_num(ref - margin - score, nan=0.0))
    assert np.allclose(term, expected)
    # never worth a post: a filled post (1000) outweighs any shortfall
    assert (-term < Weights().fill).all()
    # within a post, a stronger candidate never pays more
    for _, g in pd.DataFrame({"p": pairs["position_id"], "s": score, "t": term}).groupby("p"):
        g = g.sort_values("s")
        assert (np.diff(g["t"].to_numpy()) >= -1e-9).all()


# --- strict merit order (Scenario.merit_order; planner.solve.strategy.solve) -------------------

# Reasons an unmoved candidate may still outrank the chosen one under the strict order: their
# move would serve no purpose (equal_post), or the committee's controls, or the model's pruning.
STRICT_REASONS = {"placed_elsewhere", "equal_post", "kept", "banned", "reserved", "locked_elsewhere",
                  "not_in_model"}


def test_strict_merit_order_moves_the_passed_over_candidate_even_without_the_shortfall_term(tmp_path: Path) -> None:
    # Without the shortfall term the accounting carries the weak official into P and leaves the
    # middle candidate unmoved (test above); the strict order forbids exactly that.
    b, who = carrier_round(weights={"shortfall": 0}, merit_order=True)
    plan, _ = plan_round(b.write(tmp_path / "strict"), write=False)
    chosen = _chosen(plan, "SUB-P")
    moved = {m.nip for m in plan.moves}
    assert chosen is not None and (chosen != who["weak"] or who["mid"] in moved)
    assert all(p.reason in STRICT_REASONS for p in plan.passed_over if p.score > p.chosen_score + 1.0)


def test_strict_merit_order_on_the_demo_holds_fills_as_much_and_is_reproducible(tmp_path: Path) -> None:
    import shutil

    import yaml

    src = Path(__file__).resolve().parents[1] / "scenarios" / "demo"
    shutil.copytree(src, tmp_path / "demo")
    path = tmp_path / "demo" / "scenario.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["merit_order"] = False  # the plain objective, for comparison
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    base, _ = plan_round(tmp_path / "demo", write=False)
    plan, _ = plan_round(src, write=False)  # the default: strict
    again, _ = plan_round(src, write=False, workers=2)
    assert [(m.nip, m.to_position_id) for m in plan.moves] == [(m.nip, m.to_position_id) for m in again.moves]
    assert plan.kpis["vacancies_filled"] >= base.kpis["vacancies_filled"]
    assert plan.kpis["vacancies_filled"] >= plan.greedy["vacancies_filled"]
    late = [p for p in plan.passed_over if p.score > p.chosen_score + 1.0 and p.reason not in STRICT_REASONS]
    assert not late, late[:3]
    early = [p for p in base.passed_over if p.score > p.chosen_score + 1.0 and p.reason not in STRICT_REASONS]
    assert early  # the plain objective does pass some over: the strict order is what removes them
    assert plan.bound >= plan.objective
    assert plan.method == "merit-order" and base.method == "lp"


def test_explain_says_a_lock_frees_the_post_from_the_strict_order(tmp_path: Path) -> None:
    # Forcing an alternate into a post under the strict order is read against that order (a lock
    # lifts it for the post), not as a solver stopped by its time limit.
    from planner.api import explain
    from reports.explain_text import render_text

    b, who = carrier_round(weights={"shortfall": 0}, merit_order=True)
    plan, run = plan_round(b.write(tmp_path / "s"), out=tmp_path / "run")
    chosen = _chosen(plan, "SUB-P")
    other = next(n for n in (who["strong"], who["mid"], who["weak"]) if n != chosen)
    text = render_text(explain(run, "SUB-P", other))
    assert "urutan merit ketat" in text and "batas waktu" not in text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 4), st.floats(0, 100, allow_nan=False)),
                min_size=1, max_size=25, unique_by=lambda t: (t[0], t[1])),
       st.lists(st.tuples(st.integers(0, 3), st.integers(0, 4), st.floats(0, 100), st.floats(0.5, 50)),
                min_size=0, max_size=6),
       st.floats(0, 5))
def test_merit_prices_are_the_rows_multipliers_pair_by_pair(pairs, entries, margin) -> None:
    import dataclasses

    from planner.round.problem import Round
    from planner.solve.formulation import MeritPricing, merit_prices

    frame = pd.DataFrame([{"position_id": f"P{p}", "nip": f"N{n}", "score": s} for p, n, s in pairs])
    r = Round(pairs=frame, posts=pd.DataFrame(), locks=[], keep=set(), ratio=1, max_nominations=3,
              unit_change_cap=None, unit_spread_weight=0.0, nomination_weight=0.0,
              open_selection_pairs=frame.iloc[:0], all_pairs=frame, comparable_merit=margin)
    merit = tuple((f"P{p}", f"N{n}", s, q) for p, n, s, q in entries)
    r = dataclasses.replace(r, merit_order_prices=merit)
    expected = np.zeros(len(frame))
    for pid, nip, s, q in merit:  # the definition: credit the candidate's moves, charge the post's weaker pairs
        expected += np.where(frame["nip"] == nip, q, 0.0)
        expected -= np.where((frame["position_id"] == pid) & (frame["score"] < s - margin), q, 0.0)
    np.testing.assert_allclose(merit_prices(r), expected, atol=1e-9)
    np.testing.assert_allclose(MeritPricing(r).prices(merit), expected, atol=1e-9)
