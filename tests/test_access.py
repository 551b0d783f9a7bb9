"""What the machine refuses: files this user may not read, warehouses it may not write, two
ingests at once. Each is a plain message (exit 2 when the command cannot start), never a traceback.

The tests run as root, which may read and write anything; to meet real permission errors they run
xxgk in a child process without the capabilities that let root ignore file modes
(`setpriv --bounding-set -dac_override,-dac_read_search`, from util-linux).
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from pipelines import ingest
from pipelines.cli import main

from .helpers import ROOT, SAMPLES, query
from .helpers import assert_samples_land, failed_reason

SETPRIV = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


def _can_drop_privileges() -> bool:
    if shutil.which("setpriv") is None:
        return False
    return subprocess.run([*SETPRIV, "true"], capture_output=True).returncode == 0


unprivileged = pytest.mark.skipif(not _can_drop_privileges(), reason="needs setpriv (util-linux) and CAP_SETPCAP")


def xxgk(*args: str, drop: bool = True) -> subprocess.CompletedProcess:
    """`xxgk ARGS` in a child process, as a user that file modes apply to."""
    cmd = [*(SETPRIV if drop else []), sys.executable, "-m", "pipelines.cli", *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)


@unprivileged
@pytest.mark.slow
def test_a_file_this_user_may_not_read(raw_dir, warehouse_path):
    (raw_dir / "secret.txt").write_bytes(SAMPLES[0].read_bytes().replace("重庆市".encode(), "天津市".encode()))
    (raw_dir / "secret.txt").chmod(0)
    done = xxgk("ingest", "--raw", str(raw_dir), "--warehouse", str(warehouse_path), "--quiet")
    assert done.returncode == 0, done.stderr
    assert "reports: 5 ok, 0 with warnings, 1 failed" in done.stdout
    assert failed_reason(warehouse_path, "%/secret.txt") == "permission denied: this user may not read the file"
    assert_samples_land(warehouse_path)
    (raw_dir / "secret.txt").chmod(0o644)  # readable now: read on the next run, not kept as failed
    assert ingest.run(raw_dir, warehouse_path).parsed == 1
    assert query(warehouse_path, "SELECT parse_status FROM reports WHERE source_path LIKE '%/secret.txt'") == [("ok",)]


@unprivileged
def test_a_read_only_warehouse_is_said_to_be_read_only_not_damaged(raw_dir, warehouse_path):
    ingest.run(raw_dir, warehouse_path)
    warehouse_path.chmod(0o444)
    done = xxgk("ingest", "--raw", str(raw_dir), "--warehouse", str(warehouse_path))
    assert done.returncode == 2
    assert "the warehouse cannot be written here (Permission denied)" in done.stderr
    assert "rebuild" not in done.stderr and "Traceback" not in done.stderr
    done = xxgk("sql", "SELECT count(*) AS n FROM reports", "--warehouse", str(warehouse_path), "--format", "csv")
    assert (done.returncode, done.stdout) == (0, "n\n5\n")  # and it still reads


@unprivileged
def test_a_warehouse_folder_this_user_may_not_write(raw_dir, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    for target in (locked / "wh.duckdb", locked / "sub" / "wh.duckdb"):
        done = xxgk("ingest", "--raw", str(raw_dir), "--warehouse", str(target))
        assert done.returncode == 2, done.stderr
        assert "Permission denied" in done.stderr and "Traceback" not in done.stderr


def test_a_warehouse_folder_that_is_a_file(raw_dir, tmp_path, capsys):
    (tmp_path / "afile").write_text("not a folder")
    assert main(["ingest", "--raw", str(raw_dir), "--warehouse", str(tmp_path / "afile" / "wh.duckdb")]) == 2
    err = capsys.readouterr().err
    assert "cannot make the warehouse folder" in err and "a file of that name is in the way" in err
    assert main(["ingest", "--raw", str(raw_dir), "--warehouse", str(tmp_path)]) == 2  # a folder given as the file
    assert "a folder, not a warehouse file" in capsys.readouterr().err


@pytest.mark.slow
def test_two_ingests_started_together(raw_dir, warehouse_path):
    args = [sys.executable, "-m", "pipelines.cli", "ingest", "--raw", str(raw_dir), "--warehouse", str(warehouse_path), "--quiet"]
    procs = [subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outcomes = sorted((p.wait(timeout=300), p.stderr.read()) for p in procs)
    (first, _), (second, err) = outcomes
    assert (first, second) == (0, 2)
    assert "another ingest is running (pid" in err and "Traceback" not in err
    assert query(warehouse_path, "SELECT count(*) FROM reports WHERE parse_status = 'ok'") == [(5,)]


@unprivileged
def test_a_raw_folder_this_user_may_not_read(raw_dir, warehouse_path):
    raw_dir.chmod(0)
    try:
        done = xxgk("ingest", "--raw", str(raw_dir), "--warehouse", str(warehouse_path))
    finally:
        raw_dir.chmod(0o755)
    assert done.returncode == 2
    assert "the folder of raw reports cannot be read (Permission denied)" in done.stderr and "Traceback" not in done.stderr
