"""`planner serve` without a browser: the token, escaping, the 127.0.0.1 bind, form errors,
the lock between tabs, and that nothing is written beside the inputs (FastAPI TestClient).

Most tests run against the stand-in session (tests/test_web_standin.py: the Session
interface over planner.api), which a test can inspect; one opens the real planner.api.Session.
"""
from __future__ import annotations

import hashlib
import shutil
import socket
import threading
from pathlib import Path

import pytest
import yaml

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

import warnings  # noqa: E402

with warnings.catch_warnings():  # starlette asks for httpx2, which FastAPI does not require yet
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from planner.web.app import COOKIE, HOST, Running, create_app  # noqa: E402
from test_web_standin import StandInSession  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "rahasia-uji-123"
BASE = f"http://{HOST}:8765"


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("web") / "demo"
    shutil.copytree(ROOT / "scenarios" / "demo", folder)
    return folder


def _client(app, token: str | None = TOKEN) -> TestClient:
    c = TestClient(app, base_url=BASE)
    if token is not None:
        c.get(f"/?token={token}")
    return c


def _ready(app):
    st = app.state.planner
    st.job.thread.join(timeout=300)
    assert st.job.done and not st.job.errors, st.job.errors
    return st.workspace


@pytest.fixture(scope="module")
def app(demo):
    a = create_app(demo, token=TOKEN, opener=StandInSession.open)
    _ready(a)
    return a


# ---------------------------------------------------------------- the token


def test_without_token_every_request_is_refused(app):
    c = TestClient(app, base_url=BASE)
    for method, url in [("get", "/"), ("get", "/rekap"), ("get", "/static/htmx.min.js"), ("post", "/kendali"),
                        ("post", "/susun-ulang"), ("get", "/unduh/buku-kerja"), ("get", "/?token=salah")]:
        r = getattr(c, method)(url)
        assert r.status_code == 403, (method, url)
        assert "Akses ditolak" in r.text
    assert app.state.planner.workspace.session.resolve_calls == 0


def test_token_in_url_sets_a_strict_httponly_cookie_and_leaves_the_address(app):
    c = TestClient(app, base_url=BASE)
    r = c.get(f"/rekap?kind=jf&token={TOKEN}", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/rekap?kind=jf"
    cookie = r.headers["set-cookie"]
    assert f"{COOKIE}={TOKEN}" in cookie and "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    assert c.get("/rekap").status_code == 200


def test_a_wrong_cookie_is_refused_and_a_foreign_origin_cannot_post(app):
    c = TestClient(app, base_url=BASE, cookies={COOKIE: "tebakan"})
    assert c.get("/").status_code == 403
    c = _client(app)
    r = c.post("/kendali", data={"action": "keep", "nip": "1"}, headers={"origin": "http://contoh.invalid"})
    assert r.status_code == 403


def test_each_app_has_its_own_random_token(demo):
    a = create_app(None, opener=StandInSession.open)
    b = create_app(None, opener=StandInSession.open)
    ta, tb = a.state.planner.token, b.state.planner.token
    assert ta != tb and len(ta) >= 32
    assert TestClient(a, base_url=BASE).get(f"/?token={tb}").status_code == 403


def test_the_server_listens_on_127_0_0_1_only(demo):
    from urllib.request import urlopen
    from urllib.error import HTTPError

    a = create_app(None, token=TOKEN, opener=StandInSession.open)
    with Running(a) as url:
        assert url.startswith("http://127.0.0.1:")
        port = int(url.rsplit(":", 1)[1])
        with pytest.raises(HTTPError) as refused:
            urlopen(url + "/")
        assert refused.value.code == 403
        # Another address of this machine does not answer.
        others = {ai[4][0] for ai in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)} - {"127.0.0.1"}
        for other in others:
            s = socket.socket()
            s.settimeout(1)
            assert s.connect_ex((other, port)) != 0, other
            s.close()


