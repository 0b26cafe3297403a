"""The generator's tables, read from the data files beside it (``planner/synth/data``).

``load()`` reads every file once per process (cached by folder) and checks its shape as it
goes: required keys and columns, numbers where numbers belong, labels the shared
vocabularies (``models.enums``) know, JF keys that ``jf.csv`` defines. A problem raises
:class:`DataError` whose message names the file, the row or entry, and the column or key.
The code of the generator holds no table of its own: what a region looks like (its OPD,
names, classes of seats, shares) is here; how it is drawn is in the other modules.

``load(folder)`` reads another folder of the same files (a test edits a copy).
"""
from __future__ import annotations

import csv
import dataclasses
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import numpy as np
import yaml

from models.enums import (
    RANK_ORDER,
    AwardLevel,
    DisciplineLevel,
    Education,
    Eselon,
    JfLevel,
    Kind,
    Performance,
    Potential,
)

__all__ = ["DATA_DIR", "DataError", "OpdSpec", "SeatClass", "SizeSpec", "Tables", "load"]

DATA_DIR = Path(__file__).resolve().with_name("data")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when libyaml is there: 10x faster

Weights = tuple[tuple[str, float], ...]  # (label, weight) in file order: the order of the draws


class DataError(ValueError):
    """A data file of the generator is missing or malformed; the message locates the problem."""


class _Why(ValueError):
    """A value refused with its own reason (not only "must be ...")."""


# --------------------------------------------------------------------------- table rows


@dataclass(frozen=True)
class SizeSpec:
    """How big a region is and how its OPD are cut (``sizes.yaml`` documents each field)."""

    level: str
    employees: int
    kecamatan: int
    kelurahan: int
    puskesmas: int
    bidang: int
    seksi: int
    subbag: int
    upt: int
    kec_seksi: int
    kec_subbag: int
    irban: int
    wadir: bool
    kecil_only: bool
    cadisdik: int
    uptd_ppd: int
    uptd_pjj: int
    uptd_kph: int
    uptd_psda: int


@dataclass(frozen=True)
class OpdSpec:
    """One perangkat daerah of the catalogue (``opd.yaml`` documents each field)."""

    code: str
    kind: str  # dinas | badan | inspektorat | setwan | satpol | bpbd | rsud
    name: str
    rumpun: str
    critical: bool
    kecil: bool
    provinsi: bool
    puskesmas: bool
    staff: float
    jf_share: float
    jf: Weights
    upt: tuple[str, ...]
    subbag: tuple[str, ...]
    bidang: tuple[str, ...]


@dataclass(frozen=True)
class UnitSpec:
    """A unit outside the OPD catalogue: Setda, a biro, a kecamatan, a provincial UPTD."""

    code: str
    name: str
    rumpun: str
    staff: float
    jf_share: float
    jf: Weights
    seksi: tuple[str, ...] = ()


@dataclass(frozen=True)
class UptdWilayah:
    """Provincial UPTD repeated per wilayah; ``count`` names the SizeSpec field."""

    count: str
    code: str  # template: {i} the number
    name: str  # template: {n} the Roman numeral
    rumpun: str
    seksi: tuple[str, ...]
    jf: Weights
    staff: float | None  # each, or
    staff_total: float | None  # shared by all of them
    jf_share: float


@dataclass(frozen=True)
class SeatClass:
    """A class of seat: the age, education and rank its holder plausibly has."""

    key: str  # "kind" or "kind:eselon" or "kind:jf_level"
    kind: str
    eselon: str
    jf_level: str
    age: tuple[float, float, float]  # triangular low, mode, high (years on as_of)
    bup: int  # batas usia pensiun
    rank: tuple[str, str]  # band on the job map
    min_ys: float  # years of service a holder needs for the career rules
    edu: Weights
    female: float


@dataclass(frozen=True)
class JfDef:
    key: str
    name: str
    levels: tuple[str, ...]
    p: np.ndarray  # level shares, normalised
    female: float
    profession: bool  # a profession after a degree: the seat asks S1, entry at 26 or later
    holder_min_education: str


@dataclass(frozen=True)
class DegreeRule:
    jf: str
    education: frozenset[str] | None
    prefix: str
    suffix: tuple[str, ...]
    bachelor: bool
    master: tuple[str, ...] | None


