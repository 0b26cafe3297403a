"""Write the Baperjakat pack of a run folder: HTML report, XLSX workbook, plots.

The pack goes into ``<run>/laporan/``. Nothing is ever overwritten: when any file the pack
would write already exists there, the pack goes into the first of ``laporan-2``,
``laporan-3``, ... that has none of them. The pack appears whole or not at all (written in a temporary folder, then placed).
A masked pack (``mask_nip``) has NIPs reduced
to their last four digits in every file and ``-publik`` in every file name, so a public
pack and the committee's full pack can sit side by side in the same folder.
"""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from planner.files.atomic import TMP_MARK, FolderError, os_message, place_files
from planner.plan.runfolder import RunFolderError
from reports.data import Masker, read_run
from reports.html import write_html
from reports.plots import PLOTS, render_all
from reports.workbook import write_workbook

REPORT_DIR = "laporan"
HTML_NAME = "laporan-baperjakat"
XLSX_NAME = "usulan-mutasi"


@dataclass
class ReportPack:
    folder: Path
    html: Path
    workbook: Path
    plots: dict[str, Path] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        return [self.html, self.workbook, *self.plots.values()]


def file_names(mask_nip: bool) -> list[str]:
    suffix = "-publik" if mask_nip else ""
    return [f"{HTML_NAME}{suffix}.html", f"{XLSX_NAME}{suffix}.xlsx", *(f"{p}{suffix}.png" for p in PLOTS)]


def report_dir(run: Path, mask_nip: bool) -> Path:
    """``<run>/laporan`` or the first ``laporan-N`` where none of the pack's files exist
    (not created here: the pack is placed there whole when written)."""
    names = file_names(mask_nip)
    for i in range(1, 1000):
        folder = run / (REPORT_DIR if i == 1 else f"{REPORT_DIR}-{i}")
        if not any((folder / n).exists() for n in names):
            return folder
    raise RunFolderError(f"{run}: terlalu banyak folder laporan")


def write_report(run: str | Path, *, mask_nip: bool = False) -> ReportPack:
    """Read the run folder ``run`` and write its Baperjakat pack; return what was written.

    The pack is written into a temporary folder inside the run and placed whole
    (planner.files.atomic.place_files): a failed or interrupted write (a full disk, Ctrl-C)
    leaves no half pack; a pack written meanwhile by another process is never replaced."""
    run = Path(run)
    rd = read_run(run)
    masker = Masker(mask_nip)
    folder = report_dir(run, mask_nip)
    suffix = "-publik" if mask_nip else ""
    try:
        work = Path(tempfile.mkdtemp(prefix=f".{folder.name}{TMP_MARK}", dir=run))
    except OSError as exc:
        raise RunFolderError("laporan tidak ditulis: " + os_message(exc, run)) from None
    try:
        plots = render_all(rd, work, suffix)
        write_workbook(rd, work / f"{XLSX_NAME}{suffix}.xlsx", masker)
        write_html(rd, work / f"{HTML_NAME}{suffix}.html", plots, masker)
    except BaseException as exc:
        shutil.rmtree(work, ignore_errors=True)
        if isinstance(exc, OSError) and not isinstance(exc, RunFolderError):
            raise RunFolderError("laporan tidak ditulis: " + os_message(exc, folder)) from None
        raise
    try:
        place_files(work, folder)
    except FolderError as exc:
        raise RunFolderError(f"laporan tidak ditulis: {exc}") from None
    except OSError as exc:
        raise RunFolderError("laporan tidak ditulis: " + os_message(exc, folder)) from None
    return ReportPack(folder=folder, html=folder / f"{HTML_NAME}{suffix}.html",
                      workbook=folder / f"{XLSX_NAME}{suffix}.xlsx",
                      plots={k: folder / p.name for k, p in plots.items()}, notes=list(rd.notes))
