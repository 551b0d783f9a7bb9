"""A whole table, or a whole report, printed on one line: a crawler's `get_text()` of a page whose
table cells it ran together (`一、本年新收政府信息公开申请数量640020470二、上年结转…0000000三、…`).

Such a line is cut at the template's labels (the catalogue's, with their numbering `1.` `（一）`
`二、`), in the template's order: the part headings first, then in each part the labels of its
table. Each label keeps the digits that follow it up to the next label, as one cell per run, for
the glued-digit solver to cut by the table's arithmetic. A digit just before a label is the label's
own number only when it is the number the template gives that label (`…0000000` then `2.其他…`);
any other digit or number there leaves the run in doubt, and a run in doubt is not read.
Only lines holding several labels each followed by its numbers are cut at all.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from . import catalogue, settings
from .catalogue import NUMBER_MARK, NUMERALS
from .numbers import parse_number

MIN_LENGTH = settings.value("run_together_length")  # a shorter line is not a table run together
MIN_ROWS = settings.value("run_together_rows")  # labels followed by their numbers a line must hold to be cut

# The labels each part's table is cut at (part None: a line whose part is not known yet).
_KINDS: dict[int | None, tuple[str, ...]] = {
    2: ("t2_item", "t2_measure"),
    3: ("t3_group", "t3_row", "applicant"),
    4: ("proceeding", "outcome"),
    None: ("t2_item", "t2_measure", "t3_group", "t3_row", "applicant"),
}
_ALL = _KINDS[None] + _KINDS[4]
_NUMBERED = re.compile(rf"^\s*(?:[(（]\s*(?P<p>[{NUMERALS}\d]{{1,2}})\s*[)）]|(?P<n>[{NUMERALS}\d]{{1,2}})\s*{NUMBER_MARK})")
_NUMBER_LIKE_BEFORE = re.compile(rf"(?:[\d{NUMERALS}]\s*{NUMBER_MARK}|[(（]\s*[\d{NUMERALS}]{{1,2}}\s*[)）]?)\s*$")
# The numbers right after a label: digit runs (a sign, commas, decimals, a unit) parted by spaces.
_VALUE = r"[+\-−]?\d[\d,]*(?:\.\d+)?(?:[ \t]*(?:万元|元))?"
_VALUES = re.compile(f"^(?:[ \t\u3000\u00a0]*{_VALUE})+")
_ONE_VALUE = re.compile(_VALUE)
_CLOSING = re.compile(r"[)）”’\"'」』】》]*")
_FOLLOWED = re.compile(r"[)）”’\"'」』】》 \t]*\d")
_SENTENCE = re.compile(r"[，。；;!?！？]")


class _Label(NamedTuple):
    """A catalogue label as the cutter looks it up: by its key, the label with no spaces or marks."""

    kind: str
    code: str
    key: str
    numeral: str | None  # the number the template prints before it (`2` of `2.其他…`, `三` of `三、…`)


@dataclass(frozen=True)
class _Set:
    pattern: re.Pattern  # every key, longest first
    by_key: dict[str, tuple[_Label, ...]]


def _numeral(label: str) -> str | None:
    m = _NUMBERED.match(unicodedata.normalize("NFKC", label))
    return None if m is None else (m.group("p") or m.group("n"))


@cache
def _labels(kinds: tuple[str, ...]) -> _Set:
    by_key: dict[str, list[_Label]] = {}
    for lab in catalogue.load().labels:
        if lab.kind not in kinds or len(lab.key) < 2:
            continue
        if lab.kind == "section" and lab.match == "contains":
            continue  # a keyword, not a heading
        by_key.setdefault(lab.key, []).append(_Label(lab.kind, lab.code, lab.key, _numeral(lab.label)))
    return _Set(re.compile(_trie(sorted(by_key))), {k: tuple(v) for k, v in by_key.items()})


@cache
def _label_after_digits() -> re.Pattern:
    """A digit, then the first character of some label (its numbering included): where a table's
    value run meets the next row's label. A sentence's numbers are followed by units instead."""
    firsts = set()
    for lab in catalogue.load().labels:
        if lab.kind in _ALL or lab.kind == "section":
            firsts.update(ch for ch in (lab.key[:1], unicodedata.normalize("NFKC", lab.label)[:1]) if ch and not ch.isdigit())
    firsts.update("(（")
    return re.compile(f"\\d[ \t]*[{re.escape(''.join(sorted(firsts)))}]")


def _trie(keys: list[str]) -> str:
    """One pattern for the keys, their common starts shared (`本年(?:新收…|制发件数)`), so that a
    line is scanned once and not once per key; the longest key wins where several match."""
    heads: dict[str, list[str]] = {}
    ends = False
    for key in keys:
        if key:
            heads.setdefault(key[0], []).append(key[1:])
        else:
            ends = True
    branches = [re.escape(ch) + _trie(rest) for ch, rest in heads.items()]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


@cache
def _row_order() -> tuple[tuple[str, ...], frozenset[str]]:
    """Table 3's rows in template order, and those every version prints (the others may be absent)."""
    cat = catalogue.load()
    versions = {v for lab in cat.labels for v in lab.versions}
    rows = cat.codes("t3_row")
    every = frozenset(
        c for c in rows if all(set(lab.versions) >= versions for lab in cat.labels if lab.kind == "t3_row" and lab.code == c)
    )
    return tuple(rows), every


