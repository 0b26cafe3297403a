"""``planner check``: every candidate for a post, or every post for a person, with verdicts."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from models.enums import STRUCTURAL_KINDS
from models.schema import Finding
from planner.files.cells import csv_string
from planner.inputs.load import InputError, load_valid
from planner.rules import wording as say
from planner.rules.eligibility import verdicts


def check_table(scenario: str | Path, *, position_id: str | None = None, nip: str | None = None) -> pd.DataFrame:
    """One row per (candidate, post): verdict, failed rules with values and articles."""
    from planner.rules.scenario_pack import rule_pack_for

    data = load_valid(scenario)
    pack = rule_pack_for(data)
    file = data.path.name
    if position_id is not None and position_id not in set(data.positions["position_id"]):
        raise InputError([Finding(severity="error", file=file, column="--position", value=position_id,
                                  message="position_id tidak ada di peta jabatan")])
    if nip is not None and nip not in set(data.employees["nip"]):
        raise InputError([Finding(severity="error", file=file, column="--nip", value=nip,
                                  message="NIP tidak ada di data pegawai")])
    note = _outside_round(data, pack, position_id, nip)
    v = verdicts(data, pack, nips=None if nip is None else [nip],
                 position_ids=None if position_id is None else [position_id])
    v = v[v["applies"].astype(bool)]
    if v.empty:
        empty = pd.DataFrame(columns=["nip", "name", "from_position_id", "position_id", "move_type", "eligible",
                                      "failed", "checks", "title"])
        empty.attrs["outside_round"] = note
        return empty
    checks: dict[tuple[str, str], list[dict]] = {}
    for r in v.itertuples():
        checks.setdefault((r.nip, r.position_id), []).append(
            {"rule": r.rule, "label": r.label, "passed": bool(r.passed), "detail": r.detail, "article": r.article})
    out = v.drop_duplicates(["nip", "position_id"])[["nip", "name", "from_position_id", "position_id", "move_type"]]
    keys = list(zip(out["nip"], out["position_id"]))
    out = out.assign(checks=[checks[k] for k in keys],
                     failed=[[c for c in checks[k] if not c["passed"]] for k in keys])
    out["eligible"] = out["failed"].map(len) == 0
    titles = data.positions.set_index("position_id")["title"]
    out["title"] = out["position_id"].map(titles)
    out = out.sort_values(["eligible", "position_id", "nip"], ascending=[False, True, True]).reset_index(drop=True)
    out.attrs["outside_round"] = note
    return out


ROUND_KINDS = "pengawas, administrator dan JPT"


def _outside_round(data, pack, position_id: str | None, nip: str | None) -> str | None:
    """In words, what the request touches outside the round: a JF (or pelaksana) post is
    not filled by this round, so "0 kandidat" would mislead (JF posts follow each JF's own
    rules: uji kompetensi, angka kredit)."""
    pos = data.positions.set_index("position_id")
    if position_id is not None:
        kind = pos.loc[position_id, "kind"]
        if kind in STRUCTURAL_KINDS:
            return None
        level = pos.loc[position_id, "jf_level"]
        what = say.grade(f"jf:{level}" if kind == "jf" and isinstance(level, str) else kind)
        return (f"Jabatan {position_id} adalah {what}: di luar putaran mutasi ini. Putaran hanya mengisi "
                f"jabatan {ROUND_KINDS}; pengisian JF mengikuti ketentuan JF masing-masing (uji kompetensi, angka kredit).")
    emp = data.employees.set_index("nip")
    here = emp.loc[nip, "position_id"]
    if not isinstance(here, str) or here not in pos.index:
        return None
    kind, eselon, level = pos.loc[here, "kind"], pos.loc[here, "eselon"], pos.loc[here, "jf_level"]
    m = pack.move_table()
    m = m[(m["from_kind"] == kind) & m["from_eselon"].isin(["", eselon if isinstance(eselon, str) else ""])
          & m["from_jf_level"].isin(["", level if isinstance(level, str) else ""]) & ~m["to_kind"].isin(STRUCTURAL_KINDS)]
    if m.empty:
        return None
    targets = sorted({say.grade(f"jf:{j}" if k == "jf" and j else k) for k, j in zip(m["to_kind"], m["to_jf_level"])})
    return (f"Jalur ke {', '.join(targets)} diizinkan paket aturan, tetapi jabatan itu di luar putaran mutasi ini "
            f"(putaran hanya mengisi jabatan {ROUND_KINDS}; JF mengikuti ketentuan JF masing-masing).")


def check_report(scenario, *, position_id=None, nip=None, fmt="text", all_rules=False,
                 limit: int | None = 30) -> str:
    table = check_table(scenario, position_id=position_id, nip=nip)
    if fmt == "json":
        return json.dumps(table.to_dict("records"), ensure_ascii=False, indent=1, default=str)
    if fmt == "csv":
        flat = table.assign(failed_rules=table["failed"].map(lambda f: "; ".join(x["rule"] for x in f)),
                            reasons=table["failed"].map(lambda f: " | ".join(f"{x['label']}: {x['detail']} ({x['article']})"
                                                                              for x in f)))
        return flat[["nip", "name", "from_position_id", "position_id", "title", "move_type", "eligible",
                     "failed_rules", "reasons"]].pipe(csv_string).rstrip("\n")
    lines = []
    note = table.attrs.get("outside_round")
    if position_id and note:  # a JF or pelaksana post: nobody is "0 kandidat" for it, it is not in the round
        return note
    if nip and note and table.empty:
        return f"PNS {nip}: tidak ada jabatan {ROUND_KINDS} yang dapat dituju dalam putaran ini.\n{note}"
    ok, bad = table[table["eligible"]], table[~table["eligible"]]
    if nip and note and ok.empty:  # only JF routes are open: say so first, then why the others fail
        lines.append(f"PNS {nip}: tidak ada jabatan {ROUND_KINDS} dalam putaran ini yang syaratnya terpenuhi "
                     f"({len(table)} jabatan tujuan diperiksa).")
        lines.append(note)
        note = None
    move_word = {"vertical": "vertikal", "horizontal": "horizontal", "diagonal": "diagonal"}
    if position_id:
        lines.append(f"Jabatan {position_id} {table['title'].iloc[0] if len(table) else ''}: {len(table)} kandidat "
                     f"dipertimbangkan, {len(ok)} memenuhi syarat")
    elif not lines:
        lines.append(f"PNS {nip}: {len(table)} jabatan tujuan dipertimbangkan, {len(ok)} memenuhi syarat")
    lines.append("(hanya jalur yang diizinkan paket aturan; jalur lain tidak dipertimbangkan)")
    if note:
        lines.append(note)
    lines.append(f"\nMEMENUHI SYARAT ({len(ok)}):")
    for row in ok.itertuples():
        who = f"{row.nip} {row.name} (dari {row.from_position_id or 'tanpa jabatan'})" if position_id \
            else f"{row.position_id} {row.title}"
        lines.append(f"  ✓ {who} — {move_word.get(row.move_type, row.move_type)}")
        if all_rules:
            lines += [f"      ✓ {c['label']}: {c['detail']} ({c['article']})" for c in row.checks]
    if len(bad):
        counts: dict[str, int] = {}
        for failed in bad["failed"]:
            for c in failed:
                counts[c["label"]] = counts.get(c["label"], 0) + 1
        top = sorted(counts.items(), key=lambda kv: -kv[1])
        lines.append(f"\nTIDAK MEMENUHI SYARAT ({len(bad)}); aturan yang paling sering tidak terpenuhi:")
        lines += [f"  {n:6d} × {label}" for label, n in top]
        shown = bad if limit is None else bad.head(limit)
        for row in shown.itertuples():
            who = f"{row.nip} {row.name}" if position_id else f"{row.position_id} {row.title}"
            lines.append(f"\n  ✗ {who} — {move_word.get(row.move_type, row.move_type)}")
            for c in row.checks:
                if c["passed"] and not all_rules:
                    continue
                lines.append(f"      {'✓' if c['passed'] else '✗'} {c['label']}: {c['detail']}")
                lines.append(f"        ({c['article']})")
        if limit is not None and len(bad) > limit:
            lines.append(f"\n  … dan {len(bad) - limit} lainnya (--limit 0 untuk semua, atau --format csv)")
    return "\n".join(lines)
