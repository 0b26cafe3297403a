"""``planner serve``: review a round in the browser (FastAPI + Jinja2 + htmx, all shipped here).

One process, one user: the server listens on 127.0.0.1 only and answers only the holder of
a random token (given once in the printed address, then kept in an HttpOnly, SameSite=Strict
cookie); every other request, a POST included, gets 403. Every page is rendered on the
server from the library API (``planner.api.Session``): the browser plans nothing and no
page loads anything from outside the machine (htmx is a file of this package).

A session's mutations (lock, ban, keep, reserve, release, re-solve, undo, save) are
serialised by one ``threading.Lock`` per open session: a second tab that clicks while a
re-solve runs is told to wait, never interleaved. Long operations (opening a scenario, a
re-solve) run in a background thread whose progress the page polls.
"""
from __future__ import annotations

import secrets
import shutil
import tempfile
import threading
import time
import urllib.parse
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from models.labels import KIND_LABEL
from models.schema import Assignment, Finding
from reports import fmt
from planner.web.views import CONTROL_LABEL, PlanView, change_view, control_rows, kpi_rows, run_data

HOST = "127.0.0.1"
COOKIE = "planner_token"
STATIC = Path(__file__).parent / "static"
FORM = "formulir"  # the "file" a form field's finding names (the page says which form)
STATIC_TYPES = {".js": "text/javascript", ".css": "text/css", ".txt": "text/plain; charset=utf-8"}

Opener = Callable[..., Any]


def _default_opener(source: str | Path, *, report: Callable[[str], None] | None = None):
    from planner.api import Session  # the interactive round: the only way to the planner's logic

    return Session.open(source, report=report)


# ---------------------------------------------------------------- state


@dataclass
class Job:
    """A long operation in a background thread: its progress lines and its outcome."""

    kind: str  # "buka" (open) | "susun" (re-solve)
    started: float = field(default_factory=time.monotonic)
    lines: list[str] = field(default_factory=list)
    done: bool = False
    errors: list[str] = field(default_factory=list)
    thread: threading.Thread | None = None

    def say(self, line: str) -> None:
        self.lines.append(str(line))

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started


class Workspace:
    """One open session: its lock, the views of its versions, what the last re-solve changed."""

    def __init__(self, session: Any, source: Path):
        self.session = session
        self.source = source
        self.lock = threading.Lock()
        self.last_change: dict[str, Any] | None = None
        self.saved: list[dict[str, Any]] = []
        self._views: dict[int, PlanView] = {}
        self._files: dict[int, dict[str, Path]] = {}
        self._tmp: Path | None = None  # made at the first download
        self._names: dict[str, str] | None = None

    def view(self) -> PlanView:
        plan = self.session.plan
        v = self._views.get(id(plan))
        if v is None or v.plan is not plan:
            v = PlanView(run_data(self.session))
            self._views = {id(plan): v, **{k: x for k, x in list(self._views.items())[-4:]}}
        return v

    def names(self) -> dict[str, str]:
        """NIP -> name of everyone in the scenario (the staff table does not change in a session)."""
        if self._names is None:
            e = self.session.prepared.data.employees
            self._names = dict(zip(e["nip"].astype(str), e["name"].astype(str)))
        return self._names

    def version_number(self) -> int:
        versions = getattr(self.session, "versions", None) or []
        return getattr(versions[-1], "number", len(versions) - 1) if versions else 0

    def pack_files(self) -> dict[str, Path]:
        """The report pack's HTML and workbook of the current version, written once per version
        by the report pack's own writers into a private temporary folder (never beside the
        inputs: opening a scenario writes nothing there)."""
        plan = self.session.plan
        files = self._files.get(id(plan))
        if files is None:
            from reports.html import write_html
            from reports.plots import render_all
            from reports.workbook import write_workbook

            v = self.view()
            if self._tmp is None:
                self._tmp = Path(tempfile.mkdtemp(prefix="planner-serve-"))
                # removed with the workspace, or at exit when the server is stopped without close()
                weakref.finalize(self, shutil.rmtree, self._tmp, True)
            folder = self._tmp / f"versi-{self.version_number()}-{len(self._files)}"
            folder.mkdir(parents=True)
            plots = render_all(v.rd, folder)
            files = {"laporan": write_html(v.rd, folder / "laporan-baperjakat.html", plots, v.masker),
                     "buku-kerja": write_workbook(v.rd, folder / "usulan-mutasi.xlsx", v.masker)}
            self._files[id(plan)] = files
        return files

    def close(self) -> None:
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)


