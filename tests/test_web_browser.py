"""`planner serve` in a real browser: Debian's headless Chromium driven by Playwright.

Open the demo, lock a person into a post, re-solve, see the change and the diff, undo,
save a version; a request without the token is refused. Chromium is /usr/bin/chromium
(scripts/ensure-chromium.sh installs it); Playwright never downloads a browser of its own.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parent.parent
TOKEN = "token-uji-peramban"

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} tidak ada: jalankan scripts/ensure-chromium.sh (Chromium Debian)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (extra test) tidak terpasang")

from planner.web.app import Running, create_app  # noqa: E402


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture()
def served(tmp_path, monkeypatch):
    demo = tmp_path / "demo"
    shutil.copytree(ROOT / "scenarios" / "demo", demo)
    monkeypatch.chdir(tmp_path)  # the saved version's run folder goes under ./runs
    app = create_app(demo, token=TOKEN)  # the real planner.api.Session, opened in the background
    with Running(app) as url, sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield app, url, browser, demo
        finally:
            browser.close()


def test_without_the_token_the_browser_gets_403(served):
    app, url, browser, _ = served
    page = browser.new_context().new_page()
    for path in ("/", "/rekap", "/static/htmx.min.js", f"/?token={TOKEN}x"):
        response = page.goto(url + path)
        assert response.status == 403, path
        assert "Akses ditolak" in page.content()


def test_lock_resolve_diff_undo_and_save_in_the_browser(served):
    app, url, browser, demo = served
    inputs = _hashes(demo)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith((url, "data:")) else outside.append(r.url))
    page.set_default_timeout(60_000)

    # Open: the page shows the loading job, then the summary once the round is solved.
    page.goto(f"{url}/?token={TOKEN}")
    assert "token" not in page.url  # the token moved into the cookie
    page.wait_for_selector("#kpi")
    assert "jabatan diisi" in page.inner_text("#kpi")

    ws = app.state.planner.workspace
    plan = ws.session.plan
    filled = {m.to_position_id: m for m in plan.moves}
    nominee = next(n for n in sorted(plan.shortlist, key=lambda n: (n.position_id, n.rank))
                   if n.position_id in filled and n.rank == 2)
    pid, was = nominee.position_id, filled[nominee.position_id]

    # Lock the second nominee into the post.
    page.goto(f"{url}/jabatan/{pid}")
    assert was.name in page.inner_text("#diusulkan")
    page.click(f"th[data-nip='{nominee.nip}'] button[data-aksi='lock']")
    page.wait_for_selector("#daftar-kendali li[data-kendali='lock']")
    assert "Tercatat" in page.inner_text("#kendali")

    # Re-solve: progress, then the change page with the diff and the KPIs.
    page.click("#susun-ulang")
    page.wait_for_url(f"{url}/perubahan")
    diff = page.inner_text("#diff")
    assert nominee.name in diff and was.name in diff
    assert page.locator("#diff tr[data-ubah]").count() >= 1
    assert "Jabatan terisi" in page.inner_text("#kpi-perubahan")
    assert page.inner_text("#nomor-versi") == "1"
    page.goto(f"{url}/jabatan/{pid}")
    assert nominee.name in page.inner_text("#diusulkan")

    # Undo: back to version 0 and its plan.
    page.goto(f"{url}/perubahan")
    page.click("text=Urungkan perubahan ini")
    page.wait_for_url(f"{url}/")
    assert page.inner_text("#nomor-versi") == "0"
    assert not page.locator("#daftar-kendali li[data-kendali='lock']").count()
    page.goto(f"{url}/jabatan/{pid}")
    assert was.name in page.inner_text("#diusulkan")

    # Save a version: a new scenario folder and a new run folder.
    page.goto(f"{url}/versi")
    page.fill("#nama-versi", "usulan sidang 1")
    page.click("form[action='/simpan'] button[type=submit]")
    saved = page.inner_text("#tersimpan")
    assert "usulan sidang 1" in saved
    record = ws.saved[-1]
    assert Path(record["scenario"], "scenario.yaml").is_file() and Path(record["run"], "plan.json").is_file()
    assert record["scenario"] in saved and record["run"] in saved

    assert _hashes(demo) == inputs  # nothing the user did modified the input files
    assert not outside, outside  # no request left the machine


def test_forms_and_why_not_in_the_browser(served):
    app, url, browser, _ = served
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(60_000)
    page.goto(f"{url}/?token={TOKEN}")
    page.wait_for_selector("#kpi")
    plan = app.state.planner.workspace.session.plan
    nominee = next(n for n in plan.shortlist if not n.chosen and any(m.to_position_id == n.position_id
                                                                     for m in plan.moves))
    page.goto(f"{url}/jabatan/{nominee.position_id}")

    # A NIP of five digits: the message names the form field, as validate names a cell.
    page.fill("#nip-lain", "12345")
    page.click("#form-pns button[value=lock]")
    page.wait_for_selector("#kendali .galat")
    assert page.inner_text("#kendali .galat") == "[GALAT] formulir, kolom nip: '12345' — NIP harus 18 digit angka"

    # A well-formed NIP nobody has: the session's own message, in the why-not box.
    page.fill("#nip-lain", "199001012015011999")
    page.click("#form-pns button:has-text('Mengapa tidak?')")
    page.wait_for_selector("#mengapa .galat")
    assert "tidak ada di data pegawai" in page.inner_text("#mengapa .galat")

    # Why not a nominee: the verdict, the reasons, and what forcing them in would cost.
    page.click(f"th[data-nip='{nominee.nip}'] button[data-aksi='mengapa']")
    page.wait_for_selector("#penjelasan")
    assert nominee.name in page.inner_text("#penjelasan h3")
    assert "Jika dipaksakan ke jabatan ini" in page.inner_text("#penjelasan")
    assert len(app.state.planner.workspace.session.versions) == 1
