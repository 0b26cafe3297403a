"""planner.scenarios.compare on hand-made plans whose differences are known exactly."""
from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from models.plan import Move, Plan
from planner.cli import main
from planner.scenarios.compare import compare_plans, compare_runs, diff_moves
from reports.compare import render_text, write_comparison

NIP = {c: f"19800101200501{i + 1:04d}" for i, c in enumerate("ABCDEFG")}


def mv(person: str, post: str) -> Move:
    return Move(nip=NIP[person], name=f"Pegawai {person}", rank="III/d", from_position_id=f"OLD-{person}",
                from_title=f"Lama {person}", from_unit="BKPSDM", from_kind="pengawas", to_position_id=post,
                to_title=f"Jabatan {post}", to_unit="BKPSDM", to_kind="administrator", move_type="vertical",
                article="Pasal 1", score=100.0, score_terms={}, chain=1, chain_kind="tunggal", overdue=False,
                tenure_months=60)


def plan(name: str, moves: list[Move], *, objective: float, kpis: dict, terms: dict | None = None,
         weights: dict | None = None) -> Plan:
    w = {"overdue_rotation": 60.0, "cross_unit": 10.0, **(weights or {})}
    return Plan(scenario={"name": name, "as_of": "2026-12-01", "weights": w, "description": f"uji {name}"},
                scenario_path=f"/x/{name}.yaml", rule_pack="national", status="OPTIMAL", objective=objective,
                bound=objective, gap=0.0, objective_terms=terms or {"fill": objective}, weights=w, timings={},
                sizes={}, input_hashes={}, kpis=kpis, moves=moves, shortlist=[], unfilled=[])


def kp(filled: int, critical: int, nine: float, overdue: int, units: int) -> dict:
    return {"posts_filled": filled, "critical_filled": critical, "mean_nine_box_chosen": nine,
            "overdue_rotated": overdue, "units_affected": units, "moves": filled}


# Reference: A→P1, B→P2, C→P3, D→P4, G→P6.
# Other:     A→P2, B→P1 (a swap: both same person, other post), C→P3 (same),
#            E→P4 (same post, other person), F→P5 (new); G→P6 gone (removed).
BASE = plan("acuan", [mv("A", "P1"), mv("B", "P2"), mv("C", "P3"), mv("D", "P4"), mv("G", "P6")],
            objective=2000.0, kpis=kp(5, 1, 7.2, 2, 3), terms={"fill": 2000.0, "overdue_rotation": 120.0})
OTHER = plan("lain", [mv("A", "P2"), mv("B", "P1"), mv("C", "P3"), mv("E", "P4"), mv("F", "P5")],
             objective=2150.5, kpis=kp(5, 2, 7.8, 4, 2), terms={"fill": 2000.0, "overdue_rotation": 240.0},
             weights={"overdue_rotation": 120.0})


def test_diff_counts_every_kind() -> None:
    d = diff_moves(BASE.moves, OTHER.moves, "lain")
    assert (d.same, d.added, d.removed, d.changed_post, d.changed_person) == (1, 1, 1, 2, 1)
    by_kind = {(c.kind, c.base_nip, c.base_position_id, c.nip, c.position_id) for c in d.changes}
    assert by_kind == {
        ("changed_post", NIP["A"], "P1", NIP["A"], "P2"),
        ("changed_post", NIP["B"], "P2", NIP["B"], "P1"),
        ("changed_person", NIP["D"], "P4", NIP["E"], "P4"),
        ("added", None, None, NIP["F"], "P5"),
        ("removed", NIP["G"], "P6", None, None),
    }
    # Every pair only in one plan is accounted for exactly once.
    plus = {(m.nip, m.to_position_id) for m in OTHER.moves} - {(m.nip, m.to_position_id) for m in BASE.moves}
    minus = {(m.nip, m.to_position_id) for m in BASE.moves} - {(m.nip, m.to_position_id) for m in OTHER.moves}
    assert len(plus) == d.added + d.changed and len(minus) == d.removed + d.changed


def test_person_match_comes_before_post_match() -> None:
    # A moves from P1 to P2, pushing B (who had P2) out of the plan: A's row says so, and
    # B's move is removed (it is not also counted as "P2, other person").
    d = diff_moves([mv("A", "P1"), mv("B", "P2")], [mv("A", "P2")])
    assert [(c.kind, c.base_nip, c.position_id) for c in d.changes] == [
        ("changed_post", NIP["A"], "P2"), ("removed", NIP["B"], None)]
    assert diff_moves([mv("A", "P1")], [mv("A", "P1")]).identical


