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
