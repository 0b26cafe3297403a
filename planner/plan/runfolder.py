"""The run folder: the one module that writes it and reads it.

A run folder holds ``plan.json`` (the :class:`models.plan.Plan`), the flat CSV views of the
data contract (plan.csv, shortlist.csv, unfilled.csv), ``checks.csv`` (every applicable
rule verdict behind every nominee), ``passed_over.csv`` (every eligible candidate of a
filled post who scores higher than the chosen one, and why not chosen) and ``rule_pack.json``. It is written whole or not at
all: into a temporary sibling renamed into place when complete (planner.files.atomic),
so a killed or failed run leaves nothing that looks like a run, and two runs with the
same ``--out`` cannot both succeed. Every text cell of the CSVs is neutralised against
formula injection (planner.files.cells) and restored when read back here.

Anything wrong with a folder, reading or writing, is a :class:`RunFolderError` whose
message (Indonesian) names the folder.
"""
from __future__ import annotations

import json
import re
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import BaseModel, ValidationError

from models.plan import Move, Nominee, PassedOver, Plan, Unfilled
from planner.files.atomic import (
    FolderError,
    FolderTaken,
    PendingFolder,
    claim_folder,
    is_temporary,
    os_message,
)
from planner.files.cells import unquote_frame, write_csv
from planner.rules.eligibility import CHECK_COLUMNS

RUNS_DIR = Path("runs")


class RunFolderError(FolderError):
    """A run folder that cannot be written or read (message in Indonesian, naming it)."""


class RunFolderTaken(RunFolderError, FileExistsError):
    """The target already holds something (an earlier run, or a concurrent one)."""


def _wrap(exc: FolderError) -> RunFolderError:
    return (RunFolderTaken if isinstance(exc, FolderTaken) else RunFolderError)(str(exc))


# ----------------------------------------------------------------------- CSV views

def _view(model: type[BaseModel], contract: str, additions: str, json_only: str) -> list[str]:
    """The columns of a CSV view of ``model``: the data contract's columns, then the run
    folder's additions (docs/data-contract.md, in that order). Every field of the model is
    either a column or declared JSON-only, so a field added to the model must be placed
    here, and a renamed field fails at import instead of writing a stale header."""
    cols, skip = contract.split() + additions.split(), set(json_only.split())
    fields = set(model.model_fields)
    unknown = (set(cols) | skip) - fields
    unplaced = fields - set(cols) - skip
    if unknown or unplaced or len(set(cols)) != len(cols):
        raise RuntimeError(f"{model.__name__}: CSV view out of step with the model "
                           f"(unknown {sorted(unknown)}, unplaced {sorted(unplaced)})")
    return cols


PLAN_COLUMNS = _view(Move, "nip name from_position_id to_position_id move_type score",
                     "rank from_title from_unit to_title to_unit chain chain_kind article",
                     json_only="from_kind to_kind to_critical score_terms overdue tenure_months")
SHORTLIST_COLUMNS = _view(Nominee, "position_id rank nip score chosen", "name", json_only="purpose")
UNFILLED_COLUMNS = _view(Unfilled, "position_id reason recommendation",
                         "title unit kind critical eligible_candidates reason_text",
                         json_only="considered excluded_by_rule")
# Issue 10 item 2 fixes these columns; the name and the post the reason names are in plan.json.
PASSED_OVER_COLUMNS = _view(PassedOver, "position_id nip score chosen_nip chosen_score reason detail", "",
                            json_only="name other_position_id")
CHECKS_COLUMNS = [c for c in CHECK_COLUMNS if c != "applies"]  # checks.csv holds applicable verdicts only


def _frame(items: list[BaseModel], model: type[BaseModel], columns: list[str]) -> pd.DataFrame:
    rows = [item.model_dump(mode="json") for item in items]
    return pd.DataFrame(rows, columns=list(model.model_fields))[columns]


# ----------------------------------------------------------------------- writing

def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "run"


