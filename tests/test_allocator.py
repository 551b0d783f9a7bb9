"""Polars' allocator set to return freed pages at once (parsers/limits.py ALLOCATOR_ENV) in every
process that imports pipelines: unless the user's environment says otherwise; what polars itself
wrote into a parent process's environment is no one's choice."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from parsers.limits import ALLOCATOR_ENV, POLARS_ALLOCATOR_DEFAULT

ROOT = Path(__file__).resolve().parents[1]
NAME, OURS = next(iter(ALLOCATOR_ENV.items()))


@pytest.mark.parametrize(
    "given, seen",
    [
        (None, OURS),
        (POLARS_ALLOCATOR_DEFAULT, OURS),  # a parent that imported polars first wrote its default
        ("background_thread:true", "background_thread:true"),  # the user's own
    ],
)
def test_the_allocator_setting_a_run_starts_with(given, seen):
    env = {k: v for k, v in os.environ.items() if k != NAME}
    if given is not None:
        env[NAME] = given
    code = f"import os, pipelines; print(os.environ[{NAME!r}])"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == seen


def _report_env(queue) -> None:
    queue.put({name: os.environ.get(name) for name in (NAME, "POLARS_MAX_THREADS")})


@pytest.mark.parametrize(
    "given, seen",
    [
        (None, OURS),
        (POLARS_ALLOCATOR_DEFAULT, OURS),  # parsers used as a library by a process that imported polars
        ("background_thread:true", "background_thread:true"),
    ],
)
def test_the_allocator_setting_a_parse_worker_starts_with(given, seen, monkeypatch):
    """A parse worker (parsers.batch) is started with our setting where the environment holds no
    one's choice, the user's own otherwise; the starting process's environment is left as it was."""
    import multiprocessing

    from parsers import batch

    if given is None:
        monkeypatch.delenv(NAME, raising=False)
    else:
        monkeypatch.setenv(NAME, given)
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    proc = context.Process(target=_report_env, args=(queue,))
    batch._start(proc)
    got = queue.get(timeout=60)
    proc.join(60)
    assert got[NAME] == seen and got["POLARS_MAX_THREADS"] is not None
    assert os.environ.get(NAME) == given
