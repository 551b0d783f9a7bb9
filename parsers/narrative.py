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

# What a figure may equal in the tables: any one of these sums of 总计 cells is agreement
# (reports differ in whether "received" includes the applications carried over).
TABLE_SUMS = {
    "received": [("new_received",), ("new_received", "carried_over")],
    "processed": [("total_processed",)],
    "reviews": [("administrative_review",)],
    "suits": [("litigation_direct", "litigation_after_review")],
}


@cache
def patterns() -> list[tuple[str, re.Pattern, tuple[str, int, int] | None]]:
    """(figure, pattern, its anchor: see _anchor)."""
    with PATTERNS_PATH.open(encoding="utf-8") as f:
        return [(row["figure"], re.compile(row["pattern"]), _anchor(row["pattern"])) for row in csv.DictReader(f)]


MAX_BEFORE_ANCHOR = 64


def _anchor(pattern: str) -> tuple[str, int, int] | None:
    """(the first words every match holds, the fewest and most characters a match has before
    them), read from the pattern (`行政复议`, 0, 8): a page's text is searched for those words and
    the pattern tried only just before each, instead of at every character (0.3–0.8 ms a page
    when a pattern opens with optional words). None: no such words at a bounded place, or no
    parser to read them with (re's own, private: then every character is tried, as before)."""
    try:
        from re import _constants as c, _parser
    except ImportError:
        return None
    parsed = _parser.parse(pattern)
    lo = hi = 0
    for k, (op, av) in enumerate(parsed.data):
        if op is c.LITERAL:
            words = ""
            for op_, av_ in parsed.data[k:]:
                if op_ is not c.LITERAL:
                    break
                words += chr(av_)
            return words, lo, hi
        least, most = _parser.SubPattern(parsed.state, [(op, av)]).getwidth()
        lo, hi = lo + least, hi + most
        if hi > MAX_BEFORE_ANCHOR:
            return None
    return None


def _finditer(pattern: re.Pattern, anchor: tuple[str, int, int] | None, text: str):
    """pattern.finditer(text), the pattern tried only where a match can start: `lo`–`hi`
    characters before an occurrence of its anchor words. Each place is tried once, in order."""
    if anchor is None:
        yield from pattern.finditer(text)
        return
    words, lo, hi = anchor
    pos = 0  # every place before it is tried, or inside a match found
    at = text.find(words)
    while at >= 0:
        i = max(pos, at - hi)
        while i <= at - lo:
            m = pattern.match(text, i)
            if m is None:
                i += 1
            else:
                yield m
                i = m.end()
        pos = max(i, pos)
        at = text.find(words, at + 1)


PARTIAL_PATH = Path(__file__).with_name("narrative_partial.csv")
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")


@cache
def partial() -> re.Pattern:
    """Words that make a sentence about part of the body (其中…, 政府办代表区政府受理…):
    its figure is not the report's total (narrative_partial.csv)."""
    with PARTIAL_PATH.open(encoding="utf-8") as f:
        return re.compile("|".join(row["pattern"] for row in csv.DictReader(f)))


# Full-width forms reports print (，：；（）！？％, the ideographic space, ０–９), each with its NFKD
_WIDE = {ch: unicodedata.normalize("NFKD", ch) for ch in "，：；（）！？％\u3000０１２３４５６７８９"}


def _flat(text: str) -> str:
    """The text in NFKC without spaces. A character replaced by its NFKD leaves the text's NFKC
    as it was; with the common full-width forms replaced so, most texts pass NFKC's quick check
    and are not normalized character by character (~0.2 µs each, a whole page's text)."""
    for wide, narrow in _WIDE.items():
        if wide in text:
            text = text.replace(wide, narrow)
    return "".join(unicodedata.normalize("NFKC", text).split())  # split(): the whitespace \s matches


def figures(text: str) -> dict[str, tuple[int, str]]:
    """The first figure of each kind the text states as the body's own, with the words around it."""
    flat = _flat(text)
    found: dict[str, tuple[int, str]] = {}
    for figure, pattern, anchor in patterns():
        for m in _finditer(pattern, anchor, flat):
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
