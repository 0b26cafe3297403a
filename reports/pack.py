"""Write the Baperjakat pack of a run folder: HTML report, XLSX workbook, plots, and the PDF.

The pack goes into ``<run>/laporan/``. Nothing is ever overwritten: when any file the pack
would write already exists there, the pack goes into the first of ``laporan-2``,
``laporan-3``, ... that has none of them. A public copy (``public``) has NIPs reduced to
their last four digits, exact ages and discipline details hidden (and names reduced to
initials with ``mask_names``) in every file, and ``-publik`` in every file name, so a
public pack and the committee's full pack can sit side by side in the same folder.
The PDF (``pdf``) is the HTML printed by headless Chromium (reports.pdf).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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
    """``<run>/laporan`` or the first ``laporan-N`` where none of the pack's files exist."""
    names = file_names(mask_nip, pdf)
    for i in range(1, 1000):
        folder = run / (REPORT_DIR if i == 1 else f"{REPORT_DIR}-{i}")
        if not any((folder / n).exists() for n in names):
            folder.mkdir(parents=True, exist_ok=True)
            return folder
    raise FileExistsError(f"{run}: terlalu banyak folder laporan")


def write_report(run: str | Path, *, mask_nip: bool = False, mask_names: bool = False,
                 pdf: bool = False) -> ReportPack:
    """Read the run folder ``run`` and write its Baperjakat pack; return what was written.

    ``mask_nip`` makes the public copy (NIP, exact ages, discipline details hidden);
    ``mask_names`` also reduces names to initials (public copy only); ``pdf`` prints the
    HTML to PDF (reports.pdf.PdfError when Chromium is missing or fails).
    """
    run = Path(run)
    rd = read_run(run)
    masker = Masker(mask_nip, names=mask_names)
    folder = report_dir(run, mask_nip, pdf)
    suffix = "-publik" if mask_nip else ""
    plots = render_all(rd, folder, suffix)
    workbook = write_workbook(rd, folder / f"{XLSX_NAME}{suffix}.xlsx", masker)
    html = write_html(rd, folder / f"{HTML_NAME}{suffix}.html", plots, masker)
    pack = ReportPack(folder=folder, html=html, workbook=workbook, plots=plots, notes=list(rd.notes))
    if pdf:
        from reports.pdf import print_pdf

        name = rd.plan.scenario.get("instansi") or rd.plan.scenario.get("name", "")
        title = f"Bahan Sidang Baperjakat — {name}" + (" (salinan publik)" if mask_nip else "")
        pack.pdf = print_pdf(html, folder / f"{HTML_NAME}{suffix}.pdf",
                             marking="TERBATAS" if mask_nip else "RAHASIA", title=title)
    return pack
