"""The Dagster code location: what `dagster dev` shows, and the whole job materialized."""

from __future__ import annotations

import dagster as dg
import pytest

from parsers.frames import TABLES
from pipelines.definitions import build_definitions, defs

from .helpers import query


def test_definitions_load_with_assets_checks_schedule_and_sensor():
    repo = defs.get_repository_def()
    keys = {k.to_user_string() for k in repo.asset_graph.get_all_asset_keys()}
    assert {"raw_reports", *TABLES, "source_files", "report_headlines", "applications_wide", "parquet_export"} <= keys
    checks = {(k.asset_key.to_user_string(), k.name) for k in repo.asset_graph.asset_check_keys}
    assert ("applications", "template_identities") in checks and ("applications", "unplaced_numbers") in checks
    assert ("reports", "no_failed_reports") in checks and ("reports", "schema") in checks
    assert {("reports", "cross_year"), ("report_sections", "narrative_vs_tables"), ("reports", "duplicates")} <= checks
    assert ("unmapped_labels", "catalogue_coverage") in checks
    assert [s.name for s in repo.schedule_defs] == ["daily_ingest"]
    assert sorted(s.name for s in repo.sensor_defs) == ["load_when_parsed", "raw_files", "raw_files_shards"]
    assert {j.name for j in repo.get_all_jobs()} >= {"ingest", "sharded_ingest", "parse", "load"}
    sharded = repo.get_job("sharded_ingest")
    assert {"parsed_shards", "warehouse_tables", "parquet_export"} <= set(sharded.graph.node_dict)
    assert "parsed_shards" not in repo.get_job("ingest").graph.node_dict


@pytest.mark.slow
def test_job_materializes_everything_into_a_temporary_directory(raw_dir, tmp_path):
    wh = tmp_path / "wh" / "xxgk.duckdb"
    (raw_dir / "empty.txt").write_bytes(b"")
    local = build_definitions(str(raw_dir), str(wh), str(tmp_path / "export"))
    result = local.resolve_job_def("ingest").execute_in_process(instance=dg.DagsterInstance.ephemeral())
    assert result.success
    materialized = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert {*TABLES, "parquet_export", "report_headlines"} <= materialized
    checks = {
        (e.asset_key.to_user_string(), e.check_name): e
        for e in (ev.event_specific_data for ev in result.all_events if ev.event_type_value == "ASSET_CHECK_EVALUATION")
    }
    assert checks[("applications", "schema")].passed
    assert checks[("applications", "template_identities")].passed
    failed = checks[("reports", "no_failed_reports")]
    assert not failed.passed and failed.metadata["reports"].value == 1
    assert "empty.txt" in failed.metadata["offending"].value
    assert checks[("reports", "cross_year")].passed and checks[("reports", "duplicates")].passed
    assert checks[("unmapped_labels", "catalogue_coverage")].passed  # the samples print only catalogued labels
    assert query(wh, "SELECT count(*) FROM reports") == [(6,)]
    assert (tmp_path / "export" / "report_headlines.parquet").exists() and (tmp_path / "export" / "reports").is_dir()


def test_sensor_requests_a_run_only_when_the_folder_changes(raw_dir, tmp_path):
    local = build_definitions(str(raw_dir), str(tmp_path / "w.duckdb"))
    sensor = local.resolve_sensor_def("raw_files")
    first = sensor.evaluate_tick(dg.build_sensor_context())
    assert len(first.run_requests) == 1
    same = sensor.evaluate_tick(dg.build_sensor_context(cursor=first.cursor))
    assert same.run_requests == [] and same.skip_message.startswith("no change")
    (raw_dir / "new.txt").write_text("新报告", encoding="utf-8")
    changed = sensor.evaluate_tick(dg.build_sensor_context(cursor=first.cursor))
    assert len(changed.run_requests) == 1