def test_kpis_side_by_side_with_deltas() -> None:
    cmp = compare_plans([BASE, OTHER])
    assert cmp.labels == ["acuan", "lain"]
    assert cmp.kpi("posts_filled").values == [5, 5] and cmp.kpi("posts_filled").deltas == [None, 0]
    assert cmp.kpi("critical_filled").deltas == [None, 1]
    assert cmp.kpi("mean_nine_box_chosen").deltas[1] == pytest.approx(0.6)
    assert cmp.kpi("overdue_rotated").deltas == [None, 2]
    assert cmp.kpi("units_affected").deltas == [None, -1]
    assert cmp.kpi("objective").deltas[1] == pytest.approx(150.5)
    assert cmp.kpi("term.overdue_rotation").values == [120.0, 240.0]
    assert cmp.kpi("status").values == ["OPTIMAL", "OPTIMAL"] and cmp.kpi("status").deltas == [None, None]
    assert dict(cmp.settings) == {"weights.overdue_rotation": [60.0, 120.0]}
    frame = cmp.kpi_frame().set_index("key")
    assert frame.loc["critical_filled", "Δ lain"] == 1


def test_three_runs_each_against_the_first() -> None:
    third = plan("ketiga", BASE.moves[:4], objective=1600.0, kpis=kp(4, 1, 7.0, 2, 3))
    cmp = compare_plans([BASE, OTHER, third])
    assert [d.run for d in cmp.diffs] == ["lain", "ketiga"]
    d = cmp.diff("ketiga")
    assert (d.same, d.added, d.removed, d.changed) == (4, 0, 1, 0)
    assert cmp.kpi("posts_filled").deltas == [None, 0, -1]
    text = render_text(cmp)
    assert "Jabatan terisi" in text and "mutasi batal" in text and "ketiga" in text


def test_needs_two_runs() -> None:
    with pytest.raises(ValueError):
        compare_plans([BASE])


def _run_folder(root: Path, name: str, p: Plan) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "plan.json").write_text(p.model_dump_json(), encoding="utf-8")
    return folder


def test_written_outputs_and_no_overwrite(tmp_path: Path) -> None:
    a, b = _run_folder(tmp_path, "run-a", BASE), _run_folder(tmp_path, "run-b", OTHER)
    cmp = compare_runs([a, b])
    folder = write_comparison(cmp, base=tmp_path / "runs")
    assert folder.parent == tmp_path / "runs" and folder.name.startswith("compare-")
    html = (folder / "compare.html").read_text(encoding="utf-8")
    png = re.search(r'src="data:image/png;base64,([^"]+)"', html)
    assert png and base64.b64decode(png.group(1)).startswith(b"\x89PNG")
    assert "http://" not in html and "https://" not in html  # self-contained, no network
    assert "Jabatan kritis terisi" in html and "Pegawai E" in html
    wb = load_workbook(folder / "compare.xlsx")
    assert {"KPI", "Perubahan", "Ringkasan perubahan", "Run", "Skenario"} <= set(wb.sheetnames)
    assert wb["Perubahan"].max_row == 1 + 5
    assert (folder / "kpi.png").read_bytes().startswith(b"\x89PNG")
    # A second comparison gets a new folder; an explicit non-empty folder is refused.
    assert write_comparison(cmp, base=tmp_path / "runs") != folder
    with pytest.raises(FileExistsError):
        write_comparison(cmp, out=folder)


def test_labels_fall_back_to_folder_names(tmp_path: Path) -> None:
    same = plan("acuan", OTHER.moves, objective=1.0, kpis=kp(5, 1, 7.0, 0, 1))
    cmp = compare_runs([_run_folder(tmp_path, "x1", BASE), _run_folder(tmp_path, "x2", same)])
    assert cmp.labels == ["x1", "x2"]


def test_cli_compare(tmp_path: Path) -> None:
    a, b = _run_folder(tmp_path, "run-a", BASE), _run_folder(tmp_path, "run-b", OTHER)
    out = tmp_path / "cmp"
    res = CliRunner().invoke(main, ["compare", str(a), str(b), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "Jabatan kritis terisi" in res.output and (out / "compare.xlsx").is_file()
    assert CliRunner().invoke(main, ["compare", str(a)]).exit_code == 2
    again = CliRunner().invoke(main, ["compare", str(a), str(b), "--out", str(out)])
    assert again.exit_code == 1 and "sudah berisi" in again.output


def test_comparison_figures_are_written_the_indonesian_way() -> None:
    from reports.compare import _fmt, _fmt_delta
    assert _fmt(52480.821) == "52.480,821"
    assert _fmt(1234) == "1.234" and _fmt(1234.0) == "1.234"
    assert _fmt(7.5) == "7,5" and _fmt(0.25) == "0,25"
    assert _fmt(2_500_000.25) == "2.500.000,2"  # large values keep one decimal
    assert _fmt_delta(-1500.5) == "−1.500,5"
