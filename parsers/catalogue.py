"""The national template as data: every code, label and label variant comes from catalogue.csv.

Parsers, validation, the DDL's allowed codes and the docs all read this one file, so a new
label variant seen in a real report is one more CSV line, not a new branch in the code.
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache, lru_cache
from pathlib import Path

CATALOGUE_PATH = Path(__file__).with_name("catalogue.csv")


def catalogue_path() -> Path:
    """The catalogue in use: the shipped one, or XXGK_CATALOGUE (a copy with a site's own label
    variants, e.g. lines from `xxgk catalogue suggest`)."""
    return Path(os.environ.get("XXGK_CATALOGUE") or CATALOGUE_PATH)


# How the template numbers its parts, rows and items: a Chinese numeral (一 … 十) or a number,
# followed by a mark (一、 1. 1．) or put in brackets (（一） (1)). Every pattern of numbering in
# parsers/ is made of these two.
NUMERALS = "一二三四五六七八九十"
NUMBER_MARK = "[、.．]"
SIGNED_MEASURE = "items_change"  # the 2019 format's 本年增/减: the one column of the template that may be negative
MONEY_MEASURE = "amount_wan_yuan"  # 本年收费金额, 采购总金额: the one column of table 2 in money (a unit, decimals)
# Leading enumerations: 一、 （一） (1) 1. 1、 ① — stripped before a label is compared; so is a
# number whose mark an extractor moved elsewhere (pymupdf4llm: `2没有现成…` | `.<br>制作`).
_NUMBERING = re.compile(
    rf"^(?:[{NUMERALS}]+{NUMBER_MARK}|\(?[{NUMERALS}]+\)|\(\d{{1,2}}\)|\d{{1,2}}\s*{NUMBER_MARK}(?!\d)|[①-⑳]"
    r"|\d{1,2}(?=[\u4e00-\u9fff]))\s*"
)
NOT_WORD = re.compile(r"[^\w]|_", re.UNICODE)
NUMBERED = "numbered"
"""A label's requirement (catalogue column `requires`) that the text print the label's own
numbering: a bare word that is other things too (`其他`: a column, a piece of 其他处理 printed a
character a line, `（六）其他` | `处理` cut in two cells) is that row only as `3.其他`."""


def _numeral(text: str) -> str | None:
    m = _NUMBERING.match(unicodedata.normalize("NFKC", text).strip())
    return re.sub(rf"[^0-9{NUMERALS}①-⑳]", "", m.group()) if m else None


@lru_cache(maxsize=65536)
def numbering_alone(text: str) -> bool:
    """The text is a row's numbering and nothing else (`2.`, `（三）`): a label's number a layout
    set on a line of its own, between the pieces of its wrapped words."""
    t = unicodedata.normalize("NFKC", text).strip()
    m = _NUMBERING.match(t)
    return m is not None and m.end() == len(t) and not t.isdigit()


def numbered(text: str, label: str) -> bool:
    """The text starts with the label's numbering (`3.其他`, `3、其他` for `3.其他`; not `（六）其他`)."""
    n = _numeral(text)
    return n is not None and n == _numeral(label)


_YEAR_IN_BRACKETS = re.compile(r"\((?:19|20)\d\d(?:年度?)?\)")  # 本年(2023)制发件数: a heading naming its year


@lru_cache(maxsize=65536)
def label_key(text: str) -> str:
    """Comparable form of a label: NFKC, numbering, a year in brackets and every space and
    punctuation removed."""
    t = _YEAR_IN_BRACKETS.sub("", unicodedata.normalize("NFKC", text)).strip()
    for _ in range(2):  # "三（一）" style double numbering
        t2 = _NUMBERING.sub("", t)
        if t2 == t:
            break
        t = t2.strip()
    return NOT_WORD.sub("", t)


@dataclass(frozen=True)
class Label:
    kind: str
    code: str
    parent: str
    versions: tuple[str, ...]
    match: str  # exact | prefix | contains
    requires: str
    label: str
    key: str


@dataclass
class Catalogue:
    labels: list[Label]
    t2_cells: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)
    _matchers: dict[tuple[str, ...], "LabelMatcher"] = field(default_factory=dict, repr=False)
    _codes: dict = field(default_factory=dict, repr=False)  # what codes() and table2_cells() found, kept

    def codes(self, kind: str) -> list[str]:
        """The codes of one kind in template order (kept: every table of every report asks)."""
        found = self._codes.get(kind)
        if found is None:
            found = self._codes[kind] = tuple(dict.fromkeys(lab.code for lab in self.labels if lab.kind == kind))
        return list(found)

    def table2_cells(self, version: str | None = None) -> list[tuple[str, str]]:
        """(item, measure) of table 2 in the version's template (every version's when None)."""
        found = self._codes.get(("t2_cell", version))
        if found is None:
            found = self._codes[("t2_cell", version)] = tuple(
                (i, m) for i, m, vs in self.t2_cells if version is None or version in vs
            )
        return list(found)

    def of_kind(self, kind: str) -> list[Label]:
        return [lab for lab in self.labels if lab.kind == kind]

    def canonical(self, kind: str) -> dict[str, str]:
        """code -> the first (template) label of that code."""
        out: dict[str, str] = {}
        for lab in self.of_kind(kind):
            out.setdefault(lab.code, lab.label)
        return out

    def parents(self, kind: str) -> dict[str, str]:
        return {lab.code: lab.parent for lab in self.of_kind(kind)}

    def matcher(self, *kinds: str) -> "LabelMatcher":
        """One matcher per set of kinds, kept: its cache of keys seen is what makes parsing fast."""
        found = self._matchers.get(kinds)
        if found is None:
            found = self._matchers[kinds] = LabelMatcher([lab for lab in self.labels if lab.kind in kinds])
        return found


