"""Write the Baperjakat pack of a run folder: HTML report, XLSX workbook, plots, and the PDF.

The pack goes into ``<run>/laporan/``. Nothing is ever overwritten: when any file the pack
would write already exists there, the pack goes into the first of ``laporan-2``,
``laporan-3``, ... that has none of them. The pack appears whole or not at all (written in
a temporary folder, then placed). A public copy (``mask_nip``) has NIPs reduced to
their last four digits, exact ages and discipline details hidden (and names reduced to
initials with ``mask_names``) in every file, and ``-publik`` in every file name, so a
public pack and the committee's full pack can sit side by side in the same folder.
The PDF (``pdf``) is the HTML printed by headless Chromium (reports.pdf).
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
    pdf: Path | None = None

    @property
    def files(self) -> list[Path]:
        return [self.html, *([self.pdf] if self.pdf else []), self.workbook, *self.plots.values()]


def file_names(mask_nip: bool, pdf: bool = False) -> list[str]:
    suffix = "-publik" if mask_nip else ""
    return [f"{HTML_NAME}{suffix}.html", *([f"{HTML_NAME}{suffix}.pdf"] if pdf else []),
            f"{XLSX_NAME}{suffix}.xlsx", *(f"{p}{suffix}.png" for p in PLOTS)]


def report_dir(run: Path, mask_nip: bool, pdf: bool = False) -> Path:
    """``<run>/laporan`` or the first ``laporan-N`` where none of the pack's files exist
    (not created here: the pack is placed there whole when written)."""
    names = file_names(mask_nip, pdf)
    for i in range(1, 1000):
        folder = run / (REPORT_DIR if i == 1 else f"{REPORT_DIR}-{i}")
        if not any((folder / n).exists() for n in names):
            return folder
    raise RunFolderError(f"{run}: terlalu banyak folder laporan")


def write_report(run: str | Path, *, mask_nip: bool = False, mask_names: bool = False,
                 pdf: bool = False) -> ReportPack:
    """Read the run folder ``run`` and write its Baperjakat pack; return what was written.

    ``mask_nip`` makes the public copy (NIP, exact ages, discipline details hidden);
    ``mask_names`` also reduces names to initials (public copy only); ``pdf`` prints the
    HTML to PDF (reports.pdf.PdfError when Chromium is missing or fails).
    The pack is written into a temporary folder inside the run and placed whole
    (planner.files.atomic.place_files): a failed or interrupted write (a full disk, Ctrl-C)
    leaves no half pack; a pack written meanwhile by another process is never replaced."""
    run = Path(run)
    rd = read_run(run)
    masker = Masker(mask_nip, names=mask_names)
    folder = report_dir(run, mask_nip, pdf)
    suffix = "-publik" if mask_nip else ""
    try:
        work = Path(tempfile.mkdtemp(prefix=f".{folder.name}{TMP_MARK}", dir=run))
    except OSError as exc:
        raise RunFolderError("laporan tidak ditulis: " + os_message(exc, run)) from None
    html_name, pdf_name = f"{HTML_NAME}{suffix}.html", f"{HTML_NAME}{suffix}.pdf"
    try:
        plots = render_all(rd, work, suffix)
        write_workbook(rd, work / f"{XLSX_NAME}{suffix}.xlsx", masker)
        write_html(rd, work / html_name, plots, masker)
        if pdf:
            from reports.pdf import print_pdf

            name = rd.plan.scenario.get("instansi") or rd.plan.scenario.get("name", "")
            title = f"Bahan Sidang Baperjakat — {name}" + (" (salinan publik)" if mask_nip else "")
            print_pdf(work / html_name, work / pdf_name, marking="TERBATAS" if mask_nip else "RAHASIA", title=title)
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
    return ReportPack(folder=folder, html=folder / html_name, workbook=folder / f"{XLSX_NAME}{suffix}.xlsx",
                      plots={k: folder / p.name for k, p in plots.items()}, notes=list(rd.notes),
                      pdf=folder / pdf_name if pdf else None)
