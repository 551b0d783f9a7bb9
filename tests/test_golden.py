"""Every number of every sample report, cell by cell, as it lands in the warehouse."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.parse import parse_bytes
from pipelines import ingest

from . import gold
from .helpers import SAMPLES, query

GOLD_FILES = sorted(gold.GOLDEN.glob("*.json"))


def test_every_sample_has_a_gold_file():
    assert [g.stem for g in GOLD_FILES] == [s.stem for s in SAMPLES]
    assert len(SAMPLES) == 5


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    for s in SAMPLES:
        (raw / s.name).write_bytes(s.read_bytes())
    wh = tmp_path_factory.mktemp("wh") / "xxgk.duckdb"
    ingest.run(raw, wh)
    return wh


def warehouse_cells(wh: Path, stem: str) -> tuple[dict, tuple]:
    ((rid, agency, year, status),) = query(
        wh, f"SELECT report_id, agency, year, parse_status FROM reports WHERE source_path LIKE '%/{stem}.txt'"
    )
    cells = {}
    for item, measure, value in query(wh, f"SELECT item, measure, value FROM active_disclosure WHERE report_id = '{rid}'"):
        cells[("active_disclosure", item, measure)] = value
    for row, applicant, count in query(wh, f"SELECT row_code, applicant, count FROM applications WHERE report_id = '{rid}'"):
        cells[("applications", row, applicant)] = count
    for p, o, count in query(wh, f"SELECT proceeding, outcome, count FROM review_litigation WHERE report_id = '{rid}'"):
        cells[("review_litigation", p, o)] = count
    return cells, (agency, year, status)


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.stem)
def test_sample_lands_exactly(loaded, gold_file):
    truth = gold.load(gold_file)
    expected = gold.expected_cells(truth)
    assert len([k for k in expected if k[0] != "active_disclosure"]) == 175 + 15
    cells, (agency, year, status) = warehouse_cells(loaded, gold_file.stem)
    assert gold.differences(expected, cells) == []
    assert (agency, year) == (truth["agency"], truth["year"])
    assert status == "ok"


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.stem)
def test_blank_cells_are_null_rows_not_zero(loaded, gold_file):
    truth = gold.load(gold_file)
    cells, _ = warehouse_cells(loaded, gold_file.stem)
    for key, value in gold.expected_cells(truth).items():
        if value is None:
            assert key in cells and cells[key] is None, key


def test_fees_printed_in_yuan_are_stored_in_wan_yuan(loaded):
    rows = query(
        loaded,
        """SELECT r.agency, a.value, a.unit_as_printed FROM active_disclosure a JOIN reports r USING (report_id)
                            WHERE a.item = 'administrative_fees' ORDER BY r.source_path""",
    )
    assert rows[0] == ("重庆市通信管理局", pytest.approx(147.445), "元")
    assert rows[1] == ("重庆市綦江区城市管理局", pytest.approx(727.08), "万元")


def test_sections_of_every_sample(loaded):
    rows = query(loaded, "SELECT report_id, list(section ORDER BY section) FROM report_sections GROUP BY 1")
    assert len(rows) == 5
    assert all(sections == [1, 2, 3, 4, 5, 6] for _, sections in rows)
    ((body,),) = query(
        loaded,
        """SELECT body FROM report_sections s JOIN reports r USING (report_id)
                              WHERE r.agency = '重庆市通信管理局' AND s.section = 6""",
    )
    assert "cqca.miit.gov.cn" in body


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_parser_alone_matches_gold_with_no_findings(sample):
    fmt, report = parse_bytes(sample.read_bytes(), sample.name)
    truth = gold.load(gold.GOLDEN / f"{sample.stem}.json")
    assert fmt == "txt"
    assert gold.differences(gold.expected_cells(truth), gold.report_cells(report)) == []
    assert report.issues == []
    assert report.template_version == "2021"
