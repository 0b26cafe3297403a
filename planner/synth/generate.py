"""Realistic synthetic scenarios: the job map, staff, careers and sanctions of a region.

``generate_scenario(size, seed, out_dir)`` writes a scenario folder in the data contract
(``docs/data-contract.md``) for a synthetic *kabupaten* (``kecil``, ``kabupaten``) or
*provinsi*: real OPD structure and Indonesian titles, people whose NIP, age, rank,
education and career record agree with each other and with the rules the planner
enforces (4 years as pelaksana/JF before pengawas, 3 as pengawas before administrator,
2 in III.a before JPT, BUP, ...).

The package is split by job: ``tables`` reads the data files (``data/``: sizes, OPD
catalogue, names, seat classes, shares; see ``README.md``), ``structure`` builds the job
map, ``people`` draws the staff, ``careers`` their records and sanctions, and this module
assembles the tables and writes the files. Column headers and file names are the data
contract's own (``models.schema``), so the files always match what the loader reads.

Determinism: one ``numpy.random.Generator(PCG64(seed))`` drawn in a fixed order, lists
and tuples only (no set or dict-of-hash iteration), no clock. Same seed, same bytes.
Large volumes (pelaksana and JF seats, their holders) are drawn vectorised; OPD and
structural posts are plain loops; career records are a loop over pre-drawn numbers.
"""
from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any, Sequence

import numpy as np
from numpy.random import PCG64, Generator

from models.enums import (
    EDUCATION_ORDER,
    POOL_BOXES,
    RANKS,
    Kind,
    LeadershipTraining,
    Readiness,
    nine_box,
)
from models.schema import TABLE_MODELS, DataFiles
from planner.synth.careers import KEAHLIAN, careers, discipline
from planner.synth.common import YEAR, cat, days, iso
from planner.synth.people import EDU, draw_people, names, nips, structural_classes
from planner.synth.structure import build_seats, build_structure
from planner.synth.tables import SizeSpec, Tables, load

__all__ = ["HEADERS", "SIZES", "generate_scenario"]

# The contract's columns, in the order of the row models' fields: the header of each file.
HEADERS: dict[str, tuple[str, ...]] = {table: tuple(model.model_fields) for table, model in TABLE_MODELS.items()}
SIZES: dict[str, SizeSpec] = load().sizes

# Labels this module writes itself (the rest come from the data files, checked on load).
_READINESS = ("ready_now", "need_development")
_TRAINING = ("none", "pkp", "pka", "pkn2", "pkn1")
if set(_READINESS) != {e.value for e in Readiness} or set(_TRAINING) != {e.value for e in LeadershipTraining}:
    raise RuntimeError("planner.synth.generate is out of step with models.enums (Readiness, LeadershipTraining)")


def generate_scenario(size: str, seed: int, out_dir: Path, as_of: date = date(2026, 12, 1),
                      rule_pack: str = "karawang-2020", name: str | None = None,
                      data_dir: Path | None = None) -> dict[str, Any]:
    """Write a realistic synthetic scenario folder and return a summary of counts.

    ``size`` is ``kecil`` (~1,500 PNS), ``kabupaten`` (~6,000) or ``provinsi`` (~25,000),
    or another size of ``sizes.yaml``. ``out_dir`` must not exist or be an empty
    directory: runs never overwrite. ``name`` defaults to ``sintetis-<size>-<seed>``.
    ``data_dir`` reads the tables from another folder (default: the package's ``data``).
    """
    t = load(data_dir)
    if size not in t.sizes:
        raise ValueError(f"ukuran tidak dikenal: {size!r}; pilih salah satu dari {', '.join(t.sizes)}")
    out_dir = Path(out_dir)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise FileExistsError(f"{out_dir} sudah ada dan tidak kosong; generate tidak menimpa berkas, "
                              "pilih folder baru atau kosong")
    rng = Generator(PCG64(seed))
    tables = _generate(t, t.sizes[size], rng, as_of)
    scen_name = name or f"sintetis-{size}-{seed}"
    yaml_text = _scenario_yaml(scen_name, size, seed, as_of, rule_pack, tables)

    names_of = DataFiles()
    files = {getattr(names_of, table): _csv(table, tables[table]) for table in HEADERS}
    files["scenario.yaml"] = yaml_text.encode("utf-8")
    out_dir.mkdir(parents=True, exist_ok=True)
    for fname, data in files.items():
        (out_dir / fname).write_bytes(data)
    summary = dict(tables["summary"])
    summary.update(name=scen_name, size=size, seed=seed, as_of=as_of.isoformat(),
                   bytes={k: len(v) for k, v in files.items()})
    return summary


