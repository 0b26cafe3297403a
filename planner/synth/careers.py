"""Careers and sanctions: the history rows that lead to each person's current post, and
the disciplinary records (sanction texts from ``sanctions.yaml``).

A structural official's record meets the career rules the planner enforces (4 years as
pelaksana/JF before pengawas, 3 as pengawas before administrator, 2 in III.a before JPT)
with a margin; a JF climbs its ladder (keterampilan or keahlian, ``models.enums``).
"""
from __future__ import annotations

from datetime import date

import numpy as np
from numpy.random import Generator

from models.enums import JF_KEAHLIAN, JF_KETERAMPILAN, JfLevel
from planner.synth.common import YEAR, days
from planner.synth.structure import Region
from planner.synth.tables import SeatClass, Tables

# The two JF ladders, bottom up, in the contract's order of levels.
KETERAMPILAN: tuple[str, ...] = tuple(lv.value for lv in JfLevel if lv.value in JF_KETERAMPILAN)
KEAHLIAN: tuple[str, ...] = tuple(lv.value for lv in JfLevel if lv.value in JF_KEAHLIAN)
_D = YEAR
_PRE_MIN = int(4.25 * _D)  # pelaksana/JF before the first pengawas post: 4 years and a margin
_PENGAWAS_MIN = int(3.2 * _D)
_ADMIN_MIN = int(2.2 * _D)  # the last row before JPT is III.a for at least 2 years
_JPT_MIN = int(2.2 * _D)
_ROW_STRUCT = int(2.1 * _D)
_ROW_PLK = int(1.0 * _D)
_ROW_JF = int(2.0 * _D)


def _total(w: list[float]) -> float:
    """``numpy.sum`` of ``w``, bit for bit: numpy adds fewer than 8 values one after the other
    (pairwise beyond), so a plain loop gives its very result without the cost of an array."""
    if len(w) >= 8:
        return float(np.sum(np.array(w)))
    acc = 0.0
    for x in w:
        acc += x
    return acc


