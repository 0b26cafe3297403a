"""A programmatic scenario builder for tests: posts, people, careers and sanctions in code.

``ScenarioBuilder(as_of, rule_pack)`` collects posts (``.post``), PNS (``.person``) and
sanctions (``.sanction``) and ``.write(folder)`` writes the four CSVs and ``scenario.yaml``
exactly as ``docs/data-contract.md`` specifies, so that ``planner.inputs.load.load_valid`` accepts
them. The builder keeps the contract's cross-file invariants by construction:

- the NIP is built from birth date, TMT CPNS (``cpns``) and the gender digit, with a
  serial that keeps NIPs unique;
- ``holder_nip`` of a post and ``position_id`` of its holder always agree (seating a person
  on a post sets its holder);
- each person's career record ends with a row for the current post starting on
  ``position_since``; without an explicit ``history`` a plausible ladder is written before
  it (pelaksana, then pengawas IV.a, administrator III.a, ... up to the current kind).

Defaults make a person *eligible for a promotion* from the post they hold: about 40 years
old, in the succession pool (nine-box 9, ready now), rated ``sangat_baik`` then ``baik``,
5 years in the post, education S2 and a golongan that fits the next grade up.
"""
from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from models.schema import TABLE_MODELS

Date = dt.date | str

# The contract's columns are the row models' fields, in order (one source: models.schema).
POSITION_COLUMNS = list(TABLE_MODELS["positions"].model_fields)
EMPLOYEE_COLUMNS = list(TABLE_MODELS["employees"].model_fields)
HISTORY_COLUMNS = list(TABLE_MODELS["history"].model_fields)
DISCIPLINE_COLUMNS = list(TABLE_MODELS["discipline"].model_fields)

# A golongan that passes the next grade up (pack min_rank_by_eselon: IV.b III/a ... II.a IV/b).
DEFAULT_RANK = {None: "III/b", "pelaksana": "III/b", "jf": "III/d", "pengawas": "III/d",
                "administrator": "IV/b", "jpt_pratama": "IV/c", "jpt_madya": "IV/d"}
# The career ladder written before the current post when no history is given.
LADDER = [("pelaksana", None), ("pengawas", "IV.a"), ("administrator", "III.a"), ("jpt_pratama", "II.b"),
          ("jpt_madya", "I.b")]
KIND_TITLE = {"jpt_madya": "Staf Ahli", "jpt_pratama": "Kepala Dinas", "administrator": "Kepala Bidang",
              "pengawas": "Kepala Seksi", "pelaksana": "Pengadministrasi", "jf": "Pejabat Fungsional"}
DEFAULT_STEP_YEARS = 4  # years per earlier rung of the default ladder
# The objective weights before merit came first (issue 10): rotation bonuses that outweigh
# merit. Tests of the solver's search use them for rounds whose LP is fractional under a
# unit cap (the merit-first defaults make those rounds integral); tests of merit compare.
FORMER_WEIGHTS = {"fill": 400, "fill_critical": 1000, "overdue_rotation": 60, "cross_unit": 10, "move_cost": 25,
                  "choice": 0, "critical_merit": 1, "shortfall": 0,
                  "level": {"IV.b": 1, "IV.a": 1, "III.b": 1, "III.a": 1, "II.b": 1, "II.a": 1, "I.b": 1}}


def as_date(value: Date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def shift_years(d: Date, years: int) -> dt.date:
    """``d`` moved by whole years; 29 February lands on 1 March in a non-leap year."""
    d = as_date(d)
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February in a non-leap year
        return dt.date(d.year + years, 3, 1)


def shift_months(d: Date, months: int) -> dt.date:
    """``d`` moved by whole calendar months, clamped to the month's last day."""
    d = as_date(d)
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(d.day, last))


def days(d: Date, n: int) -> dt.date:
    return as_date(d) + dt.timedelta(days=n)


@dataclass
class Post:
    position_id: str
    kind: str
    eselon: str | None
    jf_level: str | None
    unit: str
    rumpun: str
    title: str
    critical: bool = False
    min_rank: str | None = None
    min_education: str | None = None
    holder: str | None = None


@dataclass
class Person:
    nip: str
    row: dict[str, Any]
    history: list[dict[str, Any]] = field(default_factory=list)
    cpns: dt.date | None = None
    default_history: bool = True