class State:
    def __init__(self, token: str, opener: Opener):
        self.token = token
        self.opener = opener
        self.workspace: Workspace | None = None
        self.job: Job | None = None
        self.last_path = ""  # what the open form was last given
        self.guard = threading.Lock()  # swaps of workspace/job, never held during a solve


# ---------------------------------------------------------------- rendering


def _env() -> Environment:
    env = Environment(loader=PackageLoader("planner.web", "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = lambda x, d=1: fmt.num(x, d)
    env.filters["int"] = fmt.integer
    env.filters["pct"] = fmt.pct
    env.filters["tanggal"] = fmt.tanggal
    env.filters["signed"] = lambda x: DASH if x is None else (("+" if x > 0 else "") + fmt.integer(x))
    env.filters["q"] = lambda s: urllib.parse.quote(str(s or ""), safe="")
    return env


DASH = fmt.DASH


def _messages(exc: BaseException) -> list[str]:
    """An exception from the library as the lines a clerk reads (never a traceback)."""
    findings = getattr(exc, "findings", None)
    if findings:
        from planner.inputs.galat import group

        return [str(g) for g in group(list(findings))]
    messages = getattr(exc, "messages", None)
    if messages:
        return [str(m) for m in messages]
    text = str(exc) or type(exc).__name__
    return [text if text.startswith("[") else f"[GALAT] {text}"]


def _form_findings(fields: dict[str, str], *, nip: bool = False, position: bool = False) -> list[Finding]:
    """The form's NIP and post code checked as scenario.yaml's locks are (models.schema), in the
    loader's words: an empty field is missing ("wajib diisi"), as an empty cell is."""
    data = {"nip": fields.get("nip", "").strip() if nip else "0" * 18,
            "position_id": fields.get("position_id", "").strip() if position else "-"}
    try:
        Assignment.model_validate({k: v for k, v in data.items() if v != ""})
    except Exception as exc:  # pydantic.ValidationError
        out = []
        for err in exc.errors():
            col = str(err["loc"][0]) if err.get("loc") else None
            ctx = err.get("ctx") or {}
            msg = str(ctx["error"]) if err.get("type") == "value_error" and "error" in ctx else str(err.get("msg", ""))
            if err.get("type") in ("string_too_short", "missing"):
                msg = "wajib diisi"
            value = err.get("input")
            out.append(Finding(severity="error", file=FORM, column=col,
                               value=value if isinstance(value, str) else None, message=msg))
        return out
    return []


def create_app(source: str | Path | None = None, *, token: str | None = None, opener: Opener | None = None,
               open_now: bool = True, echo: Callable[[str], None] | None = None) -> FastAPI:
    """The application; ``source`` (a scenario or run folder) is opened in the background.
    ``echo`` also tells the terminal how each opening ended (the messages of a failed one)."""
    state = State(token or secrets.token_urlsafe(32), opener or _default_opener)
    tell = echo or (lambda line: None)
    env = _env()
    app = FastAPI(title="planner serve", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.planner = state

    def page(request: Request, name: str, status: int = 200, **ctx) -> HTMLResponse:
        ws = state.workspace
        base = {"ws": ws, "job": state.job, "path": request.url.path, "kind_label": KIND_LABEL,
                "control_label": CONTROL_LABEL}
        if ws is not None:
            base.update(_top(ws))
        return HTMLResponse(env.get_template(name).render(**base, **ctx), status_code=status)

    def _top(ws: Workspace) -> dict[str, Any]:
        v = ws.view()
        names = ws.names()
        versions = getattr(ws.session, "versions", None) or []
        current = getattr(versions[-1], "controls", None) if versions else None
        pending = current is not None and getattr(ws.session, "controls", None) != current
        return {"v": v, "version": ws.version_number(), "versions": versions, "pending": pending,
                "controls": control_rows(getattr(ws.session, "controls", None), names,
                                         getattr(ws.session, "base_controls", None)), "names": names}

    # ------------------------------------------------------------ the token

    @app.middleware("http")
    async def _token(request: Request, call_next):
        given = request.query_params.get("token")
        by_url = given is not None and _same(given, state.token)
        if not by_url and not _same(request.cookies.get(COOKIE, ""), state.token):
            return _refused()
        origin = request.headers.get("origin")
        if request.method != "GET" and origin and urllib.parse.urlsplit(origin).netloc != request.headers.get("host"):
            return _refused()  # a page of another site posting with the user's cookie
        if by_url and request.method == "GET":
            # The token leaves the address bar (and the history) at once: a cookie carries it.
            rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
            target = request.url.path + (f"?{urllib.parse.urlencode(rest)}" if rest else "")
            resp = RedirectResponse(target, status_code=303)
            resp.set_cookie(COOKIE, state.token, httponly=True, samesite="strict", path="/")
            return resp
        try:
            return await call_next(request)
        except Exception as exc:  # a bug: an Indonesian page, the traceback on the server's console only
            _log_unexpected(exc)
            return HTMLResponse(env.get_template("pesan.html.j2").render(
                ws=None, job=None, path="", title="Terjadi kesalahan", lines=_messages(exc)), status_code=500)

    # ------------------------------------------------------------ opening

    def start_open(path: str) -> Job:
        job = Job("buka")
        state.last_path = path

        def run():
            try:
                session = state.opener(path, report=job.say)
                ws = Workspace(session, Path(path))
                with state.guard:
                    old, state.workspace = state.workspace, ws
                if old is not None:
                    old.close()
                tell(f"Dibuka: {path} ({len(session.plan.moves)} mutasi dalam versi awal)")
            except Exception as exc:  # every failure becomes located messages on the page
                _log_unexpected(exc)
                job.errors = _messages(exc)
                for line in [f"{path} tidak dapat dibuka:", *job.errors]:
                    tell(line)
            finally:
                job.done = True

        job.thread = threading.Thread(target=run, name="planner-buka", daemon=True)
        with state.guard:
            state.job = job
        job.thread.start()
        return job

    if source is not None and open_now:
        start_open(str(source))

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request):
        job = state.job
        if job is not None and job.kind == "buka" and (not job.done or job.errors):
            return page(request, "buka.html.j2", errors=[], value=state.last_path)
        if state.workspace is None:
            return page(request, "buka.html.j2", errors=[], value="")
        ws = state.workspace
        return page(request, "ringkasan.html.j2", s=ws.view().summary(), kpis=kpi_rows(None, ws.session.plan.kpis))

    @app.get("/buka", response_class=HTMLResponse)
    def open_form(request: Request):
        return page(request, "buka.html.j2", errors=[], value="")

    @app.post("/buka")
    async def open_post(request: Request):
        fields = await _form(request)
        path = fields.get("path", "").strip()
        errors = []
        if not path:
            errors = [str(Finding(severity="error", file=FORM, column="folder", message="wajib diisi: folder skenario "
                                  "(berisi scenario.yaml) atau folder run (berisi plan.json)"))]
        elif not Path(path).exists():
            errors = [str(Finding(severity="error", file=FORM, column="folder", value=path,
                                  message="folder tidak ditemukan"))]
        elif state.job is not None and not state.job.done:
            errors = ["[GALAT] Masih ada proses yang berjalan; tunggu sampai selesai."]
        if errors:
            return page(request, "buka.html.j2", errors=errors, value=path)
        start_open(path)
        return RedirectResponse("/", status_code=303)

    # ------------------------------------------------------------ jobs

    @app.get("/tugas", response_class=HTMLResponse)
    def job_status(request: Request):
        job = state.job
        if job is None:
            return HTMLResponse("", headers={"HX-Redirect": "/"})
        if job.done and not job.errors:
            return HTMLResponse("", headers={"HX-Redirect": "/perubahan" if job.kind == "susun" else "/"})
        return HTMLResponse(env.get_template("_tugas.html.j2").render(job=job))

    # ------------------------------------------------------------ reading

    def need(request: Request):
        if state.workspace is None:
            return RedirectResponse("/", status_code=303)
        return None

    @app.get("/rekap", response_class=HTMLResponse)
    def recap(request: Request, unit: str = "", kind: str = "", jenis: str = ""):
        if (r := need(request)) is not None:
            return r
        v = state.workspace.view()
        rows = v.recap(unit, kind, jenis)
        ctx = {"rows": rows, "f": v.filters(), "sel": {"unit": unit, "kind": kind, "jenis": jenis},
               "total": len(v.plan.moves)}
        if request.headers.get("hx-request") and request.headers.get("hx-target") == "rekap-tabel":
            return HTMLResponse(env.get_template("_rekap_tabel.html.j2").render(**ctx))
        return page(request, "rekap.html.j2", **ctx)

    @app.get("/kosong", response_class=HTMLResponse)
    def vacant(request: Request):
        if (r := need(request)) is not None:
            return r
        return page(request, "kosong.html.j2", rows=state.workspace.view().vacant())

    @app.get("/jabatan", response_class=HTMLResponse)
    def posts(request: Request, q: str = ""):
        if (r := need(request)) is not None:
            return r
        v = state.workspace.view()
        items = list(v.posts().values())
        if q:
            ql = q.lower()
            items = [p for p in items if ql in f"{p['id']} {p['title']} {p['unit']} "
                     f"{(p.get('chosen') or {}).get('name', '')}".lower()]
        return page(request, "jabatan_daftar.html.j2", items=items, q=q)

    @app.get("/jabatan/{position_id}", response_class=HTMLResponse)
    def post(request: Request, position_id: str):
        if (r := need(request)) is not None:
            return r
        v = state.workspace.view()
        p = v.post(position_id)
        if p is None:
            return page(request, "pesan.html.j2", status=404, title="Jabatan tidak ditemukan",
                        lines=[f"[GALAT] Jabatan {position_id} tidak dibahas dalam versi ini (tidak diisi dan tidak "
                               "tercatat kosong)."])
        nips = {n["nip"] for n in p["nominees"]}
        return page(request, "jabatan.html.j2", p=p, passed_over=[x for x in v.passed_over(position_id)
                                                                   if x["nip"] not in nips],
                    checks_missing=v.rd.checks.empty)

    @app.get("/mengapa", response_class=HTMLResponse)
    def why_not(request: Request, position_id: str = "", nip: str = ""):
        if (r := need(request)) is not None:
            return r
        ws = state.workspace
        found = _form_findings({"nip": nip, "position_id": position_id}, nip=True, position=True)
        if found:
            return _fragment("_galat.html.j2", lines=[str(f) for f in found])
        if not ws.lock.acquire(timeout=0.5):
            return _fragment("_galat.html.j2", lines=[BUSY])
        try:
            t0 = time.perf_counter()
            d = ws.session.why_not(position_id.strip(), nip.strip())  # with what forcing them in would cost
            took = time.perf_counter() - t0
        except Exception as exc:
            return _fragment("_galat.html.j2", lines=_messages(exc))
        finally:
            ws.lock.release()
        from reports.explain_text import render_text

        return _fragment("_mengapa.html.j2", d=d, text=render_text(d), took=took)

    def _fragment(name: str, **ctx) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**ctx))

    # ------------------------------------------------------------ changing

    @app.post("/kendali", response_class=HTMLResponse)
    async def control(request: Request):
        if (r := need(request)) is not None:
            return r
        ws = state.workspace
        fields = await _form(request)
        action = fields.get("action", "")
        nip, pid = fields.get("nip", "").strip(), fields.get("position_id", "").strip()
        wants = {"lock": (True, True), "ban": (True, True), "keep": (True, False), "reserve": (False, True)}
        errors: list[str] = []
        if action.startswith("release-"):
            kind = action.removeprefix("release-")
            errors = _mutate(ws, lambda s: s.release(kind, nip=nip or None, position_id=pid or None))
        elif action in wants:
            need_nip, need_pid = wants[action]
            found = _form_findings(fields, nip=need_nip, position=need_pid)
            if found:
                errors = [str(f) for f in found]
            else:
                args = [a for a, w in ((nip, need_nip), (pid, need_pid)) if w]
                errors = _mutate(ws, lambda s: getattr(s, action)(*args))
        else:
            errors = [str(Finding(severity="error", file=FORM, column="action", value=action,
                                  message="tindakan tidak dikenal"))]
        ctx = _top(ws)
        return _fragment("_kendali.html.j2", k_errors=errors, k_done=not errors, job=state.job, **ctx)

    def _mutate(ws: Workspace, fn) -> list[str]:
        if not ws.lock.acquire(timeout=0.5):
            return [BUSY]
        try:
            fn(ws.session)
            return []
        except Exception as exc:
            return _messages(exc)
        finally:
            ws.lock.release()

    @app.post("/susun-ulang", response_class=HTMLResponse)
    def resolve(request: Request):
        if (r := need(request)) is not None:
            return r
        ws = state.workspace
        if not ws.lock.acquire(blocking=False):
            return _fragment("_galat.html.j2", lines=[BUSY])
        job = Job("susun")
        before = ws.session.plan

        def run():
            try:
                change = ws.session.resolve(progress=job.say)
                ws.last_change = {"change": change, "before": before, "after": ws.session.plan,
                                  "version": ws.version_number()}
            except Exception as exc:
                _log_unexpected(exc)
                job.errors = _messages(exc)
            finally:
                ws.lock.release()
                job.done = True

        job.thread = threading.Thread(target=run, name="planner-susun", daemon=True)
        with state.guard:
            state.job = job
        job.thread.start()
        return _fragment("_tugas.html.j2", job=job)

    @app.get("/perubahan", response_class=HTMLResponse)
    def change(request: Request):
        if (r := need(request)) is not None:
            return r
        ws = state.workspace
        lc = ws.last_change
        cv = change_view(lc["change"], lc["before"], lc["after"]) if lc else None
        return page(request, "perubahan.html.j2", c=cv, lc=lc,
                    current=lc is not None and lc["after"] is ws.session.plan)

    @app.post("/urungkan")
    def undo(request: Request):
        if (r := need(request)) is not None:
            return r
        ws = state.workspace
        errors = _mutate(ws, lambda s: s.undo())
        if errors:
            return page(request, "pesan.html.j2", status=409, title="Tidak dapat diurungkan", lines=errors)
        ws.last_change = None
        return RedirectResponse("/", status_code=303)

    @app.get("/versi", response_class=HTMLResponse)
    def versions(request: Request):
        if (r := need(request)) is not None:
            return r
        return page(request, "versi.html.j2", errors=[], value="", saved=state.workspace.saved)

    @app.post("/simpan", response_class=HTMLResponse)
    async def save(request: Request):
        if (r := need(request)) is not None:
            return r
        ws = state.workspace
        name = (await _form(request)).get("name", "").strip()
        errors = []
        if not name:
            errors = [str(Finding(severity="error", file=FORM, column="nama", message="wajib diisi: nama versi"))]
        else:
            out: list[tuple[Path, Path]] = []
            errors = _mutate(ws, lambda s: out.append(s.save(name)))
            if out:
                scenario_dir, run_dir = out[0]
                ws.saved.append({"name": name, "version": ws.version_number(), "scenario": str(scenario_dir),
                                 "run": str(run_dir)})
        return page(request, "versi.html.j2", status=200, errors=errors, value=name if errors else "",
                    saved=ws.saved, just_saved=None if errors else ws.saved[-1])

    @app.get("/unduh/{what}")
    def download(request: Request, what: str):
        if (r := need(request)) is not None:
            return r
        if what not in ("laporan", "buku-kerja"):
            return page(request, "pesan.html.j2", status=404, title="Tidak ditemukan", lines=["[GALAT] unduhan tidak dikenal"])
        ws = state.workspace
        try:
            files = ws.pack_files()
        except Exception as exc:
            return page(request, "pesan.html.j2", status=500, title="Laporan tidak dapat disusun", lines=_messages(exc))
        path = files[what]
        name = ws.session.plan.scenario.get("name", "rencana")
        return FileResponse(path, filename=f"{path.stem}-{name}-versi-{ws.version_number()}{path.suffix}")

    @app.get("/static/{name}")
    def static(name: str):
        path = STATIC / name
        if "/" in name or name.startswith(".") or not path.is_file():
            return Response("tidak ditemukan", status_code=404)
        return FileResponse(path, media_type=STATIC_TYPES.get(path.suffix, "application/octet-stream"),
                            headers={"Cache-Control": "no-cache"})

    return app


