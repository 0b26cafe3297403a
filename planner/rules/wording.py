"""Pack values in the committee's words: Indonesian numbers, durations and lists.

Rule labels and details are rendered from the pack in force with these helpers, so a
label never states a figure the pack does not hold ("Paling singkat 2,5 tahun ...").
Indonesian writes a decimal comma and a thousands dot: ``2,5`` and ``1.000``.
"""
from __future__ import annotations

from typing import Iterable

from models.enums import KIND_LABEL

# Kinds in running text: structural kinds keep the regulation's capitals only for JPT.
_KIND_WORD = {k: (v if k.startswith("jpt") else v.lower()) for k, v in KIND_LABEL.items()}
_KIND_WORD["jf"] = "JF"


def number(value: float | int) -> str:
    """``2`` -> ``2``, ``2.5`` -> ``2,5``, ``1000`` -> ``1.000``, ``0.25`` -> ``0,25``."""
    if isinstance(value, bool):
        raise TypeError("a truth value is not a number")
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    whole, _, frac = f"{float(value):.6f}".rstrip("0").partition(".")
    return f"{int(whole):,}".replace(",", ".") + "," + frac


def years(value: float | int) -> str:
    """``2`` -> ``2 tahun``, ``2.5`` -> ``2,5 tahun``."""
    return f"{number(value)} tahun"


def months(value: float | int) -> str:
    return f"{number(value)} bulan"


def enumeration(items: Iterable[str], last: str = "dan") -> str:
    """``a, b dan c``: the Indonesian list, no serial comma."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def boxes(values: Iterable[int]) -> str:
    """Nine-box numbers with runs of three or more shortened: ``[7, 8, 9]`` -> ``7–9``."""
    nums = sorted(set(int(v) for v in values))
    parts, i = [], 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{nums[i]}–{nums[j]}")
        else:
            parts.extend(str(n) for n in nums[i:j + 1])
        i = j + 1
    return enumeration(parts)


def kinds(values: Iterable[str], last: str = "dan") -> str:
    """``[pengawas, jpt_pratama]`` -> ``pengawas dan JPT Pratama``."""
    return enumeration((_KIND_WORD.get(v, v) for v in values), last)


def grade(spec: str) -> str:
    """A grade string of the pack in words: ``administrator:III.a`` -> ``administrator eselon III.a``."""
    kind, _, qualifier = spec.partition(":")
    if kind == "jf":
        if qualifier in ("", "*"):
            return "JF"
        return "JF " + qualifier.replace("_", " ")
    word = _KIND_WORD.get(kind, kind)
    return f"{word} eselon {qualifier}" if qualifier else word


def grades(specs: Iterable[str], last: str = "atau") -> str:
    """A list of grade strings in words, JF levels gathered:
    ``[pengawas, jf:ahli_muda, jf:penyelia]`` -> ``pengawas atau JF (ahli muda, penyelia)``."""
    specs = list(specs)
    levels = [s.partition(":")[2] for s in specs if s.partition(":")[0] == "jf"]
    parts = [grade(s) for s in specs if s.partition(":")[0] != "jf"]
    if len(levels) == 1 or any(lvl in ("", "*") for lvl in levels):
        parts.append(grade("jf:" + (levels[0] if len(levels) == 1 else "*")))
    elif levels:
        parts.append("JF (" + ", ".join(words(lvl) for lvl in levels) + ")")
    return enumeration(parts, last)


def words(value: str) -> str:
    """An enum value in words: ``sangat_baik`` -> ``sangat baik``."""
    return value.replace("_", " ")
