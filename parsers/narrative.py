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
def patterns() -> list[tuple[str, re.Pattern, re.Pattern | None]]:
    """(figure, pattern, the characters a match can start with as a class, or None when not known)."""
    with PATTERNS_PATH.open(encoding="utf-8") as f:
        return [(row["figure"], re.compile(row["pattern"]), _start_class(row["pattern"])) for row in csv.DictReader(f)]


def _start_class(pattern: str) -> re.Pattern | None:
    """The characters any match of the pattern starts with, as one class (`[共全累本收受接]`): the
    scan jumps from one such character to the next in C instead of trying the pattern at every
    place, which costs a page's text 0.3–0.8 ms when it opens with optional words."""
    from re import _parser

    found = _starts(_parser.parse(pattern).data)
    if found is None or found[1] or not found[0]:
        return None
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(found[0])) + "]")


def _starts(items) -> tuple[set[str], bool] | None:
    """(characters a match of these parsed items can start with, whether it can be empty);
    None when an item is not one of the plain kinds read here (then the whole text is scanned)."""
    from re import _constants as c

    chars: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            return chars | {chr(av)}, False
        if op is c.BRANCH:
            alternatives = [_starts(alt) for alt in av[1]]
            if None in alternatives:
                return None
            sub = (set().union(*(a[0] for a in alternatives)), any(a[1] for a in alternatives))
        elif op is c.IN and all(o is c.LITERAL for o, _ in av):
            sub = ({chr(v) for _, v in av}, False)
        elif op is c.SUBPATTERN and not av[1] and not av[2]:  # a group without flags
            sub = _starts(av[3])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            sub = _starts(av[2])
            sub = None if sub is None else (sub[0], sub[1] or av[0] == 0)
        else:
            return None
        if sub is None:
            return None
        chars |= sub[0]
        if not sub[1]:
            return chars, False
    return chars, True


def _finditer(pattern: re.Pattern, start: re.Pattern | None, text: str):
    """pattern.finditer(text), trying the pattern only where a match can start (_start_class)."""
    if start is None:
        yield from pattern.finditer(text)
        return
    pos = 0
    while (hit := start.search(text, pos)) is not None:
        m = pattern.match(text, hit.start())
        if m is None:
            pos = hit.start() + 1
        else:
            yield m
            pos = m.end()


PARTIAL_PATH = Path(__file__).with_name("narrative_partial.csv")
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")


@cache
def partial() -> re.Pattern:
    """Words that make a sentence about part of the body (其中…, 政府办代表区政府受理…):
    its figure is not the report's total (narrative_partial.csv)."""
    with PARTIAL_PATH.open(encoding="utf-8") as f:
        return re.compile("|".join(row["pattern"] for row in csv.DictReader(f)))


# CJK ideographs, 、。〃〈〉《》「」『』【】“” and ASCII digits: each its own NFKC form, composing
# with nothing before or after it
_NOT_STABLE = re.compile(r"[^\u4e00-\u9fff\u3001-\u3003\u3008-\u3011\u201c\u201d0-9]+")


def _flat(text: str) -> str:
    """The text in NFKC without spaces. Only the runs between characters NFKC leaves alone (and
    never joins to a neighbour) are normalized: NFKC over a whole page costs ~0.2 µs a character,
    most of them ideographs."""
    return _NOT_STABLE.sub(lambda m: _SPACE.sub("", unicodedata.normalize("NFKC", m.group())), text)


def figures(text: str) -> dict[str, tuple[int, str]]:
    """The first figure of each kind the text states as the body's own, with the words around it."""
    flat = _flat(text)
    found: dict[str, tuple[int, str]] = {}
    for figure, pattern, start in patterns():
        for m in _finditer(pattern, start, flat):
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
