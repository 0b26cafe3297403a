"""Command line: a thin layer over the library API (``planner.api``-level functions).

Exit status: 0 success, 1 invalid input (every message printed), 2 usage error (click).
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from planner.load import load


def _fail(messages: list[str]) -> None:
    for m in messages:
        click.echo(m, err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pemda-placement-planner")
def main() -> None:
    """Perencana mutasi PNS pemerintah daerah (placement planner)."""


@main.command()
@click.argument("scenario", type=click.Path(path_type=Path))
@click.option("--show-warnings/--hide-warnings", default=True, help="Tampilkan peringatan.")
def validate(scenario: Path, show_warnings: bool) -> None:
    """Periksa SCENARIO (scenario.yaml atau foldernya): semua galat sekaligus."""
    from planner.summary import render_summary, summarise

    data = load(scenario)
    if data.scenario is not None and not data.errors:
        click.echo(render_summary(summarise(data)))
    shown = data.errors + (data.warnings if show_warnings else [])
    for f in shown:
        click.echo(str(f), err=f.severity == "error")
    if data.errors:
        click.echo(f"\n{len(data.errors)} galat ditemukan; perbaiki lalu jalankan lagi.", err=True)
        sys.exit(1)
    click.echo("Data valid." if not data.warnings else f"Data valid ({len(data.warnings)} peringatan).")


@main.command()
@click.option("--size", type=click.Choice(["kecil", "kabupaten", "provinsi"]), default="kecil", show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--out", "out", type=click.Path(path_type=Path), required=True, help="Folder baru untuk skenario.")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default="2026-12-01", show_default=True)
@click.option("--rule-pack", default="karawang-2020", show_default=True)
def generate(size: str, seed: int, out: Path, as_of, rule_pack: str) -> None:
    """Buat skenario sintetis yang realistis (untuk demo, uji, dan benchmark)."""
    from planner.generate import generate_scenario

    try:
        counts = generate_scenario(size, seed, out, as_of=as_of.date(), rule_pack=rule_pack)
    except FileExistsError as exc:
        _fail([str(exc)])
    click.echo(f"Skenario {size} (seed {seed}) ditulis ke {out}")
    for k, v in counts.items():
        click.echo(f"  {k}: {v}")


if __name__ == "__main__":  # pragma: no cover
    main()


def _input_errors(exc) -> None:
    _fail([str(f) for f in exc.findings] + [f"\n{len(exc.findings)} galat; rencana tidak dibuat."])


@main.command()
@click.argument("scenario", type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="Folder run baru (default: runs/<skenario>-<waktu>).")
@click.option("--time-limit", type=float, default=None, help="Batas waktu solver (detik).")
@click.option("--workers", type=int, default=None, help="Jumlah worker CP-SAT.")
@click.option("--seed", type=int, default=None, help="Seed solver.")
@click.option("--quiet", is_flag=True, help="Tanpa laporan kemajuan.")
def plan(scenario: Path, out: Path | None, time_limit: float | None, workers: int | None, seed: int | None,
         quiet: bool) -> None:
    """Susun rencana mutasi satu putaran untuk SCENARIO dan tulis folder run baru."""
    from planner.api import plan_round
    from planner.load import InputError

    try:
        result, folder = plan_round(scenario, out=out, time_limit=time_limit, workers=workers, seed=seed,
                                    report=None if quiet else (lambda s: click.echo(s, err=True)))
    except InputError as exc:
        _input_errors(exc)
    except FileExistsError as exc:
        _fail([str(exc)])
    k = result.kpis
    click.echo(f"Status solver : {result.status}{' (dihentikan pengguna)' if result.interrupted else ''}, "
               f"objektif {result.objective:,.1f}, batas {result.bound:,.1f}, selisih {result.gap * 100:.2f} %")
    click.echo(f"Jabatan terisi: {k['posts_filled']} (kosong sebelum {k['vacant_before']}, sesudah {k['vacant_after']}); "
               f"jabatan kritis terisi {k['critical_filled']} dari {k['critical_vacant_before']}")
    click.echo(f"Mutasi        : {k['moves']} (vertikal {k['moves_vertical']}, horizontal {k['moves_horizontal']}, "
               f"diagonal {k['moves_diagonal']}); rantai/tukar/rotasi {k['chains']}; "
               f"pejabat ≥5 th dirotasi {k['overdue_rotated']}")
    if result.greedy:
        g = result.greedy
        click.echo(f"Pembanding    : pengisian satu per satu (manual) mengisi {g['posts_filled']} jabatan, "
                   f"nilai {g['value']:,.1f} vs model {g['model_value']:,.1f}")
    click.echo(f"Waktu         : " + ", ".join(f"{k} {v:.2f} s" for k, v in result.timings.items()))
    click.echo(f"Folder run    : {folder}")


@main.command()
@click.argument("scenario", type=click.Path(path_type=Path))
@click.option("--position", "position_id", default=None, help="Kandidat untuk jabatan ini.")
@click.option("--nip", default=None, help="Jabatan yang dapat dituju PNS ini.")
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text", show_default=True)
@click.option("--all-rules", is_flag=True, help="Tampilkan juga aturan yang terpenuhi.")
def check(scenario: Path, position_id: str | None, nip: str | None, fmt: str, all_rules: bool) -> None:
    """Periksa syarat: semua kandidat untuk --position, atau semua tujuan untuk --nip."""
    from planner.check import check_report
    from planner.load import InputError

    if not position_id and not nip:
        raise click.UsageError("sebutkan --position ID atau --nip NIP")
    try:
        text = check_report(scenario, position_id=position_id, nip=nip, fmt=fmt, all_rules=all_rules)
    except InputError as exc:
        _input_errors(exc)
    click.echo(text)
