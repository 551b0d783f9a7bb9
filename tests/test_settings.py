"""Parse settings are data (parsers/settings.csv): each one is used, and nothing reads one that is not there."""

from __future__ import annotations

import re
from pathlib import Path

from parsers import batch, settings

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_used_and_every_use_is_a_setting():
    used = {
        m.group(1)
        for p in (ROOT / "parsers").rglob("*.py")
        for m in re.finditer(r"settings\.value\(\s*\"([a-z_0-9]+)\"\s*\)", p.read_text(encoding="utf-8"))
    }
    assert used == set(settings._values())


def test_a_changed_setting_changes_the_parser_version(tmp_path, monkeypatch):
    original = settings.SETTINGS_PATH.read_text(encoding="utf-8")
    monkeypatch.setattr(batch, "PARSER_DIR", tmp_path)
    for name in ("settings.csv", "catalogue.csv"):
        (tmp_path / name).write_text((settings.SETTINGS_PATH.parent / name).read_text(encoding="utf-8"), encoding="utf-8")
    batch.parser_version.cache_clear()
    try:
        same = batch.parser_version()
        (tmp_path / "settings.csv").write_text(original.replace("pdf_min_text,20", "pdf_min_text,21"), encoding="utf-8")
        batch.parser_version.cache_clear()
        changed = batch.parser_version()
    finally:
        batch.parser_version.cache_clear()
    assert changed != same
