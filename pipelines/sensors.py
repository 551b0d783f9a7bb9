"""When to ingest: when the raw folder changes (sensor), and once a day regardless (schedule).

With the parse spread over machines, `raw_files_shards` (stopped by default: start it instead of
`raw_files`) asks for one `sharded_ingest` run when the folder changes (every shard a step, then the
load). After a backfill of `parse` runs, `load_when_parsed` starts the `load` job once a parse run
succeeds and no other is still queued or running."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import dagster as dg


def folder_fingerprint(folder: Path) -> str:
    """Cheap identity of the folder's contents: names, sizes and modification times."""
    h = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if any(p.startswith(".") for p in path.relative_to(folder).parts):
                continue
            try:
                st = path.stat()
            except OSError:  # a path too long to stat, a broken link: the ingest lists it as failed
                continue
            if stat.S_ISREG(st.st_mode):
                h.update(f"{path.relative_to(folder)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()[:20]


def build(job, raw_dir: str):
    @dg.sensor(job=job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING)
    def raw_files(context: dg.SensorEvaluationContext):
        """Starts an ingest when a file in the raw folder is added, changed or removed."""
        fingerprint = folder_fingerprint(Path(raw_dir))
        if fingerprint == context.cursor:
            return dg.SkipReason(f"no change in {raw_dir}")
        context.update_cursor(fingerprint)
        return dg.RunRequest(run_key=fingerprint)

    daily = dg.ScheduleDefinition(
        name="daily_ingest",
        job=job,
        cron_schedule="0 6 * * *",
        execution_timezone="Asia/Shanghai",
        default_status=dg.DefaultScheduleStatus.RUNNING,
    )
    return [raw_files], [daily]


ACTIVE = (dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED)


def build_sharded(sharded_job, parse_job, load_job, raw_dir: str):
    @dg.sensor(job=sharded_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.STOPPED)
    def raw_files_shards(context: dg.SensorEvaluationContext):
        """Asks for one run parsing every shard, then loading, when a file in the raw folder is
        added, changed or removed; a shard with nothing new parses nothing."""
        fingerprint = folder_fingerprint(Path(raw_dir))
        if fingerprint == context.cursor:
            return dg.SkipReason(f"no change in {raw_dir}")
        context.update_cursor(fingerprint)
        return dg.RunRequest(run_key=fingerprint)

    @dg.run_status_sensor(
        run_status=dg.DagsterRunStatus.SUCCESS,
        monitored_jobs=[parse_job],
        request_job=load_job,
        default_status=dg.DefaultSensorStatus.STOPPED,
    )
    def load_when_parsed(context: dg.RunStatusSensorContext):
        """The load, once the last parse run of a wave is done (the warehouse tag queues loads one at a time)."""
        active = context.instance.get_runs(dg.RunsFilter(job_name=parse_job.name, statuses=list(ACTIVE)), limit=1)
        if active:
            return dg.SkipReason("parse runs still queued or running")
        return dg.RunRequest(run_key=f"load after {context.dagster_run.run_id}")

    return [raw_files_shards, load_when_parsed]
