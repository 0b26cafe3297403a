"""The Baperjakat pack as printed: the PDF's page budget and page numbers, the recap, the
SK workbook's print settings, Indonesian formats, the public copy (issue 11).

The small session run (kecil, seed 1) is the demo region: its PDF must fit the demo's
budget of 50 A4 pages.
"""
from __future__ import annotations

import csv
import html as htmllib
import re
import shutil

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from pypdf import PdfReader

from planner.cli import main
from planner.plan.runfolder import read_plan
from reports import fmt
from reports.pdf import find_chromium

DEMO_PAGE_BUDGET = 50


@pytest.fixture(scope="module")
def printed(small_run, tmp_path_factory):
    """The committee's pack with its PDF, written from a copy of the session run."""
    if find_chromium() is None:
        pytest.fail("Chromium not found: run scripts/ensure-chromium.sh (as root) to install it")
    copy = tmp_path_factory.mktemp("printed") / "run"
    shutil.copytree(small_run, copy, ignore=shutil.ignore_patterns("laporan*"))
    res = CliRunner().invoke(main, ["report", str(copy), "--pdf"])
    assert res.exit_code == 0, res.output
    return copy, copy / "laporan"


def test_pdf_within_page_budget_with_page_numbers_and_marking(printed):
    _, folder = printed
    reader = PdfReader(folder / "laporan-baperjakat.pdf")
    n = len(reader.pages)
    assert 10 <= n <= DEMO_PAGE_BUDGET
    first, last = reader.pages[0].extract_text(), reader.pages[-1].extract_text()
    assert f"Halaman 1 dari {n}" in first and f"Halaman {n} dari {n}" in last
    assert "RAHASIA" in first and "RAHASIA" in last
    width, height = (float(x) for x in reader.pages[0].mediabox.upper_right)
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 portrait front page


def _recap(html: str) -> list[list[str]]:
    body = html.split('<table class="recap">', 1)[1].split("</table>", 1)[0].split("<tbody>", 1)[1]
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = [htmllib.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        rows.append(cells)
    return rows


def test_recap_lists_every_move_of_plan_csv(printed):
    run, folder = printed
    html = (folder / "laporan-baperjakat.html").read_text(encoding="utf-8")
    with (run / "plan.csv").open(encoding="utf-8") as f:
        moves = list(csv.DictReader(f))
    rows = _recap(html)
    assert len(rows) == len(moves)
    assert [r[0] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]
    by_nip = {r[1]: r for r in rows}
    assert set(by_nip) == {m["nip"] for m in moves}
    for m in moves:
        r = by_nip[m["nip"]]
        assert r[2] == m["name"] and r[3].endswith(m["rank"]) and r[6] == m["to_title"]
        assert r[4] == (m["from_title"] or "(tanpa jabatan)") and r[8] in {"vertikal", "horizontal", "diagonal"}
    # the recap comes before the post sections, the vacant posts right after it
    assert html.index('class="recap"') < html.index('id="kosong"') < html.index('<section class="post')


def test_sk_workbook_print_settings(printed):
    run, folder = printed
    wb = load_workbook(folder / "usulan-mutasi.xlsx")
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0  # as many pages tall as needed
        assert ws.print_title_rows == "$1:$1"
        assert "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text
    ws = wb["Usulan Mutasi"]
    cells = list(ws.iter_rows(min_row=2))
    assert cells and all(row[1].number_format == "@" and isinstance(row[1].value, str) for row in cells)
    assert all(c.alignment.wrap_text for row in cells for c in row)
    assert {row[11].value for row in cells} == {fmt.tanggal(read_plan(run).scenario["as_of"])}


def test_indonesian_formats():
    assert fmt.num(22841.103) == "22.841,1"
    assert fmt.num(-2400, 0) == "−2.400"
    assert fmt.num(-0.004, 2) == "0,00"
    assert fmt.num(None) == "–"
    assert fmt.integer(1234567) == "1.234.567"
    assert fmt.pct(0.0532) == "5,3%"
    assert fmt.tanggal("2026-12-01") == "1 Desember 2026"
    assert fmt.tanggal("2017-08-28") == "28 Agustus 2017"
    assert fmt.ya_tidak(True) == "Ya" and fmt.ya_tidak(False) == "Tidak"
    assert fmt.bulan(63) == "5 tahun 3 bulan" and fmt.bulan(5) == "5 bulan"
    assert fmt.text("sejak 2017-12-28, minimal 2 th") == "sejak 28 Desember 2017, minimal 2 th"


def test_pack_reads_in_indonesian(printed):
    run, folder = printed
    html = (folder / "laporan-baperjakat.html").read_text(encoding="utf-8")
    text = htmllib.unescape(re.sub(r"<(script|style)[^>]*>.*?</\1>|<[^>]+>", " ", html, flags=re.S))
    assert not re.search(r"\d \d{3}[.,]\d", text)  # the old "22 841.1"
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)  # no ISO dates
    pack_names = {r["parameter"] for r in __import__("json").loads((run / "rule_pack.json").read_text("utf-8"))}
    assert not {p for p in pack_names if re.search(rf"\b{p}\b", text)}  # no snake_case parameter names
    appendix = text.split("Paket aturan", 1)[1] if "Paket aturan" in text else text
    assert "{" not in appendix and '":' not in appendix  # no JSON
    plan = read_plan(run)
    value = sum(v for k, v in plan.objective_terms.items() if k != "nomination")
    assert fmt.num(value, 1) in text and fmt.num(plan.greedy["model_value"], 1) == fmt.num(value, 1)
    assert "Nilai objektif" not in text and "Batas atas" not in text  # solver figures: appendix words only