def reserve_run(name: str, out: str | Path | None = None, base: Path = RUNS_DIR) -> PendingFolder:
    """A run folder being written: ``.path`` is where to write, ``.commit()`` puts it in place.

    ``out`` must not exist yet (or be an empty folder); by default the folder is
    ``runs/<scenario>-<timestamp>``, with ``-2``, ``-3``, ... when that name is taken
    (also when another run takes it while this one is being written)."""
    try:
        if out is not None:
            return PendingFolder(out)
        base = Path(base)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        names = iter(base / (f"{_slug(name)}-{stamp}" + ("" if i == 1 else f"-{i}")) for i in range(1, 1000))
        target = next(p for p in names if not p.exists())
        return _AutoNamed(target, names)
    except FolderError as exc:
        raise _wrap(exc) from None
    except StopIteration:
        raise RunFolderError(f"{base}: tidak dapat membuat folder run baru (terlalu banyak run dengan nama sama)") \
            from None


class _AutoNamed(PendingFolder):
    """A default-named run folder: when the name is taken at commit, the next one is used."""

    def __init__(self, target: Path, names):
        super().__init__(target)
        self._names = names

    def commit(self) -> Path:
        while True:
            try:
                return super().commit_once()
            except FolderTaken:
                nxt = next((p for p in self._names if not p.exists()), None)
                if nxt is None:
                    self.discard()
                    raise
                self.target = nxt


def claim_dir(name: str, out: str | Path | None, claim: str, base: Path = RUNS_DIR) -> Path:
    """A folder filled over time by several processes (a sweep: its points' run folders go
    into it), claimed exclusively by creating the file ``claim`` in it: ``out`` (new or
    empty) or ``runs/<name>-<timestamp>`` with a suffix when taken."""
    try:
        if out is not None:
            return claim_folder(out, claim)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        for i in range(1, 1000):
            target = Path(base) / (f"{_slug(name)}-{stamp}" + ("" if i == 1 else f"-{i}"))
            if target.exists():
                continue
            try:
                return claim_folder(target, claim)
            except FolderTaken:
                continue
    except FolderError as exc:
        raise _wrap(exc) from None
    raise RunFolderError(f"{base}: tidak dapat membuat folder baru (terlalu banyak folder dengan nama sama)")


def commit_run(pending: PendingFolder) -> Path:
    try:
        return pending.commit()
    except FolderError as exc:
        raise _wrap(exc) from None


def write_run(plan: Plan, folder: Path, checks: pd.DataFrame, rule_pack_rows: list[dict],
              started: float | None = None, target: Path | None = None) -> None:
    """Write the files of a run into ``folder`` (the pending folder's path); plan.json last
    and once, with the write time (and, given ``started``, the total) already in it.
    ``target``: the folder's final name, for messages."""
    t0 = time.perf_counter()
    folder = Path(folder)
    try:
        write_csv(_frame(plan.moves, Move, PLAN_COLUMNS), folder / "plan.csv")
        write_csv(_frame(plan.shortlist, Nominee, SHORTLIST_COLUMNS), folder / "shortlist.csv")
        write_csv(_frame(plan.unfilled, Unfilled, UNFILLED_COLUMNS), folder / "unfilled.csv")
        write_csv(_frame(plan.passed_over, PassedOver, PASSED_OVER_COLUMNS), folder / "passed_over.csv")
        write_csv(checks.reindex(columns=[c for c in CHECKS_COLUMNS if c in checks.columns]
                                 + [c for c in checks.columns if c not in CHECKS_COLUMNS]), folder / "checks.csv")
        (folder / "rule_pack.json").write_text(json.dumps(rule_pack_rows, ensure_ascii=False, indent=1, default=str),
                                               encoding="utf-8")
        plan.timings["write"] = round(time.perf_counter() - t0, 3)
        if started is not None:
            plan.timings["total"] = round(time.perf_counter() - started, 3)
        (folder / "plan.json").write_text(plan.model_dump_json(indent=1), encoding="utf-8")
    except OSError as exc:
        raise RunFolderError("hasil run tidak ditulis: " + os_message(exc, target or folder)) from None