class _Fold(dict):
    """str.translate's table: each character as NFKC makes it, where that is one character (so
    positions stay); kept as met."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = unicodedata.normalize("NFKC", ch)
        self[code] = folded = folded if len(folded) == 1 else ch
        return folded


_FOLD = _Fold()


class _Keyed:
    """The text as label keys compare it (NFKC, no spaces or punctuation), and the way between a
    position in it and one in the text (through the few characters left out, not every one kept)."""

    def __init__(self, text: str):
        folded = text.translate(_FOLD)
        self.key = catalogue.NOT_WORD.sub("", folded)
        self.dropped = [m.start() for m in catalogue.NOT_WORD.finditer(folded)]
        self.marks = [r - j for j, r in enumerate(self.dropped)]  # key characters before each one dropped

    def in_text(self, k: int) -> int:
        """Where the key's k-th character stands in the text."""
        return k + bisect.bisect_right(self.marks, k)

    def in_key(self, pos: int) -> int:
        """The first key position at or after text position `pos`."""
        return pos - bisect.bisect_left(self.dropped, pos)


@dataclass
class _Cut:
    start: int  # where the label starts in the line, its numbering included
    end: int  # where its key ends
    label: _Label
    section: int | None


def _numbering_start(text: str, start: int, label: _Label, required: bool) -> int | None:
    """Where the label starts with its numbering: its own template number printed before it
    (`2.` `（二）` `二、`), or none printed when nothing number-like stands there. None: in doubt."""
    before = unicodedata.normalize("NFKC", text[max(0, start - 6) : start])
    if label.numeral is not None:
        n = re.escape(label.numeral)
        m = re.search(f"(?:\\(\\s*{n}\\s*\\)|{n}\\s*[、.．])\\s*$", before)
        if m is not None:
            if label.numeral.isdigit() or not re.search(f"[{NUMERALS}]$", before[: m.start()]):
                return start - (len(before) - m.start())
            return None  # 十二、 is not 二、
    if required:
        return None
    tail = before.rstrip()
    if _NUMBER_LIKE_BEFORE.search(tail) or (label.numeral is not None and tail[-1:].isdigit()):
        return None  # a number of a different label, or a digit that may be the label's own: in doubt
    return start


def _find(text: str, keyed: _Keyed, lo: int, hi: int, kinds: tuple[str, ...], section: int | None) -> list[_Cut]:
    """The labels of `kinds` between key positions lo and hi, each where its numbering allows."""
    found: list[_Cut] = []
    labels = _labels(kinds)
    rows_seen = False
    for m in labels.pattern.finditer(keyed.key, lo, hi):
        start, end = keyed.in_text(m.start()), keyed.in_text(m.end() - 1) + 1
        end += len(_CLOSING.match(text, end).group())  # the label's closing bracket or quote
        for lab in sorted(labels.by_key[m.group()], key=lambda lab: lab.numeral is None):
            if lab.kind == "applicant" and rows_seen:
                continue  # the header's words stand before the rows
            short = len(lab.key) <= 4  # 其他 总计 重复申请: the same words as a header's, or a sentence's
            begin = _numbering_start(text, start, lab, required=lab.kind == "section" or (short and lab.numeral is not None))
            if begin is None or (found and begin < found[-1].end):
                continue
            found.append(_Cut(begin, end, lab, section))
            rows_seen |= lab.kind == "t3_row"
            break
    return found


def _sections(text: str, keyed: _Keyed) -> list[_Cut]:
    """The part headings in the line, numbered and in order."""
    out: list[_Cut] = []
    last = 0
    for cut in _find(text, keyed, 0, len(keyed.key), ("section",), None):
        number = int(cut.label.code)
        if number > last:
            out.append(_Cut(cut.start, cut.end, cut.label, number))
            last = number
    return out


@dataclass
class Part:
    text: str
    kind: str  # label | value | text


