"""Numbers as reports print them: 1,234 · ０ · 727.08 · 9040.16 · -18 · 减4 · 增加2 · ↓4 · 73802895.90元."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_NUMBER = re.compile(
    r"^(?P<sign>增加|减少|[+\-−增减↑↓])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<unit>万元|元|件|个|项|次|人次)?$"
)
# Cells that stand where a number would and mean "nothing printed": kept as NULL, never as 0 (a
# 2019 本年增/减 cell printing `持平` says no number either).
_BLANKS = {"", "-", "—", "——", "–", "/", "\\", "无", "空", "null", "NULL", "N/A", "n/a", "持平"}


@dataclass(frozen=True, slots=True)
class Number:
    value: float | None  # None: the cell is blank
    text: str  # as printed
    unit: str | None = None
    count: int | None = None  # the value when it is a whole number ≥ 0, as table 3 and 4 need


@lru_cache(maxsize=8192)
def parse_number(text: str) -> Number | None:
    """The number a cell holds, a blank Number for an empty cell, or None when it is text."""
    t = unicodedata.normalize("NFKC", text).replace("\u200b", "").strip()
    t = t.replace(" ", "")
    if t in _BLANKS:
        return Number(None, text.strip())
    m = _NUMBER.match(t)
    if not m:
        return None
    value = float(m.group("num").replace(",", ""))
    if m.group("sign") in ("-", "−", "减", "减少", "↓"):  # 减4, 减少4, ↓4: the 2019 format's 本年增/减 as bodies print it
        value = -value
    count = int(value) if value >= 0 and value.is_integer() else None
    return Number(value, text.strip(), m.group("unit"), count)