# ----------------------------------------------------------------------- reading

def _run_folder(folder: str | Path) -> Path:
    folder = Path(folder)
    if is_temporary(folder):
        raise RunFolderError(f"{folder}: folder sementara dari run yang tidak selesai (dihentikan atau gagal), "
                             "bukan folder run; hapus folder ini dan jalankan planner plan lagi")
    if not folder.is_dir():
        raise RunFolderError(f"{folder}: folder run tidak ditemukan")
    return folder


def read_plan(folder: str | Path) -> Plan:
    """The plan of a run folder (RunFolderError when plan.json is missing, empty or invalid)."""
    folder = _run_folder(folder)
    path = folder / "plan.json"
    if not path.is_file():
        raise RunFolderError(f"{folder}: bukan folder run (plan.json tidak ada)")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RunFolderError(f"{path}: tidak dapat dibaca ({_why(exc)})") from None
    if not text.strip():
        raise RunFolderError(f"{path}: berkas kosong; folder run rusak (penulisan tidak selesai), "
                             "jalankan planner plan lagi")
    try:
        return Plan.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first.get("loc", ())) or "(akar)"
        raise RunFolderError(f"{path}: bukan rencana yang sah ({exc.error_count()} kesalahan; pertama di "
                             f"{where}: {first.get('msg', '')}); folder run rusak atau dari versi lain") from None


def read_checks(folder: str | Path) -> pd.DataFrame:
    """checks.csv of a run folder, text restored and ``passed`` as bool (RunFolderError when
    missing or unreadable)."""
    folder = _run_folder(folder)
    path = folder / "checks.csv"
    if not path.is_file():
        raise RunFolderError(f"{folder}: checks.csv tidak ada; folder run tidak lengkap, jalankan planner plan lagi")
    c = _read_table(path, CHECKS_COLUMNS)
    c["passed"] = c["passed"].str.lower() == "true"
    return c


def _read_table(path: Path, columns: list[str]) -> pd.DataFrame:
    """A CSV of the run folder as text, its cells unquoted (RunFolderError, located, when it
    is empty, unreadable or lacks one of ``columns``)."""
    try:
        c = pd.read_csv(path, dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError:
        raise RunFolderError(f"{path}: berkas kosong; folder run rusak, jalankan planner plan lagi") from None
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise RunFolderError(f"{path}: tidak dapat dibaca ({_why(exc)})") from None
    missing = [col for col in columns if col not in c.columns]
    if missing:
        raise RunFolderError(f"{path}: kolom {', '.join(missing)} tidak ada; folder run rusak atau dari versi lain")
    return unquote_frame(c)


def has_passed_over(folder: str | Path) -> bool:
    """Whether the run recorded passed_over.csv (runs written before issue 10 did not)."""
    return (_run_folder(folder) / "passed_over.csv").is_file()


def read_passed_over(folder: str | Path) -> pd.DataFrame:
    """passed_over.csv of a run folder, text restored and scores as numbers; an empty frame
    with its columns for a run written before the file existed (RunFolderError when
    present but unreadable or missing a column)."""
    path = _run_folder(folder) / "passed_over.csv"
    if not path.is_file():
        return pd.DataFrame(columns=PASSED_OVER_COLUMNS)
    c = _read_table(path, PASSED_OVER_COLUMNS)
    for col in ("score", "chosen_score"):
        c[col] = pd.to_numeric(c[col], errors="coerce")
    return c


def read_rule_pack(folder: str | Path) -> list[dict[str, Any]]:
    """rule_pack.json of a run folder ([] when absent: older runs did not write it)."""
    path = _run_folder(folder) / "rule_pack.json"
    if not path.is_file():
        return []
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise RunFolderError(f"{path}: tidak dapat dibaca ({_why(exc)})") from None
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise RunFolderError(f"{path}: bukan daftar parameter paket aturan")
    return rows


def _why(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return os_message(exc, getattr(exc, "filename", "") or "").lstrip(": ")
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
