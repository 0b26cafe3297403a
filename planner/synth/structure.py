"""The job map of a region: units, structural posts (OPD shapes) and pelaksana/JF seats.

The catalogue (which OPD, their bidang and seksi, UPTD, kecamatan) is ``opd.yaml``; this
module knows the shape each kind of unit has (a dinas has a sekretariat, bidang and seksi;
an inspektorat has irban; an RSUD has wakil direktur and bagian/bidang) and the eselon of
each post, which depends on the level (kabupaten or provinsi).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from numpy.random import Generator

from models.enums import JF_LEVEL_ORDER
from planner.synth.common import cat, largest_remainder, roman
from planner.synth.tables import OpdSpec, SizeSpec, Tables, UnitSpec, Weights


@dataclass
class Region:
    t: Tables
    units: list[UnitSpec] = field(default_factory=list)  # every unit of the region, as placed
    posts: list[dict[str, Any]] = field(default_factory=list)  # structural posts, keyed as positions.csv
    kecamatan: tuple[str, ...] = ()

    def unit(self, code: str, name: str, rumpun: str, staff: float, jf_share: float, jf: Weights) -> None:
        self.units.append(UnitSpec(code, name, rumpun, staff, jf_share, jf))

    def post(self, pid: str, title: str, unit: str, eselon: str, rumpun: str, critical: bool = False) -> None:
        cls = self.t.classes[self.t.eselon_class[eselon]]
        self.posts.append(dict(position_id=pid, title=title, unit=unit, kind=cls.kind, eselon=eselon, jf_level="",
                               rumpun=rumpun, min_rank="", min_education="", critical=critical, holder_nip=""))


def parse_line(line: str, default_rumpun: str) -> tuple[str, bool, str, tuple[tuple[str, str], ...]]:
    """``"Name[!][@rumpun]: a | b@r"`` -> (name, critical, rumpun, ((seksi, rumpun), ...))."""
    head, _, rest = line.partition(":")
    name, rumpun = name_rumpun(head.strip(), default_rumpun)
    critical = name.endswith("!")
    name = name.rstrip("!")
    subs = tuple(name_rumpun(s.strip(), rumpun) for s in rest.split("|")) if rest.strip() else ()
    return name, critical, rumpun, subs


def name_rumpun(text: str, default: str) -> tuple[str, str]:
    name, _, r = text.partition("@")
    return name.strip(), (r.strip() or default)


def build_structure(t: Tables, size: SizeSpec, rng: Generator) -> Region:
    """OPD and structural posts, in the order a job map lists them."""
    reg = Region(t)
    prov = size.level == "provinsi"
    # Which kecamatan names this region has (its puskesmas are named after them).
    pick = np.sort(rng.choice(len(t.kecamatan), size=size.kecamatan, replace=False))
    reg.kecamatan = tuple(t.kecamatan[i] for i in pick)
    head_e = "II.a" if prov else "II.b"
    kabid_e = "III.a" if prov else "III.b"

    # Sekretariat Daerah.
    s = t.setda
    reg.unit(s.code, s.name, s.rumpun, t.setda_staff[size.level], s.jf_share, s.jf)
    if prov:
        reg.post(f"{s.code}-SEKDA", "Sekretaris Daerah", s.code, "I.b", s.rumpun, True)
        for a, (title, rumpun, _) in enumerate(t.asisten, 1):
            reg.post(f"{s.code}-AS{a}", title, s.code, "II.a", rumpun)
        for u, critical, bagian in t.biro:
            reg.unit(u.code, u.name, u.rumpun, u.staff, u.jf_share, u.jf)
            reg.post(f"{u.code}-KARO", f"Kepala {u.name}", u.code, "II.b", u.rumpun, critical)
            for b, bag in enumerate(bagian, 1):
                reg.post(f"{u.code}-BAG{b}", f"Kepala Bagian {bag}", u.code, "III.a", u.rumpun)
            reg.post(f"{u.code}-TU", f"Kepala Subbagian Tata Usaha {u.name}", u.code, "IV.a", "umum")
    else:
        reg.post(f"{s.code}-SEKDA", "Sekretaris Daerah", s.code, "II.a", s.rumpun, True)
        bag_no = 0
        for a, (title, rumpun, bagian) in enumerate(t.asisten, 1):
            reg.post(f"{s.code}-AS{a}", title, s.code, "II.b", rumpun)
            for line in bagian:
                bag_no += 1
                name, crit, r, subs = parse_line(line, rumpun)
                reg.post(f"{s.code}-BAG{bag_no}", f"Kepala Bagian {name}", s.code, "III.a", r, crit)
                for k, (sub, sr) in enumerate(subs[: size.subbag], 1):
                    reg.post(f"{s.code}-BAG{bag_no}-SUB{k}", f"Kepala Subbagian {sub}", s.code, "IV.a", sr)

    # OPD from the catalogue.
    for spec in opd_list(t, size):
        _build_opd(reg, spec, size, head_e, kabid_e)

    if prov:
        _build_uptd_prov(reg, size)
    else:
        _build_kecamatan(reg, size)
    return reg


def opd_list(t: Tables, size: SizeSpec) -> list[OpdSpec]:
    if size.level == "provinsi":
        out = [replace(spec, **t.prov_changes.get(spec.code, {})) for spec in t.opds if spec.provinsi]
        # Provincial dinas first, then badan, hospitals last: as a Pergub on SOTK lists them.
        extra = list(t.prov_only)
        dinas = [s for s in out + extra if s.kind in ("dinas", "satpol", "inspektorat", "setwan")]
        badan = [s for s in out + extra if s.kind in ("badan", "bpbd")]
        rs = [s for s in out + extra if s.kind == "rsud"]
        return dinas + badan + rs
    return [s for s in t.opds if s.kecil or not size.kecil_only]


def _build_opd(reg: Region, spec: OpdSpec, size: SizeSpec, head_e: str, kabid_e: str) -> None:
    """Head, sekretariat, bidang and seksi (or the shape of an inspektorat, setwan, RSUD)."""
    c = spec.code
    reg.unit(c, spec.name, spec.rumpun, spec.staff, spec.jf_share, spec.jf)
    prov = size.level == "provinsi"
    if spec.kind == "inspektorat":
        reg.post(f"{c}-INSPEKTUR", "Inspektur", c, head_e, spec.rumpun, True)
        reg.post(f"{c}-SEK", "Sekretaris Inspektorat", c, "III.a", spec.rumpun)
        for s, (sub, sr) in enumerate((name_rumpun(x, spec.rumpun) for x in spec.subbag[: size.subbag]), 1):
            reg.post(f"{c}-SEK-SUB{s}", f"Kepala Subbagian {sub}", c, "IV.a", sr)
        for i in range(size.irban):
            reg.post(f"{c}-IRBAN{i + 1}", f"Inspektur Pembantu Wilayah {roman(i + 1)}", c, kabid_e, spec.rumpun,
                     i == 0)
        return
    if spec.kind == "setwan":
        reg.post(f"{c}-SEKWAN", "Sekretaris DPRD", c, head_e, spec.rumpun)
        nb = 3 if size.kecil_only else 4
        for b, line in enumerate(spec.bidang[:nb], 1):
            name, crit, r, subs = parse_line(line, spec.rumpun)
            reg.post(f"{c}-BAG{b}", f"Kepala Bagian {name}", c, "III.a", r, crit)
            for s, (sub, sr) in enumerate(subs[: size.subbag], 1):
                reg.post(f"{c}-BAG{b}-SUB{s}", f"Kepala Subbagian {sub}", c, "IV.a", sr)
        return
    if spec.kind == "rsud":
        reg.post(f"{c}-DIR", f"Direktur {spec.name}", c, "II.b", spec.rumpun, True)
        if size.wadir or prov:
            reg.post(f"{c}-WADIR1", "Wakil Direktur Umum dan Keuangan", c, "III.a", "umum")
            reg.post(f"{c}-WADIR2", "Wakil Direktur Pelayanan", c, "III.a", spec.rumpun)
        nb = 4 if size.kecil_only else 5
        for b, line in enumerate(spec.bidang[:nb], 1):
            name, crit, r, subs = parse_line(line, spec.rumpun)
            is_bag = r in ("umum", "keuangan")
            word = "Bagian" if is_bag else "Bidang"
            pid = f"{c}-BAG{b}" if is_bag else f"{c}-BID{b}"
            reg.post(pid, f"Kepala {word} {name}", c, "III.b", r, crit)
            for s, (sub, sr) in enumerate(subs, 1):
                sw = "Subbagian" if is_bag else "Seksi"
                reg.post(f"{pid}-{'SUB' if is_bag else 'SEK'}{s}", f"Kepala {sw} {sub}", c, "IV.a", sr)
        return

    # dinas, badan, satpol, bpbd
    if spec.kind == "satpol":
        head, sek, hid = "Kepala Satuan Polisi Pamong Praja", "Sekretaris Satuan Polisi Pamong Praja", "KASAT"
    elif spec.kind == "bpbd":
        head = "Kepala Pelaksana Badan Penanggulangan Bencana Daerah"
        sek, hid = "Sekretaris Badan Penanggulangan Bencana Daerah", "KALAK"
    elif spec.kind == "badan":
        head, sek, hid = f"Kepala {spec.name}", f"Sekretaris {spec.name}", "KABAN"
    else:
        head, sek, hid = f"Kepala {spec.name}", f"Sekretaris {spec.name}", "KADIS"
    reg.post(f"{c}-{hid}", head, c, head_e, spec.rumpun, spec.critical)
    reg.post(f"{c}-SEK", sek, c, "III.a", spec.rumpun, spec.critical and spec.staff >= 2)
    for s, (sub, sr) in enumerate((name_rumpun(x, spec.rumpun) for x in spec.subbag[: size.subbag]), 1):
        reg.post(f"{c}-SEK-SUB{s}", f"Kepala Subbagian {sub}", c, "IV.a", sr)
    sub_word = "Subbidang" if spec.kind in ("badan", "bpbd") else "Seksi"
    sub_code = "SUBID" if sub_word == "Subbidang" else "SEK"
    for b, line in enumerate(spec.bidang[: size.bidang], 1):
        name, crit, r, subs = parse_line(line, spec.rumpun)
        reg.post(f"{c}-BID{b}", f"Kepala Bidang {name}", c, kabid_e, r, crit)
        for s, (sub, sr) in enumerate(subs[: size.seksi], 1):
            reg.post(f"{c}-BID{b}-{sub_code}{s}", f"Kepala {sub_word} {sub}", c, "IV.a", sr)
    for u, name in enumerate(spec.upt[: size.upt], 1):
        reg.post(f"{c}-UPT{u}", f"Kepala UPTD {name}", c, "IV.a", spec.rumpun)
        reg.post(f"{c}-UPT{u}-TU", f"Kepala Subbagian Tata Usaha UPTD {name}", c, "IV.b", "umum")
    if spec.puskesmas and size.puskesmas:
        names = puskesmas_names(reg.kecamatan, size.puskesmas)
        for p, name in enumerate(names, 1):
            reg.post(f"{c}-PKM{p:02d}-TU", f"Kepala Subbagian Tata Usaha UPTD Puskesmas {name}", c, "IV.b",
                     "kesehatan")


def puskesmas_names(kec: tuple[str, ...], count: int) -> list[str]:
    out: list[str] = []
    i = 0
    while len(out) < count:
        base = kec[i % len(kec)]
        n = i // len(kec)
        out.append(base if n == 0 else f"{base} {roman(n + 1)}")
        i += 1
    return out


def _build_kecamatan(reg: Region, size: SizeSpec) -> None:
    """Camat III.a, Sekcam III.b, kasi IV.a, kasubbag IV.b; lurah in the first kecamatan."""
    k = reg.t.kecamatan_unit
    kel = list(reg.t.kelurahan)
    n_kel = size.kelurahan
    for name in reg.kecamatan:
        code = f"KEC-{name.upper()}"
        reg.unit(code, f"Kecamatan {name}", k.rumpun, k.staff, k.jf_share, k.jf)
        reg.post(f"{code}-CAMAT", f"Camat {name}", code, "III.a", k.rumpun)
        reg.post(f"{code}-SEKCAM", f"Sekretaris Kecamatan {name}", code, "III.b", k.rumpun)
        for s, (sub, sr) in enumerate((name_rumpun(x, k.rumpun) for x in reg.t.kec_seksi[: size.kec_seksi]), 1):
            reg.post(f"{code}-SEK{s}", f"Kepala Seksi {sub}", code, "IV.a", sr)
        for s, (sub, sr) in enumerate((name_rumpun(x, k.rumpun) for x in reg.t.kec_subbag[: size.kec_subbag]), 1):
            reg.post(f"{code}-SUB{s}", f"Kepala Subbagian {sub}", code, "IV.b", sr)
        # Kelurahan in the capital kecamatan(s): Lurah IV.a, Sekretaris Kelurahan IV.b.
        here = min(n_kel, 4)
        for j in range(here):
            ln = kel.pop(0)
            reg.post(f"{code}-LRH{j + 1}", f"Lurah {ln}", code, "IV.a", k.rumpun)
            reg.post(f"{code}-LRH{j + 1}-SEK", f"Sekretaris Kelurahan {ln}", code, "IV.b", k.rumpun)
        n_kel -= here


def _build_uptd_prov(reg: Region, size: SizeSpec) -> None:
    def uptd(u: UnitSpec) -> None:
        reg.unit(u.code, u.name, u.rumpun, u.staff, u.jf_share, u.jf)
        reg.post(f"{u.code}-KA", f"Kepala {u.name}", u.code, "III.b", u.rumpun)
        reg.post(f"{u.code}-TU", "Kepala Subbagian Tata Usaha", u.code, "IV.a", "umum")
        for s, sk in enumerate(u.seksi, 1):
            reg.post(f"{u.code}-SEK{s}", f"Kepala Seksi {sk}", u.code, "IV.a", u.rumpun)

    for w in reg.t.uptd_wilayah:
        count = getattr(size, w.count)
        staff = w.staff if w.staff is not None else w.staff_total / count if count else 0.0
        for i in range(count):
            uptd(UnitSpec(w.code.format(i=i + 1, n=roman(i + 1)), w.name.format(i=i + 1, n=roman(i + 1)),
                          w.rumpun, staff, w.jf_share, w.jf, w.seksi))
    for u in reg.t.uptd_single:
        uptd(u)


# --------------------------------------------------------------------------- seats (pelaksana, JF)


def build_seats(reg: Region, n_seats: int, rng: Generator) -> dict[str, np.ndarray]:
    """Pelaksana and JF seats, one row per seat, allocated to units by staff weight."""
    t = reg.t
    staff = np.array([u.staff for u in reg.units])
    per_unit = largest_remainder(n_seats, staff, minimum=3)
    jf_order = {k: i for i, k in enumerate(t.jf_keys)}
    pid: list[str] = []
    title: list[str] = []
    unit: list[str] = []
    kind: list[str] = []
    level: list[str] = []
    rumpun: list[str] = []
    jfkey: list[str] = []
    for u, n in zip(reg.units, per_unit):
        n_jf = int(round(n * u.jf_share)) if u.jf else 0
        n_plk = int(n - n_jf)
        plk_pairs = t.plk_generic + t.plk_rumpun.get(u.rumpun, ())
        # Merge duplicate titles so weights add up and order stays fixed.
        merged: dict[str, float] = {}
        for ti, w in plk_pairs:
            merged[ti] = merged.get(ti, 0.0) + w
        plk_titles = cat(rng, tuple(merged.items()), n_plk)
        width = max(4, len(str(max(n_plk, n_jf))))
        for i in range(n_plk):
            pid.append(f"{u.code}-PLK-{i + 1:0{width}d}")
            title.append(str(plk_titles[i]))
        unit += [u.code] * n_plk
        kind += ["pelaksana"] * n_plk
        level += [""] * n_plk
        jfkey += [""] * n_plk
        if n_jf:
            keys = cat(rng, u.jf, n_jf)
            levels = np.empty(n_jf, dtype=object)
            for k in dict.fromkeys(keys.tolist()):  # first-seen order: deterministic
                m = keys == k
                jf = t.jf[k]
                levels[m] = np.array(jf.levels, dtype=object)[rng.choice(len(jf.levels), size=int(m.sum()), p=jf.p)]
            # Seats listed by JF then level, as a job map does.
            order = np.lexsort((np.array([JF_LEVEL_ORDER[x] for x in levels]),
                                np.array([jf_order[k] for k in keys])))
            keys, levels = keys[order], levels[order]
            for i in range(n_jf):
                pid.append(f"{u.code}-JF-{i + 1:0{width}d}")
                title.append(f"{t.jf[keys[i]].name} {t.level_label[levels[i]]}")
            unit += [u.code] * n_jf
            kind += ["jf"] * n_jf
            level += levels.tolist()
            jfkey += keys.tolist()
        rumpun += [u.rumpun] * int(n)
    return dict(position_id=np.array(pid, dtype=object), title=np.array(title, dtype=object),
                unit=np.array(unit, dtype=object), kind=np.array(kind, dtype=object),
                jf_level=np.array(level, dtype=object), rumpun=np.array(rumpun, dtype=object),
                jf_key=np.array(jfkey, dtype=object))
