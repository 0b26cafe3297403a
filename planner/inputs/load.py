"""Reading a scenario folder: the scenario file (with ``extends``) and its four tables.

Nothing here writes. Every problem becomes a :class:`~models.schema.Finding` naming file,
row and column, and loading carries on so that the user sees all problems at once. Two
promises hold for any bytes on disk: no exception escapes (a damaged file is a message),
and nothing is dropped or defaulted silently (a row that cannot be read whole is an error
naming its line; a left-out column is an error, or a warning saying what was assumed).
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable, Sequence
from typing import Annotated, Any, get_args, get_origin

import pandas as pd
import yaml
from pydantic import TypeAdapter, ValidationError

from models.schema import (
    ABSENT_COLUMN_DEFAULTS,
    SHOWN_VALUE_MAX,
    TABLE_MODELS,
    Finding,
    Scenario,
    control_message,
)
from planner.inputs.clerk import (
    _DMY,
    DELIMITERS,
    Normaliser,
    decode,
    detect_delimiter,
    header_key,
    match_header,
)
from planner.inputs.data import InputError, ScenarioData
from planner.inputs.validate import check_scenario

__all__ = [
    "SCENARIO_FILE",
    "TABLES",
    "InputError",
    "ScenarioData",
    "load",
    "load_scenario_file",
    "load_valid",
    "parse_table",
    "read_table",
    "scenario_file",
]

SCENARIO_FILE = "scenario.yaml"
TABLES = ("positions", "employees", "history", "discipline")
# Tables a round cannot do without: a header-only file is an error, not an empty region.
NEEDS_ROWS = ("positions", "employees")
# The key each table is referred to by from the others.
KEY_COLUMN = {"positions": "position_id", "employees": "nip"}

MAX_SCENARIO_BYTES = 2_000_000  # a scenario file is a few kB; more is not a scenario
MAX_EXTENDS = 32  # files in one extends chain
# YAML aliases (*name) repeat a node without copying it: 1 kB can stand for 10^9 nodes
# ("billion laughs"). Counted with every alias expanded, a scenario stays far below this.
MAX_YAML_NODES = 100_000
MAX_YAML_DEPTH = 64
MAX_TABLE_BYTES = 512 * 1024 * 1024


def _fmt(n: int) -> str:
    """A count the Indonesian way: 1.473."""
    return f"{n:,}".replace(",", ".")


# ----------------------------------------------------------------------------- scenario


def scenario_file(path: str | Path) -> Path:
    """SCENARIO may be the YAML file or the folder holding ``scenario.yaml``."""
    p = Path(path)
    return p / SCENARIO_FILE if _is(p, "dir") else p


def _is(p: Path, kind: str) -> bool:
    """``Path.is_file``/``is_dir``/``exists`` that answer False for a path the OS refuses
    (too long, NUL byte, no permission) instead of raising."""
    try:
        return {"file": p.is_file, "dir": p.is_dir, "any": p.exists}[kind]()
    except (OSError, ValueError):
        return False


def _resolve(base: Path, ref: str) -> Path | None:
    try:
        return (base / ref).resolve()
    except (OSError, ValueError, RuntimeError):
        return None


def _missing(path: Path, what: str) -> str:
    return "bukan berkas biasa (folder atau perangkat)" if _is(path, "any") else f"{what} tidak ditemukan"


def _absolute(path: str | Path) -> Path:
    p = scenario_file(path)
    return _resolve(p.parent, p.name) or p.absolute()


# A data entry whose path cannot even be formed: relative, so never read (see load()).
_BAD_PATH = "<path tidak sah>"


class _ScenarioLoader(yaml.SafeLoader):
    """SafeLoader that records duplicate keys and leaves impossible dates to the schema.

    PyYAML keeps the last of two equal keys silently, and raises a bare ``ValueError``
    (not a YAML error) on ``as_of: 2026-02-30``.
    """

    def __init__(self, stream: str):
        super().__init__(stream)
        self.duplicates: list[tuple[str, int, int]] = []  # key, line, line of the first

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge" or not isinstance(key_node, yaml.ScalarNode):
                    continue
                key = self.construct_object(key_node)
                try:
                    first = seen.setdefault(key, key_node.start_mark.line + 1)
                except TypeError:  # unhashable: PyYAML reports it itself
                    continue
                if first != key_node.start_mark.line + 1:
                    self.duplicates.append((str(key), key_node.start_mark.line + 1, first))
        return super().construct_mapping(node, deep)


def _timestamp(loader: _ScenarioLoader, node: yaml.Node) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:  # 2026-02-30: the schema says "tanggal tidak ada di kalender" at its key
        return loader.construct_scalar(node)


_ScenarioLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _expansion(root: yaml.Node) -> tuple[int, int, bool]:
    """Nodes with every alias expanded, nesting depth, and whether an alias loops.

    Iterative and memoised on node identity: a shared node is measured once, so a
    billion-laughs file is measured in microseconds.
    """
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    active: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]

    def children(n: yaml.Node) -> list[yaml.Node]:
        if isinstance(n, yaml.SequenceNode):
            return list(n.value)
        if isinstance(n, yaml.MappingNode):
            return [x for pair in n.value for x in pair]
        return []

    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            kids = children(node)
            size[key] = 1 + sum(size[id(c)] for c in kids)
            depth[key] = 1 + max((depth[id(c)] for c in kids), default=0)
            active.discard(key)
            if size[key] > MAX_YAML_NODES or depth[key] > MAX_YAML_DEPTH:
                return size[key], depth[key], False
            continue
        if key in size:
            continue
        active.add(key)
        stack.append((node, True))
        for c in children(node):
            if id(c) in active:
                return 0, 0, True
            if id(c) not in size:
                stack.append((c, False))
    return size[id(root)], depth[id(root)], False


def _yaml_error(name: str, message: str, line: int | None = None, column: str | None = None) -> Finding:
    return Finding(severity="error", file=name, row=line, column=column, message=message)


def _parse_yaml(path: Path, name: str) -> tuple[Any, list[Finding]]:
    """One YAML file as Python data, or the one message saying why it cannot be read."""
    try:
        if path.stat().st_size > MAX_SCENARIO_BYTES:
            return None, [_yaml_error(name, f"berkas skenario terlalu besar (lebih dari "
                                            f"{_fmt(MAX_SCENARIO_BYTES // 1000)} kB)")]
        blob = path.read_bytes()
    except OSError as exc:
        return None, [_yaml_error(name, f"berkas skenario tidak dapat dibaca: {exc.strerror or exc}")]
    try:
        text = blob.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [_yaml_error(name, _not_utf8(blob, exc, "YAML"))]
    loader = _ScenarioLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, []
        size, depth, loops = _expansion(node)
        if loops:
            return None, [_yaml_error(name, "alias YAML (*nama) merujuk dirinya sendiri; tulis nilainya langsung")]
        if size > MAX_YAML_NODES:
            return None, [_yaml_error(name, f"isi YAML terlalu besar setelah alias (*nama) dikembangkan "
                                            f"(lebih dari {_fmt(MAX_YAML_NODES)} nilai); tulis nilainya langsung")]
        if depth > MAX_YAML_DEPTH:
            return None, [_yaml_error(name, f"isi YAML bersarang terlalu dalam (lebih dari {MAX_YAML_DEPTH} tingkat)")]
        raw = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        what = getattr(exc, "problem", None) or str(exc)
        return None, [_yaml_error(name, f"YAML tidak dapat dibaca: {str(what)[:200]}",
                                  None if mark is None else mark.line + 1)]
    except RecursionError:
        return None, [_yaml_error(name, "isi YAML bersarang terlalu dalam")]
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        return None, [_yaml_error(name, f"YAML berisi nilai yang tidak dapat dibaca: {str(exc)[:200]}")]
    finally:
        loader.dispose()
    findings = [_yaml_error(name, f"kunci ganda; sudah ditulis di baris {first} (YAML diam-diam memakai yang "
                                  "terakhir); hapus salah satu", line, key[:SHOWN_VALUE_MAX])
                for key, line, first in loader.duplicates]
    return raw, findings


def _read_chain(path: Path) -> tuple[dict[str, Any], list[Finding]]:
    """Read a scenario file and what it extends, merged (child wins). Iterative: a chain
    of 1,500 files is a message, not a RecursionError."""
    chain: list[tuple[Path, dict[str, Any]]] = []
    findings: list[Finding] = []
    cur = path
    while True:
        name = cur.name if not chain else str(cur)
        if cur in (p for p, _ in chain):
            cycle = " → ".join(p.name for p in (*(p for p, _ in chain), cur))
            return {}, findings + [_yaml_error(chain[-1][0].name if len(chain) == 1 else str(chain[-1][0]),
                                               f"extends berputar: {cycle}", column="extends")]
        if len(chain) >= MAX_EXTENDS:
            return {}, findings + [_yaml_error(path.name, f"rantai extends terlalu panjang (lebih dari "
                                                          f"{MAX_EXTENDS} berkas)", column="extends")]
        if not _is(cur, "file"):
            return {}, findings + [_yaml_error(str(cur)[:300], _missing(cur, "berkas skenario"))]
        raw, found = _parse_yaml(cur, name)
        findings += found
        if raw is None and not found:
            raw = {}  # an empty file: the schema says what is missing
        if not isinstance(raw, dict):
            return {}, findings or [_yaml_error(name, "isi skenario harus berupa pemetaan kunci: nilai")]
        raw = {str(k) if not isinstance(k, str) else k: v for k, v in raw.items()}
        # Paths are relative to the file that names them. A `data:` that is not a mapping
        # is left for the schema to report; `data: null` means "the defaults".
        if "data" in raw and raw["data"] is None:
            del raw["data"]
        if isinstance(raw.get("data"), dict):
            resolved = {}
            for k, v in raw["data"].items():
                if isinstance(v, str) and v.strip():
                    target = _resolve(cur.parent, v)
                    if target is None:
                        findings.append(_yaml_error(name, "bukan path berkas yang sah", column=f"data.{k}"))
                    v = _BAD_PATH if target is None else str(target)
                resolved[k] = v
            raw["data"] = resolved
        base_ref = raw.pop("extends", None)
        chain.append((cur, raw))
        if base_ref is None:
            break
        if not isinstance(base_ref, str) or not base_ref.strip():
            return {}, findings + [_yaml_error(name, "extends harus nama berkas skenario dasar",
                                               column="extends")]
        nxt = _resolve(cur.parent, base_ref)
        if nxt is None:
            return {}, findings + [_yaml_error(name, "extends bukan path berkas yang sah", column="extends")]
        cur = nxt
    root_path, root = chain[-1]
    # The root of an extends chain owns the default data files: a scenario that extends
    # another and names no data uses the base's data.
    if "data" not in root or isinstance(root["data"], dict):
        root["data"] = {**{t: str(root_path.parent / f"{t}.csv") for t in TABLES}, **root.get("data", {})}
    merged: dict[str, Any] = {}
    for _, raw in reversed(chain):
        merged = _merge(merged, raw)
    return merged, findings


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Child keys replace the base's; mappings (weights, solver, data, ...) merge one level."""
    out = dict(base)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


