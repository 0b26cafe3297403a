"""What a person reads is written the Indonesian way: 34.760 pasangan, 0,2 s, 1 Desember 2026
(the solver's progress, the scenario summary, explain's rule details)."""
from __future__ import annotations

import re
from pathlib import Path

from planner.api import load_scenario, plan_round
from planner.inputs.summary import render_summary, summarise
from reports.explain_text import _check_lines

DEMO = Path(__file__).resolve().parents[1] / "scenarios" / "demo"
ENGLISH_THOUSANDS = re.compile(r"\d,\d{3}\b")  # 34,760
ENGLISH_DECIMAL = re.compile(r"\b\d+\.\d\b")  # 0.2 (Indonesian 0,2; 1.585 has three digits)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def test_the_planners_progress_lines_are_indonesian() -> None:
    lines: list[str] = []
    plan_round(DEMO, write=False, report=lines.append)
    model = next(line for line in lines if line.startswith("Model:"))
    assert re.search(r"\d\.\d{3} pasangan", model) and not ENGLISH_THOUSANDS.search(model)
    timed = [line for line in lines if re.match(r"\s+[\d.,]+ s  ", line)]
    assert timed and all(re.match(r"\s+\d+,\d s  ", line) for line in timed)
    assert not any(ENGLISH_DECIMAL.search(line) for line in timed)


def test_the_scenario_summary_is_indonesian() -> None:
    text = render_summary(summarise(load_scenario(DEMO)))
    assert "berlaku 1 Desember 2026" in text
    assert not ENGLISH_THOUSANDS.search(text) and not ISO_DATE.search(text)
    assert re.search(r"Jabatan\s+: \d\.\d{3} ", text)  # 1.585 posts


def test_explains_rule_details_show_dates_by_name() -> None:
    (line, _) = _check_lines([{"passed": True, "label": "Masa dalam jabatan",
                               "detail": "2 th dalam jabatan sekarang (sejak 2024-11-06)", "article": "Pasal 15"}])
    assert "sejak 6 November 2024" in line and not ISO_DATE.search(line)
