"""Screenshots of `planner serve`'s main pages (docs/screenshots/*.png), in headless Chromium.

    PYTHONPATH=. .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Copies scenarios/demo to a temporary folder, serves it on 127.0.0.1 and drives Debian's
/usr/bin/chromium through Playwright (never a browser of Playwright's own): summary, recap,
a post with its shortlist and a "mengapa tidak" answer, the change after a lock and a
re-solve, the versions page. PNGs are written at 1280 px wide and palette-quantised to
stay small.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _opener():
    try:
        from planner.api import Session  # noqa: F401

        return None  # the app's default: planner.api.Session
    except ImportError:  # before planner.session is merged: the tests' stand-in
        sys.path.insert(0, str(ROOT / "tests"))
        from test_web_standin import StandInSession

        return StandInSession.open


def _small(path: Path) -> None:
    """Quantise to 96 colours (a page is mostly flat colour: 3-5x smaller, no visible loss)."""
    from PIL import Image

    with Image.open(path) as im:
        im.convert("RGB").quantize(colors=96, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} tidak ada: jalankan scripts/ensure-chromium.sh", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    from planner.web.app import Running, create_app

    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="screenshots-"))
    try:
        demo = work / "demo"
        shutil.copytree(ROOT / "scenarios" / "demo", demo)
        import os

        os.chdir(work)  # saved versions land in the temporary folder
        app = create_app(demo, token="contoh-token", opener=_opener())
        app.state.planner.job.thread.join()
        ws = app.state.planner.workspace
        if ws is None:
            print("\n".join(app.state.planner.job.errors), file=sys.stderr)
            return 1
        plan = ws.session.plan
        # A post with a full 1:3 shortlist: lock its second nominee there.
        by_post: dict[str, list] = {}
        for n in plan.shortlist:
            by_post.setdefault(n.position_id, []).append(n)
        filled = {m.to_position_id for m in plan.moves}
        pid = next(p for p, ns in sorted(by_post.items()) if p in filled and len(ns) >= 3)
        second = next(n for n in by_post[pid] if n.rank == 2)
        with Running(app) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{url}/?token=contoh-token")

            def shot(name: str, full: bool = False) -> None:
                path = args.out / f"{name}.png"
                page.screenshot(path=str(path), full_page=full)
                _small(path)
                print(f"{path} ({path.stat().st_size // 1024} kB)")

            shot("ringkasan")
            page.goto(f"{url}/rekap?kind=administrator")
            shot("rekapitulasi")
            page.goto(f"{url}/jabatan/{pid}")
            page.click(f"th[data-nip='{second.nip}'] button[data-aksi='mengapa']")
            page.wait_for_selector("#penjelasan")
            shot("jabatan", full=True)
            page.click(f"th[data-nip='{second.nip}'] button[data-aksi='lock']")
            page.wait_for_selector("#daftar-kendali li[data-kendali='lock']")
            page.click("#susun-ulang")
            page.wait_for_url(f"{url}/perubahan", timeout=120_000)
            shot("perubahan")
            page.goto(f"{url}/versi")
            shot("versi")
            browser.close()
    finally:
        os.chdir(ROOT)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
