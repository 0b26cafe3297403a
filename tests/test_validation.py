"""Each class of input defect is reported once, at the right file, row and column."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import main
from planner.inputs.load import InputError, load, load_valid
from tests.conftest import edit_csv, tree_digest

HEAD = "197001012000031001"  # Kepala BKPSDM, row 2 of employees.csv
SUB = "198005052005042002"  # Kepala Subbagian, row 3
PLK = "199002022015031003"  # pelaksana, row 4


def errors(folder: Path) -> list[tuple[str, int | None, str | None]]:
    return [(Path(f.file).name, f.row, f.column) for f in load(folder).errors]


def test_clean_fixture_has_no_findings(mini: Path) -> None:
    data = load(mini)
    assert data.findings == []
    assert len(data.positions) == 5 and len(data.employees) == 3 and len(data.history) == 7


@pytest.mark.parametrize(
    "file, old, new, where",
    [
        ("employees.csv", "1970-01-01,L", "1970-01-02,L", ("employees.csv", 2, "birth_date")),
        ("employees.csv", "1970-01-01,L", "1970-01-01,P", ("employees.csv", 2, "gender")),
        ("employees.csv", "2020-04-01,S2", "2020-02-30,S2", ("employees.csv", 2, "rank_since")),
        ("employees.csv", "2021-01-05,sangat_baik", "2027-01-05,sangat_baik", ("employees.csv", 2, "position_since")),
        ("employees.csv", "S2,BKD-KABAN", "S9,BKD-KABAN", ("employees.csv", 2, "education")),
        ("employees.csv", "IV/c,2020", "IV/f,2020", ("employees.csv", 2, "rank")),
        ("employees.csv", ",pkn2,", ",pkn3,", ("employees.csv", 2, "leadership_training")),
        ("employees.csv", "sangat_baik,sangat_baik,menengah", "luar_biasa,sangat_baik,menengah",
         ("employees.csv", 3, "performance")),
        ("employees.csv", "true,ready_now,pka", "true,,pka", ("employees.csv", 3, "readiness")),
        ("employees.csv", "BKD-PLK-001,2016", "BKD-NOPE,2016", ("employees.csv", 4, "position_id")),
        ("positions.csv", "false,199002022015031003", "false,199909092020011001", ("positions.csv", 5, "holder_nip")),
        ("positions.csv", "pengawas,IV.a", "pengawas,III.a", ("positions.csv", 4, "eselon")),
        ("positions.csv", "jf,,ahli_muda", "jf,,", ("positions.csv", 6, "jf_level")),
        ("positions.csv", "BKD-SEK,Sekretaris", "BKD-KABAN,Sekretaris", ("positions.csv", 3, "position_id")),
        ("history.csv", "2006-01-01,2012-01-01", "2005-06-01,2012-01-01", ("history.csv", 3, "start")),
        ("history.csv", "2012-01-01,2021-01-05", "2012-01-01,2011-01-05", ("history.csv", 4, "end")),
        ("history.csv", "kepegawaian,2016-03-01,", "kepegawaian,2027-03-01,", ("history.csv", 8, "start")),
    ],
)
def test_each_defect_is_located(mini: Path, file: str, old: str, new: str, where: tuple) -> None:
    edit_csv(mini / file, old, new)
    assert errors(mini) == [where]


def test_malformed_nip(mini: Path) -> None:
    edit_csv(mini / "employees.csv", f"{PLK},Agus", "1990020220150310,Agus")
    found = errors(mini)
    # The other files still name the real NIP, which is now nowhere in employees.csv.
    assert ("employees.csv", 4, "nip") in found
    assert set(found) <= {("employees.csv", 4, "nip"), ("positions.csv", 5, "holder_nip"), ("history.csv", 8, "nip")}


def test_person_holding_two_posts(mini: Path) -> None:
    edit_csv(mini / "positions.csv", "kepegawaian,,,false,\n", f"kepegawaian,,,false,{PLK}\n")
    assert errors(mini) == [("positions.csv", 5, "holder_nip")]  # BKD-PLK-001 is the second post


def test_post_and_person_disagree(mini: Path) -> None:
    # The pelaksana claims the vacant administrator post while positions.csv keeps him on his seat.
    edit_csv(mini / "employees.csv", "BKD-PLK-001,2016", "BKD-SEK,2016")
    assert errors(mini) == [("positions.csv", 5, "holder_nip")]


def test_post_claimed_by_two_people(mini: Path) -> None:
    edit_csv(mini / "positions.csv", f"false,{PLK}", "false,")
    edit_csv(mini / "employees.csv", "BKD-PLK-001,2016", "BKD-SUB1,2016")
    assert errors(mini) == [("employees.csv", 4, "position_id")]


def test_history_and_discipline_for_unknown_nip(mini: Path) -> None:
    with (mini / "history.csv").open("a") as f:
        f.write("196001012000031001,pelaksana,,,BKPSDM,kepegawaian,2000-01-01,2001-01-01\n")
    with (mini / "discipline.csv").open("a") as f:
        f.write("196001012000031001,ringan,teguran lisan,2024-01-01,2024-06-01\n")
    assert errors(mini) == [("history.csv", 9, "nip"), ("discipline.csv", 2, "nip")]


def test_bad_cell_does_not_cascade(mini: Path) -> None:
    """A row with one bad cell still counts as present for references from other files."""
    edit_csv(mini / "employees.csv", "S2,BKD-KABAN", "S9,BKD-KABAN")
    assert errors(mini) == [("employees.csv", 2, "education")]


def test_scenario_unknown_key_and_bad_references(mini: Path) -> None:
    with (mini / "scenario.yaml").open("a") as f:
        f.write('shortlist_ration: 3\nlocks: [{nip: "197001012000031001", position_id: NOPE}]\nkeep: ["123"]\n')
    found = errors(mini)
    assert ("scenario.yaml", None, "shortlist_ration") in found
    assert ("scenario.yaml", None, "locks.0.position_id") in found
    assert ("scenario.yaml", None, "keep.0") in found


def test_all_errors_reported_together(mini: Path) -> None:
    edit_csv(mini / "employees.csv", "1970-01-01,L", "1970-01-02,L")
    edit_csv(mini / "positions.csv", "pengawas,IV.a", "pengawas,III.a")
    edit_csv(mini / "history.csv", "2006-01-01,2012-01-01", "2005-06-01,2012-01-01")
    with (mini / "scenario.yaml").open("a") as f:
        f.write("wieghts: {}\n")
    assert len(errors(mini)) == 4
    with pytest.raises(InputError) as exc:
        load_valid(mini)
    assert len(exc.value.findings) == 4


def test_stale_assessment_is_a_warning(mini: Path) -> None:
    edit_csv(mini / "employees.csv", "88,2024-05-01", "88,2021-05-01")
    data = load(mini)
    assert data.errors == []
    assert [(w.row, w.column) for w in data.warnings] == [(2, "assessment_date")]


def test_extends_resolves_base_and_data_paths(mini: Path, tmp_path: Path) -> None:
    alt = tmp_path / "alt"
    alt.mkdir()
    (alt / "scenario.yaml").write_text("extends: ../mini/scenario.yaml\nname: alt\nshortlist_ratio: 2\n")
    data = load(alt)
    assert data.errors == []
    assert data.scenario.name == "alt" and data.scenario.shortlist_ratio == 2
    assert data.scenario.as_of.isoformat() == "2026-12-01"
    assert len(data.positions) == 5  # the base's data files


def test_extends_cycle(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("extends: b.yaml\nname: a\nas_of: 2026-12-01\n")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\nname: b\nas_of: 2026-12-01\n")
    found = load(tmp_path / "a.yaml").errors
    assert len(found) == 1 and found[0].column == "extends"


def test_xlsx_loads_same_as_csv(mini: Path) -> None:
    import openpyxl
    import pandas as pd

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for table in ("positions", "employees", "history", "discipline"):
        frame = pd.read_csv(mini / f"{table}.csv", dtype=str, keep_default_na=False)
        ws = wb.create_sheet(table)
        ws.append(list(frame.columns))
        for row in frame.itertuples(index=False):
            ws.append(list(row))
    wb.save(mini / "data.xlsx")
    (mini / "x.yaml").write_text(
        "name: mini-xlsx\nas_of: 2026-12-01\nrule_pack: national\n"
        "data: {positions: data.xlsx, employees: data.xlsx, history: data.xlsx, discipline: data.xlsx}\n")
    csv, xlsx = load(mini), load(mini / "x.yaml")
    assert xlsx.findings == []
    for table in ("positions", "employees", "history", "discipline"):
        pd.testing.assert_frame_equal(getattr(csv, table), getattr(xlsx, table))


def test_xlsx_numeric_nip_is_flagged(mini: Path) -> None:
    import openpyxl
    import pandas as pd

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "employees"
    frame = pd.read_csv(mini / "employees.csv", dtype=str, keep_default_na=False)
    ws.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        ws.append([float(row[0]), *row[1:]])  # what Excel does to a NIP typed as a number
    wb.save(mini / "employees.xlsx")
    (mini / "x.yaml").write_text("name: x\nas_of: 2026-12-01\ndata: {employees: employees.xlsx}\n")
    nip_errors = [f for f in load(mini / "x.yaml").errors if f.file == "employees.xlsx" and f.column == "nip"]
    assert {f.row for f in nip_errors} == {2, 3, 4}


def test_cli_validate_exit_codes_and_no_traceback(mini: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(main, ["validate", str(mini)])
    assert ok.exit_code == 0, ok.output
    assert "Data valid" in ok.output
    edit_csv(mini / "employees.csv", "1970-01-01,L", "1970-01-02,P")
    bad = runner.invoke(main, ["validate", str(mini)])
    assert bad.exit_code == 1
    assert "Traceback" not in bad.output
    assert "employees.csv baris 2, kolom birth_date" in bad.output
    assert "employees.csv baris 2, kolom gender" in bad.output
    usage = runner.invoke(main, ["validate"])
    assert usage.exit_code == 2


def test_validate_leaves_inputs_untouched(mini: Path) -> None:
    before = tree_digest(mini)
    CliRunner().invoke(main, ["validate", str(mini)])
    assert tree_digest(mini) == before
