"""The same body across years: what one report carries forward the next carries over."""

from __future__ import annotations

from pipelines import ingest

from .helpers import SAMPLE_TEXT as SAMPLE, SAMPLES, next_year, query


def cross_year(wh) -> list[tuple]:
    return query(
        wh,
        """SELECT r.year, v.check_name, v.detail FROM validation_issues v JOIN reports r USING (report_id)
                        WHERE v.check_name LIKE 'cross_year%' ORDER BY 1, 2, 3""",
    )


def test_consistent_years_raise_nothing(raw_dir, warehouse_path):
    (raw_dir / "2025.txt").write_text(next_year("7\t0\t0\t0\t0\t7"), encoding="utf-8")
    ingest.run(raw_dir, warehouse_path)
    assert query(warehouse_path, "SELECT count(*) FROM reports WHERE agency = '重庆市通信管理局'") == [(2,)]
    assert cross_year(warehouse_path) == []


def test_breaks_are_warnings_on_the_later_report(raw_dir, warehouse_path):
    (raw_dir / "2025.txt").write_text(next_year("5\t0\t0\t0\t0\t5", regulations_in_force=3), encoding="utf-8")
    ingest.run(raw_dir, warehouse_path)
    found = cross_year(warehouse_path)
    assert [(y, c) for y, c, _ in found] == [(2025, "cross_year_carried_over")] * 2 + [(2025, "cross_year_in_force")]
    details = [d for *_, d in found]
    assert details[0].startswith("table 3 column natural_person: carried_over 5 in 2025 but the 2024 report (")
    assert details[0].endswith("000_77fdd4e7ff0578bb.txt) carried forward 7")
    assert "table 2 regulations: in_force 3 in 2025 but the 2024 report" in details[2] and "= 1" in details[2]
    # both reports keep their numbers as printed
    assert query(
        warehouse_path,
        """SELECT r.year, a.count FROM applications a JOIN reports r USING (report_id)
                                    WHERE a.row_code = 'carried_over' AND a.applicant = 'total'
                                    AND r.agency = '重庆市通信管理局' ORDER BY 1""",
    ) == [(2024, 0), (2025, 5)]


def test_narrative_that_disagrees_with_the_tables_is_reported(raw_dir, warehouse_path):
    text = SAMPLE.replace("全年共收到政府信息公开申请 70 件", "全年共收到政府信息公开申请 75 件")
    (raw_dir / SAMPLES[0].name).write_text(text, encoding="utf-8")
    ingest.run(raw_dir, warehouse_path)
    found = query(warehouse_path, "SELECT detail FROM validation_issues WHERE check_name = 'narrative_mismatch'")
    assert len(found) == 1
    assert found[0][0].startswith("part 1 says 75 (received: “…") and found[0][0].endswith("but the tables give 70")


def test_narrative_that_agrees_raises_nothing(raw_dir, warehouse_path):
    ingest.run(raw_dir, warehouse_path)  # 000 says 70 received; 004 says 383 = 370 new + 13 carried over
    assert query(warehouse_path, "SELECT count(*) FROM validation_issues") == [(0,)]