@dataclass(frozen=True)
class Tables:
    sizes: dict[str, SizeSpec]
    jf: dict[str, JfDef]
    jf_keys: tuple[str, ...]
    level_label: dict[str, str]
    plk_generic: Weights
    plk_rumpun: dict[str, Weights]
    opd_defaults_subbag: tuple[str, ...]
    opds: tuple[OpdSpec, ...]
    prov_changes: dict[str, dict[str, Any]]
    prov_only: tuple[OpdSpec, ...]
    setda: UnitSpec
    setda_staff: dict[str, float]  # by level
    asisten: tuple[tuple[str, str, tuple[str, ...]], ...]  # title, rumpun, bagian lines
    biro: tuple[tuple[UnitSpec, bool, tuple[str, ...]], ...]  # unit, critical head, bagian
    uptd_wilayah: tuple[UptdWilayah, ...]
    uptd_single: tuple[UnitSpec, ...]
    kecamatan_unit: UnitSpec  # code and name are per kecamatan
    kec_seksi: tuple[str, ...]
    kec_subbag: tuple[str, ...]
    kecamatan: tuple[str, ...]
    kelurahan: tuple[str, ...]
    names: dict[str, dict[str, tuple[str, ...]]]
    ethnic: tuple[str, ...]
    ethnic_p: np.ndarray
    bachelor_by_rumpun: dict[str, tuple[str, ...]]
    bachelor_default: tuple[str, ...]
    master_by_rumpun: dict[str, tuple[str, ...]]
    master_default: tuple[str, ...]
    master_by_jf: dict[str, tuple[str, ...]]
    degree_rules: tuple[DegreeRule, ...]
    doctorate_prefix: str
    classes: tuple[SeatClass, ...]
    cls_index: dict[str, int]
    eselon_class: dict[str, int]  # eselon -> index of its class
    start_idx: np.ndarray  # by education ordinal: rank ordinal at entry
    cpns_lo: np.ndarray  # by education ordinal: youngest and oldest age at CPNS
    cpns_hi: np.ndarray
    performance: Weights
    potential_official: Weights
    potential_other: Weights
    award: dict[tuple[bool, str], Weights]  # (official, level) -> shares
    unposted_classes: Weights
    sanctions_pp53: dict[str, tuple[tuple[str, int], ...]]
    sanctions_pp94: dict[str, tuple[tuple[str, int], ...]]
    pp94_from: date


# --------------------------------------------------------------------------- reading


class _File:
    """One data file: its name for messages and typed access with located errors."""

    def __init__(self, folder: Path, name: str):
        self.name = name
        self.path = folder / name
        if not self.path.is_file():
            raise DataError(f"{self.path}: berkas data generator tidak ditemukan")

    def fail(self, where: str, msg: str) -> DataError:
        return DataError(f"{self.path}: {where}: {msg}")

    def yaml(self) -> dict[str, Any]:
        try:
            data = yaml.load(self.path.read_text(encoding="utf-8"), Loader=_Loader)
        except (yaml.YAMLError, UnicodeDecodeError) as e:
            raise DataError(f"{self.path}: bukan YAML yang sah: {e}") from None
        if not isinstance(data, dict):
            raise DataError(f"{self.path}: isi berkas harus berupa mapping (kunci: nilai)")
        return data

    def csv(self, columns: tuple[str, ...]) -> list[tuple[str, dict[str, str]]]:
        """Rows as (``baris N`` label, {column: text}); the header must be ``columns`` exactly."""
        try:
            with self.path.open(encoding="utf-8", newline="") as fh:
                rows = list(csv.reader(fh))
        except (UnicodeDecodeError, csv.Error) as e:
            raise DataError(f"{self.path}: bukan CSV UTF-8 yang sah: {e}") from None
        if not rows or tuple(rows[0]) != columns:
            got = ", ".join(rows[0]) if rows else "(kosong)"
            raise DataError(f"{self.path}: baris 1: kolom harus {', '.join(columns)}; tertulis {got}")
        out = []
        for n, r in enumerate(rows[1:], 2):
            if len(r) != len(columns):
                raise DataError(f"{self.path}: baris {n}: {len(r)} sel, seharusnya {len(columns)}")
            out.append((f"baris {n}", dict(zip(columns, r))))
        return out

    # typed access to one value; ``where`` names the row or entry, ``key`` the column or key

    def get(self, d: dict[str, Any], key: str, where: str, conv: Callable[[Any], Any], what: str,
            default: Any = dataclasses.MISSING) -> Any:
        if not isinstance(d, dict):
            raise self.fail(where, "harus berupa mapping (kunci: nilai)")
        if key not in d or d[key] is None or d[key] == "":
            if default is not dataclasses.MISSING:
                return default
            raise self.fail(where, f"'{key}' wajib diisi ({what})")
        try:
            return conv(d[key])
        except _Why as e:
            raise self.fail(where, f"'{key}': {e}") from None
        except (TypeError, ValueError, KeyError):
            raise self.fail(where, f"'{key}' harus {what}, tertulis {d[key]!r}") from None

    def keys(self, d: Any, allowed: set[str], where: str) -> None:
        if not isinstance(d, dict):
            raise self.fail(where, "harus berupa mapping (kunci: nilai)")
        extra = [k for k in d if k not in allowed]
        if extra:
            raise self.fail(where, f"kunci tidak dikenal: {', '.join(map(str, extra))} "
                                   f"(yang diterima: {', '.join(sorted(allowed))})")

    def items(self, d: Any, where: str) -> list[tuple[Any, Any]]:
        if not isinstance(d, dict):
            raise self.fail(where, "harus berupa mapping (kunci: nilai)")
        return list(d.items())

    def seq(self, v: Any, where: str) -> list[Any]:
        if not isinstance(v, list) or not v:
            raise self.fail(where, "harus berupa daftar yang tidak kosong")
        return v


