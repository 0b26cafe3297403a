"""The people of a region: birth, entry (TMT CPNS), education, rank, gender, NIP and name.

Everything is drawn per seat class (``seat_classes.csv``) so that a holder's age, rank and
education agree with the seat and with the career rules; names and degrees come from
``names.yaml`` and ``degrees.yaml``.
"""
from __future__ import annotations

from datetime import date

import numpy as np
from numpy.random import Generator

from models.enums import EDUCATION_ORDER, RANK_ORDER, STRUCTURAL_KINDS, Education
from planner.synth.common import YEAR, cat, days, month_floor, years_before, ymd
from planner.synth.tables import DegreeRule, Tables

EDU: tuple[str, ...] = tuple(e.value for e in Education)  # education ordinal -> label


def structural_classes(t: Tables) -> np.ndarray:
    """Per seat class: is it a structural post (pengawas and up)?"""
    return np.array([c.kind in STRUCTURAL_KINDS for c in t.classes])


def draw_people(t: Tables, rng: Generator, cls: np.ndarray, min_edu: np.ndarray, jf_key: np.ndarray, retiree: np.ndarray,
                 unposted: np.ndarray, as_of: date) -> dict[str, np.ndarray]:
    """Birth, TMT CPNS, education, rank and gender for each person, agreeing with their seat."""
    n = len(cls)
    asof = days(as_of)
    C = t.classes
    age_lo = np.array([c.age[0] for c in C])[cls]
    age_md = np.array([c.age[1] for c in C])[cls]
    age_hi = np.array([c.age[2] for c in C])[cls]
    bup = np.array([c.bup for c in C])[cls]
    r_lo = np.array([RANK_ORDER[c.rank[0]] for c in C])[cls]
    r_hi = np.array([RANK_ORDER[c.rank[1]] for c in C])[cls]
    min_ys = np.array([c.min_ys for c in C])[cls]

    # Education now, drawn per class, raised to the seat's minimum.
    edu = np.zeros(n, dtype=int)
    for i, c in enumerate(C):
        m = cls == i
        if m.any():
            labels = cat(rng, c.edu, int(m.sum()))
            edu[m] = [EDUCATION_ORDER[x] for x in labels]
    medical = np.isin(jf_key, [k for k, j in t.jf.items() if j.profession])
    for level in sorted({j.holder_min_education for j in t.jf.values() if j.holder_min_education}):
        holders = [k for k, j in t.jf.items() if j.holder_min_education == level]
        edu = np.where(np.isin(jf_key, holders), np.maximum(edu, EDUCATION_ORDER[level]), edu)
    edu = np.maximum(edu, min_edu)
    # Back from study leave: one degree higher.
    up = unposted & (rng.random(n) < 0.6)
    edu = np.where(up & (edu == EDUCATION_ORDER["S1"]), EDUCATION_ORDER["S2"], edu)
    edu = np.where(up & (edu < EDUCATION_ORDER["S1"]), EDUCATION_ORDER["S1"], edu)

    # Education at entry (CPNS): many officials and pelaksana earned a degree in service.
    u = rng.random(n)
    e_slta, e_d3, e_d4, e_s1, e_s2, e_s3 = (EDUCATION_ORDER[x] for x in ("SLTA", "D3", "D4", "S1", "S2", "S3"))
    entry = edu.copy()
    struct = structural_classes(t)[cls]
    is_plk = cls == t.cls_index["pelaksana"]
    p_slta = np.where(is_plk, 0.30, np.where(struct, 0.14, 0.02))
    p_d3 = np.where(is_plk, 0.10, np.where(struct, 0.14, 0.15))
    s1 = (edu == e_s1) & ~medical
    entry = np.where(s1 & (u < p_slta), e_slta, entry)
    entry = np.where(s1 & (u >= p_slta) & (u < p_slta + p_d3), e_d3, entry)
    entry = np.where((edu == e_s2) & (u < 0.85), e_s1, entry)
    entry = np.where((edu == e_s3) & (u < 0.6), e_s1, np.where(edu == e_s3, e_s2, entry))
    entry = np.where((edu == e_d3) & (u < 0.2), e_slta, entry)
    entry = np.where((edu == e_d4) & (u < 0.5), e_d3, entry)
    upgraded = entry < edu

    # Age on as_of and age at CPNS.
    age = rng.triangular(age_lo, age_md, age_hi)
    age = np.where(retiree, bup + rng.uniform(0.0, 0.45, n), age)
    cpns_lo, cpns_hi = t.cpns_lo[entry], t.cpns_hi[entry]
    cpns_lo = np.where(medical, 26.0, cpns_lo)
    cpns_hi = np.maximum(cpns_hi, cpns_lo + 1)
    age_cpns = rng.uniform(cpns_lo, cpns_hi)
    # Years of service the seat needs: the career rules and the rank band.
    start_e, start_c = t.start_idx[entry], t.start_idx[edu]
    need_rank = np.where(upgraded, (r_lo - start_c) * 4.0 / 0.6 + 1.0, (r_lo - start_e) * 4.0 - 1.5)
    need = np.maximum(min_ys, np.minimum(need_rank, 24.0))
    need = np.where(unposted, need + 5.5, need)
    need = np.clip(need, 0.3, None)
    cap = np.where(retiree, age, bup - 0.05)
    age_cpns = np.clip(np.minimum(age_cpns, age - need), cpns_lo, None)
    short = age - age_cpns < need
    age = np.where(short, np.minimum(age_cpns + need + rng.uniform(0, 3, n), cap), age)
    age_cpns = np.clip(np.minimum(age_cpns, age - need), cpns_lo, None)

    birth = asof - np.round(age * YEAR).astype(np.int64)
    # Retirement age, exactly by calendar: holders reaching BUP by as_of only where intended.
    ages, which = np.unique(bup, return_inverse=True)
    thr = np.array([days(years_before(as_of, int(b))) for b in ages], dtype=np.int64)[which]
    birth = np.where(~retiree & (birth <= thr), thr + 1 + rng.integers(0, 60, n), birth)
    birth = np.where(retiree, thr - rng.integers(0, 170, n), birth)
    cpns = month_floor(birth + np.round(age_cpns * YEAR).astype(np.int64) + 15)
    cpns = np.minimum(cpns, month_floor(np.full(n, asof - 120)))
    ys = (asof - cpns) / YEAR

    # Rank: a step about every 4 years from the entry rank; a degree earned in service lifts
    # the rank to the new degree's starting rank (penyesuaian ijazah). Clipped to the band.
    n1, n2 = rng.uniform(-0.6, 1.4, n), rng.uniform(-0.6, 1.4, n)
    ys_up = ys * rng.uniform(0.25, 0.4, n)
    plain = start_e + np.floor((ys + n1) / 4.0)
    lifted = np.maximum(start_e + np.floor(ys_up / 4.0), start_c) + np.floor((ys - ys_up + n2) / 4.0)
    natural = np.where(upgraded, lifted, plain).astype(int)
    ceiling = np.where(is_plk & (edu <= e_slta), RANK_ORDER["III/b"], np.where(is_plk & (edu <= e_d3),
                       RANK_ORDER["III/c"], RANK_ORDER["IV/e"]))
    rank = np.clip(np.minimum(natural, ceiling), r_lo, np.minimum(r_hi, ceiling))
    rank = np.maximum(rank, r_lo)
    # TMT golongan: 1 April or 1 October, within the last step; longer for those held at the cap.
    capped = natural > rank
    back = np.where(capped, rng.uniform(0.5, 9.0, n), rng.uniform(0.05, 4.0, n))
    back = np.clip(np.minimum(back, ys - 0.8), 0.05, None)
    rs = asof - np.round(back * YEAR).astype(np.int64)
    y, m, _ = ymd(rs)
    y = np.where(m >= 4, y, y - 1)
    mo = np.where((m >= 10) | (m < 4), 10, 4)
    rs = ((y - 1970) * 12 + (mo - 1)).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    no_step = (rank == start_e) & ~upgraded
    rs = np.where(no_step | (rs <= cpns), cpns, rs)

    female = np.array([c.female for c in C])[cls]
    pf_jf = np.array([t.jf[k].female if k else 0.0 for k in jf_key])
    female = np.where(jf_key != "", pf_jf, female)
    gender = np.where(rng.random(n) < female, "P", "L")
    return dict(birth=birth, cpns=cpns, edu=edu, entry=entry, rank=rank, rank_since=rs, gender=gender, ys=ys)


