"""Rule packs: every pack loads, every value cites an article, regional differences hold."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from models.enums import EDUCATION_ORDER, RANK_ORDER
from planner.round.build import spread_allowance
from planner.round.scoring import merit_points, nine_box_points
from planner.rules.pack import (
    MOVE_TABLE_COLUMNS,
    PACK_DIR,
    PARAMETERS,
    RulePack,
    RulePackError,
    available_packs,
    load_rule_pack,
    pack_findings,
)

PACKS = ["karawang-2020", "kayong-utara-2023", "national", "samarinda-2023"]

# Career level used to check "no move down", written out independently of the loader.
LEVEL = {
    ("pelaksana", ""): 1, ("jf", "pemula"): 1, ("jf", "terampil"): 1, ("jf", "mahir"): 1,
    ("jf", "penyelia"): 1, ("jf", "ahli_pertama"): 1,
    ("pengawas", ""): 2, ("jf", "ahli_muda"): 2,
    ("administrator", ""): 3, ("jf", "ahli_madya"): 3,
    ("jpt_pratama", ""): 4, ("jf", "ahli_utama"): 4,
    ("jpt_madya", ""): 5,
}
ESELON_RANK = {"IV.b": 0, "IV.a": 1, "III.b": 0, "III.a": 1, "II.b": 0, "II.a": 1, "I.b": 0, "": 0}


def has_move(table, from_kind, to_kind, move_type=None, *, from_jf="", to_jf="", from_eselon=None, to_eselon=None):
    rows = table[
        (table.from_kind == from_kind) & (table.to_kind == to_kind)
        & (table.from_jf_level == from_jf) & (table.to_jf_level == to_jf)
    ]
    if from_eselon is not None:
        rows = rows[rows.from_eselon == from_eselon]
    if to_eselon is not None:
        rows = rows[rows.to_eselon == to_eselon]
    if move_type is not None:
        rows = rows[rows.move_type == move_type]
    return not rows.empty


@pytest.fixture(scope="module")
def packs() -> dict[str, RulePack]:
    return {name: load_rule_pack(name) for name in PACKS}


def write_pack(directory: Path, name: str, **body) -> None:
    (directory / f"{name}.yaml").write_text(
        yaml.safe_dump({"name": name, "title": name, **body}, allow_unicode=True), encoding="utf-8"
    )


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    shutil.copy(PACK_DIR / "national.yaml", tmp_path / "national.yaml")
    return tmp_path


# --------------------------------------------------------------------------- loading

def test_available_packs():
    assert available_packs() == PACKS


@pytest.mark.parametrize("name", PACKS)
def test_every_parameter_resolved_with_article(packs, name):
    pack = packs[name]
    assert set(PARAMETERS) <= set(pack.parameters)
    for param in PARAMETERS:
        assert pack.article(param).strip(), f"{name}.{param} has no article"
    assert [row["parameter"] for row in pack.describe()] == list(PARAMETERS)


@pytest.mark.parametrize("name", PACKS)
def test_every_move_has_article(packs, name):
    table = packs[name].move_table()
    assert list(table.columns) == MOVE_TABLE_COLUMNS
    assert not table.empty and table.article.str.strip().astype(bool).all()


def test_regional_citations_use_full_names(packs):
    assert packs["kayong-utara-2023"].article("max_age_jpt_pratama") == "Perbup Kayong Utara 23/2023 Pasal 37 huruf b"
    assert packs["samarinda-2023"].article("max_age_jpt_pratama").startswith("Perwali Samarinda 69/2023 Pasal 41")
    assert packs["karawang-2020"].article("discipline_cooldown_years").startswith("Perbup Karawang 72/2020 Pasal 37")


def test_national_defaults(packs):
    nat = packs["national"]
    assert nat.value("retirement_age") == {
        "ja": 58, "jpt": 60, "jf_keterampilan": 58, "jf_ahli_pertama": 58,
        "jf_ahli_muda": 58, "jf_ahli_madya": 60, "jf_ahli_utama": 65,
    }
    assert nat.value("max_age_jpt_pratama") == 56
    assert nat.value("min_rank_by_eselon")["III.a"] == "III/d"
    assert nat.value("min_time_in_level_pengawas_years") is None
    assert nat.value("min_years_in_lower_eselon") is None
    assert nat.value("pool_boxes") == [7, 8, 9]
    assert nat.value("jpt_pratama_experience_from") == ["administrator", "jf:ahli_madya"]


def test_karawang_differs_from_national(packs):
    nat, krw = packs["national"], packs["karawang-2020"]
    assert krw.value("min_education")["jpt_pratama"] == "S2" != nat.value("min_education")["jpt_pratama"]
    assert krw.value("discipline_cooldown_years") == 2 != nat.value("discipline_cooldown_years")
    assert krw.value("jpt_pratama_experience_from") == ["administrator:III.a", "jf:ahli_madya"]
    assert krw.value("jpt_pratama_experience_from") != nat.value("jpt_pratama_experience_from")
    assert krw.value("min_years_in_lower_eselon") == 2
    assert krw.value("min_years_jpt_for_sekda") == 2
    assert "Pasal 9" in krw.article("min_education")


def test_samarinda_discipline_does_not_bar(packs):
    smd = packs["samarinda-2023"]
    assert smd.value("discipline_bars_move") is False
    assert "Pasal 45" in smd.article("discipline_bars_move")
    assert smd.value("min_time_in_level_pengawas_years") == 2
    for name in ("national", "kayong-utara-2023", "karawang-2020"):
        assert packs[name].value("discipline_bars_move") is True


def test_unknown_pack_lists_valid_names():
    with pytest.raises(ValueError, match="paket aturan 'bontang' tidak dikenal.*karawang-2020.*national"):
        load_rule_pack("bontang")


def test_unknown_parameter_name_in_value_helper(packs):
    with pytest.raises(ValueError, match="no parameter 'max_age'"):
        packs["national"].value("max_age")


# --------------------------------------------------------------------------- scenario overrides

def test_override_changes_value_and_marks_article():
    pack = load_rule_pack("karawang-2020", {"tenure_max_years": 4, "min_years_in_lower_eselon": None})
    assert pack.value("tenure_max_years") == 4
    assert pack.article("tenure_max_years") == (
        "ditetapkan dalam skenario (menggantikan: Perbup Karawang 72/2020 Pasal 15 ayat (1))"
    )
    assert pack.value("min_years_in_lower_eselon") is None
    # The packaged pack itself is untouched.
    assert load_rule_pack("karawang-2020").value("tenure_max_years") == 5


def test_unknown_override_key_is_an_error():
    with pytest.raises(ValueError, match="parameter 'tenure_max' tidak dikenal \\(maksudnya 'tenure_max_years'\\?\\)"):
        load_rule_pack("national", {"tenure_max": 4})


@pytest.mark.parametrize("key,value", [
    ("tenure_max_years", "lima"),
    ("discipline_bars_move", 1),
    ("min_education", {"pelaksana": "SMA"}),
    ("unit_change_cap_share", 1.5),
    ("max_age_jpt_pratama", None),
])
def test_ill_typed_override_is_an_error(key, value):
    with pytest.raises(ValueError, match=key):
        load_rule_pack("national", {key: value})


# --------------------------------------------------------------------------- move table

def test_move_table_core_rows(packs):
    for name in PACKS:
        table = packs[name].move_table()
        assert has_move(table, "pelaksana", "pengawas", "vertical"), name
        assert has_move(table, "pengawas", "jf", "horizontal", to_jf="ahli_muda"), name
        assert has_move(table, "pengawas", "administrator", "vertical", from_eselon="IV.b", to_eselon="III.a"), name
    for name in ("national", "kayong-utara-2023", "samarinda-2023"):
        assert has_move(packs[name].move_table(), "jf", "administrator", "diagonal", from_jf="ahli_muda"), name


def test_no_move_down(packs):
    for name, pack in packs.items():
        table = pack.move_table()
        assert not has_move(table, "administrator", "pengawas"), name
        assert not has_move(table, "jpt_pratama", "administrator"), name
        for row in table.itertuples():
            lf = LEVEL[(row.from_kind, row.from_jf_level)]
            lt = LEVEL[(row.to_kind, row.to_jf_level)]
            assert lt >= lf, f"{name}: {row}"
            if row.from_kind == row.to_kind and row.from_kind != "jf":
                assert ESELON_RANK[row.to_eselon] >= ESELON_RANK[row.from_eselon], f"{name}: {row}"
            if row.move_type == "horizontal":
                assert lt == lf, f"{name}: horizontal across levels {row}"


def test_jf_to_jf_only_same_level(packs):
    table = packs["national"].move_table()
    jf = table[(table.from_kind == "jf") & (table.to_kind == "jf")]
    assert len(jf) == 8 and (jf.from_jf_level == jf.to_jf_level).all()


def test_administrator_to_jpt_pratama_type_per_region(packs):
    ku, krw = packs["kayong-utara-2023"].move_table(), packs["karawang-2020"].move_table()
    assert has_move(ku, "administrator", "jpt_pratama", "diagonal")
    assert not has_move(ku, "administrator", "jpt_pratama", "vertical")
    assert has_move(krw, "administrator", "jpt_pratama", "vertical", to_eselon="II.b")
    assert not has_move(krw, "administrator", "jpt_pratama", "diagonal")
    # Karawang: only the Sekda step reaches II.a, and it is flagged.
    assert not has_move(krw, "administrator", "jpt_pratama", to_eselon="II.a")
    sekda = krw[krw.sekda]
    assert sekda[["from_kind", "from_eselon", "to_kind", "to_eselon"]].values.tolist() == [
        ["jpt_pratama", "II.b", "jpt_pratama", "II.a"]
    ]


def test_karawang_eselon_steps_and_jf_thresholds(packs):
    krw = packs["karawang-2020"].move_table()
    assert has_move(krw, "pengawas", "pengawas", "vertical", from_eselon="IV.b", to_eselon="IV.a")
    assert has_move(krw, "administrator", "administrator", "vertical", from_eselon="III.b", to_eselon="III.a")
    assert not has_move(krw, "pengawas", "pengawas", from_eselon="IV.a", to_eselon="IV.b")
    assert has_move(krw, "jf", "pengawas", "diagonal", from_jf="mahir")
    assert not has_move(krw, "jf", "pengawas", from_jf="terampil")
    assert has_move(krw, "jf", "administrator", "diagonal", from_jf="penyelia")
    # Kayong Utara has no eselon step rows and lets every keterampilan level reach pengawas.
    ku = packs["kayong-utara-2023"].move_table()
    assert not has_move(ku, "pengawas", "pengawas", "vertical")
    assert has_move(ku, "jf", "pengawas", "diagonal", from_jf="terampil")


def test_kayong_utara_cites_its_own_articles(packs):
    table = packs["kayong-utara-2023"].move_table()
    own = table.article.str.startswith("Perbup Kayong Utara 23/2023")
    # Only the JF ahli utama -> JPT Madya row (absent from the Perbup) keeps the national citation.
    assert table[~own][["from_jf_level", "to_kind"]].drop_duplicates().values.tolist() == [["ahli_utama", "jpt_madya"]]


def test_move_table_is_deterministic(packs):
    a = load_rule_pack("samarinda-2023").move_table()
    b = packs["samarinda-2023"].move_table()
    assert a.equals(b)
    assert not a.duplicated(subset=MOVE_TABLE_COLUMNS[:6]).any()


# --------------------------------------------------------------------------- extends semantics

def test_extends_cycle_detected(tmp_path):
    write_pack(tmp_path, "a", extends="b")
    write_pack(tmp_path, "b", extends="c")
    write_pack(tmp_path, "c", extends="a")
    with pytest.raises(ValueError, match="berputar: a -> b -> c -> a"):
        load_rule_pack("a", search_path=tmp_path)


def test_extends_unknown_parent(tmp_path):
    write_pack(tmp_path, "a", extends="nowhere")
    with pytest.raises(ValueError, match="paket aturan 'nowhere' tidak dikenal"):
        load_rule_pack("a", search_path=tmp_path)


def test_child_overrides_parameter_and_reclassifies_move(pack_dir):
    write_pack(
        pack_dir, "child", extends="national",
        parameters={"overdue_years": {"value": 4, "article": "Perbup Contoh 1/2024 Pasal 1"}},
        moves=[
            {"from": "administrator", "to": "jpt_pratama", "type": "vertical", "article": "Perbup Contoh 1/2024 Pasal 2"},
            {"from": "pengawas", "to": "pengawas", "type": "vertical", "eselon": "up", "article": "Perbup Contoh 1/2024 Pasal 3"},
        ],
    )
    pack = load_rule_pack("child", search_path=pack_dir)
    nat = load_rule_pack("national", search_path=pack_dir)
    assert pack.value("overdue_years") == 4 and pack.article("tenure_max_years") == nat.article("tenure_max_years")
    assert len(pack.moves) == len(nat.moves) + 1  # one row replaced in place, one added
    table = pack.move_table()
    assert has_move(table, "administrator", "jpt_pratama", "vertical")
    assert not has_move(table, "administrator", "jpt_pratama", "diagonal")
    assert has_move(table, "pengawas", "pengawas", "vertical", from_eselon="IV.b", to_eselon="IV.a")
    assert has_move(table, "pengawas", "pengawas", "horizontal", from_eselon="IV.a", to_eselon="IV.a")


def test_moves_replace_drops_parent_table(pack_dir):
    write_pack(
        pack_dir, "child", extends="national", moves_replace=True,
        moves=[{"from": "pelaksana", "to": "pengawas", "type": "vertical", "article": "Perbup Contoh 1/2024 Pasal 2"}],
    )
    table = load_rule_pack("child", search_path=pack_dir).move_table()
    assert len(table) == 2 and set(table.to_eselon) == {"IV.a", "IV.b"}


def test_conflicting_rows_keep_stricter_type_and_same_type_rows_merge(pack_dir):
    write_pack(
        pack_dir, "child", extends="national", moves_replace=True,
        moves=[
            {"from": "jf:keterampilan", "to": "pelaksana", "type": "horizontal", "article": "Pasal H"},
            {"from": "jf:mahir", "to": "pelaksana", "type": "diagonal", "article": "Pasal D1", "same_rumpun": True},
            {"from": "pelaksana", "to": "jf:keterampilan", "type": "diagonal", "article": "Pasal D2"},
            {"from": "pelaksana", "to": "jf:terampil", "type": "diagonal", "article": "Pasal D3", "same_rumpun": True},
        ],
    )
    table = load_rule_pack("child", search_path=pack_dir).move_table()
    into_pelaksana = table[table.to_kind == "pelaksana"].set_index("from_jf_level")
    assert into_pelaksana.loc["mahir", "move_type"] == "diagonal"  # diagonal beats horizontal
    assert into_pelaksana.loc["mahir", "article"] == "Pasal D1"
    assert into_pelaksana.loc["pemula", "move_type"] == "horizontal"
    out_of_pelaksana = table[table.from_kind == "pelaksana"].set_index("to_jf_level")
    assert out_of_pelaksana.loc["terampil", "article"] == "Pasal D2; Pasal D3"  # same type: merged
    assert bool(out_of_pelaksana.loc["terampil", "same_rumpun"]) is True
    assert bool(out_of_pelaksana.loc["mahir", "same_rumpun"]) is False


def test_repeated_row_in_one_pack_rejected(pack_dir):
    row = {"from": "pelaksana", "to": "pengawas", "type": "vertical", "article": "Pasal 1"}
    write_pack(pack_dir, "bad", extends="national", moves=[row, {**row, "article": "Pasal 2"}])
    with pytest.raises(ValueError, match="berulang: pelaksana -> pengawas"):
        load_rule_pack("bad", search_path=pack_dir)


@pytest.mark.parametrize("move,message", [
    ({"from": "administrator", "to": "pengawas", "type": "horizontal"}, "perpindahan turun"),
    ({"from": "pengawas", "to": "administrator", "type": "horizontal"}, "berpindah jenjang"),
    ({"from": "pengawas", "to": "pengawas", "type": "vertical"}, "bukan promosi"),
    ({"from": "pengawas", "to": "jf:ahli_muda", "type": "horizontal", "eselon": "up"}, "satu jenis jabatan struktural"),
    ({"from": "jf:ahli", "to": "pengawas", "type": "diagonal"}, "jenjang JF 'jf:ahli' tidak dikenal"),
    ({"from": "pelaksana:IV.a", "to": "pengawas", "type": "vertical"}, "eselon pelaksana hanya tidak ada"),
    ({"from": "pelaksana", "to": "pengawas", "type": "vertical", "article": " "}, "tidak boleh kosong"),
])
def test_invalid_move_rows_rejected(pack_dir, move, message):
    write_pack(pack_dir, "bad", extends="national", moves=[{"article": "Pasal 1", **move}])
    with pytest.raises(ValueError, match=message):
        load_rule_pack("bad", search_path=pack_dir)


def test_unknown_parameter_in_pack_rejected(pack_dir):
    write_pack(pack_dir, "bad", extends="national",
               parameters={"retirement_age_ja": {"value": 58, "article": "Pasal 1"}})
    with pytest.raises(ValueError, match="parameter 'retirement_age_ja' tidak dikenal"):
        load_rule_pack("bad", search_path=pack_dir)


def test_pack_missing_a_parameter_rejected(tmp_path):
    write_pack(tmp_path, "bare", parameters={"overdue_years": {"value": 5, "article": "Pasal 1"}})
    with pytest.raises(ValueError, match="parameter tidak terisi.*retirement_age"):
        load_rule_pack("bare", search_path=tmp_path)


def test_rules_command_shows_parameters_and_moves_with_articles() -> None:
    from click.testing import CliRunner

    from planner.cli import main

    runner = CliRunner()
    listing = runner.invoke(main, ["rules"])
    assert listing.exit_code == 0 and all(name in listing.output for name in available_packs())
    pack = load_rule_pack("karawang-2020")
    text = runner.invoke(main, ["rules", "karawang-2020"])
    assert text.exit_code == 0
    assert pack.article("discipline_cooldown_years") in text.output
    assert "JALUR MUTASI" in text.output and "[vertikal]" in text.output
    csv = runner.invoke(main, ["rules", "karawang-2020", "--format", "csv"])
    assert csv.output.splitlines()[0].startswith("from_kind,from_eselon")
    assert len(csv.output.splitlines()) == len(pack.move_table()) + 1
    bad = runner.invoke(main, ["rules", "nope"])
    assert bad.exit_code == 1 and "Traceback" not in bad.output


@pytest.mark.parametrize("name", ["national", "kayong-utara-2023", "samarinda-2023"])
def test_step_up_within_a_jenjang_is_horizontal_where_the_regulation_knows_no_eselon(name: str) -> None:
    # KU Pasal 14: "JA dapat berpindah ke JA lain yang setara": III.b and III.a are both administrator.
    m = load_rule_pack(name).move_table()

    def types(kind: str, a: str, b: str) -> list[str]:
        rows = m[(m["from_kind"] == kind) & (m["from_eselon"] == a) & (m["to_kind"] == kind) & (m["to_eselon"] == b)]
        return rows["move_type"].tolist()

    assert types("administrator", "III.b", "III.a") == ["horizontal"]
    assert types("pengawas", "IV.b", "IV.a") == ["horizontal"]
    assert types("jpt_pratama", "II.b", "II.a") == ["horizontal"]
    assert types("administrator", "III.a", "III.b") == []  # never down an eselon
    krw = load_rule_pack("karawang-2020").move_table()
    step = krw[(krw["from_kind"] == "administrator") & (krw["from_eselon"] == "III.b") & (krw["to_eselon"] == "III.a")
               & (krw["to_kind"] == "administrator")]
    assert step["move_type"].tolist() == ["vertical"]  # KRW Pasal 22 ayat (2)


# --------------------------------------------------------------------------- every problem at once

def _scenario(**kw):
    from models.schema import Scenario

    return Scenario(name="uji", as_of="2026-12-01", **kw)


def test_every_bad_parameter_of_a_pack_file_is_reported_at_once(pack_dir):
    write_pack(pack_dir, "bad", extends="national", parameters={
        "tenure_min_years": {"value": "dua", "article": "Pasal 1"},
        "pool_boxes": {"value": [7, 10], "article": "Pasal 2"},
        "retirement_age_ja": {"value": 58, "article": "Pasal 3"},
        "overdue_years": {"value": 5, "article": " "},
        "spread_share": {"value": 0.25},
    }, moves=[{"from": "administrator", "to": "pengawas", "type": "horizontal", "article": "Pasal 4"}])
    with pytest.raises(RulePackError) as info:
        load_rule_pack("bad", search_path=pack_dir)
    keys = {p.key for p in info.value.problems}
    assert keys == {"parameters.tenure_min_years.value", "parameters.pool_boxes.value",
                    "parameters.retirement_age_ja", "parameters.overdue_years.article",
                    "parameters.spread_share.article", "moves.0"}
    assert all(p.file.endswith("bad.yaml") for p in info.value.problems)
    text = str(info.value)
    for words in ("harus bilangan (tahun)", "daftar nomor kotak talenta", "'retirement_age_ja' tidak dikenal",
                  "tidak boleh kosong", "wajib diisi", "perpindahan turun"):
        assert words in text


def test_pack_findings_reports_every_bad_override_in_indonesian():
    sc = _scenario(rule_pack="karawang-2020",
                   parameters={"tenure_min_years": -1, "tenure_max": 4, "merit_award_points": {"emas": 9},
                               "spread_share": 0.3})
    findings = pack_findings(sc, "/data/kab/scenario.yaml")
    assert [(f.file, f.column) for f in findings] == [
        ("scenario.yaml", "parameters.tenure_min_years"), ("scenario.yaml", "parameters.tenure_max"),
        ("scenario.yaml", "parameters.merit_award_points")]
    assert all(f.severity == "error" and f.message.startswith("paket aturan 'karawang-2020': parameter ")
               for f in findings)
    assert "tidak dikenal" in findings[1].message and "harus" in findings[0].message
    assert findings[0].value == "-1"
    assert "kunci parameters.tenure_min_years" in str(findings[0])


def test_pack_findings_locates_problems_in_the_pack_file(pack_dir):
    write_pack(pack_dir, "bad", extends="national", parameters={
        "tenure_min_years": {"value": "dua", "article": "Pasal 1"},
        "shortlist_ratio": {"value": 0, "article": "Pasal 2"}})
    sc = _scenario(rule_pack="bad", parameters={"overdue_years": "lima"})
    findings = pack_findings(sc, "scenario.yaml", search_path=pack_dir)
    assert sorted((Path(f.file).name, f.column) for f in findings) == [
        ("bad.yaml", "parameters.shortlist_ratio.value"), ("bad.yaml", "parameters.tenure_min_years.value"),
        ("scenario.yaml", "parameters.overdue_years")]


def test_pack_findings_unknown_pack_and_a_good_scenario():
    findings = pack_findings(_scenario(rule_pack="bontang"), "scenario.yaml")
    assert [(f.file, f.column, f.value) for f in findings] == [("scenario.yaml", "rule_pack", "bontang")]
    assert "tidak dikenal" in findings[0].message and "national" in findings[0].message
    assert pack_findings(_scenario(rule_pack="national", parameters={"tenure_min_years": 2.5}), "s.yaml") == []


def test_year_parameters_may_be_fractional_but_counts_stay_whole():
    assert load_rule_pack("national", {"tenure_min_years": 2.5}).value("tenure_min_years") == 2.5
    for key in ("discipline_cooldown_years", "max_age_jpt_pratama", "election_window_months_before"):
        with pytest.raises(RulePackError, match=key):
            load_rule_pack("national", {key: 2.5})


# --------------------------------------------------------------------------- regulatory values in the pack

def test_merit_points_and_the_spread_share_are_pack_parameters_with_articles(packs):
    nat = packs["national"]
    assert nat.value("merit_rank_points") == {"per_step": 2, "cap": 6}
    assert nat.value("merit_education_points") == {"per_step": 2, "cap": 4}
    assert (nat.value("merit_training_points"), nat.value("merit_innovation_points")) == (5, 3)
    assert nat.value("merit_performance_points") == {"sangat_baik": 5}
    assert nat.value("merit_award_points")["internasional"] == 4
    assert nat.value("discipline_record_penalty") == 10
    assert nat.value("spread_share") == 0.25
    assert nat.value("pengawas_experience_from") == ["pelaksana", "jf:*"]
    for key in ("merit_rank_points", "merit_training_points", "merit_innovation_points", "merit_award_points",
                "merit_performance_points", "discipline_record_penalty", "spread_share"):
        assert "ketetapan perencana" in nat.article(key).lower(), key
    assert "Pasal 31" in nat.article("merit_rank_points") and "Pasal 38" in nat.article("merit_award_points")
    assert "Pasal 32" in nat.article("merit_training_for") and "Pasal 45" in nat.article("discipline_record_penalty")


def _pairs(**cols) -> pd.DataFrame:
    base = dict(rank_ord=[RANK_ORDER["IV/a"]], education_ord=[EDUCATION_ORDER["S2"]], leadership_training=["pka"],
                t_kind=["administrator"], innovation=[True], award_level=["provinsi"], performance=["sangat_baik"],
                sanction_records=[1], nine_box=[8])
    base.update(cols)
    return pd.DataFrame(base)


def test_merit_points_read_the_pack():
    nat = load_rule_pack("national")
    p = _pairs()
    min_rank, min_edu = pd.Series([RANK_ORDER["III/a"]]), pd.Series([EDUCATION_ORDER["D4"]])
    # national: rank 4 steps -> capped 6, education 2 steps -> capped 4, training 5, innovation 3,
    # award provinsi 2, sangat baik 5, minus 10 for the record when weighed
    assert merit_points(p, nat, min_rank, min_edu).iloc[0] == 6 + 4 + 5 + 3 + 2 + 5
    assert merit_points(p, nat, min_rank, min_edu, discipline_weighed=True).iloc[0] == 25 - 10
    other = load_rule_pack("national", {
        "merit_rank_points": {"per_step": 1, "cap": 10}, "merit_education_points": {"per_step": 0.5, "cap": 10},
        "merit_training_points": 7, "merit_training_for": {"administrator": ["pkn1"]}, "merit_innovation_points": 1,
        "merit_award_points": {"provinsi": 9}, "merit_performance_points": {"sangat_baik": 2, "baik": 1},
        "discipline_record_penalty": 4})
    assert merit_points(p, other, min_rank, min_edu, discipline_weighed=True).iloc[0] == 4 + 1 + 0 + 1 + 9 + 2 - 4
    assert merit_points(_pairs(leadership_training=["pkn1"]), other).iloc[0] == 7 + 1 + 9 + 2


def test_nine_box_points_follow_the_pool_boxes():
    boxes = pd.Series([1, 6, 7, 8, 9])
    assert nine_box_points(boxes, load_rule_pack("national")).tolist() == [0, 0, 1, 2, 3]
    assert nine_box_points(boxes, load_rule_pack("national", {"pool_boxes": [8, 9]})).tolist() == [0, 0, 0, 1, 2]


def test_spread_allowance_takes_the_share():
    assert [spread_allowance(n, 0.25) for n in (1, 4, 5, 8, 9)] == [1, 1, 2, 2, 3]
    assert spread_allowance(9, 0.5) == 5
