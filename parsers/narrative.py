"""Numbers the narrative repeats (共收到申请X件, 办结Y件, 行政复议Z件, 行政诉讼N件), checked
against the tables. Patterns are data (narrative.csv); a disagreement is a warning naming both."""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from pathlib import Path

import polars as pl

from .frames import SCHEMAS

PATTERNS_PATH = Path(__file__).with_name("narrative.csv")
NARRATIVE_SECTION = 1  # 一、总体情况
_SPACE = re.compile(r"[\s\u00a0\u3000]+")

# What a figure may equal in the tables: any one of these sums of 总计 cells is agreement
# (reports differ in whether "received" includes the applications carried over).
TABLE_SUMS = {
    "received": [("new_received",), ("new_received", "carried_over")],
    "processed": [("total_processed",)],
    "reviews": [("administrative_review",)],
    "suits": [("litigation_direct", "litigation_after_review")],
}


@cache
def patterns() -> list[tuple[str, re.Pattern]]:
    with PATTERNS_PATH.open(encoding="utf-8") as f:
        return [(row["figure"], re.compile(row["pattern"])) for row in csv.DictReader(f)]


PARTIAL_PATH = Path(__file__).with_name("narrative_partial.csv")
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")


@cache
def partial() -> re.Pattern:
    """Words that make a sentence about part of the body (其中…, 政府办代表区政府受理…):
    its figure is not the report's total (narrative_partial.csv)."""
    with PARTIAL_PATH.open(encoding="utf-8") as f:
        return re.compile("|".join(row["pattern"] for row in csv.DictReader(f)))


def figures(text: str) -> dict[str, tuple[int, str]]:
    """The first figure of each kind the text states as the body's own, with the words around it."""
    flat = _SPACE.sub("", unicodedata.normalize("NFKC", text))
    found: dict[str, tuple[int, str]] = {}
    for figure, pattern in patterns():
        for m in pattern.finditer(flat):
            if figure in found:
                break
            starts = [e.end() for e in _SENTENCE_END.finditer(flat, 0, m.start())]
            if partial().search(flat, starts[-1] if starts else 0, m.end()):
                continue
            found[figure] = (int(m.group(1).replace(",", "")), flat[max(0, m.start() - 8) : m.end() + 4])
    return found


def narrative_issues(frames: dict[str, pl.DataFrame]) -> pl.DataFrame:
    bodies = frames["report_sections"].filter(pl.col("section") == NARRATIVE_SECTION)
    stated = {rid: f for rid, body in bodies.select("report_id", "body").iter_rows() if (f := figures(body or ""))}
    if not stated:
        return pl.DataFrame(schema=SCHEMAS["validation_issues"])
    ids = pl.Series(list(stated)).implode()
    codes = {c for sums in TABLE_SUMS.values() for codes in sums for c in codes}
    totals: dict[str, dict[str, int | None]] = {}
    for table, key, total in (("applications", "row_code", "applicant"), ("review_litigation", "proceeding", "outcome")):
        wanted = frames[table].filter(
            pl.col("report_id").is_in(ids) & (pl.col(total) == "total") & pl.col(key).is_in(list(codes))
        )
        for rid, code, count in wanted.select("report_id", key, "count").iter_rows():
            totals.setdefault(rid, {})[code] = count
    rows = []
    for report_id, found in stated.items():
        cells = totals.get(report_id, {})
        for figure, (value, quote) in found.items():
            candidates = []
            for codes_ in TABLE_SUMS[figure]:
                parts = [cells.get(c) for c in codes_]
                if all(p is not None for p in parts):
                    candidates.append(sum(parts))
            if candidates and value not in candidates:
                rows.append(
                    (
                        report_id,
                        "narrative_mismatch",
                        "warning",
                        f"part 1 says {value} ({figure}: “…{quote}…”) but the tables give {candidates[0]}",
                    )
                )
    return pl.DataFrame(rows, schema=SCHEMAS["validation_issues"], orient="row")