class LabelMatcher:
    """Finds which catalogue label a cell's text is, by key: exact, or the cell starts with a
    label marked `prefix`, or (for labels split over lines) the cell is a long start of a label,
    or, last, the cell contains a keyword marked `contains` (the caller decides if that is enough)."""

    MIN_PREFIX = 4
    MIN_PARTIAL = 6
    CACHE_SIZE = 50_000

    def __init__(self, labels: list[Label]):
        self.labels = labels
        self.exact: dict[str, list[Label]] = {}
        for lab in labels:
            if lab.match != "contains":  # a keyword alone is no label
                self.exact.setdefault(lab.key, []).append(lab)
        self.prefixed = sorted(
            (lab for lab in labels if lab.match == "prefix" and len(lab.key) >= self.MIN_PREFIX),
            key=lambda lab: -len(lab.key),
        )
        self.contained = [lab for lab in labels if lab.match == "contains"]
        self._cache: dict[str, tuple[Label, ...]] = {}
        self._within: dict[tuple[str, tuple[str, ...]], list[Label]] = {}

    def within(self, key: str, *kinds: str) -> list[Label]:
        """Labels of one kind printed inside the key, in order, none inside a longer one: a header
        whose cells ran together (`信息内容本年制发件数本年废止件数现行有效件数`)."""
        hit = self._within.get((key, kinds))
        if hit is not None:
            return hit
        spans = []
        for lab in self.labels:
            if lab.kind in kinds and len(lab.key) >= 2:
                start = key.find(lab.key)
                while start >= 0:
                    spans.append((start, start + len(lab.key), lab))
                    start = key.find(lab.key, start + 1)
        spans.sort(key=lambda s: (s[0], -s[1]))
        out, end = [], -1
        for start, stop, lab in spans:
            if start >= end:
                out.append(lab)
                end = stop
        if len(self._within) >= self.CACHE_SIZE:
            self._within.clear()
        self._within[(key, kinds)] = out
        return out

    def numbered_start(self, text: str) -> tuple[Label, ...]:
        """The one label the text starts, too short a start for `candidates` (MIN_PARTIAL) but
        printed with that label's own numbering (`7.属于行政` is 7.属于行政执法案卷, not 8.属于行政
        查询事项): a narrow cell's label wrapped after a few characters. () where none or several."""
        key = label_key(text)
        if len(key) < self.MIN_PREFIX or len(key) >= self.MIN_PARTIAL or _numeral(text) is None:
            return ()
        found = tuple(lab for lab in self.prefixed if lab.key.startswith(key) and numbered(text, lab.label))
        return found if len({lab.code for lab in found}) == 1 else ()

    def candidates(self, key: str) -> tuple[Label, ...]:
        """Labels the key can be, best first (exact, then longest prefix, then partial)."""
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        found: list[Label] = list(self.exact.get(key, ()))
        if not found and key:
            found = [lab for lab in self.prefixed if key.startswith(lab.key)]
            if not found and len(key) >= self.MIN_PARTIAL:
                found = [lab for lab in self.prefixed if lab.key.startswith(key)]
            if not found:
                found = [lab for lab in self.contained if lab.key in key]
        hit = tuple(found)
        if len(self._cache) >= self.CACHE_SIZE:  # most keys are labels seen again; prose is not
            self._cache.clear()
        self._cache[key] = hit
        return hit


@cache
def load() -> Catalogue:
    labels: list[Label] = []
    t2_cells: list[tuple[str, str, tuple[str, ...]]] = []
    with catalogue_path().open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            versions = tuple(v for v in row["versions"].split(";") if v)
            if row["kind"] == "t2_cell":
                t2_cells.append((row["parent"], row["code"], versions))
                continue
            labels.append(
                Label(
                    kind=row["kind"],
                    code=row["code"],
                    parent=row["parent"],
                    versions=versions,
                    match=row["match"] or "exact",
                    requires=row["requires"],
                    label=row["label"],
                    key=label_key(row["label"]),
                )
            )
    return Catalogue(labels=labels, t2_cells=t2_cells)


def closest(text: str, kind: str) -> tuple[str, str, float] | None:
    """(code, label, similarity 0–1) of the catalogue label of this kind nearest the text: what a
    label the catalogue does not know is most likely a variant of."""
    key = label_key(text)
    if not key:
        return None
    best = max(load().of_kind(kind), key=lambda lab: SequenceMatcher(None, key, lab.key).ratio(), default=None)
    return None if best is None else (best.code, best.label, round(SequenceMatcher(None, key, best.key).ratio(), 3))


SUGGEST_KINDS = {2: "t2_item", 3: "t3_row"}


def suggestion(in_table: int, label: str, closest_code: str | None) -> list[str] | None:
    """A catalogue.csv line making `label` a variant of the closest code: that code's own line
    (kind, parent, versions, match, requires) with the label as printed. None when the label is
    one the catalogue knows already (it stood where its row could not be, not a new wording)."""
    kind = SUGGEST_KINDS.get(in_table)
    known = {lab.key for lab in load().of_kind(kind)} if kind else set()
    if not kind or not closest_code or label_key(label) in known:
        return None
    lab = next(lab for lab in load().of_kind(kind) if lab.code == closest_code)
    match = "prefix" if lab.match == "prefix" else "exact"
    return [kind, lab.code, lab.parent, ";".join(lab.versions), match, lab.requires, label.strip()]


def table3_rows() -> list[str]:
    return load().codes("t3_row")


def applicants() -> list[str]:
    return load().codes("applicant")


def proceedings() -> list[str]:
    return load().codes("proceeding")


def outcomes() -> list[str]:
    return load().codes("outcome")


def table2_cells(version: str | None = None) -> list[tuple[str, str]]:
    return load().table2_cells(version)