def _split(total: int, k: int, minimum: int, u: list[float]) -> list[int]:
    """Split ``total`` days into k parts of at least ``minimum`` (k is reduced to fit)."""
    k = max(1, min(k, total // max(minimum, 1)))
    w = [x + 0.2 for x in u[:k]]
    extra = total - k * minimum
    total_w = _total(w)
    parts = [minimum + int(extra * x / total_w) for x in w]
    parts[-1] += total - sum(parts)
    return parts


def careers(rng: Generator, cls: np.ndarray, unit_idx: np.ndarray, post_rumpun: np.ndarray, reg: Region,
             first: np.ndarray, since: np.ndarray, end: np.ndarray, province: bool,
             as_of: date) -> tuple[list[list[tuple]], np.ndarray]:
    """History rows for everyone; returns rows and the (possibly later) start of the last post.

    Rows are contiguous from the first post (SPMT) to the current one. A past structural
    row names a real post of that eselon (its unit and job family), in the same unit or,
    on a tour of duty, elsewhere; pelaksana and JF rows take the unit's job family.
    """
    n = len(cls)
    # Python floats, not numpy scalars: the same values at a fraction of the cost per read.
    U = rng.random((n, 48)).tolist()
    units = reg.units
    nunits = len(units)
    unit_pos = {u.code: i for i, u in enumerate(units)}
    by_rumpun: dict[str, list[int]] = {}
    for i, un in enumerate(units):
        by_rumpun.setdefault(un.rumpun, []).append(i)
    # Structural posts by eselon, and by (eselon, unit).
    by_es: dict[str, list[tuple[int, str]]] = {}
    by_es_unit: dict[tuple[str, int], list[tuple[int, str]]] = {}
    for post in reg.posts:
        key = (unit_pos[post["unit"]], post["rumpun"])
        by_es.setdefault(post["eselon"], []).append(key)
        by_es_unit.setdefault((post["eselon"], key[0]), []).append(key)
    latest = days(as_of) - 30
    rows: list[list[tuple]] = []
    since_out = since.copy()
    tables = reg.t
    i_plk = tables.cls_index["pelaksana"]
    for p in range(n):
        u = U[p]
        c = tables.classes[cls[p]]
        F, P, E = int(first[p]), int(since[p]), int(end[p])
        cur = int(unit_idx[p])
        draws = iter(u[24:])

        def plk(stay: float) -> tuple[int, str]:
            x, y = next(draws), next(draws)
            ui = cur if x < stay else int(y * nunits) % nunits
            return ui, units[ui].rumpun

        def jfu() -> tuple[int, str]:
            x, y = next(draws), next(draws)
            same = by_rumpun.get(units[cur].rumpun, [cur])
            ui = cur if x < 0.85 else same[int(y * len(same)) % len(same)]
            return ui, units[ui].rumpun

        def struct(eselon: str, stay: float) -> tuple[int, str]:
            x, y = next(draws), next(draws)
            here = by_es_unit.get((eselon, cur))
            cand = here if (here and x < stay) else by_es[eselon]
            return cand[int(y * len(cand)) % len(cand)]

        seq: list[tuple[str, str, str, tuple[int, str], int]] = []  # kind, eselon, level, (unit, rumpun), days
        span = P - F
        if cls[p] == i_plk:
            if span >= 200:
                for L in _split(span, 1 + int(u[0] * 3), _ROW_PLK, u[1:]):
                    seq.append(("pelaksana", "", "", plk(0.6), L))
        elif c.kind == "jf":
            if span >= 200:
                ladder = KEAHLIAN if c.jf_level in JF_KEAHLIAN else KETERAMPILAN
                top = ladder.index(c.jf_level)
                lower = list(ladder[(1 if ladder[0] == "pemula" and top >= 1 else 0):top])
                pre = u[2] < 0.35 and span > 3 * _D
                fit = max(int(span // _ROW_JF) - (1 if pre else 0), 0)
                if fit < len(lower):  # too little time for every step: entered at a higher level
                    lower = lower[len(lower) - fit:]
                mins = ([_ROW_PLK] if pre else []) + [_ROW_JF] * len(lower)
                if not mins:  # one earlier seat at the same level
                    seq.append(("jf", "", c.jf_level, jfu(), span))
                else:
                    lens = _alloc(span, mins, u[3:])
                    if pre:
                        seq.append(("pelaksana", "", "", plk(0.5), lens[0]))
                    for lv, L in zip(lower, lens[1:] if pre else lens):
                        seq.append(("jf", "", lv, jfu(), L))
        else:
            seq = _official_rows(c, F, P, latest, u, plk, jfu, struct, province, tuple(by_es))
        nip_rows = []
        t = F
        for kind, es, lv, (ui, rumpun), L in seq:
            nip_rows.append((kind, es, lv, units[ui].code, rumpun, t, t + L))
            t += L
        nip_rows.append((c.kind, c.eselon, c.jf_level, units[cur].code, str(post_rumpun[p]), t, E))
        since_out[p] = t
        rows.append(nip_rows)
    return rows, since_out


def _alloc(total: int, mins: list[int], u: list[float]) -> list[int]:
    """Lengths of at least ``mins`` that add up to ``total`` (callers make total >= sum(mins))."""
    w = [x + 0.2 for x in u[: len(mins)]]
    extra = max(total - sum(mins), 0)
    total_w = _total(w)
    lens = [m + int(extra * x / total_w) for m, x in zip(mins, w)]
    lens[-1] += total - sum(lens)
    return lens


def _official_rows(c: SeatClass, F: int, P: int, latest: int, u: list[float], plk, jfu, struct,
                   province: bool, have: tuple[str, ...]) -> list[tuple]:
    """Past rows of a structural official: pelaksana/JF, then pengawas, administrator, JPT.

    The minimums are the rules' (4 years before pengawas, 3 as pengawas before
    administrator, 2 in III.a before JPT, 2 in JPT before Sekda/JPT Madya) with a margin.
    When the drawn start of the current post leaves too little room, the post started later.
    """
    kind = c.kind
    stages: list[tuple[str, int]] = [("pre", _PRE_MIN)]
    if kind in ("administrator", "jpt_pratama", "jpt_madya"):
        stages.append(("pengawas", _PENGAWAS_MIN))
    if kind in ("jpt_pratama", "jpt_madya"):
        stages.append(("administrator", _ADMIN_MIN))
    # Sekda of a kabupaten and JPT Madya held JPT Pratama first; a province's kepala dinas
    # (II.a) may come straight from III.a.
    if kind == "jpt_madya" or (kind == "jpt_pratama" and c.eselon == "II.a" and (not province or u[9] < 0.5)):
        stages.append(("jpt", _JPT_MIN))
    need = sum(m for _, m in stages)
    # An earlier post at the current level (tour of duty), when there is room for it.
    room = P - F - need
    if room > _ROW_STRUCT + 90 and ((kind in ("pengawas", "administrator") and u[10] < 0.55)
                                    or (c.eselon == "II.b" and u[10] < 0.4)):
        stages.append(("same", _ROW_STRUCT))
        need += _ROW_STRUCT
    span = P - F
    if span < need:  # the current post started later than drawn
        span = min(need + int(u[11] * 0.5 * _D), max(latest - F, need))
    lens = _alloc(span, [m for _, m in stages], u[12:])
    seq: list[tuple] = []
    for (stage, _), L in zip(stages, lens):
        if stage == "pre":
            if u[13] < 0.2:  # came from a JF
                seq.append(("jf", "", "ahli_pertama" if u[14] < 0.7 else "mahir", jfu(), L))
            else:
                for part in _split(L, 1 + int(u[15] * 2), _ROW_PLK * 2, u[16:]):
                    seq.append(("pelaksana", "", "", plk(0.5), part))
        elif stage == "pengawas":
            parts = _split(L, 1 + int(u[17] * 2), _ROW_STRUCT, u[18:])
            for j, part in enumerate(parts):
                es = "IV.b" if (j == 0 and len(parts) > 1 and u[19] < 0.5 and "IV.b" in have) else "IV.a"
                seq.append(("pengawas", es, "", struct(es, 0.35), part))
        elif stage == "administrator":
            parts = _split(L, 1 + int(u[21] * 2), _ROW_STRUCT, u[22:])
            for j, part in enumerate(parts):
                es = "III.a" if j == len(parts) - 1 else "III.b"
                seq.append(("administrator", es, "", struct(es, 0.35), part))
        elif stage == "jpt":
            es = "II.b" if (c.eselon == "II.a" and not province) else ("II.a" if u[20] < 0.6 else "II.b")
            seq.append(("jpt_pratama", es, "", struct(es, 0.2), L))
        else:  # same level, an earlier post
            es = c.eselon
            lower = {"IV.a": "IV.b", "III.a": "III.b"}.get(es, "")
            if lower in have and u[23] < 0.45:
                es = lower
            seq.append((kind, es, "", struct(es, 0.3), L))
    return seq


# --------------------------------------------------------------------------- discipline


def discipline(t: Tables, rng: Generator, nip: np.ndarray, cpns: np.ndarray, kind: np.ndarray,
               as_of: date) -> list[tuple]:
    """About 3 % of staff with a sanction: some still running, some ended within 2 years, some older.

    The text follows the regulation in force when the sanction began (PP 53/2010 before
    31 August 2021, PP 94/2021 after). Officials in a structural post carry no heavy
    (berat) sanction: a demotion would show in their career record.
    """
    n = len(nip)
    asof = days(as_of)
    eligible = np.flatnonzero((asof - cpns) > 3 * _D)
    who = np.sort(rng.choice(eligible, size=min(int(round(0.032 * n)), len(eligible)), replace=False))
    u = rng.random((len(who), 8))
    pp94_from = days(t.pp94_from)
    rows = []
    for j, p in enumerate(who):
        recs = [(u[j, 0], u[j, 1], u[j, 2], u[j, 3])]
        if u[j, 4] < 0.1:  # an earlier record as well
            recs.append((u[j, 5], 1.0, u[j, 6], u[j, 7]))
        for lvx, st, a, b in recs:
            level = "ringan" if lvx < 0.6 else ("sedang" if lvx < 0.88 else "berat")
            if level == "berat" and kind[p] not in ("pelaksana", "jf"):
                level = "sedang"
            if st < 0.22:  # still running on as_of
                end = None
            elif st < 0.62:  # ended within the last 2 years: Karawang's 2-year rule bites
                end = asof - 10 - int(a * 1.9 * _D)
            elif st < 1.0:  # older
                end = asof - int((2.1 + a * 5.0) * _D)
            else:  # the earlier of two records
                end = asof - int((7.5 + a * 3.0) * _D)
            table = t.sanctions_pp94 if end is None or end - 365 >= pp94_from else t.sanctions_pp53
            options = [t for t in table[level] if not (kind[p] == "pelaksana" and "jabatan pelaksana" in t[0])]
            text, months = options[int(b * len(options))]
            length = int(months * 30.44)
            if end is None:
                start = asof - int(length * (0.1 + 0.8 * a))
                end = start + length
            else:
                start = end - length
            if start <= int(cpns[p]) + 365:
                continue
            rows.append((nip[p], level, text, start, end))
    rows.sort(key=lambda r: (r[0], r[3]))
    return rows