def _csv(table: str, columns: dict[str, Sequence[Any]]) -> bytes:
    """One file of the contract from its columns, in the header's order."""
    header = HEADERS[table]
    if set(columns) != set(header):  # the schema changed and this module did not follow
        raise RuntimeError(f"planner.synth.generate: {table} columns {sorted(columns)} != contract {list(header)}")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    # Plain lists: iterating numpy arrays would box every cell into a numpy scalar.
    w.writerows(zip(*(c.tolist() if isinstance(c, np.ndarray) else c for c in (columns[h] for h in header))))
    return buf.getvalue().encode("utf-8")


def _generate(t: Tables, spec: SizeSpec, rng: Generator, as_of: date) -> dict[str, Any]:
    asof = days(as_of)
    reg = build_structure(t, spec, rng)
    S = len(reg.posts)

    # Vacancies among structural posts: 11 % (within 8-15 %), more among pengawas.
    kinds = np.array([p["kind"] for p in reg.posts], dtype=object)
    w_vac = np.where(kinds == "pengawas", 1.2, np.where(kinds == "administrator", 1.0, 1.4))
    w_vac[[i for i, p in enumerate(reg.posts) if p["position_id"] == f"{t.setda.code}-SEKDA"]] = 0.2
    n_vac = int(round(0.112 * S))
    vac = np.zeros(S, dtype=bool)
    vac[rng.choice(S, size=n_vac, replace=False, p=w_vac / w_vac.sum())] = True

    # Jabatan kritis: the catalogue's picks, topped up to ~7 % among the critical OPD's posts.
    crit = np.array([p["critical"] for p in reg.posts], dtype=bool)
    target = int(round(0.07 * S))
    if crit.sum() < target:
        crit_units = [p["unit"] for p, c in zip(reg.posts, crit) if c and p["kind"] != "pengawas"]
        pool = np.array([i for i, p in enumerate(reg.posts) if not crit[i] and p["unit"] in crit_units
                         and p["kind"] in ("administrator", "pengawas")])
        add = rng.choice(pool, size=min(target - int(crit.sum()), len(pool)), replace=False)
        crit[add] = True
    for p, c in zip(reg.posts, crit):
        p["critical"] = bool(c)

    # A few explicit minimums on the job map (the pack default applies elsewhere).
    u_min = rng.random(S)
    for i, p in enumerate(reg.posts):
        cls = t.classes[t.eselon_class[p["eselon"]]]
        if u_min[i] < 0.035:
            p["min_rank"] = cls.rank[0]
        elif u_min[i] < 0.06 and p["kind"] == "pengawas" and p["rumpun"] in ("keuangan", "hukum", "informatika",
                                                                           "kesehatan", "pengawasan"):
            p["min_education"] = "S1"
        if p["position_id"].endswith("-DIR") or (p["kind"] == "jpt_pratama" and p["critical"] and u_min[i] > 0.7):
            p["min_education"] = "S2"

    # Head count: structural holders + seat holders + a few without a post.
    n_emp = int(round(spec.employees * rng.uniform(0.97, 1.03)))
    filled_s = S - n_vac
    n_unposted = int(round(0.015 * n_emp))
    filled_ns = n_emp - filled_s - n_unposted
    seat_vac_rate = 0.06
    n_seats = int(round(filled_ns / (1 - seat_vac_rate)))
    seats = build_seats(reg, n_seats, rng)
    n_seats = len(seats["position_id"])
    seat_vac = np.zeros(n_seats, dtype=bool)
    seat_vac[rng.choice(n_seats, size=n_seats - filled_ns, replace=False)] = True

    # Retirement: a few holders reach BUP by as_of (the planner must treat their posts as vacant).
    filled_s_idx = np.flatnonzero(~vac)
    n_ret_s = max(3, int(round(0.012 * filled_s)))
    ret_s = np.zeros(S, dtype=bool)
    ret_s[rng.choice(filled_s_idx, size=n_ret_s, replace=False)] = True
    filled_ns_idx = np.flatnonzero(~seat_vac)
    n_ret_ns = max(2, int(round(0.002 * filled_ns)))
    ret_ns = np.zeros(n_seats, dtype=bool)
    ret_ns[rng.choice(filled_ns_idx, size=n_ret_ns, replace=False)] = True

    # People, in job-map order: structural holders, seat holders, then those without a post.
    unit_pos = {u.code: i for i, u in enumerate(reg.units)}
    s_idx = filled_s_idx
    n_idx = filled_ns_idx
    s_list, n_list = s_idx.tolist(), n_idx.tolist()  # plain lists for the per-person look-ups below
    seat_kind, seat_level, seat_unit = seats["kind"].tolist(), seats["jf_level"].tolist(), seats["unit"].tolist()
    cls_s = np.array([t.eselon_class[reg.posts[i]["eselon"]] for i in s_list], dtype=int)
    cls_n = np.array([t.cls_index["pelaksana"] if seat_kind[i] == "pelaksana" else
                      t.cls_index["jf:" + seat_level[i]] for i in n_list], dtype=int)
    cls_u = np.array([t.cls_index[x] for x in cat(rng, t.unposted_classes, n_unposted)], dtype=int)
    cls = np.concatenate([cls_s, cls_n, cls_u])
    N = len(cls)
    unit_u = rng.integers(0, len(reg.units), n_unposted)
    unit_idx = np.concatenate([[unit_pos[reg.posts[i]["unit"]] for i in s_list],
                               [unit_pos[seat_unit[i]] for i in n_list], unit_u]).astype(int)
    post_rumpun = np.concatenate([np.array([reg.posts[i]["rumpun"] for i in s_list], dtype=object),
                                  seats["rumpun"][n_idx],
                                  np.array([reg.units[i].rumpun for i in unit_u], dtype=object)])
    jf_key = np.concatenate([np.array([""] * len(s_idx), dtype=object), seats["jf_key"][n_idx],
                             np.array([""] * n_unposted, dtype=object)])
    min_edu_s = np.array([EDUCATION_ORDER[reg.posts[i]["min_education"]] if reg.posts[i]["min_education"] else 0
                          for i in s_list], dtype=int)
    profession = [k for k, j in t.jf.items() if j.profession]
    min_edu_n = np.where(np.isin(seats["jf_key"][n_idx], profession), EDUCATION_ORDER["S1"], 0)
    min_edu = np.concatenate([min_edu_s, min_edu_n, np.zeros(n_unposted, dtype=int)])
    retiree = np.concatenate([ret_s[s_idx], ret_ns[n_idx], np.zeros(n_unposted, dtype=bool)])
    unposted = np.concatenate([np.zeros(len(s_idx) + len(n_idx), dtype=bool), np.ones(n_unposted, dtype=bool)])
    # Seats of doctors etc. ask S1 on the job map.
    seat_min_edu = np.where(np.isin(seats["jf_key"], profession), "S1", "")

    people = draw_people(t, rng, cls, min_edu, jf_key, retiree, unposted, as_of)
    nip = nips(rng, people["birth"], people["cpns"], people["gender"])
    name = names(t, rng, people["gender"], people["edu"], post_rumpun, jf_key)

    # First post (SPMT): at TMT CPNS or within the first year.
    lag = np.where(rng.random(N) < 0.5, 0, rng.integers(1, 13, N))
    first = (people["cpns"].astype("datetime64[D]").astype("datetime64[M]") + lag.astype("timedelta64[M]")).astype(
        "datetime64[D]").astype("int64")
    first = np.minimum(first, asof - 60)
    # Time in the current post: ~12 % over 5 years.
    struct_cls = structural_classes(t)
    overdue = rng.random(N) < np.where(struct_cls[cls], 0.12, 0.13)
    tenure = np.where(overdue, rng.uniform(5.1, 9.5, N), rng.uniform(0.1, 4.95, N))
    since = asof - np.round(tenure * YEAR).astype(np.int64)
    # Officials were appointed at least a year before BUP (KU 37a), JPT before turning 57.
    kind_cls = np.array([c.kind for c in t.classes], dtype=object)[cls]
    bup_cls = np.array([c.bup for c in t.classes])[cls]
    limit = np.where(np.isin(kind_cls, ["jpt_pratama", "jpt_madya"]), 56.8, bup_cls - 1.1)
    latest_start = people["birth"] + np.round(limit * YEAR).astype(np.int64)
    since = np.where(struct_cls[cls], np.minimum(since, latest_start), since)
    since = np.maximum(since, first)
    end = np.full(N, -1, dtype=np.int64)
    # Without a post: left for study 2-3.5 years ago after 1.5-5 years in the last post.
    away = asof - np.round(rng.uniform(2.0, 3.5, N) * YEAR).astype(np.int64)
    end = np.where(unposted, away, end)
    since = np.where(unposted, np.maximum(away - np.round(rng.uniform(1.5, 5.0, N) * YEAR).astype(np.int64), first),
                     since)
    hist_rows, since = careers(rng, cls, unit_idx, post_rumpun, reg, first, since, end,
                                spec.level == "provinsi", as_of)
    # An unposted person's last row must end after it starts.
    for p in np.flatnonzero(unposted):
        last = hist_rows[p][-1]
        if last[6] <= last[5] + 180:
            hist_rows[p][-1] = last[:6] + (min(last[5] + int(1.5 * YEAR), asof - 90),)

    # Performance and talent mapping.
    struct = struct_cls[cls]
    perf = cat(rng, t.performance, N)
    prev = np.where(rng.random(N) < 0.65, perf, cat(rng, t.performance, N))
    prev = np.where((people["ys"] < 1.3) | (rng.random(N) < 0.015), "", prev)
    pot_off = cat(rng, t.potential_official, N)
    pot_other = cat(rng, t.potential_other, N)
    pot = np.where(struct, pot_off, pot_other)
    boxes = {(a, b): nine_box(a, b) for a, _ in t.performance for b, _ in t.potential_official}
    box = np.array([boxes[a, b] for a, b in zip(perf.tolist(), pot.tolist())], dtype=int)
    in_box = np.isin(box, sorted(POOL_BOXES))
    u = rng.random((N, 8))
    in_pool = in_box & (struct | ((people["ys"] >= 4) & (u[:, 0] < 0.55)))
    p_ready = np.where(box == 9, 0.8, np.where(box == 7, 0.6, 0.55))
    readiness = np.where(in_pool, np.where(u[:, 1] < p_ready, *_READINESS), "")
    box_txt = np.where(u[:, 2] < 0.08, "", box.astype(str))
    is_keahlian = np.isin(cls, [t.cls_index[f"jf:{x}"] for x in KEAHLIAN])
    p_assess = np.where(struct, 0.88, np.where(in_pool, 0.75, np.where(is_keahlian, 0.3, 0.15)))
    assessed = (u[:, 3] < p_assess) & (people["ys"] >= 2)
    mu = np.select([pot == "rendah", pot == "menengah"], [63.0, 72.0], 81.0)
    jpm = np.clip(rng.normal(mu, 6.5), 50, 95)
    jpm_txt = np.where(assessed, np.char.mod("%.2f", jpm), "")
    age_a = np.where(u[:, 4] < 0.95, rng.uniform(0.1, 2.95, N), rng.uniform(3.05, 3.95, N))
    adate = asof - np.round(age_a * YEAR).astype(np.int64)
    adate = np.maximum(adate, people["cpns"] + 365)
    adate_txt = np.where(assessed, iso(adate), "")
    # Leadership training by the level reached.
    lt = np.full(N, "none", dtype=object)
    kind_of = np.array([c.kind for c in t.classes], dtype=object)[cls]
    es_of = np.array([c.eselon for c in t.classes], dtype=object)[cls]
    v = u[:, 5]
    lt = np.where(kind_of == "pengawas", np.where(v < 0.85, "pkp", "none"), lt)
    lt = np.where(kind_of == "administrator", np.where(v < 0.85, "pka", np.where(v < 0.97, "pkp", "none")), lt)
    lt = np.where(kind_of == "jpt_pratama", np.where(v < 0.85, "pkn2", "pka"), lt)
    lt = np.where((kind_of == "jpt_pratama") & (es_of == "II.a") & (v < 0.15), "pkn1", lt)
    lt = np.where(kind_of == "jpt_madya", np.where(v < 0.5, "pkn1", "pkn2"), lt)
    lt = np.where(~struct & in_pool & (v < 0.06), "pkp", lt)
    innov = u[:, 6] < np.where(struct, 0.17, np.where(in_pool, 0.14, 0.07))
    award = np.where(struct, cat(rng, t.award[True, spec.level], N), cat(rng, t.award[False, spec.level], N))

    # Positions table: structural posts, then seats, as columns.
    holder_of_s = {int(s): nip[j] for j, s in enumerate(s_idx)}
    off = len(s_idx)
    holder_of_n = {int(s): nip[off + j] for j, s in enumerate(n_idx)}
    posts = reg.posts
    cols: dict[str, list[Any]] = {h: [p[h] for p in posts] for h in ("position_id", "title", "unit", "kind", "eselon",
                                                                     "rumpun", "min_rank", "min_education")}
    cols["critical"] = ["true" if p["critical"] else "false" for p in posts]
    cols["holder_nip"] = [holder_of_s.get(i, "") for i in range(S)]
    cols["jf_level"] = [""] * S
    seat_cols = dict(position_id=seats["position_id"].tolist(), title=seats["title"].tolist(),
                     unit=seats["unit"].tolist(), kind=seats["kind"].tolist(), eselon=[""] * n_seats,
                     jf_level=seats["jf_level"].tolist(), rumpun=seats["rumpun"].tolist(), min_rank=[""] * n_seats,
                     min_education=seat_min_edu.tolist(), critical=["false"] * n_seats,
                     holder_nip=[holder_of_n.get(i, "") for i in range(n_seats)])
    post_id = np.concatenate([np.array([reg.posts[i]["position_id"] for i in s_idx], dtype=object),
                              seats["position_id"][n_idx], np.array([""] * n_unposted, dtype=object)])
    # The job map lists unit by unit (structural posts, then seats); staff follow that order.
    units = cols["unit"] + seat_cols["unit"]
    order = sorted(range(len(units)), key=lambda k: unit_pos[units[k]])  # stable: posts before seats
    positions = {}
    for h in HEADERS["positions"]:
        both = cols[h] + seat_cols[h]
        positions[h] = [both[k] for k in order]
    row_of = {pid: k for k, pid in enumerate(positions["position_id"])}
    eo = np.array(sorted(range(N), key=lambda j: row_of[post_id[j]] if post_id[j] else len(row_of) + j), dtype=int)

    employees = dict(
        nip=nip[eo], name=np.array(name, dtype=object)[eo], birth_date=iso(people["birth"])[eo],
        gender=people["gender"][eo], rank=np.array(RANKS, dtype=object)[people["rank"][eo]],
        rank_since=iso(people["rank_since"])[eo], education=np.array(EDU, dtype=object)[people["edu"][eo]],
        position_id=post_id[eo], position_since=np.where(unposted, "", iso(since))[eo], performance=perf[eo],
        performance_prev=prev[eo], potential=pot[eo], jpm=jpm_txt[eo], assessment_date=adate_txt[eo],
        nine_box=box_txt[eo], in_pool=np.where(in_pool, "true", "false")[eo], readiness=readiness[eo],
        leadership_training=lt[eo], innovation=np.where(innov, "true", "false")[eo], award_level=award[eo],
    )
    nip_of = nip.tolist()
    rows = [(nip_of[j], *r) for j in eo.tolist() for r in hist_rows[j]]  # r: kind, eselon, level, unit, rumpun, s, e
    h_nip, h_kind, h_es, h_lv, h_unit, h_rumpun, h_s, h_e = (list(c) for c in zip(*rows))
    ends_raw = np.array(h_e)
    history = dict(nip=h_nip, kind=h_kind, eselon=h_es, jf_level=h_lv, unit=h_unit, rumpun=h_rumpun,
                   start=iso(np.array(h_s)), end=np.where(ends_raw < 0, "", iso(np.where(ends_raw < 0, 0, ends_raw))))

    disc = discipline(t, rng, nip, people["cpns"], kind_of, as_of)
    sanctions = dict(nip=[d[0] for d in disc], level=[d[1] for d in disc], sanction=[d[2] for d in disc],
                     start=iso(np.array([d[3] for d in disc], dtype=np.int64)),
                     end=iso(np.array([d[4] for d in disc], dtype=np.int64)))

    # Summary.
    pos_kinds = positions["kind"]
    by_kind = {k.value: pos_kinds.count(k.value) for k in Kind}
    struct_vac = int(vac.sum())
    summary = dict(
        employees=N, positions=len(order), positions_by_kind=by_kind, units=len(reg.units),
        structural_posts=S, structural_vacant=struct_vac, structural_vacancy_share=round(struct_vac / S, 4),
        structural_holders_at_bup=int(ret_s.sum()), seat_holders_at_bup=int(ret_ns.sum()),
        seats=n_seats, seats_vacant=int(seat_vac.sum()), employees_without_post=n_unposted,
        critical_posts=int(crit.sum()), history_rows=len(h_nip), discipline_rows=len(disc),
        in_pool=int(in_pool.sum()),
    )
    # For scenario.yaml: examples of controls that are always valid.
    jpt_vac = [pid for pid, kind, holder in zip(positions["position_id"], positions["kind"], positions["holder_nip"])
               if kind == "jpt_pratama" and not holder]
    recent_jpt = [nip[j] for j in range(len(s_idx))
                  if kind_of[j] == "jpt_pratama" and since[j] > asof - 2 * YEAR and not retiree[j]]
    return dict(positions=positions, employees=employees, history=history, discipline=sanctions, summary=summary,
                reserve=jpt_vac[:1], keep=recent_jpt[:2])


def _scenario_yaml(name: str, size: str, seed: int, as_of: date, rule_pack: str, t: dict[str, Any]) -> str:
    lines = [
        f"# Skenario sintetis ({size}, seed {seed}) dari planner.generate: data karangan, bukan data pegawai nyata.",
        f"name: {name}",
        f"as_of: {as_of.isoformat()}",
        f"rule_pack: {rule_pack}",
        "shortlist_ratio: 3",
        "allow_need_development: false",
        "merit_exempt: false",
        "weights: {}",
        "locks: []",
        "bans: []",
    ]
    if t["keep"]:
        lines.append("keep:  # JPT dilantik kurang dari 2 tahun lalu (UU 5/2014 Pasal 116)")
        lines += [f'  - "{n}"' for n in t["keep"]]
    else:
        lines.append("keep: []")
    if t["reserve"]:
        lines.append("reserve:  # dibiarkan untuk seleksi terbuka")
        lines += [f"  - {p}" for p in t["reserve"]]
    else:
        lines.append("reserve: []")
    lines.append("solver: {time_limit_s: 60, seed: 0, workers: 2}")
    return "\n".join(lines) + "\n"
