"""What `xxgk ingest` prints while it runs: plain lines off a terminal, a bar on one, nothing with
--quiet, and never Dagster's own notices."""

from __future__ import annotations

import io
import logging

from pipelines import ingest
from pipelines.cli import _progress_shown, main


def _ingest(raw_dir, warehouse_path, *extra) -> int:
    return main(["ingest", "--raw", str(raw_dir), "--warehouse", str(warehouse_path), *extra])


def test_off_a_terminal_the_progress_is_plain_lines(raw_dir, warehouse_path, capfd, monkeypatch):
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    assert _ingest(raw_dir, warehouse_path) == 0
    err = capfd.readouterr().err
    assert err.splitlines() == [f"  5 files in {raw_dir}: 5 to parse, 0 unchanged", "  parsed and loaded 5/5"]


def test_quiet_prints_only_the_summary(raw_dir, warehouse_path, capfd, monkeypatch):
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    assert _ingest(raw_dir, warehouse_path, "--quiet") == 0
    out = capfd.readouterr()
    assert out.err == ""
    assert out.out.startswith("reports: 5 ok, 0 with warnings, 0 failed\n")


def test_each_batch_and_each_file_is_counted(raw_dir, warehouse_path):
    lines: list[str] = []
    counts: list[tuple[int, int]] = []

    class Seen(logging.Handler):
        def emit(self, record):
            counts.append((record.msg.done, record.msg.total))

    log = logging.getLogger("xxgk.parsed")
    handler, level = Seen(), log.level
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)
    try:
        result = ingest.run(raw_dir, warehouse_path, batch_size=2, progress=lines.append)
    finally:
        log.removeHandler(handler)
        log.setLevel(level)
    assert result.parsed == 5
    assert lines[0] == f"5 files in {raw_dir}: 5 to parse, 0 unchanged"
    assert lines[-1] == "parsed and loaded 5/5"
    loaded = [c.done for c in lines[1:]]  # batches of 2 (those parsed while one loads are loaded together)
    assert loaded == sorted(set(loaded)) and set(loaded) <= {2, 4, 5}
    assert all(c == f"parsed and loaded {c.done}/{c.total}" and c.total == 5 for c in lines[1:])
    assert counts == [(n, 5) for n in range(1, 6)]  # every file once, in order, none twice
    # one validation per table for the run, whatever the number of batches: it does not grow with them
    assert {t: [v.rows for v in vs] for t, vs in result.validations.items()} == {
        "reports": [5],
        "active_disclosure": [50],
        "applications": [910],
        "review_litigation": [75],
        "report_sections": [30],
        "validation_issues": [0],
        "unmapped_labels": [0],
    }
    assert all(result.failures(t) is None for t in result.validations)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_reports_parsed_are_a_bar_with_rate_and_time_left():
    screen = Terminal()
    with _progress_shown(True, screen):
        logging.getLogger("xxgk.progress").info("10 files in raw: 10 to parse, 0 unchanged")
        for n in range(1, 11):
            logging.getLogger("xxgk.parsed").debug(ingest.Count(f"parsed {n}/10", n, 10))
            if n % 5 == 0:
                logging.getLogger("xxgk.progress").info(ingest.Count(f"parsed and loaded {n}/10", n, 10))
    shown = screen.getvalue()
    assert shown.startswith("  10 files in raw: 10 to parse, 0 unchanged\n")
    last = shown.rstrip("\n").rsplit("\r", 1)[-1]  # the bar as it was left
    assert "10/10" in last and "reports/s" in last and "loaded 10" in last and "100%" in last
    assert "parsed and loaded" not in shown  # the bar says it
    assert _bars() == [], _bars()


def test_no_dagster_notice_with_an_empty_dagster_home(raw_dir, warehouse_path, tmp_path, capfd, monkeypatch):
    home = tmp_path / "dagster_home"
    home.mkdir()
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    for extra in ([], ["--full"]):
        assert _ingest(raw_dir, warehouse_path, *extra) == 0
        err = capfd.readouterr().err
        assert err.splitlines() == [f"  5 files in {raw_dir}: 5 to parse, 0 unchanged", "  parsed and loaded 5/5"]
    assert not (home / "dagster.yaml").exists()  # the user's folder: runs recorded, config untouched
    assert len(list((home / "history" / "runs").glob("*.db"))) >= 2


def test_validations_of_many_batches_are_one_per_table_with_every_failure():
    import polars as pl

    from parsers.schemas import Validation

    kept: dict[str, list] = {}
    ingest._add(kept, Validation("applications", 10))
    ingest._add(kept, Validation("applications", 7, pl.DataFrame({"check": ["count >= 0"], "failure_case": ["-1"]})))
    ingest._add(kept, Validation("applications", 3, pl.DataFrame({"check": ["unique"], "failure_case": ["x"]})))
    [run] = kept["applications"]
    assert run.rows == 20 and not run.passed
    assert run.failures.rows() == [("count >= 0", "-1"), ("unique", "x")]


def _bars() -> list:
    from pipelines.cli import _Bar

    return [h for name in ("xxgk.parsed", "xxgk.progress") for h in logging.getLogger(name).handlers if isinstance(h, _Bar)]
