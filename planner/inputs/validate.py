"""Checks that span cells, rows or files, run on whole tables at once.

Each check returns findings pointing at the spreadsheet row the user sees. Per-cell
formats were already checked by the row models in ``models.schema``.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from models.enums import ESELONS_OF_KIND
from models.talent import computed_nine_box
from models.schema import Finding
from planner.inputs.data import ScenarioData

ASSESSMENT_MAX_AGE_YEARS = 3  # older assessments are still used, with a warning


def _findings(frame: pd.DataFrame, mask: pd.Series, *, file: str, column: str,
              message, severity: str = "error", value_col: str | None = None) -> list[Finding]:
    """One finding per row where ``mask`` holds; ``message`` may be a str or a row -> str."""
    mask = mask.fillna(False).astype(bool)
    if not mask.any():  # the usual case: skip the frame copy and record conversion
        return []
    hit = frame[mask]
    vcol = value_col or column
    out = []
    sheet = getattr(file, "sheet", None)
    for rec in hit.to_dict("records"):
        v = rec.get(vcol)
        if isinstance(v, pd.Timestamp):
            v = v.date().isoformat()
        out.append(Finding(severity=severity, file=str(file), sheet=sheet, row=int(rec["row"]), column=column,
                           value=None if v is None or (isinstance(v, float) and np.isnan(v)) else str(v),
                           message=message(rec) if callable(message) else message))
    return out


class _Where(str):
    """A table's file name that also knows its sheet: findings carry the sheet, and a
    message naming the table (``NIP tidak ada di …``) names the sheet too."""

    sheet: str | None = None

    def __format__(self, spec: str) -> str:
        text = str.__str__(self) if not self.sheet else f"{str.__str__(self)} lembar {self.sheet}"
        return format(text, spec)


def _name(data: ScenarioData, table: str) -> str:
    where = _Where(_p(getattr(data.scenario.data, table)))
    where.sheet = data.sheets.get(table)
    return where


def _p(path: str) -> str:
    return Path(path).name


def _iso(ts) -> str:
    return pd.Timestamp(ts).date().isoformat()


def check_scenario(data: ScenarioData) -> list[Finding]:
    as_of = pd.Timestamp(data.scenario.as_of)
    out: list[Finding] = []
    out += _check_positions(data)
    out += _check_employees(data, as_of)
    out += _check_holders(data)
    out += _check_history(data, as_of)
    out += _check_discipline(data, as_of)
    out += _check_controls(data)
    out += _check_locks(data)
    # The rule pack and its parameter overrides belong to the rules stage: the API checks
    # them (inputs import nothing from later stages).
    return out


def _duplicates(frame: pd.DataFrame, key: str, file: str, what: str) -> list[Finding]:
    dup = frame[key].duplicated(keep="first") & frame[key].notna()
    first_row = frame.drop_duplicates(key).set_index(key)["row"]
    return _findings(frame, dup, file=file, column=key,
                     message=lambda r: f"{what} ganda; sudah dipakai di baris {first_row[r[key]]}")


def _level_shape(frame: pd.DataFrame, file: str) -> list[Finding]:
    """Eselon and JF level must match the kind of post."""
    out = []
    allowed = frame["kind"].map(ESELONS_OF_KIND)
    needs_eselon = allowed.map(len) > 0
    bad_eselon = needs_eselon & ~pd.Series(
        [e in a for e, a in zip(frame["eselon"], allowed)], index=frame.index, dtype=bool)
    out += _findings(frame, bad_eselon, file=file, column="eselon",
                     message=lambda r: f"eselon untuk jenis {r['kind']} harus salah satu dari "
                     f"{', '.join(sorted(ESELONS_OF_KIND[r['kind']]))}")
    stray = ~needs_eselon & frame["eselon"].notna()
    out += _findings(frame, stray, file=file, column="eselon",
                     message=lambda r: f"jenis {r['kind']} tidak memakai eselon; kosongkan")
    is_jf = frame["kind"] == "jf"
    out += _findings(frame, is_jf & frame["jf_level"].isna(), file=file, column="jf_level",
                     message="jabatan fungsional wajib punya jenjang (jf_level)")
    out += _findings(frame, ~is_jf & frame["jf_level"].notna(), file=file, column="jf_level",
                     message="jf_level hanya untuk jenis jf; kosongkan")
    return out


def _check_positions(data: ScenarioData) -> list[Finding]:
    pos, file = data.positions, _name(data, "positions")
    out = _duplicates(pos, "position_id", file, "position_id")
    out += _level_shape(pos, file)
    holders = pos[pos["holder_nip"].notna()]
    twice = holders["holder_nip"].duplicated(keep="first")
    first = holders.drop_duplicates("holder_nip").set_index("holder_nip")
    out += _findings(holders, twice, file=file, column="holder_nip",
                     message=lambda r: f"satu orang memegang dua jabatan (rangkap jabatan): juga pemegang "
                     f"{first.loc[r['holder_nip'], 'position_id']} di baris {first.loc[r['holder_nip'], 'row']}")
    return out


def _nip_parts(nips: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({
        "birth": pd.to_datetime(nips.str[:8], format="%Y%m%d", errors="coerce"),
        "cpns_year": pd.to_numeric(nips.str[8:12], errors="coerce"),
        "cpns_month": pd.to_numeric(nips.str[12:14], errors="coerce"),
        "gender": nips.str[14],
    }, index=nips.index)


def _check_employees(data: ScenarioData, as_of: pd.Timestamp) -> list[Finding]:
    emp, file = data.employees, _name(data, "employees")
    out = _duplicates(emp, "nip", file, "NIP")
    parts = _nip_parts(emp["nip"])
    out += _findings(emp, parts["birth"].isna(), file=file, column="nip",
                     message="8 digit pertama NIP bukan tanggal lahir yang ada (YYYYMMDD)")
    wrong_birth = parts["birth"].notna() & (parts["birth"] != emp["birth_date"])
    out += _findings(emp, wrong_birth, file=file, column="birth_date",
                     message=lambda r: f"tidak sama dengan tanggal lahir di NIP ({r['nip'][6:8]}-{r['nip'][4:6]}-{r['nip'][:4]})")
    out += _findings(emp, ~parts["gender"].isin(["1", "2"]), file=file, column="nip",
                     message="digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan)")
    expected_gender = parts["gender"].map({"1": "L", "2": "P"})
    out += _findings(emp, expected_gender.notna() & (expected_gender != emp["gender"]), file=file, column="gender",
                     message=lambda r: f"tidak sama dengan digit jenis kelamin di NIP ({r['nip'][14]} = "
                     f"{'L' if r['nip'][14] == '1' else 'P'})")
    bad_month = ~parts["cpns_month"].between(1, 12)
    out += _findings(emp, bad_month, file=file, column="nip",
                     message="digit ke-13 dan ke-14 NIP (bulan TMT CPNS) harus 01–12")
    cpns = pd.to_datetime(dict(year=parts["cpns_year"].where(~bad_month, 1900),
                               month=parts["cpns_month"].where(~bad_month, 1), day=1), errors="coerce")
    out += _findings(emp, ~bad_month & (cpns > as_of), file=file, column="nip",
                     message=f"TMT CPNS di NIP sesudah tanggal berlaku skenario ({_iso(as_of)})")
    out += _findings(emp, ~bad_month & parts["birth"].notna() & (cpns < parts["birth"] + pd.DateOffset(years=15)),
                     file=file, column="nip", message="TMT CPNS di NIP kurang dari 15 tahun sesudah tanggal lahir")
    for col, what in (("birth_date", "tanggal lahir"), ("rank_since", "TMT golongan"),
                      ("position_since", "TMT jabatan"), ("assessment_date", "tanggal asesmen")):
        out += _findings(emp, emp[col] > as_of, file=file, column=col,
                         message=f"{what} sesudah tanggal berlaku skenario ({_iso(as_of)})")
    out += _findings(emp, emp["rank_since"] < emp["birth_date"], file=file, column="rank_since",
                     message="TMT golongan sebelum tanggal lahir")
    out += _findings(emp, emp["position_since"] < emp["birth_date"], file=file, column="position_since",
                     message="TMT jabatan sebelum tanggal lahir")
    out += _findings(emp, emp["position_id"].notna() & emp["position_since"].isna(), file=file,
                     column="position_since", message="wajib diisi bila position_id diisi")
    in_pool = emp["in_pool"].astype(bool)
    out += _findings(emp, in_pool & emp["readiness"].isna(), file=file, column="readiness",
                     message="anggota kelompok rencana suksesi wajib punya readiness (ready_now/need_development)")
    out += _findings(emp, ~in_pool & emp["readiness"].notna(), file=file, column="readiness", severity="warning",
                     message="readiness diisi untuk pegawai di luar kelompok rencana suksesi; diabaikan")
    computed = computed_nine_box(emp["performance"], emp["potential"])
    given = emp["nine_box"].astype("Int64")
    out += _findings(emp, given.notna() & (given != computed), file=file, column="nine_box", severity="warning",
                     message=lambda r: f"berbeda dengan kotak dari kinerja '{r['performance']}' dan potensial "
                     f"'{r['potential']}' (PermenPANRB 3/2020); nilai di berkas dipakai")
    stale = emp["assessment_date"] < as_of - pd.DateOffset(years=ASSESSMENT_MAX_AGE_YEARS)
    out += _findings(emp, stale, file=file, column="assessment_date", severity="warning",
                     message=f"hasil asesmen lebih dari {ASSESSMENT_MAX_AGE_YEARS} tahun; sebaiknya diperbarui")
    out += _findings(emp, emp["jpm"].notna() & emp["assessment_date"].isna(), file=file, column="assessment_date",
                     severity="warning", message="JPM diisi tanpa tanggal asesmen")
    return out


def _check_holders(data: ScenarioData) -> list[Finding]:
    """positions.holder_nip and employees.position_id must describe the same seating."""
    pos, emp = data.positions, data.employees
    pfile, efile = _name(data, "positions"), _name(data, "employees")
    out = []
    nips = data.known_nips
    posts = pos.drop_duplicates("position_id").set_index("position_id")
    people = emp.drop_duplicates("nip").set_index("nip")
    # A table that could not be read has its one message; "not in it" would follow for every row.
    if "employees" not in data.unreadable:
        out += _findings(pos, pos["holder_nip"].notna() & ~pos["holder_nip"].isin(nips), file=pfile,
                         column="holder_nip", message=f"NIP pemegang tidak ada di {efile}")
    if "positions" not in data.unreadable:
        out += _findings(emp, emp["position_id"].notna() & ~emp["position_id"].isin(data.known_positions),
                         file=efile, column="position_id", message=f"position_id tidak ada di {pfile}")
    # Holder says X, X says another post (or none).
    # Skip pairs whose defect is already reported: a holder named twice (rangkap jabatan)
    # or a person whose own position_id is unknown.
    named_twice = pos["holder_nip"].duplicated(keep=False)
    h = pos[pos["holder_nip"].isin(people.index) & ~named_twice]
    their_post = h["holder_nip"].map(people["position_id"])
    explained = their_post.notna() & ~their_post.isin(data.known_positions)
    out += _findings(h, (their_post.fillna("") != h["position_id"]) & ~explained, file=pfile, column="holder_nip",
                     message=lambda r: f"di {efile} pegawai ini tercatat pada "
                     f"{people.loc[r['holder_nip'], 'position_id'] or '(tanpa jabatan)'}, bukan {r['position_id']}")
    # Person says P, P names someone else as holder.
    e = emp[emp["position_id"].isin(posts.index)]
    holder = e["position_id"].map(posts["holder_nip"])
    # A person named as holder somewhere was already checked from the positions side:
    # one message per disagreement, not two.
    wrong = (holder.fillna("") != e["nip"]) & ~e["nip"].isin(set(pos["holder_nip"].dropna()))
    out += _findings(e, wrong & holder.isna(), file=efile, column="position_id",
                     message=lambda r: f"{pfile} mencatat jabatan {r['position_id']} kosong (holder_nip tidak diisi)")
    out += _findings(e, wrong & holder.notna() & holder.isin(people.index), file=efile, column="position_id",
                     message=lambda r: f"{pfile} mencatat pemegang {r['position_id']} adalah "
                     f"{posts.loc[r['position_id'], 'holder_nip']}; satu jabatan dipegang dua orang")
    return out


def _check_dated(frame: pd.DataFrame, file: str, as_of: pd.Timestamp, nips: Iterable[str] | None,
                 emp_file: str) -> list[Finding]:
    """``nips`` None: the employees file could not be read, so references are not checked."""
    out = [] if nips is None else _findings(frame, ~frame["nip"].isin(set(nips)), file=file, column="nip",
                                            message=f"NIP tidak ada di {emp_file}")
    out += _findings(frame, frame["start"] > as_of, file=file, column="start",
                     message=f"mulai sesudah tanggal berlaku skenario ({_iso(as_of)})")
    out += _findings(frame, frame["end"].notna() & (frame["end"] < frame["start"]), file=file, column="end",
                     message=lambda r: f"selesai sebelum mulai ({_iso(r['start'])})")
    return out


def _check_history(data: ScenarioData, as_of: pd.Timestamp) -> list[Finding]:
    his, file = data.history, _name(data, "history")
    out = _check_dated(his, file, as_of, _nips(data), _name(data, "employees"))
    out += _findings(his, his["end"] > as_of, file=file, column="end",
                     message=f"selesai sesudah tanggal berlaku skenario ({_iso(as_of)}); kosongkan untuk jabatan saat ini")
    out += _level_shape(his, file)
    ordered = his.sort_values(["nip", "start", "row"], kind="stable")
    prev_end = ordered.groupby("nip")["end"].shift()
    prev_row = ordered.groupby("nip")["row"].shift()
    # A previous period without an end is still open, so anything after it overlaps.
    overlap = prev_row.notna() & (prev_end.isna() | (ordered["start"] < prev_end))
    ordered = ordered.assign(prev_row=prev_row)
    out += _findings(ordered, overlap, file=file, column="start",
                     message=lambda r: f"periode tumpang tindih dengan baris {int(r['prev_row'])} untuk NIP yang sama")
    return out


def _check_discipline(data: ScenarioData, as_of: pd.Timestamp) -> list[Finding]:
    return _check_dated(data.discipline, _name(data, "discipline"), as_of, _nips(data),
                        _name(data, "employees"))


def _nips(data: ScenarioData) -> set[str] | None:
    return None if "employees" in data.unreadable else data.known_nips


def _index(data: ScenarioData, key: str, i: int) -> int:
    """The place in scenario.yaml of the i-th entry kept of ``key`` (bad entries were left out)."""
    kept = data.control_index.get(key)
    return kept[i] if kept else i


def _check_controls(data: ScenarioData) -> list[Finding]:
    """Locks, bans, keeps and reserves must name people and posts that exist."""
    file = data.path.name
    nips, posts = data.known_nips, data.known_positions
    check_nips, check_posts = "employees" not in data.unreadable, "positions" not in data.unreadable
    sc = data.scenario
    out: list[Finding] = []
    for key in ("locks", "bans"):
        for i, a in enumerate(getattr(sc, key)):
            at = f"{key}.{_index(data, key, i)}"
            if check_nips and a.nip not in nips:
                out.append(Finding(severity="error", file=file, column=f"{at}.nip", value=a.nip,
                                   message="NIP tidak ada di data pegawai"))
            if check_posts and a.position_id not in posts:
                out.append(Finding(severity="error", file=file, column=f"{at}.position_id",
                                   value=a.position_id, message="position_id tidak ada di peta jabatan"))
    for i, n in enumerate(sc.keep):
        if check_nips and n not in nips:
            out.append(Finding(severity="error", file=file, column=f"keep.{_index(data, 'keep', i)}", value=n,
                               message="NIP tidak ada di data pegawai"))
    for i, p in enumerate(sc.reserve):
        if check_posts and p not in posts:
            out.append(Finding(severity="error", file=file, column=f"reserve.{_index(data, 'reserve', i)}", value=p,
                               message="position_id tidak ada di peta jabatan"))
    return out


def _check_locks(data: ScenarioData) -> list[Finding]:
    """Locks that cannot all hold, found here rather than by the solver 30 s into ``plan``:
    two locks on one person or one post, and a lock against a keep, ban or reserve."""
    sc = data.scenario
    file = data.path.name
    keep = {n: _index(data, "keep", i) for i, n in reversed(list(enumerate(sc.keep)))}
    reserve = {p: _index(data, "reserve", i) for i, p in reversed(list(enumerate(sc.reserve)))}
    bans = {(b.nip, b.position_id): _index(data, "bans", i) for i, b in reversed(list(enumerate(sc.bans)))}
    pos = data.positions.dropna(subset=["holder_nip"])
    holder = dict(zip(pos["position_id"], pos["holder_nip"]))
    seat = dict(zip(data.employees["nip"], data.employees["position_id"]))
    by_nip: dict[str, tuple[int, str]] = {}
    by_post: dict[str, tuple[int, str]] = {}
    out: list[Finding] = []

    def err(at: int, value: str, message: str) -> None:
        out.append(Finding(severity="error", file=file, column=f"locks.{at}", value=value, message=message))

    for i, lk in enumerate(sc.locks):
        at = _index(data, "locks", i)
        n, p = lk.nip, lk.position_id
        pair = f"{n} → {p}"
        if n in by_nip and by_nip[n][1] == p:
            err(at, pair, f"penguncian ganda: sama dengan locks.{by_nip[n][0]}; hapus salah satu")
            continue
        if n in by_nip:
            j, other = by_nip[n]
            err(at, pair, f"PNS yang sama sudah dikunci ke {other} (locks.{j}); satu PNS hanya dapat "
                          "menempati satu jabatan")
        else:
            by_nip[n] = (at, p)
        if p in by_post:
            j, other = by_post[p]
            err(at, pair, f"jabatan yang sama sudah dikunci untuk {other} (locks.{j}); satu jabatan hanya "
                          "untuk satu PNS")
        else:
            by_post[p] = (at, n)
        if n in keep:
            err(at, pair, f"NIP yang sama juga ada di keep.{keep[n]} (tetap di jabatan)")
        if (n, p) in bans:
            err(at, pair, f"pasangan yang sama juga dilarang (bans.{bans[(n, p)]})")
        if p in reserve:
            err(at, pair, f"jabatan yang sama dicadangkan (reserve.{reserve[p]}) untuk seleksi terbuka")
        h = holder.get(p)
        if isinstance(h, str) and h != n and h in keep:
            err(at, pair, f"pemegang jabatan {p} ({h}) tetap di jabatannya (keep.{keep[h]}), jadi jabatan itu "
                          "tidak kosong")
        if seat.get(n) == p:
            err(at, pair, "PNS ini sudah memegang jabatan tersebut; penguncian hanya untuk mutasi ke jabatan lain")
    return out