# Keys whose entries are checked one by one: one bad lock must not hide the others.
_LIST_KEYS = ("locks", "bans", "keep", "reserve")


def _scenario(path: str | Path) -> tuple[Scenario | None, list[Finding], dict[str, list[int]]]:
    file = _absolute(path)
    raw, findings = _read_chain(file)
    if any(f.severity == "error" for f in findings) and not raw:
        return None, findings, {}
    try:
        return Scenario.model_validate(raw), findings, {}
    except ValidationError as exc:
        errs = exc.errors()
    findings = findings + [
        Finding(severity="error", file=file.name, column=".".join(str(p) for p in err["loc"]) or None,
                value=_shown(err.get("input")), message=_message(err))
        for err in errs
    ]
    # Build what can be built without the bad parts, so that the tables are checked too.
    bad_keys: set[str] = set()
    bad_items: dict[str, set[int]] = {}
    bad_data: set[str] = set()
    for err in errs:
        loc = err["loc"]
        if not loc:
            continue
        key = str(loc[0])
        if key in _LIST_KEYS and len(loc) >= 2 and isinstance(loc[1], int) and isinstance(raw.get(key), list):
            bad_items.setdefault(key, set()).add(loc[1])
        elif key == "data" and len(loc) >= 2 and isinstance(raw.get("data"), dict):
            bad_data.add(str(loc[1]))
        else:
            bad_keys.add(key)
    partial = {k: v for k, v in raw.items() if k not in bad_keys}
    index: dict[str, list[int]] = {}
    for key, bad in bad_items.items():
        if key in partial:
            index[key] = [i for i in range(len(partial[key])) if i not in bad]
            partial[key] = [partial[key][i] for i in index[key]]
    if bad_data and "data" in partial:
        # A bad entry falls back to a relative default, which load() never reads: a typo
        # under `data:` must not make the planner read tables from the current directory.
        partial["data"] = {k: v for k, v in partial["data"].items() if str(k) not in bad_data}
    try:
        return Scenario.model_validate(partial), findings, index
    except ValidationError:
        return None, findings, {}


