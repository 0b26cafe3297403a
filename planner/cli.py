"""Command line: a thin layer over the library API (``planner.api``-level functions).

Exit status: 0 success, 1 invalid input (every message printed), 2 usage error (click).
"""
from __future__ import annotations

import sys
from pathlib import Path

import click



def _fail(messages: list[str]) -> None:
    for m in messages:
        click.echo(m, err=True)
    sys.exit(1)


def _file_error(exc: Exception, what: str) -> None:
    """A folder or file problem (planner.files.FolderError, RunFolderError, OSError): one
    message naming the path, exit 1, never a traceback."""
    from planner.files.atomic import FolderError, os_message

    if isinstance(exc, FolderError) or not isinstance(exc, OSError) or exc.errno is None:
        text = str(exc)
    else:
        text = os_message(exc, exc.filename or "")
    _fail([f"[GALAT] {text}", f"{what}."])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pemda-placement-planner")
def main() -> None:
    """Perencana mutasi PNS pemerintah daerah (placement planner)."""


@main.command()
@click.argument("scenario", type=click.Path(path_type=Path))
@click.option("--show-warnings/--hide-warnings", default=True, help="Tampilkan peringatan.")
@click.option("--daftar-galat", "error_list", is_flag=False, flag_value="", default=None,
              metavar="[BERKAS]",
              help="Tulis semua galat dan peringatan, satu per baris, ke BERKAS (.xlsx atau .csv; tidak "
                   "pernah menimpa berkas). Tanpa BERKAS: <folder-skenario>-daftar-galat.xlsx di samping "
                   "folder skenario.")
def validate(scenario: Path, show_warnings: bool, error_list: str | None) -> None:
    """Periksa SCENARIO (scenario.yaml atau foldernya): semua galat sekaligus.

    Galat yang sama pada satu kolom ditampilkan sekali, dengan jumlah dan baris-baris
    pertamanya; --daftar-galat menulis daftar lengkapnya."""
    from planner.api import load_scenario
    from planner.inputs.galat import group
    from planner.inputs.summary import render_summary, summarise

    data = load_scenario(scenario)
    written = _write_error_list(data.findings, scenario, error_list) if error_list is not None else None
    if data.scenario is not None and not data.errors:
        click.echo(render_summary(summarise(data)))
    errors = group(data.errors)
    for g in errors:
        click.echo(str(g), err=True)
    if show_warnings:
        for g in group(data.warnings):
            click.echo(str(g))
    if written is not None:
        click.echo(f"Daftar lengkap ({len(data.findings)} pesan) ditulis ke {written}")
    if data.errors:
        n = f"{len(data.errors):,}".replace(",", ".")
        kinds = f" ({len(errors)} jenis)" if len(errors) < len(data.errors) else ""
        click.echo(f"\n{n} galat ditemukan{kinds}; perbaiki lalu jalankan lagi.", err=True)
        sys.exit(1)
    click.echo("Data valid." if not data.warnings else f"Data valid ({len(data.warnings)} peringatan).")


def _write_error_list(findings, scenario: Path, name: str) -> Path:
    """The full list beside the input; a message and exit 1 when it cannot be written."""
    from planner.files.atomic import os_message
    from planner.inputs.galat import default_list_path, write_list

    target = Path(name) if name else default_list_path(scenario)
    try:
        return write_list(findings, target)
    except FileExistsError:
        _fail([f"[GALAT] {target}: berkas sudah ada dan tidak ditimpa; pilih nama lain untuk --daftar-galat"])
    except ValueError as exc:
        _fail([f"[GALAT] {target}: {exc}"])
    except OSError as exc:
        _fail([f"[GALAT] {os_message(exc, target)}", "Daftar galat tidak ditulis."])
    raise AssertionError  # unreachable: _fail exits


def _grouped(findings, limit: int = 5) -> list[str]:
    """Repeated warnings of one kind: the first few, then a count (errors are always listed)."""
    groups: dict[tuple, list] = {}
    for f in findings:
        groups.setdefault((f.file, f.column, f.message), []).append(f)
    lines = []
    for (file, column, message), items in groups.items():
        lines += [str(f) for f in items[:limit]]
        if len(items) > limit:
            lines.append(f"[PERINGATAN] {file}, kolom {column}: … dan {len(items) - limit} baris lain dengan "
                         f"peringatan yang sama ({message})")
    return lines