def test_public_copy_hides_ages_discipline_and_names(small_run, tmp_path):
    copy = tmp_path / "run"
    shutil.copytree(small_run, copy, ignore=shutil.ignore_patterns("laporan*"))
    res = CliRunner().invoke(main, ["report", str(copy), "--publik", "--samarkan-nama"])
    assert res.exit_code == 0, res.output
    html = (copy / "laporan" / "laporan-baperjakat-publik.html").read_text(encoding="utf-8")
    assert not re.search(r"usia \d+ th", html)
    assert "hukuman disiplin" in html and "tidak ada hukuman disiplin" not in html
    plan = read_plan(copy)
    names = {m.name for m in plan.moves} | {n.name for n in plan.shortlist}
    leaked = {n for n in names if htmllib.escape(n) in html}
    assert not leaked, sorted(leaked)[:3]
    ws = load_workbook(copy / "laporan" / "usulan-mutasi-publik.xlsx")["Usulan Mutasi"]
    assert not {r[2] for r in ws.iter_rows(min_row=2, values_only=True)} & names
    # the old flag still makes a public copy (names kept unless asked)
    res = CliRunner().invoke(main, ["report", str(copy), "--mask-nip"])
    assert res.exit_code == 0, res.output
    assert CliRunner().invoke(main, ["report", str(copy), "--samarkan-nama"]).exit_code != 0


def test_unit_names_from_head_titles():
    import pandas as pd

    from reports.data import unit_names

    pos = pd.DataFrame([
        ("SETDA-AS1", "Asisten Pemerintahan", "SETDA", "jpt_pratama", "II.b"),
        ("SETDA-SEKDA", "Sekretaris Daerah", "SETDA", "jpt_pratama", "II.a"),
        ("SETDA-BAG1", "Kepala Bagian Tata Pemerintahan", "SETDA", "administrator", "III.a"),
        ("DINSOS-KADIS", "Kepala Dinas Sosial", "DINSOS", "jpt_pratama", "II.b"),
        ("BPBD-KALAK", "Kepala Pelaksana Badan Penanggulangan Bencana Daerah", "BPBD", "jpt_pratama", "II.b"),
        ("KEC-A-CAMAT", "Camat Cibodas", "KEC-A", "administrator", "III.a"),
        ("X-1", "Analis Kebijakan", "X", "jf", None),
    ], columns=["position_id", "title", "unit", "kind", "eselon"])
    assert unit_names(pos) == {"SETDA": "Sekretariat Daerah", "DINSOS": "Dinas Sosial",
                               "BPBD": "Badan Penanggulangan Bencana Daerah", "KEC-A": "Kecamatan Cibodas"}


def test_rule_values_in_words():
    from reports.html import rule_value

    assert rule_value("retirement_age", {"ja": 58, "jpt": 60}) == "JA (administrator, pengawas, pelaksana): 58 tahun; JPT: 60 tahun"
    assert rule_value("pool_boxes", [7, 8, 9]) == "7, 8, 9"
    assert rule_value("jpt_pratama_experience_from", ["administrator:III.a", "jf:ahli_madya"]) == \
        "administrator III.a, JF ahli madya"
    assert rule_value("discipline_bars_move", True) == "Ya"
    assert rule_value("min_years_jpt_for_sekda", None) == "tidak diatur"
    assert rule_value("unit_change_cap_share", 0.5) == "50%"
    assert rule_value("election_window_months_before", 6) == "6 bulan"
