"""The synthetic region generator: determinism, refusal to overwrite, and data that agree
with themselves and with the career rules the planner enforces."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import yaml

from planner.synth.generate import SIZES, generate_scenario

AS_OF = date(2026, 12, 1)
FILES = ("positions.csv", "employees.csv", "history.csv", "discipline.csv", "scenario.yaml")
STRUCTURAL = ("jpt_madya", "jpt_pratama", "administrator", "pengawas")
DEMO = Path(__file__).resolve().parents[1] / "scenarios" / "demo"


def _read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def kecil(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "kecil"
    generate_scenario("kecil", 1, out)
    return out


@pytest.fixture(scope="module")
def tables(kecil: Path) -> dict[str, pd.DataFrame]:
    t = {n: _read(kecil, f"{n}.csv") for n in ("positions", "employees", "history", "discipline")}
    h = t["history"]
    h["s"] = pd.to_datetime(h["start"])
    h["e"] = pd.to_datetime(h["end"].replace("", None))
    return t


def test_same_seed_same_bytes(kecil: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    generate_scenario("kecil", 1, again)
    for f in FILES:
        assert (again / f).read_bytes() == (kecil / f).read_bytes(), f


def test_other_seed_other_data(kecil: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    generate_scenario("kecil", 2, other)
    assert (other / "employees.csv").read_bytes() != (kecil / "employees.csv").read_bytes()
    assert (other / "history.csv").read_bytes() != (kecil / "history.csv").read_bytes()


def test_refuses_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("jangan ditimpa", encoding="utf-8")
    with pytest.raises(FileExistsError, match="tidak kosong"):
        generate_scenario("kecil", 1, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_writes_into_empty_existing_folder(tmp_path: Path) -> None:
    summary = generate_scenario("kecil", 5, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FILES)
    assert summary["employees"] == len(_read(tmp_path, "employees.csv"))


def test_unknown_size_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        generate_scenario("kota", 1, tmp_path / "x")


def test_scenario_yaml_keys(kecil: Path, tables: dict[str, pd.DataFrame]) -> None:
    sc = yaml.safe_load((kecil / "scenario.yaml").read_text(encoding="utf-8"))
    assert list(sc) == ["name", "as_of", "rule_pack", "shortlist_ratio", "allow_need_development", "merit_exempt",
                        "weights", "locks", "bans", "keep", "reserve", "solver"]
    assert sc["as_of"] == AS_OF and sc["rule_pack"] == "karawang-2020"
    assert set(sc["solver"]) == {"time_limit_s", "seed", "workers"}
    assert set(sc["keep"]) <= set(tables["employees"]["nip"])
    assert set(sc["reserve"]) <= set(tables["positions"]["position_id"])


def test_structural_vacancy_share(tables: dict[str, pd.DataFrame]) -> None:
    pos = tables["positions"]
    s = pos[pos["kind"].isin(STRUCTURAL)]
    share = (s["holder_nip"] == "").mean()
    assert 0.08 <= share <= 0.15
    assert 0.05 <= (s["critical"] == "true").mean() <= 0.10
    seats = pos[~pos["kind"].isin(STRUCTURAL)]
    assert 0.0 < (seats["holder_nip"] == "").mean() < 0.12


def test_position_ids_unique_and_shaped(tables: dict[str, pd.DataFrame]) -> None:
    pos = tables["positions"]
    assert pos["position_id"].is_unique
    jf = pos["kind"] == "jf"
    assert (pos.loc[jf, "jf_level"] != "").all() and (pos.loc[~jf, "jf_level"] == "").all()
    has_es = pos["kind"].isin(STRUCTURAL)
    assert (pos.loc[has_es, "eselon"] != "").all() and (pos.loc[~has_es, "eselon"] == "").all()
    assert (pos.loc[pos["position_id"] == "SETDA-SEKDA", "eselon"] == "II.a").all()


def test_nip_agrees_with_birth_date_and_gender(tables: dict[str, pd.DataFrame]) -> None:
    emp = tables["employees"]
    assert emp["nip"].is_unique
    assert emp["nip"].str.fullmatch(r"\d{18}").all()
    assert (emp["nip"].str[:8] == emp["birth_date"].str.replace("-", "")).all()
    assert (emp["nip"].str[14].map({"1": "L", "2": "P"}) == emp["gender"]).all()
    cpns = pd.to_datetime(emp["nip"].str[8:14] + "01", format="%Y%m%d")
    age_at_cpns = (cpns - pd.to_datetime(emp["birth_date"])).dt.days / 365.25
    assert age_at_cpns.between(18.5, 35.5).all()
    assert (pd.to_datetime(emp["rank_since"]) >= cpns).all()


def test_holder_and_position_agree(tables: dict[str, pd.DataFrame]) -> None:
    pos, emp = tables["positions"], tables["employees"]
    held = pos[pos["holder_nip"] != ""]
    seated = emp[emp["position_id"] != ""]
    assert held["holder_nip"].is_unique and seated["position_id"].is_unique
    assert dict(zip(held["holder_nip"], held["position_id"])) == dict(zip(seated["nip"], seated["position_id"]))
    without = (emp["position_id"] == "").mean()
    assert 0.005 <= without <= 0.025
    assert (emp.loc[emp["position_id"] == "", "position_since"] == "").all()


def test_history_contiguous_and_current_row_matches_post(tables: dict[str, pd.DataFrame]) -> None:
    pos, emp, his = tables["positions"], tables["employees"], tables["history"]
    assert set(his["nip"]) == set(emp["nip"])
    assert (his["e"].isna() | (his["e"] > his["s"])).all()
    assert (his["s"] <= pd.Timestamp(AS_OF)).all() and (his["e"].dropna() <= pd.Timestamp(AS_OF)).all()
    for _, rows in his.groupby("nip"):
        # In order, no gap and no overlap; only the last row may be open.
        assert (rows["s"].values[1:] == rows["e"].values[:-1]).all()
        assert rows["e"].iloc[:-1].notna().all()
    cpns = pd.to_datetime(emp["nip"].str[8:14] + "01", format="%Y%m%d").set_axis(emp["nip"])
    first = his.groupby("nip")["s"].min()
    lag = (first - cpns.reindex(first.index)).dt.days
    assert lag.between(0, 400).all()
    current = his[his["e"].isna()].set_index("nip")
    assert current.index.is_unique
    seated = emp[emp["position_id"] != ""].merge(pos, on="position_id").set_index("nip")
    assert sorted(current.index) == sorted(seated.index)
    cur = current.loc[seated.index]
    for col in ("kind", "eselon", "jf_level", "unit", "rumpun"):
        assert (cur[col] == seated[col]).all(), col
    assert (cur["start"] == seated["position_since"]).all()


def _years_before_first(rows: pd.DataFrame, level: str, before: tuple[str, ...], eselon: str | None = None) -> float:
    first = rows.index[rows["kind"] == level][0]
    prior = rows.loc[: first - 1]
    prior = prior[prior["kind"].isin(before) & ((prior["eselon"] == eselon) if eselon else True)]
    return float((prior["e"] - prior["s"]).dt.days.sum())


def test_career_rules_hold_in_history(tables: dict[str, pd.DataFrame]) -> None:
    his = tables["history"].reset_index(drop=True)
    checked = {"pengawas": 0, "administrator": 0, "jpt_pratama": 0}
    for _, rows in his.groupby("nip"):
        kinds = set(rows["kind"])
        if "pengawas" in kinds:  # >= 4 years as pelaksana or JF before the first pengawas post
            assert _years_before_first(rows, "pengawas", ("pelaksana", "jf")) >= 4 * 365 + 1
            checked["pengawas"] += 1
        if "administrator" in kinds:  # >= 3 years as pengawas
            assert _years_before_first(rows, "administrator", ("pengawas",)) >= 3 * 365 + 1
            checked["administrator"] += 1
        if "jpt_pratama" in kinds:  # >= 2 years in III.a (Karawang)
            assert _years_before_first(rows, "jpt_pratama", ("administrator",), "III.a") >= 2 * 365 + 1
            checked["jpt_pratama"] += 1
        # A step up within a level (IV.b -> IV.a, III.b -> III.a) after >= 2 years.
        r = rows.reset_index(drop=True)
        for j in range(1, len(r)):
            if r.loc[j, "kind"] == r.loc[j - 1, "kind"] and r.loc[j, "eselon"] and r.loc[j, "eselon"] < r.loc[j - 1, "eselon"]:
                assert (r.loc[j - 1, "e"] - r.loc[j - 1, "s"]).days >= 2 * 365 + 1
    assert min(checked.values()) > 0


def test_some_holders_reach_retirement_age(tables: dict[str, pd.DataFrame]) -> None:
    emp = tables["employees"].merge(tables["positions"][["position_id", "kind", "jf_level"]], on="position_id",
                                    how="left")
    birth = pd.to_datetime(emp["birth_date"])
    age = AS_OF.year - birth.dt.year - ((birth.dt.month > AS_OF.month)
                                        | ((birth.dt.month == AS_OF.month) & (birth.dt.day > AS_OF.day)))
    bup = pd.Series(58, index=emp.index)
    bup[emp["kind"].isin(["jpt_pratama", "jpt_madya"]) | (emp["jf_level"] == "ahli_madya")] = 60
    bup[emp["jf_level"] == "ahli_utama"] = 65
    at_bup = age >= bup
    assert 3 <= at_bup.sum() <= 15
    assert (age[~at_bup] >= 20).all()


def test_talent_fields_consistent(tables: dict[str, pd.DataFrame]) -> None:
    from models.enums import nine_box

    emp = tables["employees"]
    box = pd.Series([nine_box(p, q) for p, q in zip(emp["performance"], emp["potential"])], index=emp.index)
    given = emp["nine_box"] != ""
    assert (emp.loc[given, "nine_box"].astype(int) == box[given]).all()
    assert 0.02 <= (~given).mean() <= 0.15
    pool = emp["in_pool"] == "true"
    assert box[pool].isin([7, 8, 9]).all()
    assert (emp.loc[pool, "readiness"] != "").all() and (emp.loc[~pool, "readiness"] == "").all()
    assert 0.15 <= (emp["performance"] == "sangat_baik").mean() <= 0.25
    jpm = pd.to_numeric(emp["jpm"].replace("", None))
    assert jpm.dropna().between(50, 95).all()
    assert ((emp["jpm"] == "") == (emp["assessment_date"] == "")).all()


def test_discipline_records(tables: dict[str, pd.DataFrame]) -> None:
    dis, emp = tables["discipline"], tables["employees"]
    assert set(dis["nip"]) <= set(emp["nip"])
    assert set(dis["level"]) <= {"ringan", "sedang", "berat"}
    s, e = pd.to_datetime(dis["start"]), pd.to_datetime(dis["end"])
    assert (s < e).all()
    as_of = pd.Timestamp(AS_OF)
    assert ((s <= as_of) & (e > as_of)).any()  # still running
    assert ((e <= as_of) & (e > as_of - pd.DateOffset(years=2))).any()  # Karawang's 2 years bite
    assert (e <= as_of - pd.DateOffset(years=2)).any()
    assert 0.01 <= dis["nip"].nunique() / len(emp) <= 0.06


def test_loader_accepts_generated_scenario(kecil: Path) -> None:
    load = pytest.importorskip("planner.inputs.load").load
    data = load(kecil)
    assert [str(f) for f in data.errors] == []


def test_kabupaten_size(tmp_path: Path) -> None:
    summary = generate_scenario("kabupaten", 11, tmp_path / "kab")
    emp = _read(tmp_path / "kab", "employees.csv")
    assert summary["employees"] == len(emp)
    assert abs(len(emp) - SIZES["kabupaten"].employees) <= 0.15 * SIZES["kabupaten"].employees
    pos = _read(tmp_path / "kab", "positions.csv")
    assert pos["unit"].str.startswith("KEC-").any() and (pos["unit"] == "BPKAD").any()


def test_committed_demo_is_generator_output(tmp_path: Path) -> None:
    if not (DEMO / "scenario.yaml").is_file():
        pytest.skip("scenarios/demo not generated yet")
    generate_scenario("kecil", 1, tmp_path / "demo", name="demo-kecil")
    for f in FILES:
        assert (tmp_path / "demo" / f).read_bytes() == (DEMO / f).read_bytes(), (
            f"{f}: scenarios/demo differs from the generator; regenerate it")


def test_headers_are_the_contract_models(kecil: Path) -> None:
    from models.schema import TABLE_MODELS, DataFiles

    for table, model in TABLE_MODELS.items():
        header = (kecil / getattr(DataFiles(), table)).read_text(encoding="utf-8").split("\n", 1)[0]
        assert header.split(",") == list(model.model_fields), table


# --------------------------------------------------------------------------- the data files


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    import shutil

    from planner.synth.tables import DATA_DIR

    return Path(shutil.copytree(DATA_DIR, tmp_path / "data"))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_tables_are_read_once() -> None:
    from planner.synth.tables import load

    assert load() is load()


def test_data_files_are_the_only_source(data_copy: Path, kecil: Path, tmp_path: Path) -> None:
    # A JF name (CSV) and an OPD name (YAML) edited in a copy of the data: the output follows.
    _edit(data_copy / "jf.csv", "guru,Guru,", "guru,Guru Kelas,")
    _edit(data_copy / "opd.yaml", "name: Badan Perencanaan Pembangunan Daerah",
          "name: Badan Perencanaan, Penelitian dan Pengembangan Daerah")
    generate_scenario("kecil", 1, tmp_path / "edited", data_dir=data_copy)
    before, after = _read(kecil, "positions.csv"), _read(tmp_path / "edited", "positions.csv")
    assert not before["title"].str.startswith("Guru Kelas ").any()
    assert after["title"].str.startswith("Guru Kelas Ahli").any()
    assert (after["title"] == "Kepala Badan Perencanaan, Penelitian dan Pengembangan Daerah").sum() == 1
    # Only those titles changed: same rows, same draws.
    changed = before["title"] != after["title"]
    assert changed.any()
    assert (before.drop(columns="title") == after.drop(columns="title")).all().all()
    assert (before.loc[changed, "title"].str.startswith(("Guru ", "Kepala Badan Perencanaan", "Sekretaris Badan"))).all()


@pytest.mark.parametrize("file, old, new, where", [
    ("jf.csv", "guru,Guru,0.68,", "guru,Guru,banyak,", ("jf.csv", "baris 2", "female_share", "banyak")),
    ("jf.csv", "jf,name,female_share", "jf,nama,female_share", ("jf.csv", "baris 1", "name")),
    ("seat_classes.csv", "SLTA:0.4 D3:0.18", "SMA:0.4 D3:0.18", ("seat_classes.csv", "baris 2", "SMA")),
    ("seat_classes.csv", "jpt_madya,I.b,", "jpt_madya,I.c,", ("seat_classes.csv", "baris 17", "eselon")),
    ("education.csv", "S3,III/c,", "S3,III/x,", ("education.csv", "baris 11", "start_rank")),
    ("opd.yaml", "jf: {auditor: 55,", "jf: {auditir: 55,", ("opd.yaml", "INSPEKTORAT", "'jf'", "auditir")),
    ("opd.yaml", "    kind: inspektorat", "    kind: kantor", ("opd.yaml", "INSPEKTORAT", "'kind'", "kantor")),
    ("opd.yaml", "  DISKOP:\n", "  DISKOPUKM:\n", ("opd.yaml", "provinsi_changes DISKOPUKM")),
    ("sizes.yaml", "  irban: 3\n", "", ("sizes.yaml", "kecil", "'irban' wajib")),
    ("talent.yaml", "sangat_kurang: 0.007", "sangat_jelek: 0.007", ("talent.yaml", "performance", "sangat_jelek")),
    ("sanctions.yaml", "    - [teguran lisan, 6]", "    - [teguran lisan, enam]", ("sanctions.yaml", "ringan ke-1")),
    ("names.yaml", "jawa:", "jawa: [", ("names.yaml", "YAML")),
    ("degrees.yaml", "{jf: dokter_gigi,", "{jf: dokter_hewan,", ("degrees.yaml", "rules ke-2", "dokter_hewan")),
])
def test_malformed_data_file_is_refused_with_its_place(data_copy: Path, file: str, old: str, new: str,
                                                       where: tuple[str, ...]) -> None:
    from planner.synth.tables import DataError, load

    _edit(data_copy / file, old, new)
    with pytest.raises(DataError) as err:
        load(data_copy)
    for part in where:
        assert part in str(err.value), (part, str(err.value))


def test_missing_data_file_is_named(data_copy: Path) -> None:
    from planner.synth.tables import DataError, load

    (data_copy / "areas.yaml").unlink()
    with pytest.raises(DataError, match="areas.yaml"):
        load(data_copy)


def test_career_split_sums_like_numpy() -> None:
    # careers._total stands in for numpy.sum on short lists; the committed demo depends on it bit for bit.
    import numpy as np

    from planner.synth.careers import _total

    rng = np.random.default_rng(3)
    for n in range(1, 12):
        for row in rng.random((2000, n)) + 0.2:
            assert _total(row.tolist()) == row.sum(), n