def load_scenario_file(path: str | Path) -> tuple[Scenario | None, list[Finding]]:
    """Resolve ``extends`` and validate the scenario. Unknown keys are errors.

    When some keys are wrong, the scenario is still built without them (if name and
    ``as_of`` are sound) so that the tables can be checked too: all errors at once.
    The caller must treat any error finding as fatal.
    """
    scenario, findings, _ = _scenario(path)
    return scenario, findings


# ------------------------------------------------------------------------------- tables


@dataclass
class RawTable:
    """A table as text cells: the header, and each row with the line it starts on."""

    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    sheet: str | None = None  # the worksheet read, for XLSX input
    lines: list[int] = field(default_factory=list)
    # Keys seen anywhere in the file, also on lines that could not be read as a row:
    # references to them are then not reported as unknown on top of the real problem.
    keys: set[str] = field(default_factory=set)
    normaliser: Normaliser | None = None  # what was normalised, for the warnings
    # Lines already reported by the reader as unusable (a NIP that lost digits): left out
    # of the typed table so that no check runs on a value known to be wrong.
    bad_lines: set[int] = field(default_factory=set)
    # NIPs Excel stored as floats (digits lost): a reference elsewhere that rounds to one
    # of them is that person, not an "unknown NIP".
    lossy_nips: set[str] = field(default_factory=set)  # 15 significant digits, as Excel keeps

    def column(self, name: str) -> list[str]:
        i = self.header.index(name)
        return [r[i] for r in self.rows]


def _not_utf8(blob: bytes, exc: UnicodeDecodeError, what: str) -> str:
    line = blob.count(b"\n", 0, exc.start) + 1
    byte = blob[exc.start:exc.start + 1].hex().upper()
    hint = "simpan ulang sebagai 'CSV UTF-8'" if what == "CSV" else "simpan ulang dengan pengodean UTF-8"
    return (f"berkas bukan UTF-8 (byte 0x{byte} di baris {_fmt(line)}, mis. disimpan sebagai ANSI/Latin-1 "
            f"atau UTF-16); {hint}")