class ScenarioBuilder:
    """Build a scenario folder in code. See the module docstring for the defaults."""

    def __init__(self, as_of: Date = "2026-12-01", rule_pack: str = "national", *, name: str = "uji",
                 **scenario: Any):
        self.as_of = as_of_date = as_date(as_of)
        assert as_of_date is not None
        self.rule_pack = rule_pack
        self.name = name
        self.scenario = dict(scenario)  # further scenario.yaml keys (allow_need_development, parameters, ...)
        self.posts: dict[str, Post] = {}
        self.people: dict[str, Person] = {}
        self.sanctions: list[dict[str, Any]] = []
        self._serial = 0

    # ------------------------------------------------------------------ posts

    def post(self, position_id: str, kind: str, eselon: str | None = None, jf_level: str | None = None, *,
             unit: str = "BKPSDM", rumpun: str = "kepegawaian", holder: str | None = None,
             critical: bool = False, min_rank: str | None = None, min_education: str | None = None,
             title: str | None = None) -> str:
        """Add a post; ``holder`` seats an already added person on it. Returns its id."""
        assert position_id not in self.posts, f"post {position_id} twice"
        if kind in ("pengawas", "administrator", "jpt_pratama", "jpt_madya") and eselon is None:
            eselon = {"pengawas": "IV.a", "administrator": "III.a", "jpt_pratama": "II.b", "jpt_madya": "I.b"}[kind]
        if kind == "jf" and jf_level is None:
            jf_level = "ahli_pertama"
        self.posts[position_id] = Post(position_id, kind, eselon, jf_level, unit, rumpun,
                                       title or f"{KIND_TITLE[kind]} {position_id}", critical, min_rank,
                                       min_education)
        if holder is not None:
            self.seat(holder, position_id)
        return position_id

    def seat(self, nip: str, position_id: str) -> None:
        """Record ``nip`` as the holder of ``position_id`` (both sides of the contract)."""
        post = self.posts[position_id]
        assert post.holder in (None, nip), f"{position_id} already held by {post.holder}"
        person = self.people[nip]
        assert person.row["position_id"] in (None, position_id), f"{nip} already holds {person.row['position_id']}"
        post.holder = nip
        person.row["position_id"] = position_id
        if person.row["position_since"] is None:  # seated after being added without a post
            person.row["position_since"] = shift_years(self.as_of, -5)
            person.row["rank_since"] = min(person.row["rank_since"], person.row["position_since"])
        if person.default_history:
            person.history = self._default_history(post, person.row["position_since"], person.cpns)

    # ------------------------------------------------------------------ people

    def make_nip(self, birth_date: Date, gender: str, cpns: Date, serial: int | None = None) -> str:
        birth, cpns = as_date(birth_date), as_date(cpns)
        if serial is None:
            self._serial += 1
            serial = self._serial
        nip = f"{birth:%Y%m%d}{cpns:%Y%m}{'1' if gender == 'L' else '2'}{serial:03d}"
        assert len(nip) == 18
        return nip

    def person(self, nip: str | None = None, *, name: str | None = None, birth_date: Date | None = None,
               gender: str = "L", cpns: Date | None = None, rank: str | None = None, rank_since: Date | None = None,
               education: str = "S2", position_id: str | None = None, position_since: Date | None = None,
               performance: str = "sangat_baik", performance_prev: str | None = "baik",
               potential: str = "tinggi", jpm: float | None = 80, assessment_date: Date | None = None,
               nine_box: int | None = None, in_pool: bool = True, readiness: str | None = "ready_now",
               leadership_training: str = "none", innovation: bool = False, award_level: str = "none",
               history: Iterable[tuple | dict] | None = None) -> str:
        """Add a PNS, seated on ``position_id`` if given. Returns the NIP.

        ``history`` rows are ``(kind, eselon, jf_level, unit, rumpun, start, end)`` tuples or
        dicts with those keys; ``unit``/``rumpun`` ``None`` take the current post's. Without
        it the default ladder is written (see the module docstring).
        """
        as_of = self.as_of
        birth = as_date(birth_date) or dt.date(as_of.year - 40, 1, 15)
        cpns = as_date(cpns) or dt.date(birth.year + 24, 3, 1)
        cpns = cpns.replace(day=1)
        post = self.posts[position_id] if position_id is not None else None
        if post is not None and position_since is None:
            position_since = shift_years(as_of, -5)
        since = as_date(position_since)
        if nip is None:
            nip = self.make_nip(birth, gender, cpns)
        assert nip not in self.people, f"NIP {nip} twice"
        if in_pool is False and readiness == "ready_now":
            readiness = None  # readiness belongs to pool members only
        kind = post.kind if post is not None else None
        row = {
            "nip": nip, "name": name or f"Pegawai {nip[-3:]}", "birth_date": birth, "gender": gender,
            "rank": rank or DEFAULT_RANK[kind], "rank_since": as_date(rank_since) or max(birth, min(as_of, since or as_of)),
            "education": education, "position_id": None, "position_since": since,
            "performance": performance, "performance_prev": performance_prev, "potential": potential,
            "jpm": jpm, "assessment_date": as_date(assessment_date) or (shift_years(as_of, -1) if jpm is not None else None),
            "nine_box": nine_box, "in_pool": in_pool, "readiness": readiness,
            "leadership_training": leadership_training, "innovation": innovation, "award_level": award_level,
        }
        person = Person(nip, row, cpns=cpns, default_history=history is None)
        self.people[nip] = person
        if history is None:
            person.history = self._default_history(post, since, cpns)
        else:
            person.history = [self._history_row(h, post) for h in history]
        if post is not None:
            self.seat(nip, position_id)
        return nip

    def _history_row(self, h: tuple | dict, post: Post | None) -> dict[str, Any]:
        if not isinstance(h, dict):
            h = dict(zip(["kind", "eselon", "jf_level", "unit", "rumpun", "start", "end"], h))
        h = {"eselon": None, "jf_level": None, "unit": None, "rumpun": None, "end": None, **h}
        h["unit"] = h["unit"] or (post.unit if post else "BKPSDM")
        h["rumpun"] = h["rumpun"] or (post.rumpun if post else "kepegawaian")
        h["start"], h["end"] = as_date(h["start"]), as_date(h["end"])
        return h

    def _default_history(self, post: Post | None, since: dt.date | None, cpns: dt.date) -> list[dict[str, Any]]:
        if post is None:  # no post now (e.g. back from study leave): a pelaksana record that ended
            end = shift_years(self.as_of, -1)
            return [self._history_row(("pelaksana", None, None, None, None, min(cpns, end), end), None)]
        current = self._history_row((post.kind, post.eselon, post.jf_level, None, None, since, None), post)
        if post.kind == "pelaksana":
            return [current]
        top = [k for k, _ in LADDER].index(post.kind) if post.kind != "jf" else 1
        rows, end = [], since
        for kind, eselon in reversed(LADDER[1:top]):
            start = max(shift_years(end, -DEFAULT_STEP_YEARS), cpns)
            if start >= end:
                break
            rows.append(self._history_row((kind, eselon, None, None, None, start, end), post))
            end = start
        if cpns < end:
            rows.append(self._history_row(("pelaksana", None, None, None, None, cpns, end), post))
        return [*reversed(rows), current]

    # ------------------------------------------------------------------ sanctions

    def sanction(self, nip: str, level: str = "ringan", start: Date | None = None, end: Date | None = None,
                 sanction: str = "teguran tertulis") -> None:
        assert nip in self.people, f"unknown NIP {nip}"
        self.sanctions.append({"nip": nip, "level": level, "sanction": sanction,
                               "start": as_date(start) or shift_years(self.as_of, -3), "end": as_date(end)})

    # ------------------------------------------------------------------ output

    def write(self, folder: str | Path) -> Path:
        """Write ``scenario.yaml`` and the four CSVs into ``folder``; return the folder."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for p in self.posts.values():
            assert p.holder is None or self.people[p.holder].row["position_id"] == p.position_id
        _write_csv(folder / "positions.csv", POSITION_COLUMNS, [
            {"position_id": p.position_id, "title": p.title, "unit": p.unit, "kind": p.kind, "eselon": p.eselon,
             "jf_level": p.jf_level, "rumpun": p.rumpun, "min_rank": p.min_rank, "min_education": p.min_education,
             "critical": p.critical, "holder_nip": p.holder} for p in self.posts.values()])
        _write_csv(folder / "employees.csv", EMPLOYEE_COLUMNS, [p.row for p in self.people.values()])
        _write_csv(folder / "history.csv", HISTORY_COLUMNS,
                   [{"nip": p.nip, **h} for p in self.people.values() for h in p.history])
        _write_csv(folder / "discipline.csv", DISCIPLINE_COLUMNS, self.sanctions)
        scenario = {"name": self.name, "as_of": self.as_of, "rule_pack": self.rule_pack, **self.scenario}
        (folder / "scenario.yaml").write_text(yaml.safe_dump(scenario, sort_keys=False, allow_unicode=True),
                                              encoding="utf-8")
        return folder

    def load(self, folder: str | Path):
        """Write, then load with :func:`planner.inputs.load.load_valid` (raises on any error)."""
        from planner.inputs.load import load_valid

        return load_valid(self.write(folder))


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _write_csv(path: Path, columns: list[str], rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(columns)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in columns])
