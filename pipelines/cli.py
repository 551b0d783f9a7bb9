"""`xxgk` command line (SPEC §4).

Exit codes: 0 done (an ingest that flagged or failed some reports still completed); 1 the work
itself failed (the run broke, the SQL was wrong, the parsed file is not a usable report);
2 the command cannot start (bad arguments, missing file or folder, warehouse busy or unusable).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
import time
from pathlib import Path

DEFAULT_RAW = "data/raw"
DEFAULT_WAREHOUSE = "data/warehouse/xxgk.duckdb"


def _fail(message: str, code: int) -> int:
    print(f"xxgk: {message}", file=sys.stderr)
    return code


def cmd_ingest(args) -> int:
    raw, wh = Path(args.raw), Path(args.warehouse)
    if not raw.is_dir():
        return _fail(f"{raw}: no such folder of raw reports (give one with --raw DIR)", 2)
    try:
        with os.scandir(raw):
            pass
    except OSError as e:
        return _fail(f"{raw}: the folder of raw reports cannot be read ({e.strerror or e})", 2)
    from parsers import limits as limits_

    given = {name: getattr(args, name) for name in limits_.SETTINGS}
    try:
        limits_.from_env(**given)
    except ValueError as e:
        return _fail(str(e), 2)
    for name, value in given.items():  # the run inside Dagster reads the limits from the environment
        if value is not None:
            os.environ[limits_.SETTINGS[name][0]] = str(value)
    from . import export, ingest, warehouse

    try:  # the lock is held from here to the end, so a second ingest is refused before Dagster starts
        with ingest.claim(wh):
            started = time.monotonic()
            with warehouse.connect(wh):  # a foreign, damaged or unwritable warehouse is said plainly now
                pass
            if not (args.full or args.prune) and ingest.up_to_date(raw, wh, follow_links=args.follow_links):
                return _nothing_to_do(args, raw, wh, started)
            from .definitions import export_folder

            export.check(Path(export_folder(str(wh))))  # and an export folder holding the user's files
            return _run_ingest_job(args, raw, wh)
    except (warehouse.WarehouseError, ingest.IngestBusy, export.ExportError) as e:
        return _fail(str(e), 2)


def _nothing_to_do(args, raw: Path, wh: Path, started: float) -> int:
    """Every file is stored as it is: the summary, without starting a Dagster run for nothing."""
    from . import warehouse

    if not args.quiet:
        print(f"  every file in {raw} is stored as it is: nothing to parse", file=sys.stderr)
    with warehouse.connect(wh, read_only=True) as con:
        _print_summary(con, wh, time.monotonic() - started)
    return 0


def _run_ingest_job(args, raw: Path, wh: Path) -> int:
    from . import warehouse
    from .definitions import build_definitions

    started = time.monotonic()
    defs = build_definitions(str(raw), str(wh))
    job = defs.resolve_job_def("ingest")
    instance = _dagster_instance()
    run_config = {  # Dagster's own log is kept off the terminal: a failure is said once, below
        "loggers": {"console": {"config": {"log_level": "CRITICAL"}}},
        "ops": {"warehouse_tables": {"config": {"full": args.full, "prune": args.prune, "follow_links": args.follow_links}}},
    }
    with _progress_shown(not args.quiet, sys.stderr):
        result = job.execute_in_process(instance=instance, run_config=run_config, raise_on_error=False)
    if not result.success:
        return _fail(f"ingest did not complete: {_failure(result)}", 1)
    with warehouse.connect(wh, read_only=True) as con:
        _print_summary(con, wh, time.monotonic() - started)
    return 0


@contextlib.contextmanager
def _progress_shown(shown: bool, stream):
    """The run's progress on stream while it runs: on a terminal, its lines above a bar of the reports
    parsed (done/total, reports/s, time left); elsewhere (a log file, a pipe) the lines alone,
    `parsed and loaded N/M` after each batch. Nothing when not shown (--quiet)."""
    if not shown:
        yield
        return
    lines, files = logging.getLogger("xxgk.progress"), logging.getLogger("xxgk.parsed")
    if _is_terminal(stream):
        handler: logging.Handler = _Bar(stream)
        watched = [(lines, logging.INFO), (files, logging.DEBUG)]
    else:
        handler = logging.StreamHandler(stream)
        handler.setFormatter(logging.Formatter("  %(message)s"))
        watched = [(lines, logging.INFO)]
    saved = [(log, log.level, log.propagate) for log, _ in watched]
    for log, level in watched:
        log.addHandler(handler)
        log.setLevel(level)
        log.propagate = False
    try:
        yield
    finally:
        for log, level, propagate in saved:
            log.removeHandler(handler)
            log.setLevel(level)
            log.propagate = propagate
        handler.close()


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


BAR = "{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}, {rate_noinv_fmt}{postfix}]"


class _Bar(logging.Handler):
    """A progress bar of the reports parsed, with the run's other lines printed above it."""

    def __init__(self, stream) -> None:
        super().__init__()
        self.stream, self.bar = stream, None

    def emit(self, record: logging.LogRecord) -> None:
        from tqdm import tqdm

        from .ingest import Count

        count = record.msg
        if not isinstance(count, Count):
            line = "  " + record.getMessage()
            if self.bar is None:
                print(line, file=self.stream, flush=True)
            else:
                self.bar.write(line, file=self.stream)
            return
        if self.bar is None:
            # nrows: a terminal that says it has no rows (a pty nobody sized) would hide the bar
            self.bar = tqdm(
                total=count.total,
                desc="  parsed",
                unit=" reports",
                file=self.stream,
                nrows=24,
                mininterval=0.2,
                smoothing=0.1,
                bar_format=BAR,
            )
        if count.done > self.bar.n:
            self.bar.update(count.done - self.bar.n)
        if record.name == "xxgk.progress":  # the batch loaded: the warehouse has them
            self.bar.set_postfix_str(f"loaded {count.done}", refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
        super().close()


def _dagster_instance():
    """Where Dagster keeps this run: DAGSTER_HOME's instance when it is set, else one in memory.
    Dagster's notices are not xxgk's to print: a DAGSTER_HOME without dagster.yaml is used as Dagster
    uses it (storage in the folder) without the notice that says so, and telemetry is off for xxgk's
    runs unless the user's dagster.yaml speaks of it (so its welcome text is never printed). Nothing
    is written to dagster.yaml."""
    import dagster as dg

    home = os.environ.get("DAGSTER_HOME")
    if not home:
        return dg.DagsterInstance.ephemeral()
    home = os.path.expanduser(home)
    if not (os.path.isabs(home) and os.path.isdir(home)):
        return dg.DagsterInstance.get()  # Dagster's own error, saying what DAGSTER_HOME must be
    import yaml
    from dagster._core.instance.ref import InstanceRef

    config = Path(home) / "dagster.yaml"
    try:
        settings = yaml.safe_load(config.read_text(encoding="utf-8")) if config.is_file() else None
    except (OSError, yaml.YAMLError):
        settings = None  # Dagster reads it below and says what is wrong
    overrides = {} if isinstance(settings, dict) and "telemetry" in settings else {"telemetry": {"enabled": False}}
    log = logging.getLogger("dagster")
    level = log.level
    log.setLevel(logging.ERROR)  # the missing dagster.yaml notice
    try:
        return dg.DagsterInstance.from_ref(InstanceRef.from_dir(home, overrides=overrides))
    finally:
        log.setLevel(level)


def _failure(result) -> str:
    """The first error of a failed Dagster run, in one line: its cause's message, not a stack."""
    for event in result.all_events:
        if not event.is_failure:
            continue
        error = getattr(event.event_specific_data, "error", None)
        while error is not None and getattr(error, "cause", None) is not None:
            error = error.cause
        if error is not None and error.message:
            text = error.message.strip().splitlines()[-1]
            name, _, rest = text.partition(": ")
            return rest if rest and error.cls_name and name.endswith(error.cls_name) else text
        return event.message
    return "the Dagster run failed"


def _print_summary(con, wh: Path, seconds: float) -> None:
    from .warehouse import failed_reports, summary

    s = summary(con)
    st = s["status"]
    print(
        f"reports: {st.get('ok', 0)} ok, {st.get('warnings', 0)} with warnings, {st.get('failed', 0)} failed"
        + (f", {s['duplicates']} duplicates not counted" if s["duplicates"] else "")
        + (f", {s['missing_files']} files gone from the raw folder (kept; --prune forgets them)" if s["missing_files"] else "")
    )
    print("rows: " + ", ".join(f"{t} {n}" for t, n in s["rows"].items()))
    for path, reason in failed_reports(con, limit=20):
        print(f"  failed: {path}: {reason}")
    print(f"warehouse: {wh} ({seconds:.1f} s)")


def cmd_parse(args) -> int:
    from parsers import batch, display

    fs_path = os.fsencode(args.file)
    shown = batch.shown(fs_path)
    try:
        if not os.path.isfile(fs_path):
            return _fail(f"{shown}: no such file", 2)
    except (OSError, ValueError) as e:
        return _fail(f"{shown}: {e}", 2)
    raw = batch.RawFile(shown, fs_path, "0" * 64, None)
    parsed = batch.parse_files([raw], batch.parser_version())
    if args.json:
        print(json.dumps(display.as_dict(parsed), ensure_ascii=False, indent=1, default=str))
    else:
        print(display.as_text(parsed))
    return 1 if parsed["reports"]["parse_status"][0] == "failed" else 0


def cmd_sql(args) -> int:
    import duckdb
    import polars as pl

    from .warehouse import WarehouseError, connect

    try:
        with connect(args.warehouse, read_only=not args.write, wait_seconds=args.wait) as con:
            try:
                frame = con.sql(args.query).pl()
            except (duckdb.Error, AttributeError) as e:
                if "read-only" in str(e).lower():
                    return _fail(f"{e}\n(the warehouse opens read-only; add --write to change it)", 1)
                return _fail(f"SQL error: {e}", 1)
    except WarehouseError as e:
        return _fail(str(e), 2)
    if args.format == "csv":
        nested = [c for c, t in frame.schema.items() if t.is_nested()]
        frame = frame.with_columns(
            pl.col(c).map_elements(
                lambda v: json.dumps(v.to_list() if isinstance(v, pl.Series) else v, ensure_ascii=False, default=str),
                return_dtype=pl.String,
            )
            for c in nested
        )
        sys.stdout.write(frame.write_csv())
    elif args.format == "json":
        sys.stdout.write(frame.write_json() + "\n")
    else:
        with pl.Config(
            tbl_rows=args.max_rows, tbl_cols=-1, fmt_str_lengths=80, tbl_width_chars=250, tbl_hide_dataframe_shape=True
        ):
            print(frame)
    return 0


def cmd_export(args) -> int:
    from .export import ExportError, export
    from .warehouse import WarehouseError, connect

    out = Path(args.out) if args.out else Path(args.warehouse).parent / "export"
    try:
        with connect(args.warehouse, read_only=True) as con:
            written = export(con, out, args.format, args.labels, raw_cells=args.raw_cells)
    except (WarehouseError, ExportError) as e:
        return _fail(str(e), 2)
    for path in written:
        print(path)
    return 0


def cmd_report(args) -> int:
    from . import audit, audit_html
    from .warehouse import WarehouseError, connect

    out = Path(args.out) if args.out else audit.default_out(Path(args.warehouse))
    try:
        with connect(args.warehouse, read_only=True, wait_seconds=args.wait) as con:
            page = audit.load(con, args.region, args.year, warehouse=str(args.warehouse))
    except WarehouseError as e:
        return _fail(str(e), 2)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(audit_html.render(page), encoding="utf-8")
    except OSError as e:
        return _fail(f"{out}: cannot write the page ({e.strerror or e})", 2)
    st = page.status_counts()
    print(
        f"{out}: {len(page.reports)} reports ({st['ok']} ok, {st['warnings']} with warnings, {st['failed']} failed)"
        if page.reports
        else f"{out}: no report matches the selection"
    )
    return 0


def cmd_catalogue_suggest(args) -> int:
    """Lines worth adding to parsers/catalogue.csv: labels reports print that the catalogue does
    not know, as variants of their closest code, most reports fixed first."""
    import csv
    import io

    from parsers import catalogue

    from .warehouse import WarehouseError, connect, sql

    try:
        with connect(args.warehouse, read_only=True, wait_seconds=args.wait) as con:
            rows = con.sql(sql("analyses/catalogue_suggest.sql")).fetchall()
    except WarehouseError as e:
        return _fail(str(e), 2)
    shown = 0
    for in_table, _, label, reports, code, closest, similarity, after, example in rows:
        line = catalogue.suggestion(in_table, label, code)
        if line is None or (similarity or 0) < args.min_similarity or shown >= args.limit:
            continue
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow(line)
        print(
            f"# {reports} report{'s' if reports > 1 else ''}: table {in_table}, after {after or 'its start'}; "
            f"closest {closest} ({similarity:.2f}); e.g. {example}"
        )
        print(out.getvalue())
        shown += 1
    if not shown:
        print("# no label to suggest: every label with numbers after it is in the catalogue", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="xxgk", description="Government information-disclosure annual reports → a checked DuckDB warehouse."
    )
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("ingest", help="run the Dagster ingest job over the raw folder")
    s.add_argument("--raw", default=DEFAULT_RAW, help=f"folder of raw report files (default {DEFAULT_RAW})")
    s.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, help=f"DuckDB file (default {DEFAULT_WAREHOUSE})")
    s.add_argument("--full", action="store_true", help="parse every file again, even those already stored")
    s.add_argument("--prune", action="store_true", help="forget files gone from the raw folder, and their reports")
    s.add_argument("--quiet", action="store_true", help="print only the summary")
    s.add_argument("--follow-links", action="store_true", help="follow symbolic links that lead outside the raw folder")
    from parsers.limits import SETTINGS, Limits

    for name, (env, flag, what, unit) in SETTINGS.items():
        s.add_argument(
            flag,
            dest=name,
            type=float,
            metavar=unit.upper(),
            help=f"per-file limit on {what} (default {getattr(Limits(), name):g} {unit}, or {env})",
        )
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser("parse", help="parse one report and print its tables and checks; writes nothing")
    s.add_argument("file")
    s.add_argument("--json", action="store_true", help="print JSON instead of tables")
    s.set_defaults(func=cmd_parse)

    s = sub.add_parser("sql", help="run SQL against the warehouse (read-only unless --write)")
    s.add_argument("query")
    s.add_argument("--warehouse", default=DEFAULT_WAREHOUSE)
    s.add_argument("--write", action="store_true", help="open the warehouse for writing")
    s.add_argument("--format", choices=["table", "csv", "json"], default="table")
    s.add_argument("--max-rows", type=int, default=100, help="rows shown in table format (default 100)")
    s.add_argument("--wait", type=float, default=10.0, help="seconds to wait while an ingest holds the warehouse (default 10)")
    s.set_defaults(func=cmd_sql)

    s = sub.add_parser("export", help="write every table and view for analysts, with a data dictionary")
    s.add_argument("--warehouse", default=DEFAULT_WAREHOUSE)
    s.add_argument("--out", help="folder (default: export/ beside the warehouse)")
    s.add_argument(
        "--format",
        choices=["parquet", "csv", "xlsx"],
        default="parquet",
        help="parquet (fact tables partitioned by year, hive style), csv, or one xlsx workbook",
    )
    s.add_argument("--labels", choices=["en", "zh"], default="en", help="column names in csv/xlsx: codes or Chinese labels")
    s.add_argument(
        "--raw-cells",
        action="store_true",
        help="csv: leave text cells starting with = + - @ as stored (by default a ' is put before them, "
        "so a spreadsheet shows them instead of running them as formulas)",
    )
    s.set_defaults(func=cmd_export)

    s = sub.add_parser("report", help="write the audit page: every report, its status and findings (one HTML file)")
    s.add_argument("--warehouse", default=DEFAULT_WAREHOUSE)
    s.add_argument("--region", help="only bodies whose province, city, county or name contains this text")
    s.add_argument("--year", type=int, help="only reports on this year")
    s.add_argument("--out", help="HTML file (default: report.html beside the warehouse)")
    s.add_argument("--wait", type=float, default=10.0, help="seconds to wait while an ingest holds the warehouse (default 10)")
    s.set_defaults(func=cmd_report)
    s = sub.add_parser("catalogue", help="the catalogue's worklist: labels reports print that it does not know")
    csub = s.add_subparsers(dest="catalogue_command", required=True)
    c = csub.add_parser("suggest", help="print catalogue.csv lines for unknown labels, most reports fixed first")
    c.add_argument("--warehouse", default=DEFAULT_WAREHOUSE)
    c.add_argument("--min-similarity", type=float, default=0.5, help="to the closest catalogue label, 0–1 (default 0.5)")
    c.add_argument("--limit", type=int, default=30, help="at most this many lines (default 30)")
    c.add_argument("--wait", type=float, default=10.0, help="seconds to wait while an ingest holds the warehouse (default 10)")
    c.set_defaults(func=cmd_catalogue_suggest)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except Exception as e:  # no stack reaches the user's terminal; XXGK_DEBUG=1 shows it
        if os.environ.get("XXGK_DEBUG"):
            raise
        return _fail(f"{type(e).__name__}: {e} (XXGK_DEBUG=1 shows where)", 1)


if __name__ == "__main__":
    sys.exit(main())