def _cell(v: Any) -> str:
    """An XLSX cell as the text a CSV would hold."""
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        # A date cell is a datetime at midnight; a time of day is not a date and is shown
        # as written so that the date check rejects it.
        return v.date().isoformat() if v.time() == dt.time(0) else v.isoformat(sep=" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _header_findings(header: list[str], name: str) -> list[Finding]:
    """Two columns with one name: which one holds the data is anyone's guess."""
    seen: dict[str, int] = {}
    out = []
    for i, h in enumerate(header, start=1):
        if not h:
            continue
        if h in seen:
            out.append(Finding(severity="error", file=name, row=1, column=h,
                               message=f"nama kolom muncul dua kali di baris judul (kolom ke-{seen[h]} dan "
                                       f"ke-{i}); hapus atau ganti nama salah satu"))
        else:
            seen[h] = i
    return out


def _recover_keys(lines: list[str], start: int, end: int, col: int, sep: str = ",") -> set[str]:
    """Keys on physical lines ``start..end`` read one line at a time, ignoring quotes."""
    keys = set()
    for text in lines[start - 1:end]:
        fields = text.rstrip("\r\n").split(sep)
        if len(fields) > col:
            keys.add(fields[col].strip().strip('"').strip())
    return keys


def _read_csv(path: Path, table: str) -> tuple[RawTable | None, list[Finding]]:
    name = path.name
    if path.suffix.lower() == ".xls":
        return None, [Finding(severity="error", file=name, message="format Excel lama (.xls) tidak didukung; "
                              "simpan sebagai .xlsx atau CSV UTF-8")]
    try:
        if path.stat().st_size > MAX_TABLE_BYTES:
            return None, [Finding(severity="error", file=name, message="berkas terlalu besar untuk sebuah tabel")]
        blob = path.read_bytes()
    except OSError as exc:
        return None, [Finding(severity="error", file=name, message=f"berkas tidak dapat dibaca: {exc.strerror or exc}")]
    if blob.startswith(b"PK\x03\x04"):
        return None, [Finding(severity="error", file=name, message="berkas ini workbook Excel (XLSX), bukan CSV; "
                              "beri akhiran .xlsx atau simpan sebagai CSV UTF-8")]
    text, encoding = decode(blob)
    if text is None:
        try:
            blob.decode("utf-8")
        except UnicodeDecodeError as exc:
            return None, [Finding(severity="error", file=name, message=_not_utf8(blob, exc, "CSV"))]
        return None, [Finding(severity="error", file=name, message="berkas bukan UTF-8 (berisi byte NUL, mis. "
                              "UTF-16); simpan ulang sebagai 'CSV UTF-8'")]
    findings: list[Finding] = []
    if encoding == "cp1252":
        findings.append(Finding(severity="warning", file=name, message=(
            "berkas bukan UTF-8; dibaca sebagai Windows-1252 (CSV biasa dari Excel). Periksa huruf seperti "
            "é atau ü pada nama; sebaiknya simpan sebagai 'CSV UTF-8'")))
    if not text.strip():
        return None, [Finding(severity="error", file=name, message="berkas kosong: baris judul (nama kolom) "
                              "tidak ada")]
    sep = detect_delimiter(text)
    if sep != ",":
        findings.append(Finding(severity="warning", file=name, message=(
            f"pemisah kolom {DELIMITERS[sep]} terdeteksi (Excel berlokal Indonesia); dibaca dengan pemisah itu")))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    records: list[tuple[int, int, list[str]]] = []
    start = 1
    try:
        for fields in reader:
            records.append((start, reader.line_num, fields))
            start = reader.line_num + 1
    except csv.Error as exc:
        why = (f"ada sel lebih dari {_fmt(csv.field_size_limit())} karakter" if "field limit" in str(exc)
               else str(exc))
        # The rest of the file is lost: the table counts as unreadable, this is its message.
        return None, [Finding(severity="error", file=name,
                              message=f"CSV tidak dapat dibaca mulai baris {_fmt(start)} ({why})")]
    filled = [r for r in records if "".join(r[2]).strip()]  # blank lines carry nothing
    # Blank lines between rows are reported (a clerk may have meant to fill them); trailing
    # ones, which Excel leaves after the last row, are not.
    last = filled[-1][0] if filled else 0
    blank = [r[0] for r in records if not "".join(r[2]).strip() and filled and filled[0][0] < r[0] < last]
    records = filled
    if blank:
        findings.append(_blank_rows(name, None, blank))
    if not records:
        return None, findings + [Finding(severity="error", file=name, message="berkas kosong: baris judul "
                                         "(nama kolom) tidak ada")]
    (h_start, h_end, head), body = records[0], records[1:]
    header, renamed = match_header([h.strip() for h in head], list(TABLE_MODELS[table].model_fields))
    if renamed:
        findings.append(_renamed(name, None, renamed, h_start))
    # A line break inside a field always spans physical lines (csv counts them).
    if h_end > h_start:
        return None, findings + [Finding(severity="error", file=name, row=h_start,
                                         message=f"baris judul terbaca sampai baris {h_end} karena tanda kutip (\") "
                                                 "yang tidak ditutup; perbaiki baris judul")]
    dup = _header_findings(header, name)
    if dup:
        return None, findings + dup
    raw = RawTable(header=header)
    key = KEY_COLUMN.get(table)
    key_col = header.index(key) if key in header else None
    lines: list[str] | None = None
    for first, last, fields in body:
        merged = last > first
        if merged or len(fields) != len(header):
            if merged:
                msg = (f"baris {first}–{last} terbaca sebagai satu baris karena tanda kutip (\") yang tidak "
                       "ditutup; data di baris-baris itu tidak dipakai. Hapus tanda kutip yang salah")
            elif len(fields) < len(header):
                msg = (f"baris ini berisi {len(fields)} kolom, baris judul {len(header)}: kurang "
                       f"{len(header) - len(fields)} kolom (baris terpotong atau koma hilang?); baris tidak dipakai")
            else:
                msg = (f"baris ini berisi {len(fields)} kolom, baris judul {len(header)}: kelebihan "
                       f"{len(fields) - len(header)} kolom (koma di dalam nilai tanpa tanda kutip?); "
                       "baris tidak dipakai")
            findings.append(Finding(severity="error", file=name, row=first, message=msg))
            if key_col is not None:
                if lines is None:
                    lines = io.StringIO(text, newline="").readlines()
                raw.keys |= _recover_keys(lines, first, last, key_col, sep)
            continue
        raw.rows.append(list(map(str.strip, fields)))
        raw.lines.append(first)
    return _normalise_cells(raw, table, name, Normaliser(_annotations(table))), findings


def _annotations(table: str) -> dict[str, Any]:
    return {n: f.annotation for n, f in TABLE_MODELS[table].model_fields.items()}


def _normalise_cells(raw: RawTable, table: str, name: str, norm: Normaliser) -> RawTable:
    """Cells in the contract's spelling (see planner.inputs.clerk), and the table's keys
    as normalised, so that a NIP written ``'1980…`` here and ``1980…`` elsewhere is one."""
    # Only columns of a kind the clerk normalises (the others are returned as written), and
    # each distinct value of a column worked out once: a table of a few thousand rows holds
    # a handful of distinct enum, number and date spellings, and the regular expressions
    # per cell were most of the reading time. Row by row as before, so the rows noted for
    # each kind (and the order of the warnings) are those the clerk would note.
    cols = [(i, c, norm.kinds[c], {}) for i, c in enumerate(raw.header) if norm.kinds.get(c) is not None]
    for r, line in zip(raw.rows, raw.lines):
        for i, c, kind, seen in cols:
            v = r[i]
            if not v:
                continue
            if kind == "nip":
                # 18 ASCII digits are a NIP as written: the clerk returns them unchanged, noting nothing.
                if not (len(v) == 18 and v.isascii() and v.isdigit()):
                    r[i] = norm.cell(c, v, line)
                continue
            hit = seen.get(v)
            if hit is None:
                out = norm.cell(c, v, line)
                # The clerk notes a cell exactly when it changes it; the note's kind follows from the value.
                noted = None if out == v else ("enum_case" if kind == "enum" else "decimal_comma"
                                               if kind == "number" else "date_dmy" if _DMY.fullmatch(v)
                                               else "date_serial")
                seen[v] = (out, noted)
                r[i] = out
                continue
            out, noted = hit
            if noted is not None:
                norm._note(c, noted, line)
            r[i] = out
    key = KEY_COLUMN.get(table)
    if key in raw.header:
        # Keys recovered from unreadable lines are normalised too; the counts are not
        # (those lines are reported as errors, not as normalised).
        spare = Normaliser(norm.fields)
        raw.keys = {spare.cell(key, k, 0) for k in raw.keys} | set(raw.column(key))
    raw.normaliser = norm
    return raw


def _blank_rows(name: str, sheet: str | None, rows: list[int]) -> Finding:
    shown = ", ".join(str(r) for r in rows[:5]) + (", …" if len(rows) > 5 else "")
    return Finding(severity="warning", file=name, sheet=sheet,
                   message=f"{_fmt(len(rows))} baris kosong dilewati (baris {shown})")


def _renamed(name: str, sheet: str | None, renamed: list[tuple[str, str]], row: int) -> Finding:
    shown = ", ".join(f"'{a[:40]}' → {b}" for a, b in renamed[:8]) + (", …" if len(renamed) > 8 else "")
    return Finding(severity="warning", file=name, sheet=sheet, row=row, message=(
        f"{_fmt(len(renamed))} judul kolom ditulis dengan huruf besar/kecil atau spasi berbeda; dibaca sebagai "
        f"nama kontrak: {shown}"))


def _read_xlsx(path: Path, table: str) -> tuple[RawTable | None, list[Finding]]:
    import openpyxl  # only needed for workbooks

    name = path.name
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    # Any damaged or foreign file: zip, XML and openpyxl each raise their own exceptions.
    except Exception as exc:  # noqa: BLE001
        return None, [Finding(severity="error", file=name,
                              message=f"bukan workbook XLSX yang dapat dibaca (rusak, kosong, atau format lain: "
                                      f"{type(exc).__name__}); simpan ulang dari Excel sebagai .xlsx")]
    findings: list[Finding] = []
    try:
        ws, note = _pick_sheet(wb, table, name)
        if ws is None:
            return None, [note]
        if note is not None:
            findings.append(note)
        sheet = ws.title
        every = [(i, [_cell(v) for v in r], r) for i, r in enumerate(ws.iter_rows(values_only=True), start=1)]
    # A sheet's XML can be damaged past the zip directory: found only while reading rows.
    except Exception as exc:  # noqa: BLE001
        return None, [Finding(severity="error", file=name, message=f"lembar '{table}' tidak dapat dibaca "
                              f"({type(exc).__name__}); simpan ulang dari Excel sebagai .xlsx")]
    finally:
        wb.close()
    # A cell holding only spaces is blank too: Excel leaves such rows after the last one.
    rows = [(i, cells, r) for i, cells, r in every if any(cells)]
    if not rows:
        return None, [Finding(severity="error", file=name, sheet=sheet, message="lembar kosong: baris judul "
                              "(nama kolom) tidak ada")]
    blank = [i for i, cells, _ in every if not any(cells) and rows[0][0] < i < rows[-1][0]]
    if blank:
        findings.append(_blank_rows(name, sheet, blank))
    (h_row, header, _), body = rows[0], rows[1:]
    dup = _header_findings(header, name)
    if dup:
        return None, [f.model_copy(update={"row": h_row, "sheet": sheet}) for f in dup]
    header, renamed = match_header(header, list(TABLE_MODELS[table].model_fields))
    if renamed:
        findings.append(_renamed(name, sheet, renamed, h_row))
    width = len(header)
    while width and not header[width - 1]:
        width -= 1
    raw = RawTable(header=header[:width], sheet=sheet)
    norm = Normaliser(_annotations(table))
    nip_cols = [(raw.header.index(c), c) for c in ("nip", "holder_nip") if c in raw.header]
    for line, cells, r in body:
        if any(cells[width:]):
            findings.append(Finding(severity="warning", file=name, sheet=sheet, row=line,
                                    message="ada isi di kolom tanpa judul (di kanan kolom terakhir); diabaikan"))
        cells = (cells + [""] * width)[:width]
        # Excel stores an 18-digit NIP typed as a number as a float: its last digits are
        # lost. An exact integer (written by a program, or read back from such a file) is
        # the NIP whole and is kept, with a warning.
        for i, col in nip_cols:
            v = r[i] if i < len(r) else None
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                whole = norm.number_nip(col, v, line)
                if whole is not None:
                    cells[i] = whole
                else:
                    raw.bad_lines.add(line)
                    raw.lossy_nips.add(f"{float(v):.15g}")
                    findings.append(Finding(severity="error", file=name, sheet=sheet, row=line, column=col,
                                            value=_cell(v), message="NIP tersimpan sebagai angka di Excel dan "
                                            "digit terakhirnya bisa hilang; simpan kolom ini sebagai teks"))
        raw.rows.append(cells)
        raw.lines.append(line)
    key = KEY_COLUMN.get(table)
    if key in raw.header:
        raw.keys = set(raw.column(key))
    return _normalise_cells(raw, table, name, norm), findings


def _pick_sheet(wb, table: str, name: str) -> tuple[Any, Finding | None]:
    """The sheet holding ``table``: named so exactly, or but for case and spaces (with a
    warning), or the only sheet of a workbook unless it is named as another table. A
    missing sheet is an error naming it and the sheets there are."""
    if table in wb.sheetnames:
        return wb[table], None
    near = [n for n in wb.sheetnames if header_key(n) == table]
    if len(near) == 1:
        return wb[near[0]], Finding(severity="warning", file=name, sheet=near[0], message=(
            f"lembar '{near[0]}' dibaca sebagai lembar {table} (huruf besar/kecil atau spasi berbeda)"))
    others = {header_key(n) for n in wb.sheetnames} & set(TABLES)
    if len(wb.sheetnames) == 1 and not others:
        return wb.worksheets[0], None  # one sheet per workbook: its name does not matter
    return None, Finding(severity="error", file=name, message=(
        f"lembar '{table}' tidak ada di workbook ini; lembar yang ada: {', '.join(wb.sheetnames)[:200]}. "
        f"Beri nama lembar '{table}' pada lembar yang berisi tabel {table}"))


def read_table(path: Path, table: str) -> tuple[RawTable | None, list[Finding]]:
    """Read a CSV, or the sheet named ``table`` of an XLSX workbook, as text cells.

    ``None`` when the file cannot be read at all; the findings then say why, once.
    """
    if not _is(path, "file"):
        return None, [Finding(severity="error", file=str(path)[:300], message=_missing(path, "berkas"))]
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path, table)
    return _read_csv(path, table)