def test_cli_serve_binds_127_0_0_1_and_prints_the_tokened_address(monkeypatch):
    import planner.web.app as web

    seen = {}

    class FakeServer:
        def __init__(self, config):
            seen["app"] = config.app

        def run(self, sockets):
            seen["bound"] = sockets[0].getsockname()

    import uvicorn

    monkeypatch.setattr(uvicorn, "Server", FakeServer)
    lines: list[str] = []
    web.serve(None, 0, echo=lines.append, opener=StandInSession.open)
    host, port = seen["bound"]
    assert host == "127.0.0.1" and port > 0
    token = seen["app"].state.planner.token
    assert f"http://127.0.0.1:{port}/?token={token}" in lines[0]


# ---------------------------------------------------------------- pages


def test_pages_render_in_indonesian_with_indonesian_numbers(app):
    c = _client(app)
    home = c.get("/")
    assert home.status_code == 200 and 'lang="id"' in home.text
    assert "jabatan diisi" in home.text and "Mutasi menurut jenis" in home.text
    from reports import fmt

    value = app.state.planner.workspace.view().summary()["value"]
    assert value > 1000 and fmt.num(value, 1) in home.text  # 22.777,3: dot for thousands, comma for decimals
    for url, words in [("/rekap", "Rekapitulasi usulan mutasi"), ("/kosong", "Jabatan yang tetap kosong"),
                       ("/jabatan", "Daftar jabatan"), ("/versi", "Simpan versi"), ("/perubahan", "Belum ada")]:
        r = c.get(url)
        assert r.status_code == 200 and words in r.text, url
    assert "https://" not in home.text and "http://" not in home.text  # nothing from outside the machine


def test_recap_filters_by_unit_level_and_move_type(app):
    c = _client(app)
    plan = app.state.planner.workspace.session.plan
    unit = plan.moves[0].to_unit
    for query, keep in [(f"unit={unit}", lambda m: m.to_unit == unit),
                        ("kind=administrator", lambda m: m.to_kind == "administrator"),
                        ("jenis=vertical", lambda m: m.move_type.value == "vertical")]:
        r = c.get(f"/rekap?{query}", headers={"hx-request": "true", "hx-target": "rekap-tabel"})
        assert r.status_code == 200 and "<html" not in r.text  # the table alone, for htmx
        shown = set(_rows(r.text))
        assert shown == {m.to_position_id for m in plan.moves if keep(m)}, query
        assert 0 < len(shown) < len(plan.moves)


def _rows(html: str) -> list[str]:
    import re

    return re.findall(r'data-jabatan="([^"]+)"', html)


def test_a_post_page_shows_the_shortlist_with_its_checks_and_articles(app):
    c = _client(app)
    ws = app.state.planner.workspace
    m = ws.session.plan.moves[0]
    r = c.get(f"/jabatan/{m.to_position_id}")
    assert r.status_code == 200
    nominees = [n for n in ws.session.plan.shortlist if n.position_id == m.to_position_id]
    for n in nominees:
        assert f'data-nip="{n.nip}"' in r.text
    assert "Diusulkan:" in r.text and m.article in r.text
    assert "✓" in r.text and "Pasal" in r.text  # the checks behind each nominee, with their articles
    assert c.get("/jabatan/TIDAK-ADA").status_code == 404


def test_a_name_with_markup_is_escaped_everywhere(demo, tmp_path):
    """A name in employees.csv that carries markup is shown as text on every page."""
    evil = '<script>alert("x")</script> Co'
    first = _ready(create_app(demo, token=TOKEN, opener=StandInSession.open)).session.plan.moves[0]
    folder = tmp_path / "demo"
    shutil.copytree(demo, folder)
    emp = folder / "employees.csv"
    import pandas as pd

    table = pd.read_csv(emp, dtype=str, keep_default_na=False)
    assert (table["nip"] == first.nip).sum() == 1
    table.loc[table["nip"] == first.nip, "name"] = evil
    table.to_csv(emp, index=False)
    a = create_app(folder, token=TOKEN, opener=StandInSession.open)
    ws = _ready(a)
    moved = next(m for m in ws.session.plan.moves if m.name == evil)
    c = _client(a)
    for url in ["/rekap", f"/jabatan/{moved.to_position_id}", "/jabatan"]:
        page = c.get(url).text
        assert "<script>alert" not in page, url
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Co" in page, url


