"""Explanations as terminal text (and JSON): the words of ``planner explain``, from the dict
that :mod:`planner.explain.explain` builds."""
from __future__ import annotations

import json
from typing import Any

from models.labels import KPI_LABELS, NOMINEE_FACT_LABEL, NOMINEE_FACTS_HEADING, PASSED_OVER_HEADING
from models.plan import MERIT_ORDER_METHOD, NomineeFacts
from models.terms import TERM_LABELS
from reports import fmt
from reports.nominee_facts import concerns, fact_texts


_W = max(len(v) for v in TERM_LABELS.values()) + 2  # label column width in text output
MAX_LISTED = 15  # moves listed per side of a counterfactual in text output


def _num(x: float | None, digits: int = 2) -> str:
    return fmt.num(x, digits)  # Indonesian: 1.000,00


def _signed(x: float) -> str:
    return ("+" if x > 0 else "") + _num(x)


def _post_line(p: dict[str, Any]) -> str:
    crit = " — jabatan kritis" if p.get("critical") else ""
    return f"Jabatan {p['position_id']}: {p['title']} ({p['kind_label']}, {p['unit']}){crit}"


def _check_lines(checks: list[dict[str, Any]], indent: str = "  ") -> list[str]:
    lines = []
    for c in checks:
        lines.append(f"{indent}{'✓' if c['passed'] else '✗'} {c['label']}: {fmt.text(c['detail'])}")
        if c["article"]:
            lines.append(f"{indent}    [{c['article']}]")
    return lines


def _move_line(m: dict[str, Any]) -> str:
    src = f"{m['from_position_id']} ({m['from_title']})" if m["from_position_id"] else "tanpa jabatan"
    return f"{m['nip']} {m['name']}: {src} → {m['to_position_id']} ({m['to_title']}) [{m['move_type_label']}]"


_FW = max(len(v) for v in NOMINEE_FACT_LABEL.values()) + 1  # fact label column width
_FACTS_HEAD = f"{NOMINEE_FACTS_HEADING} (! perlu perhatian: kinerja di bawah baik, kotak 1–3, hukuman disiplin berjalan)"


def _fact_lines(facts: dict[str, Any] | None, indent: str) -> list[str]:
    """The facts the committee weighs about one nominee (``!`` marks a rating below baik,
    a box of 1-3, a running sanction)."""
    if facts is None:
        return [f"{indent}(fakta calon tidak tercatat dalam run ini; jalankan planner plan lagi)"]
    f = NomineeFacts.model_validate(facts)
    flagged = concerns(f)
    return [f"{indent}{'!' if key in flagged else ' '} {NOMINEE_FACT_LABEL[key]:<{_FW}} {text}"
            for key, text in fact_texts(f).items()]


def _passed_over_lines(d: dict[str, Any]) -> list[str]:
    if not d.get("passed_over_recorded", True):
        return ["", "Alasan calon bernilai lebih tinggi tidak dipilih tidak tercatat dalam run ini (run dibuat sebelum "
                    "passed_over.csv); jalankan planner plan lagi."]
    rows = d.get("passed_over") or []
    if not rows:
        return []
    lines = ["", f"{PASSED_OVER_HEADING} ({len(rows)}):"]
    for r in rows:
        lines.append(f"  {r['nip']} {r['name']} — nilai {fmt.num(r['score'], 2)} "
                     f"({fmt.num(r['margin'], 2)} di atas yang diusulkan, {fmt.num(r['chosen_score'], 2)})")
        lines.append(f"      {r['reason_label']}" + (f": {fmt.text(r['detail'])}" if r.get("detail") else ""))
    return lines


def _notes(d: dict[str, Any]) -> list[str]:
    return [f"Catatan: {n}" for n in d.get("notes", [])]


