"""The PDF of the Baperjakat pack, printed by headless Chromium over the DevTools protocol.

Why this way (measured, December 2026): Chromium's ``--print-to-pdf`` prints the HTML
exactly as a committee secretary's browser does, but from the command line it has no
page-number footer, and Chromium ignores CSS ``@page`` margin boxes (``counter(page)``).
The DevTools command ``Page.printToPDF`` takes a header and footer template with the
page number and page count, so the planner drives Chromium over ``--remote-debugging-pipe``
(two pipes, NUL-separated JSON): Python's standard library only, no websocket package, no
port opened. WeasyPrint needs Pango from the system, typst would need a second template
of the whole pack; both would print a different document from the HTML the committee
opens. The demo pack prints in about 30 s on two cores.

Chromium is found at ``$PLANNER_CHROMIUM``, ``/usr/bin/chromium``, or on ``PATH``
(``chromium``, ``chromium-browser``, ``google-chrome``).
"""
from __future__ import annotations

import base64
import fcntl
import html
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
         "--disable-extensions", "--remote-debugging-pipe"]
_FOOT_STYLE = "font-family:'DejaVu Sans',Arial,sans-serif;font-size:7px;width:100%;margin:0 11mm;color:#333;"


class PdfError(RuntimeError):
    """The PDF could not be printed; the message is for the user (Indonesian)."""


def find_chromium() -> str | None:
    env = os.environ.get("PLANNER_CHROMIUM")
    if env:
        return env if Path(env).is_file() else None
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def header_footer(marking: str, title: str) -> tuple[str, str]:
    """The templates Chromium repeats on every page: marking on top, page x of y below."""
    mark, title = html.escape(marking), html.escape(title)
    head = (f'<div style="{_FOOT_STYLE}display:flex;justify-content:space-between;">'
            f'<span>{title}</span><b style="color:#b42318">{mark}</b></div>')
    foot = (f'<div style="{_FOOT_STYLE}display:flex;justify-content:space-between;">'
            f'<b style="color:#b42318">{mark}</b>'
            '<span>Halaman <span class="pageNumber"></span> dari <span class="totalPages"></span></span></div>')
    return head, foot


class _Pipe:
    """One DevTools session over the two pipes Chromium opens as fds 3 (in) and 4 (out)."""

    def __init__(self, binary: str, profile: str):
        to_chrome_r, self._w = os.pipe()
        self._r, from_chrome_w = os.pipe()

        def child_fds() -> None:  # in the child before exec: the pipes become its fds 3 and 4
            # via fds >= 10 first, so that neither dup2 overwrites the other's source
            a = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)
            os.close(a)
            os.close(b)

        # close_fds=False: Python's own fds are non-inheritable (PEP 446), so only 0-4 reach
        # Chromium; pass_fds cannot be used as it must name fds that exist in the parent.
        self.proc = subprocess.Popen([binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                                     close_fds=False, preexec_fn=child_fds, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buf = b""
        self._id = 0

    def call(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 300.0) -> dict:
        self._id += 1
        msg: dict = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._w, json.dumps(msg).encode("utf-8") + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" not in self._buf:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise PdfError(f"Chromium tidak menjawab perintah {method}")
                chunk = os.read(self._r, 1 << 20)
                if not chunk:
                    raise PdfError(f"Chromium berhenti saat {method}")
                self._buf += chunk
            raw, self._buf = self._buf.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise PdfError(f"Chromium menolak {method}: {reply['error'].get('message', '')}")
                return reply.get("result", {})

    def close(self) -> None:
        try:
            os.write(self._w, json.dumps({"id": self._id + 1, "method": "Browser.close"}).encode() + b"\0")
        except OSError:
            pass
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._w, self._r):
            try:
                os.close(fd)
            except OSError:
                pass


def print_pdf(html_path: Path, pdf_path: Path, *, marking: str = "RAHASIA", title: str = "",
              timeout: float = 600.0) -> Path:
    """Print ``html_path`` to ``pdf_path`` (A4 from the page's CSS, page x of y, the marking)."""
    binary = find_chromium()
    if binary is None:
        raise PdfError("Chromium tidak ditemukan (PDF dicetak dengan Chromium headless): pasang paket chromium "
                       "atau tetapkan PLANNER_CHROMIUM ke berkas programnya")
    head, foot = header_footer(marking, title)
    with tempfile.TemporaryDirectory(prefix="planner-pdf-") as profile:
        pipe = _Pipe(binary, profile)
        try:
            target = pipe.call("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = pipe.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            pipe.call("Page.enable", session=session)
            pipe.call("Page.navigate", {"url": Path(html_path).resolve().as_uri()}, session=session)
            deadline = time.monotonic() + timeout
            while True:
                state = pipe.call("Runtime.evaluate", {"expression": "document.readyState"}, session=session)
                if state.get("result", {}).get("value") == "complete":
                    break
                if time.monotonic() > deadline:
                    raise PdfError(f"{html_path}: halaman tidak selesai dimuat")
                time.sleep(0.1)
            result = pipe.call("Page.printToPDF", {
                "displayHeaderFooter": True, "headerTemplate": head, "footerTemplate": foot,
                "preferCSSPageSize": True, "printBackground": True,
            }, session=session, timeout=timeout)
        finally:
            pipe.close()
    pdf_path.write_bytes(base64.b64decode(result["data"]))
    return pdf_path
