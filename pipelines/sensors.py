"""When to ingest: when the raw folder changes (sensor), and once a day regardless (schedule)."""
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
        name="daily_ingest", job=job, cron_schedule="0 6 * * *", execution_timezone="Asia/Shanghai",
        default_status=dg.DefaultScheduleStatus.RUNNING,
    )
    return [raw_files], [daily]