def _render_filled(d: dict[str, Any]) -> list[str]:
    c = d["chosen"]
    lines = [_post_line(d["position"]), ""]
    src = f"{c['from_position_id']} {c['from_title']} ({c['from_unit']})" if c["from_position_id"] else "tanpa jabatan"
    lines += [f"Diusulkan: {c['nip']} {c['name']}, golongan {c['rank']}",
              f"  dari {src}",
              f"  mutasi {c['move_type_label']} — {c['article']}"]
    if c.get("tenure_months") is not None:
        lines.append(f"  masa dalam jabatan sekarang {c['tenure_months']} bulan"
                     + (" (≥ batas tour of duty: dirotasi)" if c.get("overdue") else ""))
    if "facts" in c:
        lines += [f"  {_FACTS_HEAD}:", *_fact_lines(c["facts"], "   ")]
    lines += ["", f"Syarat yang diperiksa ({'semua terpenuhi' if d['all_passed'] else 'ADA YANG TIDAK TERPENUHI'}):"]
    lines += _check_lines(d["checks"])
    lines += ["", f"Nilai pasangan: {_num(d['score'])} (jumlah unsur kecocokan); "
                  f"nilai dalam objektif {_num(d['value'])}"]
    for t in d["score_terms"]:
        lines.append(f"  {t['label']:<{_W}} {_num(t['value']):>10}")
    if d["alternates"]:
        lines += ["", "Calon pendamping (daftar calon 1:3), selisih terhadap yang diusulkan (calon − diusulkan):"]
        for a in d["alternates"]:
            where = f"; ditempatkan di {a['placed']['position_id']} ({a['placed']['title']})" if a["placed"] else ""
            ok = "semua syarat terpenuhi" if a["all_passed"] else "ada syarat tidak terpenuhi"
            lines.append(f"  {a['rank']}. {a['nip']} {a['name']} — nilai {_num(a['score'])}, {ok}{where}")
            if "facts" in a:
                lines += _fact_lines(a["facts"], "     ")
            if a["difference"] is not None:
                for t in a["difference"]:
                    if abs(t["value"]) >= 0.005:
                        lines.append(f"       {t['label']:<{_W - 5}} {_signed(t['value']):>10}")
                lines.append(f"       {'Selisih nilai dalam objektif':<{_W - 5}} {_signed(a['value_difference']):>10}")
            else:
                lines.append("       (rincian per unsur tidak tersedia: skenario tidak dapat dimuat)")
    lines += _passed_over_lines(d)
    ch = d["chain"]
    if ch["kind"] != "tunggal":
        lines += ["", f"Bagian dari {ch['kind']} #{ch['id']} ({ch['kind_label']}), "
                      f"{len(ch['moves'])} mutasi berurutan:"]
        for i, m in enumerate(ch["moves"], 1):
            mark = "  ◀" if m["to_position_id"] == d["position"]["position_id"] else ""
            lines.append(f"  {i}. {_move_line(m)}{mark}")
    else:
        lines += ["", "Mutasi tunggal (tidak berantai dengan mutasi lain)."]
    return lines


def _render_unfilled(d: dict[str, Any]) -> list[str]:
    lines = [_post_line(d["position"]), "", f"Tidak diisi dalam putaran ini — {d['reason_label']}",
             f"  {d['reason_text']}"]
    if d.get("vacated_by"):
        lines.append(f"  Ditinggalkan oleh {_move_line(d['vacated_by'])}")
    lines += ["", f"Kandidat dipertimbangkan (jalur mutasi diizinkan): {d['considered']}; "
                  f"memenuhi semua syarat: {d['eligible_candidates']}"]
    if d["excluded_by_rule"]:
        lines.append("Kandidat yang tersaring per aturan (satu kandidat dapat gagal di beberapa aturan):")
        for r in d["excluded_by_rule"]:
            lines.append(f"  {r['excluded']:>5}  {r['label']}")
    if d["nominees"]:
        lines += ["", "Calon terbaik yang memenuhi syarat (untuk panitia seleksi):"]
        for n in d["nominees"]:
            lines.append(f"  {n['rank']}. {n['nip']} {n['name']} — nilai {_num(n['score'])}")
            if "facts" in n:
                lines += _fact_lines(n["facts"], "     ")
    lines += ["", f"Rekomendasi: {d['recommendation_label']}"]
    return lines