# ---------------------------------------------------------------- forms and controls


def test_bad_form_input_gets_located_indonesian_messages(app):
    c = _client(app)
    ws = app.state.planner.workspace
    pid = ws.session.plan.moves[0].to_position_id
    r = c.post("/kendali", data={"action": "lock", "nip": "12345", "position_id": pid})
    assert r.status_code == 200
    assert "[GALAT] formulir, kolom nip: &#39;12345&#39; — NIP harus 18 digit angka" in r.text
    r = c.post("/kendali", data={"action": "lock", "nip": "", "position_id": pid})
    assert "kolom nip" in r.text and "wajib diisi" in r.text
    r = c.post("/kendali", data={"action": "lock", "nip": "199001012015011999", "position_id": pid})
    assert "NIP tidak ada di data pegawai" in r.text  # the session's own finding, located
    r = c.post("/kendali", data={"action": "reserve", "position_id": "TIDAK-ADA"})
    assert "position_id" in r.text and "tidak ada di peta jabatan" in r.text
    r = c.post("/kendali", data={"action": "hapus-semua"})
    assert "tindakan tidak dikenal" in r.text
    r = c.post("/simpan", data={"name": "  "})
    assert "kolom nama" in r.text and "wajib diisi" in r.text
    r = c.post("/buka", data={"path": "/tidak/ada/folder"})
    assert "kolom folder" in r.text and "folder tidak ditemukan" in r.text
    assert ws.session.controls.locks == [] and ws.session.resolve_calls == 0
    r = c.get(f"/mengapa?position_id={pid}&nip=abc")
    assert "NIP harus 18 digit angka" in r.text


def test_a_second_tab_cannot_change_the_session_while_it_is_busy(app):
    c = _client(app)
    ws = app.state.planner.workspace
    nip = ws.session.plan.moves[0].nip
    with ws.lock:  # what a running re-solve holds
        r = c.post("/kendali", data={"action": "keep", "nip": nip})
        assert "Sesi sedang dipakai" in r.text
        r = c.post("/susun-ulang")
        assert "Sesi sedang dipakai" in r.text
    assert nip not in ws.session.controls.keep and ws.session.resolve_calls == 0


