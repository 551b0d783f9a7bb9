"""Shared fixtures: the sample reports, fresh raw folders and warehouses under tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .helpers import ROOT, SAMPLES, query  # noqa: F401  (tests import them from .helpers)


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    """A raw folder holding the five sample reports."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for f in SAMPLES:
        shutil.copy(f, raw / f.name)
    return raw


@pytest.fixture
def warehouse_path(tmp_path: Path) -> Path:
    return tmp_path / "wh" / "xxgk.duckdb"