def _render_person(d: dict[str, Any]) -> list[str]:
    p = d["person"]
    lines = [_post_line(d["position"])]
    cur = f"{p['position_id']} {p['title']} ({p['unit']})" if p["position_id"] else "tanpa jabatan"
    lines += [f"PNS: {p['nip']} {p['name']}, golongan {p['rank']}, jabatan sekarang {cur}", ""]
    verdict = d["verdict"]
    if verdict == "terpilih":
        lines += ["PNS ini adalah yang diusulkan untuk jabatan tersebut.", ""]
        return lines + _render_filled(d["explanation"])[2:]
    if verdict == "tidak_ada_jalur":
        return lines + [f"Tidak dapat dipertimbangkan: {d['why_not'][0]}."]
    if verdict == "tidak_memenuhi_syarat":
        lines.append(f"TIDAK MEMENUHI SYARAT: {len(d['failed'])} aturan tidak terpenuhi")
        lines += _check_lines(d["failed"])
        if d.get("facts") is not None:
            lines += [f"{_FACTS_HEAD}:", *_fact_lines(d["facts"], " ")]
        passed = [c for c in d["checks"] if c["passed"]]
        if passed:
            lines.append(f"Syarat lain yang terpenuhi: {len(passed)} ({', '.join(c['rule'] for c in passed)})")
        return lines
    lines.append("Memenuhi semua syarat untuk jabatan ini.")
    if d.get("facts") is not None:
        lines += [f"{_FACTS_HEAD}:", *_fact_lines(d["facts"], " ")]
    if d["placed"]:
        lines.append(f"Dalam rencana: diusulkan ke {d['placed']['to_position_id']} ({d['placed']['to_title']}), "
                     f"nilai pasangan {_num(d['placed']['score'])}.")
    else:
        lines.append("Dalam rencana: tidak dimutasi.")
    mine = [n for n in d["nominations"] if n["position_id"] == d["position"]["position_id"]]
    if mine:
        lines.append(f"Masuk daftar calon jabatan ini sebagai calon ke-{mine[0]['rank']}.")
    else:
        lines.append("Tidak masuk daftar calon jabatan ini:")
    for w in d["why_not"]:
        lines.append(f"  • {w}")
    cf = d["counterfactual"]
    if cf is None:
        return lines
    lines.append("")
    if not cf["feasible"]:
        lines.append("Jika dipaksakan ke jabatan ini: putaran TIDAK DAPAT disusun —")
        for m in cf["findings"]:
            lines.append(f"  {m}")
        return lines
    lines.append("Jika dipaksakan ke jabatan ini (putaran disusun ulang dengan penguncian):")
    lines.append(f"  objektif {_num(cf['objective'], 3)} → {_num(cf['forced_objective'], 3)}: "
                 f"berkurang {_num(cf['loss'], 3)}")
    strict = d["solver"].get("method") == MERIT_ORDER_METHOD
    if strict:
        # A lock into the post takes it out of the strict merit order (the committee decided it).
        lines.append("  (putaran disusun dengan urutan merit ketat; penguncian ke jabatan ini membebaskannya dari "
                     "urutan itu: calon yang lebih kuat tidak wajib dimutasi)")
    elif not cf["exact"]:
        lines.append(f"  (perkiraan: solver berhenti karena batas waktu — status run {d['solver']['status']}, "
                     f"susun ulang {cf['forced_status']}; selisih terhadap batas atas "
                     f"{(cf['forced_gap'] or 0) * 100:.1f} %)")
    if cf["loss"] < 0 and not strict:
        lines.append("  Objektif justru lebih tinggi: rencana run belum optimal; jalankan ulang dengan batas waktu "
                     "lebih panjang.")
    if cf["terms_change"]:
        lines.append("  Perubahan per unsur objektif:")
        for t in cf["terms_change"]:
            lines.append(f"    {t['label']:<{_W - 2}} {_signed(t['value']):>10}")
    for k, v in cf["kpis_change"].items():
        lines.append(f"  {KPI_LABELS.get(k, k)}: {'+' if v > 0 else ''}{v}")
    lines.append(f"  Mutasi yang berubah: {len(cf['moves_added'])} ditambah, {len(cf['moves_removed'])} dihapus")
    for sign, moves in (("+", cf["moves_added"]), ("−", cf["moves_removed"])):
        for m in moves[:MAX_LISTED]:
            lines.append(f"    {sign} {_move_line(m)}")
        if len(moves) > MAX_LISTED:
            lines.append(f"    {sign} … dan {len(moves) - MAX_LISTED} lainnya (lengkap dengan --format json)")
    return lines


def render_text(d: dict[str, Any]) -> str:
    """The explanation as terminal text."""
    if d["type"] == "terisi":
        lines = _render_filled(d)
    elif d["type"] == "kosong":
        lines = _render_unfilled(d)
    elif d["type"] == "calon":
        lines = _render_person(d)
    else:
        lines = [_post_line(d["position"]), "", d["text"]]
        if d.get("holder"):
            lines.append(f"  Pemegang jabatan: {d['holder']['nip']} {d['holder']['name']}")
    s = d.get("solver") or {}
    if s:
        gap = "" if s.get("gap") is None else f", selisih terhadap batas atas {s['gap'] * 100:.2f} %"
        lines += ["", f"Solver: {s.get('status')}{gap}"]
    lines += _notes(d)
    return "\n".join(lines)


def render_json(d: dict[str, Any]) -> str:
    return json.dumps(d, ensure_ascii=False, indent=1, default=str)