def test_lock_resolve_diff_undo_and_save_without_touching_the_inputs(demo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = _hashes(demo)
    a = create_app(demo, token=TOKEN, opener=StandInSession.open)
    ws = _ready(a)
    c = _client(a)
    plan = ws.session.plan
    filled = {m.to_position_id: m for m in plan.moves}
    n = next(n for n in sorted(plan.shortlist, key=lambda n: (n.position_id, n.rank))
             if n.position_id in filled and n.rank == 2)
    r = c.post("/kendali", data={"action": "lock", "nip": n.nip, "position_id": n.position_id})
    assert "Tercatat" in r.text and 'data-kendali="lock"' in r.text and 'id="belum-disusun"' in r.text
    r = c.post("/susun-ulang")
    assert "Menyusun ulang" in r.text or "Selesai" in r.text
    a.state.planner.job.thread.join(timeout=300)
    assert not a.state.planner.job.errors
    assert c.get("/tugas").headers.get("hx-redirect") == "/perubahan"
    page = c.get("/perubahan").text
    diff = page[page.index('id="diff"'):]
    assert n.name in diff and n.nip in diff and f"/jabatan/{n.position_id}" in diff and 'data-ubah="' in diff
    assert any(m.nip == n.nip and m.to_position_id == n.position_id for m in ws.session.plan.moves)
    assert 'id="belum-disusun"' not in page  # the version shown is the one of the controls in force
    assert len(ws.session.versions) == 2
    r = c.post("/urungkan", follow_redirects=False)
    assert r.status_code == 303 and len(ws.session.versions) == 1 and ws.session.plan is plan
    r = c.post("/simpan", data={"name": "usulan-uji"})
    assert 'id="tersimpan"' in r.text
    saved = ws.saved[-1]
    assert Path(saved["run"], "plan.json").is_file()
    assert yaml.safe_load(Path(saved["scenario"], "scenario.yaml").read_text(encoding="utf-8"))["extends"]
    assert _hashes(demo) == before  # input files are never modified
    d = c.get("/unduh/buku-kerja")
    assert d.status_code == 200 and d.content[:2] == b"PK"
    h = c.get("/unduh/laporan")
    assert h.status_code == 200 and "Bahan Sidang Baperjakat" in h.text
    assert _hashes(demo) == before and not list(demo.glob("laporan*"))


def test_the_real_session_opens_the_demo_and_answers_why_not(demo):
    from planner.api import Session

    a = create_app(demo, token=TOKEN)  # the default opener: planner.api.Session
    ws = _ready(a)
    assert isinstance(ws.session, Session)
    c = _client(a)
    plan = ws.session.plan
    n = next(n for n in plan.shortlist if not n.chosen)
    r = c.get(f"/mengapa?position_id={n.position_id}&nip={n.nip}")
    assert r.status_code == 200 and 'id="penjelasan"' in r.text
    assert n.name.split(",")[0] in r.text and "Penjelasan lengkap" in r.text
    assert "Jika dipaksakan ke jabatan ini" in r.text  # what forcing the person in would cost
    assert len(ws.session.versions) == 1  # asking changed nothing
    home = c.get("/")
    assert "(dari skenario)" in home.text  # the demo's own keep/reserve, told apart from the user's


def test_saving_under_a_name_already_taken_says_so(demo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    base = tmp_path / "skenario" / "demo"
    shutil.copytree(demo, base)
    a = create_app(base, token=TOKEN)
    _ready(a)
    c = _client(a)
    first = c.post("/simpan", data={"name": "versi-sidang"})
    assert 'id="tersimpan"' in first.text
    again = c.post("/simpan", data={"name": "versi-sidang"})
    assert 'id="tersimpan"' not in again.text and 'class="galat"' in again.text
    assert "versi-sidang" in again.text and "Traceback" not in again.text and "Errno" not in again.text
    assert len(a.state.planner.workspace.saved) == 1


def test_two_threads_clicking_at_once_leave_one_consistent_session(app):
    ws = app.state.planner.workspace
    nips = [m.nip for m in ws.session.plan.moves[:6]]
    c = _client(app)
    errors: list[str] = []

    def click(nip):
        r = c.post("/kendali", data={"action": "keep", "nip": nip})
        if "Tercatat" not in r.text and "Sesi sedang dipakai" not in r.text:
            errors.append(r.text)

    threads = [threading.Thread(target=click, args=(n,)) for n in nips]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    kept = [n for n in ws.session.controls.keep if n in nips]
    assert len(kept) == len(set(kept))
    for n in kept:
        c.post("/kendali", data={"action": "release-keep", "nip": n})
    assert not [n for n in ws.session.controls.keep if n in nips]


def test_cli_serve_says_when_the_port_is_taken():
    from click.testing import CliRunner

    from planner.cli import main

    s = socket.socket()
    s.bind((HOST, 0))
    s.listen()
    try:
        r = CliRunner().invoke(main, ["serve", "--port", str(s.getsockname()[1])])
    finally:
        s.close()
    assert r.exit_code == 1
    assert "sudah dipakai program lain" in r.output and "--port" in r.output and "Traceback" not in r.output


def test_a_scenario_with_bad_rows_shows_the_located_messages_of_validate(demo, tmp_path):
    from planner.api import load_scenario
    from planner.inputs.galat import group

    folder = tmp_path / "rusak"
    shutil.copytree(demo, folder)
    emp = folder / "employees.csv"
    lines = emp.read_text(encoding="utf-8").splitlines()
    lines[3] = "12345" + lines[3][lines[3].index(","):]  # row 4: a NIP of 5 digits
    emp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = [str(g) for g in group(load_scenario(folder).errors)]
    assert any("employees.csv baris 4, kolom nip" in e for e in expected)
    told: list[str] = []
    a = create_app(folder, token=TOKEN, opener=StandInSession.open, echo=told.append)
    a.state.planner.job.thread.join(timeout=120)
    assert a.state.planner.workspace is None
    assert told == [f"{folder} tidak dapat dibuka:", *expected]  # the terminal is told too
    page = _client(a).get("/").text
    import html

    for line in expected:
        assert page.count(html.escape(line, quote=True).replace("&#x27;", "&#39;")) == 1
    assert f'value="{folder}"' in page  # the form keeps the folder, to open again once fixed
    assert "Skenario tidak dapat dibuka" in page


def test_open_a_run_folder_from_the_page(demo, tmp_path):
    from planner.api import plan_round

    plan, run = plan_round(demo, out=tmp_path / "run", report=None)
    written = _hashes(run)
    a = create_app(None, token=TOKEN)  # no source given: the page asks for one
    c = _client(a)
    assert 'action="/buka"' in c.get("/").text
    r = c.post("/buka", data={"path": str(run)}, follow_redirects=False)
    assert r.status_code == 303
    ws = _ready(a)
    assert ws.session.plan.objective == plan.objective and len(ws.session.plan.moves) == len(plan.moves)
    home = c.get("/").text
    assert "Ringkasan" in home and f"<b>{len(plan.moves)}</b>jabatan diisi" in home.replace("\n", "")
    assert _hashes(run) == written  # opening a run folder writes nothing into it


def test_a_token_with_other_characters_is_refused_not_an_error(app):
    c = TestClient(app, base_url=BASE)
    assert c.get("/?token=ü€").status_code == 403
    assert TestClient(app, base_url=BASE, cookies={COOKIE: "x"}).get("/").status_code == 403
    r = c.post(f"/kendali?token={TOKEN}", data={"action": "keep", "nip": "1"},
               headers={"origin": "http://contoh.invalid"})
    assert r.status_code == 403  # the token in the address does not let another site post


def test_a_bug_shows_an_indonesian_page_not_a_traceback(app, monkeypatch, capsys):
    ws = app.state.planner.workspace

    def broken():
        raise RuntimeError("contoh kerusakan")

    monkeypatch.setattr(ws, "view", broken)
    r = _client(app).get("/kosong")
    assert r.status_code == 500
    assert "Terjadi kesalahan" in r.text and "[GALAT] contoh kerusakan" in r.text and "Traceback" not in r.text
    assert "Traceback" in capsys.readouterr().err  # for the developer, on the server's console


def test_a_failed_resolve_shows_its_messages_and_frees_the_session(app, monkeypatch):
    from models.schema import Finding
    from planner.api import InputError

    ws = app.state.planner.workspace
    versions = len(ws.session.versions)

    def infeasible(*, progress=None):
        progress("Model: 10 pasangan")
        raise InputError([Finding(severity="error", file="scenario.yaml", column="locks",
                                  value="X → Y", message="penguncian ini tidak dapat berlaku bersamaan")])

    monkeypatch.setattr(ws.session, "resolve", infeasible)
    c = _client(app)
    c.post("/susun-ulang")
    app.state.planner.job.thread.join(timeout=60)
    r = c.get("/tugas")
    assert "hx-redirect" not in r.headers and "Penyusunan ulang gagal" in r.text
    assert "[GALAT] scenario.yaml, kunci locks: &#39;X → Y&#39; — penguncian ini tidak dapat berlaku bersamaan" in r.text
    assert 'hx-trigger="every' not in r.text  # the polling stops
    assert len(ws.session.versions) == versions
    assert ws.lock.acquire(blocking=False)  # the session is free again
    ws.lock.release()
