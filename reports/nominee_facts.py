"""The facts the committee weighs about a nominee (models.plan.NomineeFacts) in words.

One function for every place that shows them, so the explanation, the post page of the
report and the workbook say the same: kinerja of the last two years, talent box with the
BKN advice, JPM with its date, succession pool and readiness, time in the current post,
discipline record, the rumpun (same, or from which to which), and the move type with its article. Labels from models.labels,
formats from reports.fmt. A public copy (``public``) states whether there is a discipline
record, not what it is, as the check details of the pack do.
"""
from __future__ import annotations

from typing import Any

from models.labels import (DISCIPLINE_LEVEL_LABEL, MOVE_TYPE_LABEL, NOMINEE_FACT_LABEL, NOMINEE_FACT_PAIR_LABEL,
                           PERFORMANCE_LABEL, READINESS_LABEL)
from models.plan import NomineeFacts
from reports import fmt

HIDDEN = "rincian tidak ditampilkan (salinan publik)"


def _perf(code: str | None) -> str:
    return PERFORMANCE_LABEL.get(code, code) if code else "tidak tercatat"


def fact_texts(f: NomineeFacts | dict[str, Any] | None, *, public: bool = False,
               move: bool = True, short: bool = False) -> dict[str, str]:
    """Key of NOMINEE_FACT_LABEL → the fact in words (every key; ``–`` where the run has
    no facts, e.g. a run written before they were recorded). ``move=False`` leaves the move
    type out (the post page shows it in the rule rows); ``short``: the kinerja without the
    words the pair label says (``sangat baik, baik``) and the BKN advice to its first clause
    (the printed post page; the workbook and the explanation carry it whole)."""
    keys = [k for k in NOMINEE_FACT_LABEL if move or k != "move"]
    if f is None:
        return {k: fmt.DASH for k in keys}
    if isinstance(f, dict):
        f = NomineeFacts.model_validate(f)
    out = {"performance": f"{_perf(f.performance)}, {_perf(f.performance_prev)}" if short else
           f"{_perf(f.performance)} (terakhir); {_perf(f.performance_prev)} (tahun sebelumnya)"}
    if f.nine_box is None:
        out["nine_box"] = fmt.DASH
    else:
        advice = f.nine_box_advice
        if short and advice and "," in advice:
            advice = advice.split(",", 1)[0] + " …"
        out["nine_box"] = f"kotak {f.nine_box}" + (f": {advice}" if advice else "")
    if f.jpm is None:
        out["jpm"] = "tidak ada nilai JPM"
    else:
        when = f"asesmen {fmt.tanggal(f.jpm_date)}" if f.jpm_date else "tanggal asesmen tidak tercatat"
        out["jpm"] = f"{fmt.num(f.jpm, 1)}% ({when})"
    ready = READINESS_LABEL.get(f.readiness, f.readiness) if f.readiness else ""
    out["pool"] = ("anggota" + (f", {ready}" if ready else "")) if f.pool else "bukan anggota"
    out["tenure"] = fmt.bulan(f.tenure_months) if f.tenure_months is not None else "tanpa jabatan saat ini"
    out["discipline"] = _discipline(f, public)
    out["rumpun"] = _rumpun(f)
    if move:
        kind = MOVE_TYPE_LABEL.get(f.move_type, f.move_type) if f.move_type else fmt.DASH
        out["move"] = kind + (f"; {f.article}" if f.article else "")
    return {k: out[k] for k in keys}


def _rumpun(f: NomineeFacts) -> str:
    """"rumpun sama (X)" or "rumpun berbeda: X → Y", with the months served in Y where it differs
    (Perbup Karawang 72/2020 Pasal 23 ayat (4): perumpunan dan/atau kesesuaian kualifikasi)."""
    if f.t_rumpun is None:
        return fmt.DASH
    if f.rumpun == f.t_rumpun:
        return f"rumpun sama ({f.t_rumpun})"
    text = f"rumpun berbeda: {f.rumpun or 'tidak tercatat'} → {f.t_rumpun}"
    if f.rumpun_months:
        text += f"; {fmt.bulan(f.rumpun_months)} di rumpun {f.t_rumpun}"
    return text + ("; dipertimbangkan" if f.rumpun_weighed else "")


def _discipline(f: NomineeFacts, public: bool) -> str:
    if not f.sanction_running and not f.sanction_records:
        return "tidak ada"
    if public:
        return f"ada; {HIDDEN}"
    parts = []
    if f.sanction_running:
        level = DISCIPLINE_LEVEL_LABEL.get(f.sanction_level, f.sanction_level) if f.sanction_level else ""
        parts.append("sedang menjalani hukuman disiplin" + (f" tingkat {level}" if level else "")
                     + (f" ({f.sanction_text})" if f.sanction_text else ""))
    if f.sanction_records:
        parts.append(f"{f.sanction_records} catatan hukuman disiplin"
                     + (f", yang diperhitungkan terakhir berakhir {fmt.tanggal(f.sanction_last_end)}"
                        if f.sanction_last_end else ""))
    return "; ".join(parts)


BELOW_BAIK = frozenset({"butuh_perbaikan", "kurang", "sangat_kurang"})
LOW_BOXES = frozenset({1, 2, 3})


def concerns(f: NomineeFacts | None) -> set[str]:
    """The facts a committee would stop at: a rating below *baik* in either year, a box of
    1-3 (BKN: not for a higher post), a sanction running, a different rumpun it is to weigh."""
    if f is None:
        return set()
    out = set()
    if f.performance in BELOW_BAIK or f.performance_prev in BELOW_BAIK:
        out.add("performance")
    if f.nine_box in LOW_BOXES:
        out.add("nine_box")
    if f.sanction_running:
        out.add("discipline")
    if f.rumpun_weighed:
        out.add("rumpun")
    return out


def fact_rows(facts: list[NomineeFacts | None], *, public: bool = False) -> list[dict[str, Any]]:
    """The facts two to a row (NOMINEE_FACT_PAIR_LABEL; the move type is in the rule rows of
    the post page), one cell per nominee: ``{"label", "cells": [[{"text", "warn"}, ...], ...]}``,
    each cell the row's facts in order."""
    texts = [fact_texts(f, public=public, move=False, short=True) for f in facts]
    flags = [concerns(f) - ({"discipline"} if public else set()) for f in facts]
    return [{"label": label, "cells": [[{"text": t[k], "warn": k in w} for k in keys] for t, w in zip(texts, flags)]}
            for label, keys in NOMINEE_FACT_PAIR_LABEL]