@main.command()
@click.option("--size", type=click.Choice(["kecil", "kabupaten", "provinsi"]), default="kecil", show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--out", "out", type=click.Path(path_type=Path), required=True, help="Folder baru untuk skenario.")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default="2026-12-01", show_default=True)
@click.option("--rule-pack", default="karawang-2020", show_default=True)
@click.option("--name", default=None, help="Nama skenario (default: sintetis-<ukuran>-<seed>).")
def generate(size: str, seed: int, out: Path, as_of, rule_pack: str, name: str | None) -> None:
    """Buat skenario sintetis yang realistis (untuk demo, uji, dan benchmark)."""
    from planner.synth.generate import generate_scenario

    try:
        counts = generate_scenario(size, seed, out, as_of=as_of.date(), rule_pack=rule_pack, name=name)
    except FileExistsError as exc:
        _fail([str(exc)])
    click.echo(f"Skenario {size} (seed {seed}) ditulis ke {out}")
    for k, v in counts.items():
        click.echo(f"  {k}: {v}")


@main.group("import")
def import_group() -> None:
    """Impor data dari sistem lain menjadi folder skenario."""


@import_group.command("siasn")
@click.argument("export", type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Folder skenario baru (belum ada atau kosong; default: <nama-ekspor>-skenario).")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="TMT keputusan mutasi (default: hari ini).")
@click.option("--rule-pack", default="national", show_default=True)
@click.option("--name", default=None, help="Nama skenario (default: dari nama berkas ekspor).")
def import_siasn_cmd(export: Path, out: Path | None, as_of, rule_pack: str, name: str | None) -> None:
    """Impor EXPORT (Export Data ASN dari SIASN) menjadi folder skenario baru.

    EXPORT berupa XLSX atau CSV dan tidak diubah. Hasilnya: scenario.yaml, employees.csv,
    buku kerja lengkapi-data.xlsx untuk dilengkapi petugas, dan laporan-impor.csv."""
    import datetime as dt

    from planner.inputs.siasn import REPORT_FILE, TEMPLATE_FILE, SiasnError, import_siasn

    out = out or Path(f"{export.stem}-skenario")
    try:
        res = import_siasn(export, out, as_of=as_of.date() if as_of else dt.date.today(), rule_pack=rule_pack,
                           name=name)
    except SiasnError as exc:
        _fail([str(n) for n in exc.notes] + ["\nImpor dibatalkan; tidak ada berkas yang ditulis."])
    for line in _grouped(res.notes, limit=20):
        click.echo(line)
    click.echo(f"Skenario ditulis ke {out}: {res.employees} PNS, {res.posts} jabatan yang dipegang.")
    click.echo(f"  {len(res.notes)} nilai tidak dapat dipetakan (daftar lengkap: {out / REPORT_FILE}).")
    click.echo(f"  Lengkapi {out / TEMPLATE_FILE}, lalu: planner validate {out}")




def _input_errors(exc, outcome: str = "perbaiki lalu jalankan lagi") -> None:
    _fail([str(f) for f in exc.findings] + [f"\n{len(exc.findings)} galat; {outcome}."])


@main.command()
@click.argument("scenario", type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Folder run baru (default: runs/<skenario>-<waktu>).")
@click.option("--time-limit", type=float, default=None, help="Batas waktu solver (detik).")
@click.option("--workers", type=int, default=None, help="Jumlah worker CP-SAT.")
@click.option("--seed", type=int, default=None, help="Seed solver.")
@click.option("--quiet", is_flag=True, help="Tanpa laporan kemajuan.")
@click.option("--report", "with_report", is_flag=True, help="Tulis juga laporan Baperjakat (HTML, XLSX, grafik).")
def plan(scenario: Path, out: Path | None, time_limit: float | None, workers: int | None, seed: int | None,
         quiet: bool, with_report: bool) -> None:
    """Susun rencana mutasi satu putaran untuk SCENARIO dan tulis folder run baru."""
    import gc

    # The imports allocate about a million objects that live to the end: the cycle collector
    # traversing them was 15 % of the import time. plan_round pauses it for the plan itself.
    collecting = gc.isenabled()
    gc.disable()
    try:
        from planner.api import plan_round
        from planner.inputs.load import InputError
    finally:
        if collecting:
            gc.enable()

    try:
        result, folder = plan_round(scenario, out=out, time_limit=time_limit, workers=workers, seed=seed,
                                    report=None if quiet else (lambda s: click.echo(s, err=True)))
    except InputError as exc:
        _input_errors(exc, "rencana tidak dibuat")
    except OSError as exc:  # planner.files.FolderError (RunFolderError, ...) included
        _file_error(exc, "Rencana tidak ditulis; tidak ada folder run yang dibuat")
    from models.labels import MERIT_ORDER_UNSERVED_PREFIX
    from models.plan import MERIT_ORDER_METHOD
    from reports import fmt

    k = result.kpis
    strict = result.method == MERIT_ORDER_METHOD
    click.echo(f"Status solver : {result.status}{' (dihentikan pengguna)' if result.interrupted else ''}"
               f"{' (urutan merit ketat)' if strict else ''}, objektif {fmt.num(result.objective)}, "
               f"batas {fmt.num(result.bound)}, "
               f"selisih {fmt.num(result.gap * 100, 2)} %")
    for m in result.messages:
        if m.startswith(MERIT_ORDER_UNSERVED_PREFIX):
            click.echo(f"Urutan merit  : {m}")
    click.echo(f"Jabatan terisi: {k['posts_filled']} (kosong sebelum {k['vacant_before']}, sesudah {k['vacant_after']}); "
               f"jabatan kritis terisi {k['critical_filled']} dari {k['critical_vacant_before']}")
    click.echo(f"Mutasi        : {k['moves']} (vertikal {k['moves_vertical']}, horizontal {k['moves_horizontal']}, "
               f"diagonal {k['moves_diagonal']}); rantai/tukar/rotasi {k['chains']}; "
               f"pejabat lewat masa jabatan dirotasi {k['overdue_rotated']}")
    if "officials" in k:
        cap = k.get("max_officials_moved", -1)
        click.echo(f"Ukuran putaran: {k['officials_moved']} dari {k['officials']} pejabat struktural dimutasi"
                   + (f" (batas {cap}, max_moved_share)" if cap is not None and cap >= 0 else " (tanpa batas)"))
    if result.greedy:
        g = result.greedy
        click.echo(f"Pembanding    : pengisian satu per satu (manual) mengisi {int(g['posts_filled'])} jabatan, "
                   f"nilai {fmt.num(g['value'])} vs model {fmt.num(g['model_value'])}")
    click.echo("Waktu         : " + ", ".join(f"{k} {fmt.num(v, 2)} s" for k, v in result.timings.items()))
    click.echo(f"Folder run    : {folder}")
    if result.messages:
        click.echo(f"Peringatan    : {len(result.messages)} pada data masukan (lihat planner validate {scenario})")
    if with_report:
        from reports.pack import write_report

        try:
            pack = write_report(folder)
        except OSError as exc:
            _file_error(exc, f"Laporan tidak ditulis (folder run {folder} sudah lengkap)")
        click.echo(f"Laporan       : {pack.html}")
        click.echo(f"                {pack.workbook}")


@main.command()
@click.argument("scenario", type=click.Path(path_type=Path))
@click.option("--position", "position_id", default=None, help="Kandidat untuk jabatan ini.")
@click.option("--nip", default=None, help="Jabatan yang dapat dituju PNS ini.")
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text", show_default=True)
@click.option("--all-rules", is_flag=True, help="Tampilkan juga aturan yang terpenuhi.")
@click.option("--limit", type=int, default=30, show_default=True,
              help="Rincian paling banyak sekian kandidat yang tidak memenuhi syarat (0 = semua).")
def check(scenario: Path, position_id: str | None, nip: str | None, fmt: str, all_rules: bool, limit: int) -> None:
    """Periksa syarat: semua kandidat untuk --position, atau semua tujuan untuk --nip."""
    from planner.rules.check import check_report
    from planner.inputs.load import InputError

    if not position_id and not nip:
        raise click.UsageError("sebutkan --position ID atau --nip NIP")
    try:
        text = check_report(scenario, position_id=position_id, nip=nip, fmt=fmt, all_rules=all_rules,
                            limit=None if limit == 0 else limit)
    except InputError as exc:
        _input_errors(exc)
    click.echo(text)


@main.command()
@click.argument("run", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--position", "position_id", required=True, help="Jabatan yang dijelaskan.")
@click.option("--nip", default=None, help="Mengapa bukan PNS ini untuk jabatan tersebut?")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--time-limit", type=float, default=None,
              help="Batas waktu solver untuk menyusun ulang dengan --nip (default: pengaturan skenario).")
@click.option("--workers", type=int, default=None, help="Jumlah worker CP-SAT untuk menyusun ulang.")
@click.option("--no-resolve", is_flag=True, help="Dengan --nip: jangan susun ulang putaran (tanpa angka kerugian).")
def explain(run: Path, position_id: str, nip: str | None, fmt: str, time_limit: float | None,
            workers: int | None, no_resolve: bool) -> None:
    """Jelaskan usulan untuk satu jabatan dari folder RUN (untuk Baperjakat)."""
    from planner.api import explain as explain_post
    from planner.explain.explain import ExplainError
    from reports.explain_text import render_json, render_text
    from planner.inputs.load import InputError

    try:
        if nip is not None and not no_resolve:
            # The counterfactual on the round kept in memory (planner.session), not a second
            # whole pipeline: the scenario is loaded and its eligibility computed once.
            from planner.session import Session

            result = Session.open(run, warm=False).why_not(position_id, nip, time_limit=time_limit, workers=workers)
            result["run"] = str(run)
        else:
            result = explain_post(run, position_id, nip, resolve=not no_resolve, time_limit=time_limit,
                                  workers=workers)
    except ExplainError as exc:
        _fail(exc.messages)
    except InputError as exc:
        _input_errors(exc)
    except OSError as exc:  # RunFolderError included
        _file_error(exc, "Penjelasan tidak dapat disusun dari folder run ini")
    click.echo(render_json(result) if fmt == "json" else render_text(result))


@main.command()
@click.argument("run", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--publik", "--mask-nip", "public", is_flag=True,
              help="Salinan publik: NIP disamarkan (4 digit terakhir), usia dan rincian hukuman disiplin "
                   "tidak ditampilkan; nama berkas berakhiran -publik.")
@click.option("--samarkan-nama", "--mask-names", "mask_names", is_flag=True,
              help="Dengan --publik: nama ditulis inisial.")
@click.option("--pdf", "pdf", is_flag=True, help="Tulis juga PDF (A4, bernomor halaman) dengan Chromium headless.")
def report(run: Path, public: bool, mask_names: bool, pdf: bool) -> None:
    """Tulis bahan sidang Baperjakat (HTML, XLSX, grafik, PDF) ke RUN/laporan (tidak pernah menimpa)."""
    from reports.pack import write_report
    from reports.pdf import PdfError

    if mask_names and not public:
        raise click.UsageError("--samarkan-nama hanya berlaku bersama --publik")
    try:
        pack = write_report(run, mask_nip=public, mask_names=mask_names, pdf=pdf)
    except PdfError as exc:
        _fail([f"PDF tidak dibuat: {exc}"])
    except OSError as exc:  # RunFolderError included
        _file_error(exc, "Laporan tidak ditulis")
    for note in pack.notes:
        click.echo(f"Catatan: {note}", err=True)
    click.echo(f"Laporan ditulis ke {pack.folder}:")
    for f in pack.files:
        click.echo(f"  {f.name}")


@main.command()
@click.argument("runs", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Folder baru untuk hasil perbandingan (default: runs/compare-<waktu>).")
@click.option("--max-changes", type=int, default=25, show_default=True,
              help="Perubahan yang ditampilkan per run di terminal (semua ada di berkas).")
def compare(runs: tuple[Path, ...], out: Path | None, max_changes: int) -> None:
    """Bandingkan dua run atau lebih: mutasi yang berubah dan indikator berdampingan.

    Run pertama menjadi acuan. Hasil ditulis sebagai HTML, XLSX, CSV dan grafik.
    """
    from planner.scenarios.compare import compare_runs
    from reports.compare import render_text, write_comparison

    if len(runs) < 2:
        raise click.UsageError("sebutkan paling sedikit dua folder run")
    try:
        cmp = compare_runs(runs)
        folder = write_comparison(cmp, out)
    except OSError as exc:  # RunFolderError included
        _file_error(exc, "Perbandingan tidak ditulis")
    except ValueError as exc:
        _fail([str(exc)])
    click.echo(render_text(cmp, max_changes=max_changes))
    click.echo(f"\nPerbandingan ditulis ke {folder} (compare.html, compare.xlsx)")


@main.command()
@click.argument("base", type=click.Path(path_type=Path))
@click.option("--vary", "varies", multiple=True, required=True, metavar="KUNCI=NILAI1,NILAI2",
              help="Kunci skenario yang divariasikan (bertitik untuk pemetaan bersarang, mis. "
                   "weights.overdue_rotation=60,120 atau solver.seed=0,1). Boleh diulang: semua kombinasi.")
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Folder sweep baru (default: runs/sweep-<skenario>-<waktu>).")
@click.option("--scheduler", default=None, metavar="ALAMAT",
              help="Jalankan di klaster Dask, mis. tcp://10.0.0.5:8786 (folder harus terlihat semua worker).")
@click.option("--workers", type=int, default=None,
              help="Titik yang direncanakan bersamaan di mesin ini (default: satu per inti CPU).")
@click.option("--solver-workers", type=int, default=None,
              help="Thread CP-SAT per titik (default: inti CPU dibagi --workers).")
@click.option("--time-limit", type=float, default=None, help="Batas waktu solver per titik (detik).")
def sweep(base: Path, varies: tuple[str, ...], out: Path | None, scheduler: str | None, workers: int | None,
          solver_workers: int | None, time_limit: float | None) -> None:
    """Rencanakan kisi skenario di sekitar BASE lalu bandingkan semuanya."""
    from planner.inputs.load import InputError
    from planner.api import sweep as run_sweep
    from planner.scenarios.sweep import parse_vary
    from reports.sweep_text import render_sweep

    if workers is not None and workers < 1:
        raise click.UsageError("--workers paling sedikit 1")
    if solver_workers is not None and solver_workers < 1:
        raise click.UsageError("--solver-workers paling sedikit 1")
    try:
        parsed = [parse_vary(v) for v in varies]
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    try:
        result = run_sweep(base, parsed, out=out, workers=workers, solver_workers=solver_workers,
                           scheduler=scheduler, time_limit=time_limit, report=lambda s: click.echo(s, err=True))
    except InputError as exc:
        _input_errors(exc)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    except OSError as exc:  # planner.files.FolderError included
        _file_error(exc, "Sweep tidak diselesaikan")
    except RuntimeError as exc:
        _fail([str(exc)])
    click.echo(render_sweep(result))
    if result.failed:
        sys.exit(1)


@main.command()
@click.argument("source", required=False, type=click.Path(path_type=Path, exists=True))
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port di 127.0.0.1 (0 = port bebas mana pun).")
def serve(source: Path | None, port: int) -> None:
    """Tinjau putaran di peramban: buka SOURCE (folder skenario atau folder run), kunci, larang,
    susun ulang, simpan versi.

    Hanya mendengarkan di 127.0.0.1, dengan token acak pada alamat yang dicetak; berkas
    masukan tidak pernah diubah. Ctrl-C untuk berhenti (versi yang disimpan tetap ada)."""
    from planner.web.app import serve as run_server

    try:
        run_server(source, port, echo=click.echo)
    except OSError as exc:  # the port is taken, or cannot be bound
        import errno

        why = {errno.EADDRINUSE: "sudah dipakai program lain", errno.EACCES: "tidak ada izin (port di bawah 1024)"}
        _fail([f"[GALAT] port {port} di 127.0.0.1 tidak dapat dipakai: "
               f"{why.get(exc.errno, exc.strerror or type(exc).__name__)}; pilih yang lain dengan --port"])
    except KeyboardInterrupt:
        pass


@main.command()
@click.argument("pack", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text", show_default=True)
@click.option("--moves/--no-moves", default=True, help="Tampilkan juga tabel jalur mutasi.")
def rules(pack: str | None, fmt: str, moves: bool) -> None:
    """Tampilkan paket aturan PACK: setiap parameter dan jalur mutasi dengan pasalnya.

    Tanpa PACK: daftar paket aturan yang tersedia."""
    import json

    import pandas as pd

    from models.enums import KIND_LABEL, MOVE_TYPE_LABEL
    from planner.rules.pack import available_packs, load_rule_pack

    if pack is None:
        for name in available_packs():
            click.echo(f"{name:20s} {load_rule_pack(name).title}")
        return
    try:
        rp = load_rule_pack(pack)
    except ValueError as exc:
        _fail([f"[GALAT] {exc}"])
    params = pd.DataFrame(rp.describe())
    table = rp.move_table()
    if fmt == "json":
        click.echo(json.dumps({"name": rp.name, "title": rp.title, "parameters": params.to_dict("records"),
                               "moves": table.to_dict("records") if moves else []},
                              ensure_ascii=False, indent=1, default=str))
        return
    if fmt == "csv":
        from planner.files.cells import csv_string

        click.echo(csv_string(table if moves else params).rstrip("\n"))
        return
    click.echo(f"{rp.name}: {rp.title}\n\nPARAMETER")
    for row in params.itertuples():
        click.echo(f"  {row.parameter} = {row.value}\n      ({row.article})")
    if moves:
        click.echo("\nJALUR MUTASI")

        def grade(kind, eselon, level):
            return " ".join(x for x in (KIND_LABEL.get(kind, kind), eselon, (level or "").replace("_", " ")) if x)

        for row in table.itertuples():
            click.echo(f"  {grade(row.from_kind, row.from_eselon, row.from_jf_level)} → "
                       f"{grade(row.to_kind, row.to_eselon, row.to_jf_level)} "
                       f"[{MOVE_TYPE_LABEL[row.move_type]}] ({row.article})")

if __name__ == "__main__":  # pragma: no cover
    main()