def _stuff(text: str) -> tuple[list[str], str] | None:
    """What follows a label up to the next: its values and any text after them (`693665` and
    `第二十条第（五）项信息内容`). None: digits mixed into text, or a sentence: not a table row."""
    tokens = text.split()
    if tokens and all(parse_number(t) is not None for t in tokens):
        return tokens, ""
    m = _VALUES.match(text)
    values = _ONE_VALUE.findall(m.group()) if m else []  # 2648-18: two cells, the second negative
    rest = text[m.end() :].strip() if m else text.strip()
    if values and (any(ch.isdigit() for ch in rest) or _SENTENCE.search(rest) or rest.startswith((".", "、", "．"))):
        return None
    if not values and any(ch.isdigit() for ch in rest):
        return None
    return values, rest


def cut(text: str, part_of: Callable[[], int | None]) -> tuple[list[Part], list[str], int | None] | None:
    """The line cut at its labels: pieces (labels, values, text) in order, the runs left in
    doubt (to be reported, not read), and the part the line ends in. None: not a run-together table.
    `part_of()`: the part the line starts in (asked only of a line that may be cut)."""
    if len(text) < MIN_LENGTH:
        return None
    if _label_after_digits().search(text) is None and not text.rstrip()[-1:].isdigit():
        return None  # cheapest: no digits run into a label, nor any at the end (prose: 70件 2021年)
    labels = _labels(_ALL).pattern
    found = [_FOLLOWED.match(text, m.end()) is not None for m in labels.finditer(text)]
    if len(found) < MIN_ROWS or not any(found):
        return None  # cheap, on the text as it stands: too few labels, or none followed by a digit
    keyed = _Keyed(text)
    heads = _sections(text, keyed)
    cuts: list[_Cut] = []
    bounds = [(part_of(), 0)] + [(h.section, keyed.in_key(h.end)) for h in heads]
    for k, (section, lo) in enumerate(bounds):
        hi = keyed.in_key(heads[k].start) if k < len(heads) else len(keyed.key)
        if k:
            cuts.append(heads[k - 1])
        if section in _KINDS and (section is not None or not heads):  # not the words before a report's first part
            cuts.extend(_find(text, keyed, lo, hi, _KINDS[section], section))
    pieces, doubts, rows = _pieces(text, cuts)
    if rows < MIN_ROWS:
        return None
    return pieces, doubts, heads[-1].section if heads else bounds[0][0]


def _pieces(text: str, cuts: list[_Cut]) -> tuple[list[Part], list[str], int]:
    order, every = _row_order()
    place = {code: i for i, code in enumerate(order)}
    pieces: list[Part] = []
    doubts: list[str] = []
    rows = 0
    head = text[: cuts[0].start].strip() if cuts else text.strip()
    if head:
        pieces.append(Part(head, "text"))
    for k, c in enumerate(cuts):
        nxt = cuts[k + 1] if k + 1 < len(cuts) else None
        after = text[c.end : nxt.start if nxt else len(text)]
        pieces.append(Part(text[c.start : c.end], "label"))
        if c.label.kind == "section":
            if after.strip():
                pieces.append(Part(after.strip(), "text"))  # the part's text, or its table's first words
            continue
        stuff = _stuff(after)
        if stuff is not None and stuff[0] and c.label.kind == "t3_row" and _row_gap(c, cuts[k + 1 :], place, every):
            stuff = None  # a row's label is missing after this one: its numbers may be in this run
        if stuff is None:
            if any(ch.isdigit() for ch in after) and not _SENTENCE.search(after):
                doubts.append(f"{text[c.start : c.end].strip()}: '{after.strip()[:60]}'")
            continue
        values, rest = stuff
        if rest and not values:
            pieces[-1] = Part(pieces[-1].text + after.rstrip(), "label")  # 本年收费金额（单位：万元）: the label's cell
            continue
        pieces.extend(Part(v, "value") for v in values)
        if values:  # a row and its numbers; table 4's one run counts the header's words before it
            rows += _header_words(cuts[: k + 1], c) if c.label.kind in _KINDS[4] else 1
        if rest:
            pieces.append(Part(rest, "text"))
    return pieces, doubts, rows


def _header_words(cuts: list[_Cut], last: _Cut) -> int:
    return sum(1 for c in cuts if c.section == last.section and c.label.kind in _KINDS[4])


def _row_gap(cut: _Cut, later: list[_Cut], place: dict[str, int], every: frozenset[str]) -> bool:
    """A row every template prints stands between this table-3 row and the next label found (or
    the end of the table): a row whose label was not recognised, its numbers maybe run into these."""
    following = next((c for c in later if c.label.kind in ("t3_row", "section") or c.section != cut.section), None)
    if following is None:
        return False  # the line ends the run: the next row is on a line of its own
    mine = place[cut.label.code]
    until = place[following.label.code] if following.label.kind == "t3_row" else len(place)
    return any(code in every for code in list(place)[mine + 1 : until])
