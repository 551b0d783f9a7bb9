"""Exports write only what they own, and their cells are data, never formulas."""

from __future__ import annotations

import csv
import shutil

import openpyxl
import pytest

from pipelines import ingest
from pipelines.cli import main
from pipelines.export import MANIFEST

from .helpers import SAMPLES

FORMULA = '=HYPERLINK("http://evil.example","点此")'


def test_export_into_a_folder_holding_the_users_reports_deletes_nothing(tmp_path, monkeypatch, capsys):
    """mkdir w && cd w && mkdir reports && cp samples reports/ && ingest --raw reports && export --out ."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports").mkdir()
    for f in SAMPLES:
        shutil.copy(f, tmp_path / "reports" / f.name)
    before = sorted(p.name for p in (tmp_path / "reports").iterdir())
    assert main(["ingest", "--raw", "reports", "--warehouse", "wh/x.duckdb", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["export", "--warehouse", "wh/x.duckdb", "--out", "."]) == 2
    err = capsys.readouterr().err
    assert "would replace files it did not write" in err and "reports" in err and "Traceback" not in err
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == before
    assert all((tmp_path / "reports" / f.name).read_bytes() == f.read_bytes() for f in SAMPLES)
    assert not (tmp_path / "applications").exists()  # refused before writing anything


@pytest.fixture
def warehouse(raw_dir, warehouse_path):
    ingest.run(raw_dir, warehouse_path)
    return warehouse_path


@pytest.mark.parametrize("fmt, name", [("csv", "reports.csv"), ("xlsx", "xxgk.xlsx"), ("parquet", "report_headlines.parquet")])
def test_a_users_file_under_a_name_the_export_writes_is_kept(warehouse, tmp_path, capsys, fmt, name):
    out = tmp_path / "out"
    out.mkdir()
    (out / name).write_text("my own notes", encoding="utf-8")
    (out / "other.txt").write_text("untouched", encoding="utf-8")
    assert main(["export", "--warehouse", str(warehouse), "--out", str(out), "--format", fmt]) == 2
    assert name in capsys.readouterr().err
    assert (out / name).read_text(encoding="utf-8") == "my own notes"
    assert (out / "other.txt").read_text(encoding="utf-8") == "untouched"


def test_export_replaces_its_own_files_and_keeps_the_users(warehouse, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", "--warehouse", str(warehouse), "--out", str(out)]) == 0
    assert (out / MANIFEST).is_file()
    (out / "notes.txt").write_text("mine", encoding="utf-8")  # beside the export, not in a name it writes
    assert main(["export", "--warehouse", str(warehouse), "--out", str(out)]) == 0
    assert main(["export", "--warehouse", str(warehouse), "--out", str(out), "--format", "csv"]) == 0
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (out / "applications" / "year=2024").is_dir() and (out / "applications.csv").is_file()
    # a file of the user's inside a folder the export owns: refused, and kept
    (out / "applications" / "year=2024" / "mine.txt").write_text("keep", encoding="utf-8")
    capsys.readouterr()
    assert main(["export", "--warehouse", str(warehouse), "--out", str(out)]) == 2
    assert "mine.txt" in capsys.readouterr().err
    assert (out / "applications" / "year=2024" / "mine.txt").read_text(encoding="utf-8") == "keep"
    assert any((out / "applications" / "year=2024").glob("*.parquet"))


def test_a_parquet_export_written_before_manifests_is_still_replaced(warehouse, tmp_path):
    out = tmp_path / "out"
    assert main(["export", "--warehouse", str(warehouse), "--out", str(out)]) == 0
    (out / MANIFEST).unlink()
    assert main(["export", "--warehouse", str(warehouse), "--out", str(out)]) == 0
    assert (out / MANIFEST).is_file()


@pytest.fixture
def injected(raw_dir, warehouse_path):
    """A report whose title starts with a spreadsheet formula."""
    text = SAMPLES[0].read_text(encoding="utf-8")
    (raw_dir / SAMPLES[0].name).write_text(FORMULA + text.lstrip(), encoding="utf-8")
    ingest.run(raw_dir, warehouse_path)
    return warehouse_path


def test_xlsx_writes_a_formula_like_title_as_text(injected, tmp_path):
    assert main(["export", "--warehouse", str(injected), "--out", str(tmp_path / "x"), "--format", "xlsx"]) == 0
    book = openpyxl.load_workbook(tmp_path / "x" / "xxgk.xlsx")
    titles = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA):
                    assert cell.data_type == "s" and cell.hyperlink is None
                    titles += 1
    assert titles >= 5  # reports, the headline and metric views: the title as printed, as text


def test_csv_neutralises_formula_cells_unless_raw_cells(injected, tmp_path):
    assert main(["export", "--warehouse", str(injected), "--out", str(tmp_path / "c"), "--format", "csv"]) == 0
    with (tmp_path / "c" / "reports.csv").open(encoding="utf-8") as f:
        agencies = [r["agency"] for r in csv.DictReader(f)]
    assert "'" + FORMULA + "重庆市通信管理局" in agencies
    assert not any(a.startswith(("=", "+", "-", "@")) for a in agencies)
    assert "重庆两江新区" in agencies  # other cells as they are
    with (tmp_path / "c" / "applications.csv").open(encoding="utf-8") as f:
        assert sum(1 for _ in csv.DictReader(f)) == 5 * 26 * 7  # numbers untouched, every row there
    assert main(["export", "--warehouse", str(injected), "--out", str(tmp_path / "r"), "--format", "csv", "--raw-cells"]) == 0
    with (tmp_path / "r" / "reports.csv").open(encoding="utf-8") as f:
        assert FORMULA + "重庆市通信管理局" in [r["agency"] for r in csv.DictReader(f)]


def test_ingest_refuses_to_start_when_its_export_folder_holds_the_users_files(raw_dir, warehouse_path, capsys):
    mine = warehouse_path.parent / "export" / "applications" / "notes.txt"
    mine.parent.mkdir(parents=True)
    mine.write_text("mine", encoding="utf-8")
    assert main(["ingest", "--raw", str(raw_dir), "--warehouse", str(warehouse_path)]) == 2
    err = capsys.readouterr().err
    assert "would replace files it did not write" in err and "notes.txt" in err and "Traceback" not in err
    assert mine.read_text(encoding="utf-8") == "mine"
