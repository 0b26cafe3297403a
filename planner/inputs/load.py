"""Reading a scenario folder: the scenario file (with ``extends``) and its four tables.

Nothing here writes. Every problem becomes a :class:`~models.schema.Finding` naming file,
row and column, and loading carries on so that the user sees all problems at once.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from pydantic import TypeAdapter, ValidationError

from models.schema import TABLE_MODELS, Finding, Scenario
from planner.inputs.data import InputError, ScenarioData

SCENARIO_FILE = "scenario.yaml"
TABLES = ("positions", "employees", "history", "discipline")


# ----------------------------------------------------------------------------- scenario


def scenario_file(path: str | Path) -> Path:
    """SCENARIO may be the YAML file or the folder holding ``scenario.yaml``."""
    p = Path(path)
    return p / SCENARIO_FILE if p.is_dir() else p


def _read_yaml(path: Path, chain: tuple[Path, ...]) -> tuple[dict[str, Any], list[Finding]]:
    """Read one scenario file and what it extends, merged (child wins)."""
    name = str(path)
    if path in chain:
        cycle = " → ".join(p.name for p in (*chain, path))
        return {}, [Finding(severity="error", file=name, column="extends", message=f"extends berputar: {cycle}")]
    if not path.is_file():
        return {}, [Finding(severity="error", file=name, message="berkas skenario tidak ditemukan")]
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        return {}, [Finding(severity="error", file=name, row=None if line is None else line + 1,
                            message=f"YAML tidak dapat dibaca: {getattr(exc, 'problem', exc)}")]
    if not isinstance(raw, dict):
        return {}, [Finding(severity="error", file=name, message="isi skenario harus berupa pemetaan kunci: nilai")]
    # Paths are relative to the file that names them.
    if isinstance(raw.get("data"), dict):
        raw["data"] = {k: str((path.parent / v).resolve()) if isinstance(v, str) else v
                       for k, v in raw["data"].items()}
    base_ref = raw.pop("extends", None)
    if base_ref is None:
        # The root of an extends chain owns the default data files: a scenario that
        # extends another and names no data uses the base's data.
        raw["data"] = {**{t: str(path.parent / f"{t}.csv") for t in TABLES}, **(raw.get("data") or {})}
        return raw, []
    base, findings = _read_yaml((path.parent / str(base_ref)).resolve(), (*chain, path))
    return _merge(base, raw), findings


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Child keys replace the base's; mappings (weights, solver, data, ...) merge one level."""
    out = dict(base)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


def load_scenario_file(path: str | Path) -> tuple[Scenario | None, list[Finding]]:
    """Resolve ``extends`` and validate the scenario. Unknown keys are errors.

    When some keys are wrong, the scenario is still built without them (if name and
    ``as_of`` are sound) so that the tables can be checked too: all errors at once.
    The caller must treat any error finding as fatal.
    """
    file = scenario_file(path).resolve()
    raw, findings = _read_yaml(file, ())
    if findings:
        return None, findings
    try:
        return Scenario.model_validate(raw), []
    except ValidationError as exc:
        findings = [
            Finding(severity="error", file=file.name, column=".".join(str(p) for p in err["loc"]),
                    value=_shown(err.get("input")), message=_message(err))
            for err in exc.errors()
        ]
        bad = {err["loc"][0] for err in exc.errors() if err["loc"]}
        try:
            partial = Scenario.model_validate({k: v for k, v in raw.items() if k not in bad})
        except ValidationError:
            partial = None
        return partial, findings


# ------------------------------------------------------------------------------- tables


def _cell(v: Any) -> str:
    """An XLSX cell as the text a CSV would hold."""
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def read_table(path: Path, table: str) -> tuple[pd.DataFrame, list[Finding]]:
    """Read a CSV, or the sheet named ``table`` of an XLSX workbook, as text cells."""
    name = path.name
    if not path.is_file():
        return pd.DataFrame(), [Finding(severity="error", file=str(path), message="berkas tidak ditemukan")]
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        import openpyxl  # only needed for workbooks

        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            ws = wb[table] if table in wb.sheetnames else wb.worksheets[0]
            rows = list(ws.iter_rows(values_only=True))
        finally:
            wb.close()
        if not rows:
            return pd.DataFrame(), [Finding(severity="error", file=name, message=f"lembar '{table}' kosong")]
        header = [_cell(h) for h in rows[0]]
        body = [[_cell(v) for v in r] for r in rows[1:] if any(v not in (None, "") for v in r)]
        frame = pd.DataFrame(body, columns=header, dtype=str)
        # Excel stores an 18-digit NIP typed as a number as a float: its last digits are lost.
        findings = []
        for col in ("nip", "holder_nip"):
            if col in frame:
                for i, raw in enumerate(r[header.index(col)] for r in rows[1:]):
                    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
                        findings.append(Finding(severity="error", file=name, row=i + 2, column=col,
                                                value=_cell(raw), message="NIP tersimpan sebagai angka di Excel dan "
                                                "digit terakhirnya bisa hilang; simpan kolom ini sebagai teks"))
        return frame, findings
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError:
        return pd.DataFrame(), [Finding(severity="error", file=name, message="berkas bukan UTF-8; simpan ulang sebagai CSV UTF-8")]
    except pd.errors.ParserError as exc:
        return pd.DataFrame(), [Finding(severity="error", file=name, message=f"CSV tidak dapat dibaca: {exc}")]
    return frame.apply(lambda s: s.str.strip()), []


_ADAPTERS = {t: TypeAdapter(list[m]) for t, m in TABLE_MODELS.items()}


