"""Issue 10 items 2, 4 and 5 as the committee reads them: the facts about every nominee
(horizontal moves included), the better-scoring candidates passed over with their reason
(passed_over.csv, explain, report, workbook), and compare's colouring of KPI changes.

One hand-built round: a vacant Sekretaris post, an administrator of another unit in kotak 1
rated *sangat kurang* twice (a horizontal move) and two pengawas in kotak 9 and 8 (vertical
moves). The facts must not depend on who the objective picks, so no test assumes it.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from openpyxl import load_workbook

from builders import ScenarioBuilder
from models.labels import PASSED_OVER_HEADING, PASSED_OVER_REASON_LABEL
from models.plan import NomineeFacts, PassedOver
from planner.api import plan_round
from planner.explain.explain import Explainer
from planner.plan.runfolder import (
    PASSED_OVER_COLUMNS,
    has_passed_over,
    read_checks,
    read_passed_over,
    read_plan,
    read_rule_pack,
    write_run,
)
from planner.scenarios.compare import compare_plans
from reports.compare import delta_class
from reports.compare import render_html as compare_html
from reports.explain_text import render_text
from reports.nominee_facts import fact_texts
from reports.pack import write_report

LOW_NAME = '=HYPERLINK("http://evil.example/x","klik")'
HIGH_NAME = "Siti <b>Aminah</b>"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    b = ScenarioBuilder()
    b.post("SEK", "administrator", title="Sekretaris BKPSDM")
    b.post("KABID", "administrator", unit="DINSOS", title="Kepala Bidang Sosial")
    b.post("KASI", "pengawas", title="Kepala Subbagian Umum")
    b.post("KASI2", "pengawas", title="Kepala Subbagian Keuangan")
    low = b.person(name=LOW_NAME, position_id="KABID", performance="sangat_kurang", performance_prev="sangat_kurang",
                   potential="rendah", in_pool=False, jpm=55)
    high = b.person(name=HIGH_NAME, position_id="KASI", nine_box=9, jpm=81.5, assessment_date="2025-06-30")
    third = b.person(position_id="KASI2", nine_box=8, jpm=70)
    b.sanction(low, level="ringan", start="2020-01-01", end="2020-07-01", sanction="teguran tertulis")
    root = tmp_path_factory.mktemp("facts")
    plan, folder = plan_round(b.write(root / "scenario"), out=root / "run")
    return SimpleNamespace(plan=plan, folder=folder, low=low, high=high, third=third, root=root)


def _facts(plan, nip, pid="SEK") -> NomineeFacts:
    return next(f for f in plan.nominee_facts if f.nip == nip and f.position_id == pid)


# ----------------------------------------------------------------------------- facts in the run folder


def test_every_nominee_has_facts_horizontal_included(built):
    plan = read_plan(built.folder)  # what presents a plan reads: the run folder
    sek = {n.nip for n in plan.shortlist if n.position_id == "SEK"}
    assert sek == {built.low, built.high, built.third}
    assert {(f.nip, f.position_id) for f in plan.nominee_facts} == {(n.nip, n.position_id) for n in plan.shortlist}
    low = _facts(plan, built.low)
    assert (low.performance, low.performance_prev, low.nine_box) == ("sangat_kurang", "sangat_kurang", 1)
    assert low.move_type == "horizontal" and "Horizontal" in low.article
    assert not low.pool and low.tenure_months == 60
    assert low.sanction_records == 1 and not low.sanction_running and low.sanction_last_end == "2020-07-01"
    high = _facts(plan, built.high)
    assert high.move_type == "vertical" and high.pool and high.readiness == "ready_now"
    assert (high.nine_box, high.jpm, high.jpm_date) == (9, 81.5, "2025-06-30")
    assert high.nine_box_advice.startswith("Disarankan agar dipromosikan")  # kotak 9, BKN's advice verbatim


def test_explain_shows_the_facts_of_every_nominee(built):
    text = render_text(Explainer(built.folder).post("SEK"))
    # the kotak-1 horizontal nominee's kinerja is there whether chosen or alternate, flagged
    assert text.count("sangat kurang (terakhir); sangat kurang (tahun sebelumnya)") == 1
    line = next(x for x in text.splitlines() if "sangat kurang (terakhir)" in x)
    assert line.lstrip().startswith("!")
    assert text.count("Kinerja 2 tahun terakhir") == 3
    assert "kotak 9" in text and "81,5% (asesmen 30 Juni 2025)" in text
    assert "horizontal; PermenPANRB" in text
    assert "Pilihan ditetapkan bersama" not in text


def test_explain_of_one_person_shows_their_facts(built):
    d = Explainer(built.folder).person("SEK", built.low, resolve=False)
    facts = d["facts"] if d["verdict"] != "terpilih" else d["explanation"]["chosen"]["facts"]
    assert facts["performance"] == "sangat_kurang" and facts["move_type"] == "horizontal"
    assert "sangat kurang (terakhir)" in render_text(d)


def test_report_post_page_and_workbook_show_the_facts(built, tmp_path):
    run = tmp_path / "run"
    shutil.copytree(built.folder, run)
    pack = write_report(run)
    html = pack.html.read_text(encoding="utf-8")
    post = html[html.index('id="jabatan-SEK"'):]
    assert "Kinerja 2 tahun; kotak talenta" in post
    assert '<span class="perhatian">kotak 1: Sangat disarankan untuk tidak menduduki jabatan setingkat lebih tinggi' in post
    assert '<span class="perhatian">sangat kurang, sangat kurang</span>' in post
    assert "81,5% (asesmen 30 Juni 2025)" in post
    assert "1 catatan hukuman disiplin" in post
    # names are escaped, never markup
    assert "Siti &lt;b&gt;Aminah&lt;/b&gt;" in html and HIGH_NAME not in html
    wb = load_workbook(pack.workbook)
    ws = wb["Daftar Calon 1-3"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)]
    low = next(r for r in rows if r["NIP"] == built.low)
    assert low["Kinerja 2 tahun terakhir"].startswith("sangat kurang")
    assert low["Jenis mutasi dan dasar hukum"].startswith("horizontal; ")
    assert low["Nama"] == LOW_NAME and ws.cell(row=2 + rows.index(low), column=6).data_type == "s"

    public = write_report(run, mask_nip=True)
    text = public.html.read_text(encoding="utf-8")
    assert "1 catatan hukuman disiplin" not in text and "ada; rincian tidak ditampilkan" in text


# ----------------------------------------------------------------------------- passed over


def _with_passed_over(built, tmp_path: Path, rows: list[PassedOver]) -> Path:
    """The built run written again with hand-made passed_over rows (the lead fills them)."""
    plan = read_plan(built.folder).model_copy(update={"passed_over": rows})
    out = tmp_path / "run-passed"
    out.mkdir()
    write_run(plan, out, read_checks(built.folder), read_rule_pack(built.folder))
    return out


def _row(built, plan, **kw) -> PassedOver:
    chosen = next(m for m in plan.moves if m.to_position_id == "SEK")
    base = {"position_id": "SEK", "nip": built.high, "name": HIGH_NAME, "score": 113.45, "chosen_nip": chosen.nip,
            "chosen_score": chosen.score, "reason": "own_post_unfilled",
            "detail": "jabatannya KASI (Kepala Subbagian Umum) akan kosong: tidak ada kandidat lain",
            "other_position_id": "KASI"}
    return PassedOver(**{**base, **kw})


def test_passed_over_csv_columns_neutralised_and_read_back(built, tmp_path):
    plan = read_plan(built.folder)
    rows = [_row(built, plan), _row(built, plan, nip=built.third, name="Pegawai", score=95.0, reason="kept",
                                    detail=LOW_NAME + " tetap")]
    run = _with_passed_over(built, tmp_path, rows)
    raw = pd.read_csv(run / "passed_over.csv", dtype=str, keep_default_na=False)
    assert list(raw.columns) == ["position_id", "nip", "score", "chosen_nip", "chosen_score", "reason", "detail"]
    assert list(raw.columns) == PASSED_OVER_COLUMNS
    assert raw.loc[1, "detail"] == "'" + LOW_NAME + " tetap"  # a spreadsheet will not run it
    back = read_passed_over(run)
    assert back.loc[1, "detail"] == LOW_NAME + " tetap" and back.loc[0, "score"] == 113.45
    assert has_passed_over(run)
    assert read_plan(run).passed_over == rows  # plan.json carries the same list, with names


def test_older_run_without_passed_over_csv(built, tmp_path):
    run = tmp_path / "old"
    shutil.copytree(built.folder, run)
    (run / "passed_over.csv").unlink()
    data = json.loads((run / "plan.json").read_text(encoding="utf-8"))
    del data["passed_over"], data["nominee_facts"]
    (run / "plan.json").write_text(json.dumps(data), encoding="utf-8")
    assert not has_passed_over(run)
    back = read_passed_over(run)
    assert back.empty and list(back.columns) == PASSED_OVER_COLUMNS
    d = Explainer(run).post("SEK")
    text = render_text(d)
    assert "fakta calon tidak tercatat" in text
    if any(a["score"] > d["score"] for a in d["alternates"]):
        assert "tidak tercatat dalam run ini" in text
    pack = write_report(run)  # the pack is still written, without the facts rows
    assert "Kinerja 2 tahun; kotak talenta" not in pack.html.read_text(encoding="utf-8")


def test_passed_over_in_explain_report_and_workbook(built, tmp_path):
    plan = read_plan(built.folder)
    run = _with_passed_over(built, tmp_path, [_row(built, plan)])
    label = PASSED_OVER_REASON_LABEL["own_post_unfilled"]
    d = Explainer(run).post("SEK")
    assert [r["nip"] for r in d["passed_over"]] == [built.high] and d["passed_over"][0]["reason_label"] == label
    text = render_text(d)
    head = text.index(PASSED_OVER_HEADING)
    assert label in text[head:] and "jabatannya KASI (Kepala Subbagian Umum) akan kosong" in text[head:]
    assert "113,45" in text[head:]

    pack = write_report(run)
    html = pack.html.read_text(encoding="utf-8")
    post = html[html.index('id="jabatan-SEK"'):]
    assert PASSED_OVER_HEADING in post and label in post
    assert "Siti &lt;b&gt;Aminah&lt;/b&gt;" in post
    wb = load_workbook(pack.workbook)
    ws = wb["Kandidat Tidak Dipilih"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1
    assert rows[0][:5] == ("SEK", "Sekretaris BKPSDM", built.high, HIGH_NAME, 113.45)
    assert rows[0][8] == label


# ----------------------------------------------------------------------------- compare colouring


def test_compare_never_colours_more_moves_as_better(built):
    plan = read_plan(built.folder)
    busier = plan.model_copy(update={"scenario": {**plan.scenario, "name": "lain"},
                                     "kpis": {**plan.kpis, "moves": plan.kpis["moves"] + 5,
                                              "posts_filled": plan.kpis["posts_filled"] - 1,
                                              "vacant_after": plan.kpis["vacant_after"] + 1,
                                              "units_affected": plan.kpis["units_affected"] + 2}})
    assert delta_class("moves", 5) == delta_class("moves", -5) == delta_class("units_affected", 2) == ""
    assert delta_class("posts_filled", -1) == "lebih-buruk" and delta_class("posts_filled", 1) == "lebih-baik"
    assert delta_class("vacant_after", 1) == "lebih-buruk" and delta_class("vacant_after", -1) == "lebih-baik"
    html = compare_html(compare_plans([plan, busier]), b"", b"")

    def cell(label: str) -> str:
        row = html[html.index(f"<tr><td>{label}</td>"):]
        return row[:row.index("</tr>")]

    assert "(+5)" in cell("Jumlah mutasi") and "lebih-" not in cell("Jumlah mutasi")
    assert "lebih-" not in cell("Perangkat daerah terdampak")
    assert 'class="lebih-buruk">(−1)' in cell("Jabatan terisi")
    assert 'class="lebih-buruk">(+1)' in cell("Jabatan kosong sesudah")