BUSY = "[GALAT] Sesi sedang dipakai (penyusunan ulang atau perubahan lain sedang berjalan); tunggu sampai selesai."


def _same(given: str, token: str) -> bool:
    """Constant-time comparison (bytes: a non-ASCII value is simply wrong, not an error)."""
    return secrets.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8"))


def _log_unexpected(exc: BaseException) -> None:
    """What is not a located input problem is a bug: its traceback goes to the console."""
    if getattr(exc, "findings", None) or getattr(exc, "messages", None) or isinstance(exc, OSError):
        return
    import sys
    import traceback

    traceback.print_exception(exc, file=sys.stderr)


def _refused() -> Response:
    return HTMLResponse("<!DOCTYPE html><html lang=\"id\"><meta charset=\"utf-8\"><title>Akses ditolak</title>"
                        "<p>Akses ditolak: buka alamat lengkap yang dicetak oleh <code>planner serve</code> "
                        "(dengan <code>?token=…</code>).</p></html>", status_code=403)


async def _form(request: Request) -> dict[str, str]:
    """An urlencoded form (htmx's and the browser's default) without python-multipart."""
    body = (await request.body()).decode("utf-8", errors="replace")
    return {k: v[-1] for k, v in urllib.parse.parse_qs(body, keep_blank_values=True).items()}