def _num(v: Any) -> float:
    if isinstance(v, bool):
        raise ValueError(v)
    x = float(v)
    if not np.isfinite(x) or x < 0:
        raise ValueError(v)
    return x


def _share(v: Any) -> float:
    x = _num(v)
    if x > 1:
        raise ValueError(v)
    return x


def _count(v: Any) -> int:
    x = _num(v)  # CSV cells arrive as text
    if not x.is_integer():
        raise ValueError(v)
    return int(x)


def _flag(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    if v in ("true", "false"):
        return v == "true"
    raise ValueError(v)


def _text(v: Any) -> str:
    if not isinstance(v, str) or not v.strip():
        raise ValueError(v)
    return v


def _texts(v: Any) -> tuple[str, ...]:
    if not isinstance(v, list):
        raise ValueError(v)
    return tuple(_text(x) for x in v)


def _one_of(values: Any) -> Callable[[Any], str]:
    allowed = {str(x) for x in values}

    def conv(v: Any) -> str:
        if str(v) not in allowed:
            raise ValueError(v)
        return str(v)
    return conv


# Built once: a converter per vocabulary (building the set per row costs more than the check).
_LEVEL = _one_of(("kabupaten", "provinsi"))
_KIND = _one_of(e.value for e in Kind)
_ESELON = _one_of(e.value for e in Eselon)
_JF_LEVEL = _one_of(e.value for e in JfLevel)
_RANK = _one_of(RANK_ORDER)


def _weights_map(v: Any) -> Weights:
    """``{label: weight}`` (file order kept); weights >= 0, not all zero."""
    if not isinstance(v, dict) or not v:
        raise ValueError(v)
    out = tuple((_text(str(k)), _num(w)) for k, w in v.items())
    if sum(w for _, w in out) <= 0:
        raise ValueError(v)
    return out


def _weights_spec(v: Any) -> Weights:
    """``"a:1 b:2"`` (a CSV cell) -> ((a, 1.0), (b, 2.0))."""
    pairs = [p.split(":") for p in str(v).split()]
    if not pairs or any(len(p) != 2 for p in pairs) or len({k for k, _ in pairs}) != len(pairs):
        raise ValueError(v)
    return _weights_map(dict(pairs))


def _same_labels(f: _File, where: str, labels: Any, enum: type) -> None:
    want = [e.value for e in enum]
    got = list(labels)
    if sorted(got) != sorted(want):
        raise f.fail(where, f"label harus tepat {', '.join(want)} (models.enums.{enum.__name__}); "
                            f"tertulis {', '.join(map(str, got))}")


# --------------------------------------------------------------------------- the files


def _sizes(folder: Path) -> dict[str, SizeSpec]:
    f = _File(folder, "sizes.yaml")
    fields = {fl.name: fl.type for fl in dataclasses.fields(SizeSpec)}
    out = {}
    for name, d in f.items(f.yaml(), "ukuran"):
        where = f"ukuran '{name}'"
        f.keys(d, set(fields), where)
        vals: dict[str, Any] = {}
        for key, typ in fields.items():
            if key == "level":
                vals[key] = f.get(d, key, where, _LEVEL, "kabupaten atau provinsi")
            elif typ == "bool":
                vals[key] = f.get(d, key, where, _flag, "true atau false")
            else:
                vals[key] = f.get(d, key, where, _count, "bilangan bulat >= 0")
        out[str(name)] = SizeSpec(**vals)
    return out


def _jf(folder: Path) -> tuple[dict[str, JfDef], dict[str, str]]:
    levels = tuple(e.value for e in JfLevel)
    lf = _File(folder, "jf_levels.csv")
    rows = lf.csv(("jf_level", "label"))
    _same_labels(lf, "kolom 'jf_level'", [r["jf_level"] for _, r in rows], JfLevel)
    label = {r["jf_level"]: lf.get(r, "label", w, _text, "teks") for w, r in rows}

    f = _File(folder, "jf.csv")
    edu = _one_of(e.value for e in Education)
    out: dict[str, JfDef] = {}
    for where, r in f.csv(("jf", "name", "female_share", "profession", "holder_min_education", *levels)):
        key = f.get(r, "jf", where, _text, "kunci JF")
        if key in out:
            raise f.fail(where, f"JF '{key}' sudah ada di baris sebelumnya")
        present = [(lv, f.get(r, lv, where, _num, "bobot >= 0")) for lv in levels if r[lv] != ""]
        w = np.array([x for _, x in present], dtype=float)
        if not present or w.sum() <= 0:
            raise f.fail(where, f"JF '{key}' tanpa bobot jenjang (kolom {levels[0]} … {levels[-1]})")
        out[key] = JfDef(key, f.get(r, "name", where, _text, "teks"), tuple(lv for lv, _ in present), w / w.sum(),
                         f.get(r, "female_share", where, _share, "pecahan 0..1"),
                         f.get(r, "profession", where, _flag, "true atau false"),
                         f.get(r, "holder_min_education", where, edu, "jenjang pendidikan", ""))
    return out, label


def _pelaksana(folder: Path) -> tuple[Weights, dict[str, Weights]]:
    f = _File(folder, "pelaksana.csv")
    generic: list[tuple[str, float]] = []
    by: dict[str, list[tuple[str, float]]] = {}
    for where, r in f.csv(("rumpun", "title", "weight")):
        item = (f.get(r, "title", where, _text, "teks"), f.get(r, "weight", where, _num, "bobot >= 0"))
        rumpun = f.get(r, "rumpun", where, _text, "rumpun, atau * untuk semua unit")
        (generic if rumpun == "*" else by.setdefault(rumpun, [])).append(item)
    if not generic:
        raise DataError(f"{f.path}: tidak ada jabatan pelaksana umum (rumpun *)")
    return tuple(generic), {k: tuple(v) for k, v in by.items()}


_OPD_KINDS = ("dinas", "badan", "inspektorat", "setwan", "satpol", "bpbd", "rsud")
_OPD_KIND = _one_of(_OPD_KINDS)


def _opd_fields(f: _File, d: dict[str, Any], where: str, jf_keys: dict[str, JfDef],
                defaults: dict[str, Any] | None) -> dict[str, Any]:
    """Typed OpdSpec fields of one entry; ``defaults`` None = a partial change (provinsi)."""
    conv: dict[str, tuple[Callable[[Any], Any], str, Any]] = {
        "code": (_text, "kode unit", dataclasses.MISSING),
        "kind": (_OPD_KIND, " | ".join(_OPD_KINDS), dataclasses.MISSING),
        "name": (_text, "teks", dataclasses.MISSING),
        "rumpun": (_text, "rumpun jabatan", dataclasses.MISSING),
        "critical": (_flag, "true atau false", False),
        "kecil": (_flag, "true atau false", True),
        "provinsi": (_flag, "true atau false", True),
        "puskesmas": (_flag, "true atau false", False),
        "staff": (_num, "angka >= 0", None),
        "jf_share": (_share, "pecahan 0..1", None),
        "jf": (lambda v: _jf_weights(v, jf_keys), "mapping kunci JF (jf.csv): bobot", ()),
        "upt": (_texts, "daftar nama", ()),
        "subbag": (_texts, "daftar baris subbagian", None),
        "bidang": (_texts, "daftar baris bidang", ()),
    }
    f.keys(d, set(conv), where)
    out = {}
    for key, (c, what, default) in conv.items():
        if defaults is None:
            if key in d:
                out[key] = f.get(d, key, where, c, what)
            continue
        if default is None:
            default = defaults[key]
        out[key] = f.get(d, key, where, c, what, default)
    return out


def _jf_weights(v: Any, jf_keys: dict[str, JfDef]) -> Weights:
    w = _weights_map(v)
    unknown = [k for k, _ in w if k not in jf_keys]
    if unknown:
        raise _Why(f"kunci JF tidak ada di jf.csv: {', '.join(unknown)}")
    return w


def _unit(f: _File, d: dict[str, Any], where: str, jf: dict[str, JfDef], code_name: bool = True,
          staff: float | None = None) -> UnitSpec:
    """A unit entry; ``staff`` given = the entry carries its staff weight elsewhere."""
    allowed = {"rumpun", "jf_share", "jf", "seksi"} | ({"code", "name"} if code_name else set())
    f.keys(d, allowed | ({"staff"} if staff is None else set()), where)
    return UnitSpec(
        code=f.get(d, "code", where, _text, "kode unit") if code_name else "",
        name=f.get(d, "name", where, _text, "teks") if code_name else "",
        rumpun=f.get(d, "rumpun", where, _text, "rumpun jabatan"),
        staff=f.get(d, "staff", where, _num, "angka >= 0") if staff is None else staff,
        jf_share=f.get(d, "jf_share", where, _share, "pecahan 0..1"),
        jf=f.get(d, "jf", where, lambda v: _jf_weights(v, jf), "mapping kunci JF (jf.csv): bobot"),
        seksi=f.get(d, "seksi", where, _texts, "daftar nama seksi", ()),
    )


def _opd(folder: Path, jf: dict[str, JfDef]) -> dict[str, Any]:
    f = _File(folder, "opd.yaml")
    data = f.yaml()
    f.keys(data, {"defaults", "setda", "biro", "opd", "provinsi_changes", "provinsi_only", "uptd_provinsi_wilayah",
                  "uptd_provinsi", "kecamatan"}, "berkas")
    for key in ("defaults", "setda", "biro", "opd", "provinsi_only", "uptd_provinsi_wilayah", "uptd_provinsi",
                "kecamatan"):
        if key not in data:
            raise f.fail("berkas", f"bagian '{key}' tidak ada")
    dflt = data["defaults"]
    f.keys(dflt, {"staff", "jf_share", "subbag"}, "defaults")
    defaults = {"staff": f.get(dflt, "staff", "defaults", _num, "angka >= 0"),
                "jf_share": f.get(dflt, "jf_share", "defaults", _share, "pecahan 0..1"),
                "subbag": f.get(dflt, "subbag", "defaults", _texts, "daftar baris subbagian")}

    def opd_list(key: str) -> tuple[OpdSpec, ...]:
        out = []
        for i, d in enumerate(f.seq(data[key], key), 1):
            where = f"{key} ke-{i}" + (f" ({d.get('code')})" if isinstance(d, dict) and d.get("code") else "")
            out.append(OpdSpec(**_opd_fields(f, d, where, jf, defaults)))
        codes = [o.code for o in out]
        dup = sorted({c for c in codes if codes.count(c) > 1})
        if dup:
            raise f.fail(key, f"kode unit dua kali: {', '.join(dup)}")
        return tuple(out)

    opds = opd_list("opd")
    prov_only = opd_list("provinsi_only")
    known = {o.code for o in opds}
    changes = {}
    for code, d in f.items(data.get("provinsi_changes") or {}, "provinsi_changes"):
        where = f"provinsi_changes {code}"
        if code not in known:
            raise f.fail(where, f"kode '{code}' tidak ada di bagian opd")
        changes[str(code)] = _opd_fields(f, d, where, jf, None)

    s = data["setda"]
    f.keys(s, {"code", "name", "rumpun", "staff", "jf_share", "jf", "asisten"}, "setda")
    staff = f.get(s, "staff", "setda", lambda v: {lv: _num(v[lv]) for lv in ("kabupaten", "provinsi")},
                  "mapping kabupaten: angka, provinsi: angka")
    # The staff weight depends on the level: structure.py sets it from setda_staff.
    setda = _unit(f, {k: v for k, v in s.items() if k not in ("staff", "asisten")}, "setda", jf, staff=0.0)
    asisten = []
    for i, a in enumerate(f.seq(s.get("asisten"), "setda.asisten"), 1):
        where = f"setda.asisten ke-{i}"
        f.keys(a, {"title", "rumpun", "bagian"}, where)
        asisten.append((f.get(a, "title", where, _text, "teks"), f.get(a, "rumpun", where, _text, "rumpun"),
                        f.get(a, "bagian", where, _texts, "daftar baris bagian")))

    b = data["biro"]
    f.keys(b, {"staff", "jf_share", "jf", "list"}, "biro")
    biro = []
    for i, d in enumerate(f.seq(b.get("list"), "biro.list"), 1):
        where = f"biro.list ke-{i}"
        f.keys(d, {"code", "name", "rumpun", "critical", "bagian"}, where)
        unit = _unit(f, {"code": d.get("code"), "name": d.get("name"), "rumpun": d.get("rumpun"),
                         "staff": b.get("staff"), "jf_share": b.get("jf_share"), "jf": b.get("jf")}, where, jf)
        biro.append((unit, f.get(d, "critical", where, _flag, "true atau false", False),
                     f.get(d, "bagian", where, _texts, "daftar nama bagian")))

    count_fields = {fl.name for fl in dataclasses.fields(SizeSpec) if fl.type == "int"}
    wil = []
    for i, d in enumerate(f.seq(data["uptd_provinsi_wilayah"], "uptd_provinsi_wilayah"), 1):
        where = f"uptd_provinsi_wilayah ke-{i}"
        f.keys(d, {"count", "code", "name", "rumpun", "seksi", "jf", "staff", "staff_total", "jf_share"}, where)
        if ("staff" in d) == ("staff_total" in d):
            raise f.fail(where, "isi tepat satu dari 'staff' (tiap unit) atau 'staff_total' (dibagi rata)")
        wil.append(UptdWilayah(
            count=f.get(d, "count", where, _one_of(count_fields), "nama kolom ukuran (sizes.yaml)"),
            code=f.get(d, "code", where, _text, "templat kode dengan {i}"),
            name=f.get(d, "name", where, _text, "templat nama dengan {n}"),
            rumpun=f.get(d, "rumpun", where, _text, "rumpun"),
            seksi=f.get(d, "seksi", where, _texts, "daftar nama seksi"),
            jf=f.get(d, "jf", where, lambda v: _jf_weights(v, jf), "mapping kunci JF (jf.csv): bobot"),
            staff=f.get(d, "staff", where, _num, "angka >= 0", None),
            staff_total=f.get(d, "staff_total", where, _num, "angka >= 0", None),
            jf_share=f.get(d, "jf_share", where, _share, "pecahan 0..1")))
    single = tuple(_unit(f, d, f"uptd_provinsi ke-{i}", jf)
                   for i, d in enumerate(f.seq(data["uptd_provinsi"], "uptd_provinsi"), 1))

    k = data["kecamatan"]
    kec = _unit(f, {x: v for x, v in k.items() if x not in ("seksi", "subbag")}, "kecamatan", jf, code_name=False)
    return dict(opd_defaults_subbag=defaults["subbag"], opds=opds, prov_changes=changes, prov_only=prov_only,
                setda=setda, setda_staff=staff, asisten=tuple(asisten), biro=tuple(biro), uptd_wilayah=tuple(wil),
                uptd_single=single, kecamatan_unit=kec,
                kec_seksi=f.get(k, "seksi", "kecamatan", _texts, "daftar baris seksi"),
                kec_subbag=f.get(k, "subbag", "kecamatan", _texts, "daftar baris subbagian"))


def _areas(folder: Path) -> dict[str, tuple[str, ...]]:
    f = _File(folder, "areas.yaml")
    d = f.yaml()
    f.keys(d, {"kecamatan", "kelurahan"}, "berkas")
    out = {k: f.get(d, k, "berkas", _texts, "daftar nama") for k in ("kecamatan", "kelurahan")}
    for k, names in out.items():
        if len(set(names)) != len(names):
            raise f.fail(k, "nama yang sama tertulis dua kali")
    return out


def _names(folder: Path) -> tuple[dict[str, dict[str, tuple[str, ...]]], tuple[str, ...], np.ndarray]:
    f = _File(folder, "names.yaml")
    names, shares = {}, []
    for eth, d in f.items(f.yaml(), "berkas"):
        where = f"kelompok '{eth}'"
        f.keys(d, {"share", "L", "P", "F", "FP"}, where)
        shares.append(f.get(d, "share", where, _num, "angka >= 0"))
        names[str(eth)] = {k: f.get(d, k, where, _texts, "daftar nama") for k in ("L", "P", "F", "FP")}
        for k, v in names[str(eth)].items():
            if not v:
                raise f.fail(where, f"'{k}' kosong")
    if not names or sum(shares) <= 0:
        raise DataError(f"{f.path}: tidak ada kelompok nama dengan share > 0")
    return names, tuple(names), np.array(shares)


def _degrees(folder: Path, jf: dict[str, JfDef]) -> dict[str, Any]:
    f = _File(folder, "degrees.yaml")
    d = f.yaml()
    f.keys(d, {"bachelor_by_rumpun", "bachelor_default", "master_by_rumpun", "master_default", "master_by_jf",
               "rules", "doctorate_prefix"}, "berkas")

    def by(key: str) -> dict[str, tuple[str, ...]]:
        return {str(k): f.get({k: v}, k, key, _texts, "daftar gelar") for k, v in f.items(d.get(key), key)}

    edu_of, jf_key = _one_of(e.value for e in Education), _one_of(jf)
    rules = []
    for i, r in enumerate(f.seq(d.get("rules"), "rules"), 1):
        where = f"rules ke-{i}"
        f.keys(r, {"jf", "education", "prefix", "suffix", "bachelor", "master"}, where)
        rules.append(DegreeRule(
            jf=f.get(r, "jf", where, jf_key, "kunci JF (jf.csv)", ""),
            education=f.get(r, "education", where, lambda v: frozenset(edu_of(x) for x in _texts(v)),
                            "daftar jenjang pendidikan", None),
            prefix=f.get(r, "prefix", where, str, "teks", ""),
            suffix=f.get(r, "suffix", where, _texts, "daftar gelar", ()),
            bachelor=f.get(r, "bachelor", where, _flag, "true atau false", False),
            master=f.get(r, "master", where, _texts, "daftar gelar", None)))
    master_by_jf = by("master_by_jf")
    if any(k not in jf for k in master_by_jf):
        raise f.fail("master_by_jf", f"kunci JF tidak ada di jf.csv: {', '.join(k for k in master_by_jf if k not in jf)}")
    return dict(bachelor_by_rumpun=by("bachelor_by_rumpun"),
                bachelor_default=f.get(d, "bachelor_default", "berkas", _texts, "daftar gelar"),
                master_by_rumpun=by("master_by_rumpun"),
                master_default=f.get(d, "master_default", "berkas", _texts, "daftar gelar"),
                master_by_jf=master_by_jf, degree_rules=tuple(rules),
                doctorate_prefix=f.get(d, "doctorate_prefix", "berkas", str, "teks"))


def _classes(folder: Path) -> dict[str, Any]:
    f = _File(folder, "seat_classes.csv")
    rank = _RANK
    edu = {e.value for e in Education}
    classes: list[SeatClass] = []
    for where, r in f.csv(("kind", "eselon", "jf_level", "age_min", "age_mode", "age_max", "bup", "rank_min",
                           "rank_max", "min_service_years", "education", "female_share")):
        kind = f.get(r, "kind", where, _KIND, "jenis jabatan")
        es = f.get(r, "eselon", where, _ESELON, "eselon", "")
        lv = f.get(r, "jf_level", where, _JF_LEVEL, "jenjang JF", "")
        age = tuple(f.get(r, k, where, _num, "umur (tahun)") for k in ("age_min", "age_mode", "age_max"))
        if not age[0] <= age[1] <= age[2]:
            raise f.fail(where, "umur harus age_min <= age_mode <= age_max")
        ranks = (f.get(r, "rank_min", where, rank, "golongan (mis. III/a)"),
                 f.get(r, "rank_max", where, rank, "golongan (mis. III/a)"))
        if RANK_ORDER[ranks[0]] > RANK_ORDER[ranks[1]]:
            raise f.fail(where, "rank_min lebih tinggi dari rank_max")
        weights = f.get(r, "education", where, _weights_spec, "bobot pendidikan 'S1:0.6 S2:0.4'")
        bad = [e for e, _ in weights if e not in edu]
        if bad:
            raise f.fail(where, f"kolom 'education': jenjang tidak dikenal: {', '.join(bad)}")
        key = kind + (f":{es}" if es else f":{lv}" if lv else "")
        if any(c.key == key for c in classes):
            raise f.fail(where, f"kelas '{key}' sudah ada di baris sebelumnya")
        classes.append(SeatClass(key, kind, es, lv, age, f.get(r, "bup", where, _count, "umur pensiun"), ranks,
                                 f.get(r, "min_service_years", where, _num, "tahun >= 0"), weights,
                                 f.get(r, "female_share", where, _share, "pecahan 0..1")))
    # Every eselon, kind and JF level has its class: the generator draws holders for all of them.
    _same_labels(f, "kolom 'eselon'", [c.eselon for c in classes if c.eselon], Eselon)
    _same_labels(f, "kolom 'kind'", sorted({c.kind for c in classes}), Kind)
    _same_labels(f, "kolom 'jf_level'", [c.jf_level for c in classes if c.kind == "jf"], JfLevel)
    if "pelaksana" not in {c.key for c in classes}:
        raise DataError(f"{f.path}: tidak ada kelas pelaksana (kind pelaksana tanpa eselon dan jenjang)")

    ef = _File(folder, "education.csv")
    rows = ef.csv(("education", "start_rank", "cpns_age_min", "cpns_age_max"))
    if [r["education"] for _, r in rows] != [e.value for e in Education]:
        raise ef.fail("kolom 'education'", "harus tepat " + ", ".join(e.value for e in Education) + ", urut")
    start = np.array([RANK_ORDER[ef.get(r, "start_rank", w, rank, "golongan (mis. III/a)")] for w, r in rows])
    lo = np.array([ef.get(r, "cpns_age_min", w, _num, "umur") for w, r in rows], dtype=float)
    hi = np.array([ef.get(r, "cpns_age_max", w, _num, "umur") for w, r in rows], dtype=float)
    return dict(classes=tuple(classes), cls_index={c.key: i for i, c in enumerate(classes)},
                eselon_class={c.eselon: i for i, c in enumerate(classes) if c.eselon},
                start_idx=start, cpns_lo=lo, cpns_hi=hi)


def _talent(folder: Path, cls_index: dict[str, int]) -> dict[str, Any]:
    f = _File(folder, "talent.yaml")
    d = f.yaml()
    keys = ("performance", "potential_official", "potential_other", "award_official", "award_other",
            "unposted_classes")
    f.keys(d, set(keys), "berkas")
    w = {k: f.get(d, k, "berkas", _weights_map, "mapping label: bobot")
         for k in ("performance", "potential_official", "potential_other", "unposted_classes")}
    _same_labels(f, "performance", [k for k, _ in w["performance"]], Performance)
    _same_labels(f, "potential_official", [k for k, _ in w["potential_official"]], Potential)
    _same_labels(f, "potential_other", [k for k, _ in w["potential_other"]], Potential)
    bad = [k for k, _ in w["unposted_classes"] if k not in cls_index]
    if bad:
        raise f.fail("unposted_classes", f"kelas tidak ada di seat_classes.csv: {', '.join(bad)}")
    award = {}
    for official, key in ((True, "award_official"), (False, "award_other")):
        by = d.get(key)
        f.keys(by, {"kabupaten", "provinsi"}, key)
        for level in ("kabupaten", "provinsi"):
            award[official, level] = f.get(by, level, key, _weights_map, "mapping label: bobot")
            _same_labels(f, f"{key}.{level}", [k for k, _ in award[official, level]], AwardLevel)
    return dict(performance=w["performance"], potential_official=w["potential_official"],
                potential_other=w["potential_other"], award=award, unposted_classes=w["unposted_classes"])


def _sanctions(folder: Path) -> dict[str, Any]:
    f = _File(folder, "sanctions.yaml")
    d = f.yaml()
    f.keys(d, {"pp94_from", "pp53_2010", "pp94_2021"}, "berkas")

    def table(key: str) -> dict[str, tuple[tuple[str, int], ...]]:
        by = d.get(key)
        _same_labels(f, key, list(by) if isinstance(by, dict) else [], DisciplineLevel)
        out = {}
        for level, rows in by.items():
            items = []
            for i, r in enumerate(f.seq(rows, f"{key}.{level}"), 1):
                if not (isinstance(r, list) and len(r) == 2):
                    raise f.fail(f"{key}.{level} ke-{i}", "harus [teks sanksi, lama dalam bulan]")
                items.append((f.get({"teks": r[0]}, "teks", f"{key}.{level} ke-{i}", _text, "teks"),
                              f.get({"bulan": r[1]}, "bulan", f"{key}.{level} ke-{i}", _count, "bulan (bulat)")))
            out[str(level)] = tuple(items)
        return out

    start = d.get("pp94_from")
    if not isinstance(start, date):
        raise f.fail("pp94_from", f"harus tanggal YYYY-MM-DD, tertulis {start!r}")
    return dict(sanctions_pp53=table("pp53_2010"), sanctions_pp94=table("pp94_2021"), pp94_from=start)


@lru_cache(maxsize=8)
def _load(folder: Path) -> Tables:
    sizes = _sizes(folder)
    jf, level_label = _jf(folder)
    plk_generic, plk_rumpun = _pelaksana(folder)
    areas = _areas(folder)
    names, ethnic, ethnic_p = _names(folder)
    classes = _classes(folder)
    return Tables(
        sizes=sizes, jf=jf, jf_keys=tuple(jf), level_label=level_label, plk_generic=plk_generic,
        plk_rumpun=plk_rumpun, **_opd(folder, jf), kecamatan=areas["kecamatan"], kelurahan=areas["kelurahan"],
        names=names, ethnic=ethnic, ethnic_p=ethnic_p, **_degrees(folder, jf), **classes,
        **_talent(folder, classes["cls_index"]), **_sanctions(folder),
    )


def load(folder: str | Path | None = None) -> Tables:
    """The tables in ``folder`` (default: the package's ``data``), read once per process."""
    return _load(Path(folder).resolve() if folder is not None else DATA_DIR)