_ADAPTERS = {t: TypeAdapter(list[m]) for t, m in TABLE_MODELS.items()}


def parse_table(raw: RawTable, table: str, file: str) -> tuple[pd.DataFrame, list[Finding]]:
    """Validate each cell against the row model; return the valid rows typed.

    The returned frame keeps a ``row`` column with the line each row starts on (the
    spreadsheet row number) so later checks can point at the line the user sees.
    """
    model = TABLE_MODELS[table]
    findings: list[Finding] = raw.normaliser.findings(file, raw.sheet) if raw.normaliser else []
    fields = model.model_fields
    missing = [c for c in fields if c not in raw.header]
    required = [c for c in missing if fields[c].is_required()]
    if required:
        near = {h.strip().lower().replace(" ", "_"): h for h in raw.header if h not in fields}

        def hint(c: str) -> str:
            return f" (ada kolom '{near[c][:40]}': ejaan atau huruf besar/kecil berbeda?)" if c in near else ""

        return _empty(model), [Finding(severity="error", file=file, sheet=raw.sheet, column=c,
                                       message="kolom wajib tidak ada di baris judul" + hint(c)) for c in required]
    defaults = ABSENT_COLUMN_DEFAULTS.get(table, {})
    for c in missing:
        if c in defaults:
            findings.append(Finding(severity="warning", file=file, sheet=raw.sheet, column=c,
                                    message=f"kolom tidak ada di baris judul; dianggap {defaults[c]} untuk "
                                            f"{_fmt(len(raw.rows))} baris"))
        else:
            findings.append(Finding(severity="error", file=file, sheet=raw.sheet, column=c,
                                    message="kolom data kontrak tidak ada di baris judul; tambahkan kolom ini "
                                            "(sel boleh kosong bila datanya memang kosong)"))
    unnamed = [i for i, h in enumerate(raw.header) if not h]
    for i in unnamed:
        if any(r[i] for r in raw.rows):
            findings.append(Finding(severity="warning", file=file, sheet=raw.sheet, column=f"ke-{i + 1}",
                                    message="kolom tanpa judul berisi data; diabaikan"))
    for col in raw.header:
        if col and col not in fields:
            findings.append(Finding(severity="warning", file=file, sheet=raw.sheet, column=col,
                                    message="kolom tidak dikenal; diabaikan"))
    cols = [(i, c) for i, c in enumerate(raw.header) if c in fields]
    records = [{c: r[i] for i, c in cols if r[i] != ""} for r in raw.rows]
    bad: set[int] = set()
    try:
        rows = _ADAPTERS[table].validate_python(records)
    except ValidationError as exc:
        for err in exc.errors():
            idx, *col = err["loc"]
            bad.add(int(idx))
            findings.append(Finding(severity="error", file=file, sheet=raw.sheet, row=raw.lines[int(idx)],
                                    column=str(col[0]) if col else None,
                                    value=_shown(err.get("input")), message=_message(err)))
    bad |= {i for i, line in enumerate(raw.lines) if line in raw.bad_lines}
    keep = [i for i in range(len(records)) if i not in bad]
    if len(keep) < len(records):
        rows = _ADAPTERS[table].validate_python([records[i] for i in keep])
    typed = pd.DataFrame([r.__dict__ for r in rows], columns=list(fields))
    typed.insert(0, "row", pd.Series([raw.lines[i] for i in keep], dtype="int64"))
    return _normalise(typed, model), findings