def address(port: int, token: str) -> str:
    return f"http://{HOST}:{port}/?token={token}"


def serve(source: str | Path | None, port: int = 8765, *, echo: Callable[[str], None] = print,
          opener: Opener | None = None) -> None:
    """Run the server on 127.0.0.1 until Ctrl-C; print the address with its token first."""
    import socket

    import uvicorn

    token = secrets.token_urlsafe(32)
    app = create_app(source, token=token, opener=opener, echo=echo)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, port))  # OSError (port taken) is the caller's to report
    port = sock.getsockname()[1]
    echo(f"Perencana mutasi berjalan di {address(port, token)}")
    echo("Buka alamat itu di peramban pada komputer ini (hanya 127.0.0.1). Ctrl-C untuk berhenti; "
         "versi yang sudah disimpan tetap ada.")
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        ws = app.state.planner.workspace
        if ws is not None:
            ws.close()
        sock.close()


class Running:
    """The app served on 127.0.0.1 in a background thread (tests, screenshots, notebooks):
    ``with Running(app) as url: ...``; the server stops when the block ends."""

    def __init__(self, app: FastAPI, port: int = 0):
        import socket

        import uvicorn

        self.app = app
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind((HOST, port))
        self.port = self.sock.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True,
                                       name="planner-serve")

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        return f"http://{HOST}:{self.port}"

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()
        ws = self.app.state.planner.workspace
        if ws is not None:
            ws.close()
