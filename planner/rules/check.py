"""``planner check``: every candidate for a post, or every post for a person, with verdicts."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from models.schema import Finding
from planner.inputs.load import InputError, load_valid
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
    v = verdicts(data, pack, nips=None if nip is None else [nip],
                 position_ids=None if position_id is None else [position_id])
    v = v[v["applies"].astype(bool)]
    if v.empty:
        return pd.DataFrame(columns=["nip", "name", "from_position_id", "position_id", "move_type", "eligible",
                                     "failed", "checks"])
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
    return out.sort_values(["eligible", "position_id", "nip"], ascending=[False, True, True]).reset_index(drop=True)


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
                     "failed_rules", "reasons"]].to_csv(index=False).rstrip("\n")
    lines = []
    ok, bad = table[table["eligible"]], table[~table["eligible"]]
    move_word = {"vertical": "vertikal", "horizontal": "horizontal", "diagonal": "diagonal"}
    if position_id:
        lines.append(f"Jabatan {position_id} {table['title'].iloc[0] if len(table) else ''}: {len(table)} kandidat "
                     f"dipertimbangkan, {len(ok)} memenuhi syarat")
    else:
        lines.append(f"PNS {nip}: {len(table)} jabatan tujuan dipertimbangkan, {len(ok)} memenuhi syarat")
    lines.append("(hanya jalur yang diizinkan paket aturan; jalur lain tidak dipertimbangkan)")
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
