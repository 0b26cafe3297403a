"""``planner report``: the Baperjakat pack (HTML, XLSX, plots) written from a run folder.

One small synthetic round (kecil, seed 1) is planned once per session; the committee's
pack and the public (masked) pack are written from it.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from planner.cli import main
from planner.inputs.load import load_valid
from planner.plan.runfolder import read_plan
from reports.labels import mask_nip
from reports.pack import write_report

CHROMIUM = Path("/usr/bin/chromium")
HEADERS = {
    "Usulan Mutasi": ["No", "NIP", "Nama", "Pangkat", "Golongan", "Jabatan Lama", "Unit Kerja Lama", "Jabatan Baru",
                      "Eselon", "Unit Kerja Baru", "Jenis Mutasi", "TMT", "Dasar Hukum"],
    "Daftar Calon 1-3": ["Kode Jabatan", "Jabatan", "Unit Kerja (perangkat daerah)", "Peringkat", "NIP", "Nama",
                         "Nilai", "Diusulkan", "Keterangan", "Kinerja 2 tahun terakhir", "Kotak talenta dan saran BKN",
                         "JPM (tanggal asesmen)", "Kelompok rencana suksesi", "Masa dalam jabatan sekarang",
                         "Hukuman disiplin", "Rumpun jabatan", "Jenis mutasi dan dasar hukum"],
    "Kandidat Tidak Dipilih": ["Kode Jabatan", "Jabatan", "NIP", "Nama", "Nilai", "NIP yang Diusulkan",
                               "Nama yang Diusulkan", "Nilai yang Diusulkan", "Alasan", "Uraian"],
    "Jabatan Kosong": ["Kode Jabatan", "Jabatan", "Unit Kerja (perangkat daerah)", "Jenis Jabatan", "Jabatan Kritis",
                       "Alasan", "Uraian Alasan", "Kandidat Memenuhi Syarat", "Tersaring per Aturan", "Rekomendasi"],
    "Rincian Nilai": ["No", "NIP", "Nama", "Jabatan Baru", "Kode Jabatan"],
    "Paket Aturan": ["Ketentuan", "Nilai", "Dasar Hukum", "Catatan"],
}


@pytest.fixture(scope="session")
def run(small_run) -> Path:
    return small_run


@pytest.fixture(scope="session")
def pack(run):
    return write_report(run)


@pytest.fixture(scope="session")
def public_pack(run, pack):
    return write_report(run, mask_nip=True)


def test_pack_files(run, pack):
    assert pack.folder == run / "laporan"
    names = sorted(p.name for p in pack.files)
    assert "laporan-baperjakat.html" in names and "usulan-mutasi.xlsx" in names
    assert len([n for n in names if n.endswith(".png")]) == 5
    for p in pack.files:
        assert p.is_file() and p.stat().st_size > 0
        assert p.parent == pack.folder


def test_workbook_sheets_and_headers(run, pack):
    plan = read_plan(run)
    wb = load_workbook(pack.workbook)
    assert wb.sheetnames == list(HEADERS)
    for name, want in HEADERS.items():
        ws = wb[name]
        header = [c.value for c in ws[1]]
        assert header[:len(want)] == want, name
        assert all(c.font.bold for c in ws[1] if c.value), name
        assert ws.freeze_panes == "A2", name
        assert ws.column_dimensions["A"].width and ws.column_dimensions["B"].width, name
    ws = wb["Usulan Mutasi"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(plan.moves)
    assert sorted(r[1] for r in rows) == sorted(m.nip for m in plan.moves)  # full NIPs, as text
    assert all(isinstance(r[1], str) and len(r[1]) == 18 for r in rows)
    assert {r[10] for r in rows} <= {"vertikal", "horizontal", "diagonal"}
    assert all(r[4] and r[3] for r in rows)  # golongan and its pangkat name
    assert all(r[9] and r[8] for r in rows)  # new unit (named) and eselon of the new post
    assert wb["Daftar Calon 1-3"].max_row - 1 == len(plan.shortlist)
    assert wb["Jabatan Kosong"].max_row - 1 == len(plan.unfilled)
    assert wb["Rincian Nilai"].max_row - 1 == len(plan.moves)
    assert wb["Paket Aturan"].max_row - 1 == len(json.loads((run / "rule_pack.json").read_text(encoding="utf-8")))


def test_html_is_self_contained(run, pack):
    html = pack.html.read_text(encoding="utf-8")
    plan = read_plan(run)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)
    assert "http://" not in html and "https://" not in html
    assert "@import" not in html and "<link rel=\"stylesheet\"" not in html
    srcs = re.findall(r"""<img[^>]*\ssrc="([^"]*)\"""", html)
    assert len(srcs) == 5 and all(s.startswith("data:image/png;base64,") for s in srcs)
    assert "@media print" in html and "break-inside: avoid" in html and "thead { display: table-header-group; }" in html
    assert "Ringkasan" in html
    assert len(re.findall(r'<section class="post[ "]', html)) == len({m.to_position_id for m in plan.moves} |
                                                      {u.position_id for u in plan.unfilled})
    for m in plan.moves[:5]:
        assert m.nip in html and m.article in html


def _chromium_dump(html: Path, tmp_path: Path) -> tuple[str, str]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: run scripts/ensure-chromium.sh (as root) to install Chromium")
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
           "--enable-logging=stderr", "--v=0", "--dump-dom", html.resolve().as_uri()]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    return res.stdout, res.stderr


def test_html_opens_in_headless_chromium(run, pack, tmp_path):
    plan = read_plan(run)
    dom, log = _chromium_dump(pack.html, tmp_path)
    assert "Usulan Mutasi Jabatan" in dom and "Ringkasan" in dom
    assert f"<b>{plan.kpis['posts_filled']}</b>jabatan diisi" in dom
    console = [line for line in log.splitlines() if ":CONSOLE" in line or "Uncaught" in line]
    assert not console, "\n".join(console)


def _nips(run: Path) -> set[str]:
    plan = read_plan(run)
    nips = {m.nip for m in plan.moves} | {n.nip for n in plan.shortlist}
    nips |= set(load_valid(plan.scenario_path).employees["nip"])
    return nips


def test_mask_nip_leaves_no_full_nip(run, public_pack):
    assert all(p.stem.endswith("-publik") for p in public_pack.files)
    nips = _nips(run)
    for path in public_pack.files:
        blobs = [path.read_bytes()]
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                blobs = [z.read(n) for n in z.namelist()]
        for blob in blobs:
            text = blob.decode("utf-8", errors="ignore")
            leaked = {n for n in re.findall(r"\d{18}", text) if n in nips}
            assert not leaked, f"{path.name}: {sorted(leaked)[:3]}"
    html = public_pack.html.read_text(encoding="utf-8")
    move = read_plan(run).moves[0]
    assert mask_nip(move.nip) in html and move.name in html
    ws = load_workbook(public_pack.workbook)["Usulan Mutasi"]
    assert {r[1] for r in ws.iter_rows(min_row=2, values_only=True)} <= {mask_nip(n) for n in nips}


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_never_overwrites(run, pack, public_pack, tmp_path):
    copy = tmp_path / "run"
    shutil.copytree(run, copy)
    before = _digest(copy / "laporan")
    again = write_report(copy)
    assert again.folder == copy / "laporan-2"
    assert _digest(copy / "laporan") == before


def test_cli_report(run, tmp_path):
    copy = tmp_path / "run"
    shutil.copytree(run, copy, ignore=shutil.ignore_patterns("laporan*"))
    res = CliRunner().invoke(main, ["report", str(copy), "--mask-nip"])
    assert res.exit_code == 0, res.output
    assert (copy / "laporan" / "laporan-baperjakat-publik.html").is_file()
    res = CliRunner().invoke(main, ["report", str(tmp_path)])
    assert res.exit_code == 1


def test_reports_never_import_the_solver(run, tmp_path):
    copy = tmp_path / "run"
    shutil.copytree(run, copy, ignore=shutil.ignore_patterns("laporan*"))
    code = ("import sys; from reports.pack import write_report; write_report(sys.argv[1]); "
            "bad = sorted(m for m in sys.modules if m in ('planner.api', 'planner.solve.formulation', 'planner.solve.strategy') "
            "or m.startswith('ortools')); print(bad); sys.exit(1 if bad else 0)")
    res = subprocess.run([sys.executable, "-c", code, str(copy)], capture_output=True, text=True, timeout=300,
                         cwd=Path(__file__).resolve().parent.parent)
    assert res.returncode == 0, res.stdout + res.stderr


def test_the_appendix_states_the_strict_merit_order_only_when_it_was_applied(run, pack):
    plan = read_plan(run)
    html = pack.html.read_text(encoding="utf-8")
    assert ("urutan merit ketat" in html) == (plan.method == "merit-order")
    doc = json.loads((run / "plan.json").read_text(encoding="utf-8"))
    doc["method"] = "lp" if plan.method == "merit-order" else "merit-order"
    other = run.parent / f"{run.name}-method"
    shutil.copytree(run, other, ignore=shutil.ignore_patterns("laporan*"))
    (other / "plan.json").write_text(json.dumps(doc), encoding="utf-8")
    flipped = write_report(other).html.read_text(encoding="utf-8")
    assert ("urutan merit ketat" in flipped) == (doc["method"] == "merit-order")
