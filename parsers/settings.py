"""Parse settings as data: every threshold the readers and the template matcher use, with its
meaning, in settings.csv. The file is part of the parser version, so a changed threshold parses
stored reports again."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

SETTINGS_PATH = Path(__file__).with_name("settings.csv")


@cache
def _values() -> dict[str, int | float]:
    with SETTINGS_PATH.open(encoding="utf-8") as f:
        return {row["name"]: (float(row["value"]) if "." in row["value"] else int(row["value"])) for row in csv.DictReader(f)}


def value(name: str) -> int | float:
    """One setting; an unknown name is a programming error, said at import."""
    return _values()[name]