def parse_table(frame: pd.DataFrame, table: str, file: str) -> tuple[pd.DataFrame, list[Finding]]:
    """Validate each cell against the row model; return the valid rows typed.

    The returned frame keeps a ``row`` column with the spreadsheet row number so later
    checks can point at the line the user sees.
    """
    model = TABLE_MODELS[table]
    findings: list[Finding] = []
    required = [n for n, f in model.model_fields.items() if f.is_required()]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        return _empty(model), [Finding(severity="error", file=file, column=c,
                                       message="kolom wajib tidak ada di baris judul") for c in missing]
    known = set(model.model_fields)
    for col in frame.columns:
        if col not in known:
            findings.append(Finding(severity="warning", file=file, column=col,
                                    message="kolom tidak dikenal; diabaikan"))
    cols = [c for c in frame.columns if c in known]
    records = frame[cols].to_dict("records")
    records = [{k: v for k, v in r.items() if v != ""} for r in records]
    bad: set[int] = set()
    try:
        rows = _ADAPTERS[table].validate_python(records)
    except ValidationError as exc:
        for err in exc.errors():
            idx, *col = err["loc"]
            bad.add(int(idx))
            findings.append(Finding(severity="error", file=file, row=int(idx) + 2,
                                    column=str(col[0]) if col else None,
                                    value=_shown(err.get("input")), message=_message(err)))
        keep = [i for i in range(len(records)) if i not in bad]
        rows = _ADAPTERS[table].validate_python([records[i] for i in keep])
    else:
        keep = list(range(len(records)))
    typed = pd.DataFrame([r.__dict__ for r in rows], columns=list(model.model_fields))
    typed.insert(0, "row", pd.Series([i + 2 for i in keep], dtype="int64"))
    return _normalise(typed, model), findings


def _empty(model: type) -> pd.DataFrame:
    return pd.DataFrame(columns=["row", *model.model_fields])


def _normalise(frame: pd.DataFrame, model: type) -> pd.DataFrame:
    """Enums as plain strings, dates as datetime64 (also when a column is empty everywhere),
    so that rules can be vectorised."""
    for name, info in model.model_fields.items():
        if name not in frame:
            continue
        if "date" in str(info.annotation):
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
    "date_from_datetime_inexact": "harus tanggal tanpa jam (format YYYY-MM-DD)",
    "int_parsing": "harus bilangan bulat",
    "int_from_float": "harus bilangan bulat",
    "float_parsing": "harus angka",
    "bool_parsing": "harus true/false",
    "extra_forbidden": "kunci tidak dikenal (salah ketik?)",
    "list_type": "harus berupa daftar",
    "dict_type": "harus berupa pemetaan kunci: nilai",
    "model_type": "harus berupa pemetaan kunci: nilai",
}


def _message(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind == "enum":
        return f"nilai tidak dikenal; yang diterima: {err['ctx']['expected'].replace(chr(39), '').replace(' or ', ', ')}"
    if kind == "value_error":
        return str(err["ctx"]["error"])
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(err["ctx"].values()))
        word = {"greater_than_equal": "paling kecil", "less_than_equal": "paling besar",
                "greater_than": "harus lebih dari", "less_than": "harus kurang dari"}[kind]
        return f"{word} {bound}"
    if kind in ("date_from_datetime_parsing", "date_parsing") and "month" in err.get("msg", ""):
        return "tanggal tidak ada di kalender (format YYYY-MM-DD)"
    return _MESSAGES.get(kind, err["msg"])


def _shown(v: Any) -> str | None:
    if v is None or isinstance(v, dict):
        return None
    return str(v)


# ------------------------------------------------------------------------------ all


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load(path: str | Path, *, validate: bool = True) -> ScenarioData:
    """Load a scenario and its tables; with ``validate``, run the cross-file checks.

    Never raises for bad input: the findings are on the result. Callers that need clean
    input use :func:`load_valid`.
    """
    from planner.inputs.validate import check_scenario  # the checks read loaded tables

    file = scenario_file(path).resolve()
    scenario, findings = load_scenario_file(file)
    frames: dict[str, pd.DataFrame] = {}
    known: dict[str, set[str]] = {"nips": set(), "positions": set()}
    hashes: dict[str, str] = {}
    if file.is_file():
        hashes[file.name] = file_hash(file)
    if scenario is not None:
        for table in TABLES:
            src = Path(getattr(scenario.data, table))
            raw, read_findings = read_table(src, table)
            findings += read_findings
            if src.is_file():
                hashes[src.name] = file_hash(src)
            if raw.empty and read_findings:
                frames[table] = _empty(TABLE_MODELS[table])
                continue
            if table == "employees" and "nip" in raw:
                known["nips"] = set(raw["nip"])
            if table == "positions" and "position_id" in raw:
                known["positions"] = set(raw["position_id"])
            frames[table], parse_findings = parse_table(raw, table, src.name)
            findings += parse_findings
    else:
        frames = {t: _empty(TABLE_MODELS[t]) for t in TABLES}
    data = ScenarioData(scenario=scenario, path=file, input_hashes=hashes, findings=findings,
                        known_nips=known["nips"], known_positions=known["positions"], **frames)  # type: ignore[arg-type]
    if validate and scenario is not None:
        data.findings += check_scenario(data)
    order = {file.name: 0, **{Path(getattr(scenario.data, t)).name: i + 1 for i, t in enumerate(TABLES)}} if scenario else {}
    data.findings.sort(key=lambda f: (order.get(Path(f.file).name, 9), f.row or 0, f.severity))
    return data


def load_valid(path: str | Path) -> ScenarioData:
    """Load a scenario that must be clean; raise :class:`InputError` with every error otherwise."""
    data = load(path)
    if data.errors:
        raise InputError(data.errors)
    return data