def nips(rng: Generator, birth: np.ndarray, cpns: np.ndarray, gender: np.ndarray) -> np.ndarray:
    y, m, d = ymd(birth)
    cy, cm, _ = ymd(cpns)
    g = np.where(gender == "L", 1, 2)
    cells = zip(*(x.tolist() for x in (y, m, d, cy, cm, g)))  # Python ints: formatting numpy ints is slow
    prefix = np.array([f"{a:04d}{b:02d}{c:02d}{e:04d}{f:02d}{h}" for a, b, c, e, f, h in cells], dtype=object)
    base = rng.integers(1, 6, len(prefix)).tolist()
    order = np.argsort(prefix, kind="stable").tolist()
    pre = prefix.tolist()
    serial = [0] * len(pre)
    prev, k, start = None, 0, 1
    for i in order:
        if pre[i] != prev:
            prev, k, start = pre[i], 0, base[i]
        serial[i] = start + k
        k += 1
    return np.array([f"{p}{s:03d}" for p, s in zip(pre, serial)], dtype=object)


def names(t: Tables, rng: Generator, gender: np.ndarray, edu: np.ndarray, rumpun: np.ndarray,
          jf_key: np.ndarray) -> list[str]:
    """Given and family names after the ethnic shares, with the degrees a person's education earns."""
    n = len(gender)
    eth = rng.choice(len(t.ethnic), size=n, p=t.ethnic_p)
    # Plain Python values in the loop: indexing numpy arrays cell by cell is slow.
    u = rng.random((n, 8)).tolist()
    eth, gender, rumpun, jf_key = eth.tolist(), gender.tolist(), rumpun.tolist(), jf_key.tolist()
    edu_of = [EDU[e] for e in edu.tolist()]
    out = []
    rules: dict[tuple[str, str], DegreeRule | None] = {}
    for i in range(n):
        pool = t.names[t.ethnic[eth[i]]]
        g = gender[i]
        given = pool[g]
        first = given[int(u[i][0] * len(given))]
        parts = [first]
        if u[i][1] < 0.25:  # a second given name
            second = given[int(u[i][2] * len(given))]
            if second != first and " " not in first:
                parts.append(second)
        fam = pool["F" if g == "L" else "FP"]
        if u[i][3] < 0.85:
            last = fam[int(u[i][4] * len(fam))]
            if last not in parts:
                parts.append(last)
        if len(parts) == 1:  # a one-word name is rare on a SK: add a second given name
            other = given[int(u[i][2] * len(given))]
            parts.append(other if other != first else fam[int(u[i][4] * len(fam))])
        name = " ".join(parts)
        key = (edu_of[i], jf_key[i])
        if key not in rules:
            rules[key] = degree_rule(t, *key)
        rule = rules[key]
        out.append(_with_degrees(t, name, edu_of[i], rumpun[i], jf_key[i], rule, u[i][5], u[i][6]))
    return out


def degree_rule(t: Tables, edu: str, jf_key: str) -> DegreeRule | None:
    """The first rule of degrees.yaml that fits a JF (or none) and an education level."""
    return next((r for r in t.degree_rules if (not r.jf or r.jf == jf_key)
                 and (r.education is None or edu in r.education)), None)


def _with_degrees(t: Tables, name: str, edu: str, rumpun: str, jf_key: str, rule: DegreeRule | None, a: float,
                  b: float) -> str:
    """Titles before and degrees after the name (degrees.yaml explains the rules)."""
    prefix, suffix = "", []
    if rule is not None:
        prefix, suffix = rule.prefix, list(rule.suffix)
        if rule.bachelor:
            s1 = t.bachelor_by_rumpun.get(rumpun, t.bachelor_default)
            suffix.append(s1[int(a * len(s1))])
    if edu in ("S2", "S3"):
        s2 = (rule.master if rule is not None else None) or t.master_by_jf.get(jf_key) \
            or t.master_by_rumpun.get(rumpun, t.master_default)
        suffix.append(s2[int(b * len(s2))])
    if edu == "S3" and not prefix:
        prefix = t.doctorate_prefix
    return prefix + name + ("".join(", " + s for s in suffix))