def _empty(model: type) -> pd.DataFrame:
    frame = pd.DataFrame({"row": pd.Series(dtype="int64"),
                          **{c: pd.Series(dtype=object) for c in model.model_fields}})
    return _normalise(frame, model)


def _is_date(annotation: Any) -> bool:
    if annotation is dt.date:
        return True
    if get_origin(annotation) is Annotated:
        return _is_date(get_args(annotation)[0])
    return any(_is_date(a) for a in get_args(annotation))


def _normalise(frame: pd.DataFrame, model: type) -> pd.DataFrame:
    """Enums as plain strings, dates as datetime64 (also when a column is empty everywhere),
    so that rules can be vectorised."""
    for name, info in model.model_fields.items():
        if name not in frame:
            continue
        if _is_date(info.annotation):
            frame[name] = pd.to_datetime(frame[name])
            continue
        s = frame[name]
        if s.dtype == object and s.notna().any():
            first = s.dropna().iloc[0]
            if hasattr(first, "value") and isinstance(first.value, str):
                frame[name] = s.map(lambda v: None if v is None else v.value)
    return frame


_MESSAGES = {
    "missing": "wajib diisi",
    "string_too_short": "wajib diisi",
    "date_from_datetime_parsing": "bukan tanggal yang valid (format YYYY-MM-DD)",
    "date_parsing": "bukan tanggal yang valid (format YYYY-MM-DD)",
    "date_type": "bukan tanggal yang valid (format YYYY-MM-DD)",
    "date_from_datetime_inexact": "harus tanggal tanpa jam (format YYYY-MM-DD)",
    "int_parsing": "harus bilangan bulat",
    "int_parsing_size": "harus bilangan bulat (angkanya terlalu panjang)",
    "int_from_float": "harus bilangan bulat",
    "int_type": "harus bilangan bulat",
    "float_parsing": "harus angka",
    "float_type": "harus angka",
    "finite_number": "harus angka terhingga",
    "bool_parsing": "harus true/false",
    "bool_type": "harus true/false",
    "string_type": "harus berupa teks",
    "extra_forbidden": "kunci tidak dikenal (salah ketik?)",
    "list_type": "harus berupa daftar",
    "dict_type": "harus berupa pemetaan kunci: nilai",
    "model_type": "harus berupa pemetaan kunci: nilai",
    "model_attributes_type": "harus berupa pemetaan kunci: nilai",
    "literal_error": "nilai tidak dikenal",
}


def _message(err: dict[str, Any]) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "enum":
        return f"nilai tidak dikenal; yang diterima: {ctx['expected'].replace(chr(39), '').replace(' or ', ', ')}"
    if kind == "literal_error" and "expected" in ctx:
        return f"nilai tidak dikenal; yang diterima: {ctx['expected'].replace(chr(39), '').replace(' or ', ', ')}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    if kind == "string_pattern_mismatch":  # the only pattern is "no control characters"
        text = str(err.get("input", ""))
        bad = next((c for c in text if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F), "\x00")
        return control_message(bad)
    if kind == "string_too_long":
        return f"terlalu panjang; paling banyak {ctx.get('max_length')} karakter"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(ctx.values()))
        word = {"greater_than_equal": "paling kecil", "less_than_equal": "paling besar",
                "greater_than": "harus lebih dari", "less_than": "harus kurang dari"}[kind]
        return f"{word} {bound}"
    if kind in ("date_from_datetime_parsing", "date_parsing") and "month" in err.get("msg", ""):
        return "tanggal tidak ada di kalender (format YYYY-MM-DD)"
    return _MESSAGES.get(kind, err["msg"])


def _shown(v: Any) -> str | None:
    """The offending value as a message shows it: scalars only, never a whole structure
    (rendering a YAML structure can be arbitrarily expensive)."""
    if v is None or isinstance(v, (dict, list, tuple, set)):
        return None
    if isinstance(v, str):
        return v
    if isinstance(v, (int, float, bool, dt.date)):
        text = str(v) if not isinstance(v, int) or abs(v) < 10 ** 60 else "(bilangan sangat besar)"
        return text
    return None


# ------------------------------------------------------------------------------ all


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _root_first(findings: list[Finding], order: dict[str, int]) -> list[Finding]:
    """Errors about a whole file (not readable, column missing, ...) first: they are the
    cause of what follows. Then by file, row and severity."""
    def key(f: Finding) -> tuple:
        root = f.severity == "error" and f.row is None
        return (0 if root else 1, order.get(Path(f.file).name, 9), f.row or 0, f.severity)
    return sorted(findings, key=key)


def load(path: str | Path, *, validate: bool = True,
         checks: Sequence[Callable[[ScenarioData], list[Finding]]] = ()) -> ScenarioData:
    """Load a scenario and its tables; with ``validate``, run the cross-file checks and the
    ``checks`` a later stage adds (the API adds the rule pack's: inputs know no rules).

    Never raises for bad input: the findings are on the result. Callers that need clean
    input use :func:`load_valid`.
    """
    file = _absolute(path)
    scenario, findings, index = _scenario(file)
    frames: dict[str, pd.DataFrame] = {}
    known: dict[str, set[str]] = {"positions": set(), "employees": set()}
    hashes: dict[str, str] = {}
    unreadable: set[str] = set()
    sheets: dict[str, str] = {}
    lossy: set[str] = set()
    if _is(file, "file"):
        hashes[file.name] = _hash_or_none(file)
    if scenario is not None:
        for table in TABLES:
            src = Path(getattr(scenario.data, table))
            if not src.is_absolute():
                # Not named by any scenario file (its entry under `data:` was bad and is
                # reported): never read a table from the current directory instead.
                unreadable.add(table)
                continue
            raw, read_findings = read_table(src, table)
            findings += read_findings
            if _is(src, "file"):
                hashes[src.name] = _hash_or_none(src)
            if raw is None:
                unreadable.add(table)
                continue
            if raw.sheet:
                sheets[table] = raw.sheet
            if table in known:
                known[table] = raw.keys
            lossy |= raw.lossy_nips
            frames[table], parse_findings = parse_table(raw, table, src.name)
            findings += parse_findings
            if table in NEEDS_ROWS and not raw.rows and not any(f.severity == "error" for f in read_findings):
                findings.append(Finding(severity="error", file=src.name, sheet=raw.sheet,
                                        message="tidak ada baris data (hanya baris judul)"))
                unreadable.add(table)  # the root cause: no "NIP tidak ada" for every reference
            if any(f.severity == "error" and f.row is None and f.message.startswith("kolom wajib")
                   for f in parse_findings):
                unreadable.add(table)
    for table in TABLES:
        if table not in frames:
            frames[table] = _empty(TABLE_MODELS[table])
    known["employees"] |= _rounding_to(lossy, frames, scenario)
    data = ScenarioData(scenario=scenario, path=file, input_hashes={k: v for k, v in hashes.items() if v},
                        findings=findings, known_nips=known["employees"], known_positions=known["positions"],
                        unreadable=unreadable, control_index=index, sheets=sheets, **frames)  # type: ignore[arg-type]
    if validate and scenario is not None:
        data.findings += check_scenario(data)
        for check in checks:
            data.findings += check(data)
    order = {file.name: 0, **{Path(getattr(scenario.data, t)).name: i + 1 for i, t in enumerate(TABLES)}} if scenario else {}
    data.findings = _root_first(data.findings, order)
    return data


def _rounding_to(lossy: set[str], frames: dict[str, pd.DataFrame], scenario: Scenario | None) -> set[str]:
    """NIPs referred to anywhere that Excel's float rounding makes equal to a NIP stored
    as a number: the reference is to that person (whose row is already reported)."""
    if not lossy:
        return set()
    refs = set(frames["positions"]["holder_nip"].dropna()) | set(frames["history"]["nip"]) \
        | set(frames["discipline"]["nip"])
    if scenario is not None:
        refs |= set(scenario.keep) | {a.nip for a in (*scenario.locks, *scenario.bans)}
    return {n for n in refs if isinstance(n, str) and f"{float(n):.15g}" in lossy}


def _hash_or_none(path: Path) -> str | None:
    try:
        return file_hash(path)
    except OSError:
        return None


def load_valid(path: str | Path, *,
               checks: Sequence[Callable[[ScenarioData], list[Finding]]] = ()) -> ScenarioData:
    """Load a scenario that must be clean; raise :class:`InputError` with every error otherwise."""
    data = load(path, checks=checks)
    if data.errors:
        raise InputError(data.errors)
    return data
