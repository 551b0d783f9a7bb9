"""Tables 2, 3 and 4 of the template, placed cell by cell from a part's cells.

Each table is read the same way whatever the layout: a label cell names a row, the value cells
that follow it (numbers or blanks) are its cells in template order. A row whose count of values
does not fit the template is reported and its numbers listed as unplaced, never guessed at.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property, lru_cache
from itertools import combinations, product, takewhile
from math import prod
from pathlib import Path
from typing import Any, NamedTuple

from . import settings
from . import blocks, catalogue, glued, rows as line_rows
from .catalogue import NUMERALS, label_key
from .memo import Memo
from .numbers import Number, parse_number
from .readers import LINE_REFS, Cell, Padded, Ruled
from .report import ParsedReport

Region = list[tuple[int, Cell]]
PLACEHOLDERS_PATH = Path(__file__).with_name("placeholders.csv")


class _Split(NamedTuple):
    """Where a tool split a column of table 3 (_Table3.split_cells)."""

    places: frozenset[int]  # counted from a line's end
    lines: frozenset[int]  # the lines of the tables that show it
    widest: int  # the most cells a line holds from its first value


_UNIT = re.compile(r"(?:单位[:：]?\s*|[（(]\s*)(万元|元)")  # `（单位：元）`, or `（元）` after the heading
_UNIT_CUT = re.compile(r"单位[:：]?\s*$")  # `本年收费金额（单位：` | `元）`: a tool cut the heading before its unit
_UNIT_REST = re.compile(r"^\s*(万元|元)")
_UNIT_UNREAD = "?"  # a heading cut before its unit, until the cell after it gives the unit
DEFAULT_FEE_UNIT = "万元"  # what the template's header prints
_BALANCE_ROWS = ("new_received", "carried_over", "total_processed", "carried_forward")  # 新收 + 结转 = 办理总计 + 结转下年


@dataclass
class _Row:
    code: str
    label: str
    ref: str
    values: list[tuple[Number, Cell]] = field(default_factory=list)
    closed: bool = False  # ended by a blank line, so its values are exactly the row's cells
    spaced: bool = False  # its cells are parted by blank lines (pdftotext): a blank line does not end it
    early: list = field(default_factory=list)  # table 2: values printed just before the label
    line: int = -1  # the label's (first) line
    under_header: bool = False  # table 2: the first row under its column headings
    ends_page: bool = False  # table 2: its last value is the last line of a page
    on_footer: bool = False  # table 2: its last value stands alone on a line that may print a page's number
    # table 2: the row above and its columns, when its values after its label may be this one's
    before: "tuple[_Row, list] | None" = None
    rest_at: int = -1  # table 3: where the values beside its label's wrapped rest begin (_label_rest); -1: none
    # table 3: the row whose label stands before this one's on its line, with no value between
    # (two rows a tool merged into one, `1.本机关不掌握…<br>2.没有现成信息…` | 0 | 0 …)
    merged_with: str = ""


def _any_value(values: list[tuple[Number, Cell]]) -> bool:
    """Some cell holds a printed value (not only blanks)."""
    for n, _ in values:
        if n.value is not None:
            return True
    return False


def _padding(n: Number) -> bool:
    """An empty cell: layout padding or a spanned label column. A printed dash or 无 is a cell."""
    return n.value is None and not n.text


def _core(values: list[tuple[Number, Cell]]) -> list[tuple[Number, Cell]]:
    """Values without the empty cells at either end."""
    lo, hi = 0, len(values)
    while lo < hi and values[lo][0].value is None and not values[lo][0].text:
        lo += 1
    while hi > lo and values[hi - 1][0].value is None and not values[hi - 1][0].text:
        hi -= 1
    return values[lo:hi]


def _surplus_blanks(values: list[tuple[Number, Cell]], width: int) -> list[tuple[Number, Cell]]:
    """More cells than columns, and as many printed values as columns: the empty cells are a
    merged cell's leftovers (a converter's flattened colspan), not blank values."""
    if len(values) <= width:
        return values
    printed = [v for v in values if v[0].value is not None]
    return printed if len(printed) == width else values


def _parted(row: _Row) -> bool:
    """The row's cells are whole cells, empty ones kept: parted by separators (`|`, tabs) on its
    label's line, or each a line of its own (`5 |`, ` |`; the last one's line may end in a layout's
    empty padding cells, `0 | |`)."""
    lines = set()
    for _, c in row.values:
        if isinstance(c, line_rows.Piece):
            return False
        lines.add(c.line)
    if not lines:
        return False
    if len(lines) == len(row.values) or lines == {row.line}:
        return True
    last = max(lines)
    on_last = [n for n, c in row.values if c.line == last]
    return len(lines) + len(on_last) - 1 == len(row.values) and all(_padding(n) for n in on_last[1:])


def _cell_columns(rows: list[_Row], widths: set[int], lone_total: bool = True) -> dict[int, tuple[int, int]]:
    """Where the values stand among the cells of rows that are _parted (`二、上年结转… | | | | | | | 0 |`,
    `四、结转下年度继续办理→→→1→→→→→1`): for each count of cells such a row has, the first value's
    place and how many values, from the rows whose 自然人 and 总计 are both printed (a span of
    the table's full width, or one of a narrower layout that fills the whole row: a narrower
    span among more cells may start at a company's value after a blank 自然人; the widest span
    read, the narrower must lie within it) and the rows whose cells are exactly their values
    (_exact: ended by a blank line, or one row of a real table). A converter that keeps every cell keeps blank
    ones too, so a row of that many cells has its values in those places, an empty cell at either
    end included. A count that rows read differently is left out, and so is one whose cells some
    row prints values across more of than the table has columns (a tool split a column). A row
    printing one value alone says where its 总计 is only where the table prints its totals
    (`lone_total`): in one that leaves some blank, that value may be any column's."""
    seen: dict[int, set[tuple[int, int]]] = {}
    too_wide = set()  # counts of cells some row prints values across more of than there are columns
    for row in rows:
        count = len(row.values)
        if count in widths and _exact(row, count):  # its cells are its values, by how the row ended
            printed = [0, count - 1]
        else:
            printed = [k for k, (n, _) in enumerate(row.values) if n.text or n.value is not None]  # not _padding
        span = printed[-1] + 1 - printed[0] if printed else 0
        if span > max(widths):
            too_wide.add(count)  # a tool split a column: the empty cells of such rows are no place
        elif span == max(widths) or (span in widths and span == len(row.values)):  # a narrower span may start at a blank 自然人
            seen.setdefault(len(row.values), set()).add((printed[0], span))
        elif lone_total and len(printed) == 1 and printed[0] + 1 >= max(widths) and len(widths) == 1:
            # only one cell printed, the 总计 (zeros left blank), with no fewer empty cells before it
            # than the columns before 总计: the cells up to it are the row's columns, the empty ones
            # before them a label's colspan, those after it a layout's padding (`0 | |`)
            seen.setdefault(count, set()).add((printed[0] + 1 - max(widths), max(widths)))
    out = {}
    for count, places in seen.items():
        if count in too_wide:
            continue
        start, n = max(places, key=lambda p: p[1])  # the widest: a row whose 自然人 is blank spans fewer
        if all(start <= s and s + k <= start + n for s, k in places) and sum(k == n for _, k in places) == 1:
            out[count] = start, n
    return out


def _six_cells_total(rows: list[_Row]) -> dict[int, tuple[int, int]]:
    """Under a header without 其他, rows of six cells that print their last alone (zeros left
    blank, `1.属于国家秘密 |  |  |  |  |  | 0`): that cell is the 总计 and the five before it blank,
    whether the row has six columns or lost an empty one. Rows of more cells print the same
    value where a converter sets them (pandas puts some a cell before an empty last one), so
    their places are not read from these."""
    width = len(catalogue.applicants()) - 1
    lone = [
        row
        for row in rows
        if len(row.values) == width and [k for k, (n, _) in enumerate(row.values) if not _padding(n)] == [width - 1]
    ]
    return {width: (0, width)} if lone else {}


def _on_cell_columns(code: str, row: _Row, table: _Table3) -> list[tuple[Number, Cell]] | None:
    """The values of a row with an empty cell at either end, when it is _parted, its count of
    cells has places (_cell_columns), nothing is printed outside them, and its 总计 is printed
    or the row is one line's cells (`三、本年度办理结果 | （一）予以公开 | 258 | 12 |  |  | 1 | 1 |  |`,
    a page that prints the outcome rows' 总计 blank): a converter sets every row of a table in the
    same columns, so rows of as many cells have their values in the same places."""
    if not (row.values and (_padding(row.values[0][0]) or _padding(row.values[-1][0]))):
        return None  # both ends printed: the row is its values however it was parted
    parted, by_cells, by_either_end = table.cell_columns
    one_line = all(c.line == row.line for _, c in row.values)
    place, from_start = None, False
    if code in parted:
        fragment = table.fragment(row)
        place = by_cells[fragment].get(len(row.values))
        if place is None and one_line and (inferred := by_either_end[fragment].get(len(row.values))) is not None:
            *place, from_start = inferred
    if place is None:
        return None
    start, count = place
    outside, values = row.values[:start] + row.values[start + count :], row.values[start : start + count]
    if any(not _padding(n) for n, _ in outside):
        return None
    if from_start and _padding(values[0][0]):
        return None  # a blank 自然人 read from the start may be an extra empty cell after the label
    if _padding(values[-1][0]) and (from_start or table.padded):
        # its 总计 blank: its last printed value may be that 总计 in a row one cell short that a
        # crawler padded (a page that lost or merged a blank cell), which a place read from the
        # start of rows of other counts never rules out, nor rows of as many cells where the
        # crawler pads every row to as many; the arithmetic does not either (a report's own
        # total may fail)
        return None
    if _padding(values[-1][0]) and (not one_line or (table.six_columns and len(row.values) >= len(catalogue.applicants()))):
        # a cell a line, or seven cells or more under a header without 其他 (_six_under_header): a
        # blank 总计 reads as well as a layout cell after the row's last value
        return None
    return values


def _by_either_end(by_cells: dict[int, tuple[int, int]], rows: list[_Row], six_columns: bool) -> dict[int, tuple[int, int, bool]]:
    """The places of the values among one-line rows of a count of cells that no row of as many
    cells showed (_cell_columns): where every row that showed its places ends its values as many
    cells before its end (a converter's columns: the values end at the 总计, the cells before them
    a label's), or starts them as many cells after its label (a crawler that pads each row to the
    table's widest with empty cells after its last, `| 0 | |`), the values of a row of another
    count stand there too. A count is placed only where one of the two leaves nothing but empty
    cells outside the values in every row of that count: where both do and differ, which end the
    rows' extra cells stand at, the text does not say. Under a header without 其他 (`six_columns`),
    six values from the label on in a row of the template's width or more may be five and a
    printed 其他 before a blank 总计 (zeros add up either way): not placed so. Each place says
    whether it was read from the rows' start (not their end)."""
    widths = {n for _, n in by_cells.values()}
    if len(widths) != 1:
        return {}
    (n,) = widths
    ends = {c - start - n for c, (start, _) in by_cells.items()}
    starts = {start for start, _ in by_cells.values()}
    by_count: dict[int, list[list[tuple[Number, Cell]]]] = {}
    for row in rows:
        if len(row.values) not in by_cells and all(c.line == row.line for _, c in row.values):
            by_count.setdefault(len(row.values), []).append(row.values)
    out = {}
    for count, printed in by_count.items():
        by_end = {(count - e - n, n) for e in ends if len(ends) == 1 and count - e - n >= 0}
        places = set(by_end)
        if not (six_columns and count >= len(catalogue.applicants())):
            places |= {(s, n) for s in starts if len(starts) == 1 and s + n <= count}
        fits = [(s, k) for s, k in places if all(_padding(v) for values in printed for v, _ in values[:s] + values[s + k :])]
        if len(fits) == 1:
            out[count] = (*fits[0], fits[0] not in by_end)
    return out


_TABLE_ROW = re.compile(r"^(?:page \d+ )?table \d+ row \d+")  # HTML, DOCX: table 2 row 4; PDF: page 3 table 2 row 4


def _exact(row: _Row, width: int) -> bool:
    """The row's cells are exactly its values, an empty one at either end included, when the
    count is the template's: printed one cell per line and ended by a blank line (a lone tab is
    a blank cell), or all in one row of a real table (HTML, DOCX, PDF), whose empty cells are
    cells the report left blank."""
    if len(row.values) != width:
        return False
    if row.closed and len({c.line for _, c in row.values}) == width:
        return True
    if not _of_a_table(row.values[0][1]):
        return False  # text lines, not a table's cells
    rows = {m.group() if (m := _TABLE_ROW.match(c.where or "")) else None for _, c in row.values}
    return len(rows) == 1 and None not in rows


def _of_a_table(cell: Cell) -> bool:
    """A cell a document's table holds (its ref names the table), not a line of text."""
    return cell.where is not None and not cell.where.startswith("line ")


def _unplaced(report: ParsedReport, table: str, what: str, values: list[tuple[Number, Cell]]) -> None:
    printed = [f"{n.text} ({c.ref})" for n, c in values if n.value is not None]
    if printed:
        report.warn("unplaced_numbers", f"{table}: {what}; numbers not placed: {', '.join(printed)}")


def _glued(values: list[tuple[Number, Cell]]) -> bool:
    """Digit runs whose separators may be lost: all on one line. Numbers on lines of their own
    were parted by the line breaks (pdftotext's cell a line: `190` `0` `60` `16` are four cells
    with blank ones dropped, never 1 | 9 | 0 | 6 | 0 …); numbers set a column's gap apart on one
    line of layout text kept the page's spacing, which parts two cells' digits too (`0   0   11`
    with a blank cell lost is never 0 | 0 | 1 | 1)."""
    if not glued.is_glued([n.text for n, _ in values]) or len({c.line for _, c in values}) != 1:
        return False
    return len(values) < 2 or not _laid_out(values)


def _count(report: ParsedReport, table: str, row: str, column: str, n: Number) -> int | None:
    if n.count is not None or n.value is None:
        return n.count
    report.warn("invalid_count", f"{table} {row}.{column}: '{n.text}' is not a whole non-negative count; left NULL")
    return None


_NUMBER = Memo(parse_number)  # parse_number per cell text: the scans ask it of every cell


@cache
def _is_label(matcher: catalogue.LabelMatcher):
    """Whether a piece of a line is one of the table's labels: only then is a digit run glued
    to its end taken for the row's values. One function per matcher, so results are kept."""
    return lambda text: bool(matcher.candidates(label_key(text)))


@cache
def _labels(matcher: catalogue.LabelMatcher) -> Memo:
    """The labels a cell's text can be (matcher.candidates of its key), kept per text."""
    return Memo(lambda text: matcher.candidates(label_key(text)) or matcher.numbered_start(text))


# ---------------------------------------------------------------- separators lost
MAX_COMBINATIONS = settings.value("glued_max_combinations")  # ambiguous rows tried together against the column identities
BLANK_COLUMN_ROWS = settings.value("blank_column_rows")  # rows one short in a run: a column left blank (_blank_column)


def _shown(numbers: tuple[int | None, ...]) -> str:
    return " | ".join("_" if n is None else str(n) for n in numbers)


def _runs(values: list[tuple[Number, Cell]]) -> str:
    return " ".join(n.text for n, _ in values)


def _row_total_holds(width: int, numbers: tuple[int, ...]) -> bool:
    return blocks.adds_up(numbers)


def _column_identities_hold(
    rows: dict[str, dict[str, int | None]], searched: set[str], every_outcome: bool = False, blank_unknown: bool = False
) -> bool:
    """The column identities of table 3 (SPEC §2) that involve a searched row and whose cells are
    all known: 新收 + 结转 = 办理总计 + 结转下年; 办理总计 = the outcome rows (those read; with
    `every_outcome`, only when every outcome row was read: one left unread is no failure). An
    outcome row's blank cell counts 0, or, with `blank_unknown` (a table leaving cells such as
    its 总计 blank), leaves its column's sum unknown."""
    from .checks import OUTCOME_ROWS_2021

    balance = _BALANCE_ROWS
    columns = {col for cells in rows.values() for col in cells}
    outcome = [c for c in OUTCOME_ROWS_2021 if c in rows]
    whole = not every_outcome or _every_outcome_row(rows.keys())
    for col in columns:

        def v(code):
            return rows.get(code, {}).get(col)

        if searched.intersection(balance) and all(v(c) is not None for c in balance):
            if v("new_received") + v("carried_over") != v("total_processed") + v("carried_forward"):
                return False
        if whole and v("total_processed") is not None and searched.intersection(outcome + ["total_processed"]):
            if blank_unknown and any(v(c) is None for c in outcome):
                continue
            if v("total_processed") != sum(v(c) or 0 for c in outcome):
                return False
    return True


def _cut_table3(
    report: ParsedReport,
    stuck: dict,
    placed: dict,
    layouts: dict[int, list[str]],
    six_doubtful: bool = False,
    blank_totals: frozenset[str] = frozenset(),
) -> list[str]:
    """Rows whose cells were glued together: every cut that keeps the row total, then the cuts of
    all such rows together that keep the column identities. One left: landed, and said.
    `six_doubtful`: under a header without 其他, rows leave their 总计 blank; a row cut only into
    six zeros may be seven cells with a blank lost, anywhere (zeros add up whichever cell is
    blank: _SIX_SHORT). `blank_totals`: rows that may have left their 总计 blank, as a row of
    theirs did (_groups_of): each is read so too, its columns' sums then unknown. Returns the rows
    no cut fits (their values are not glued cells, but too few)."""
    options: dict[str, list[tuple[int, tuple[int, ...]]]] = {}
    ways: dict[str, int] = {}
    misfits: list[str] = []
    width = max(layouts)
    cuts = {}
    for code, core in stuck.items():
        widths = [w for w in sorted(layouts, reverse=True) if w > len(core)]  # at least one run is cut
        cuts[code] = glued.candidates([n.text for n, _ in core], widths, _row_total_holds)
    for code, core in stuck.items():
        ways[code], found = cuts[code]
        rivals = _lost_blank_readings(core, min(layouts)) if found else []
        if found and rivals is not None and code in blank_totals:
            rivals += _blank_total_readings(core, min(layouts)) or []
        if found and six_doubtful and all(w < width and not any(n) for w, n in found):
            report.warn(
                "glued_digits_unresolved", f"table 3 row {code} ({core[0][1].ref}): '{_runs(core)}': {_SIX_SHORT}; left NULL"
            )
            _unplaced(report, "table 3", f"row {code}", core)
        elif rivals is None:
            report.warn(
                "glued_digits_unresolved",
                f"table 3 row {code} ({core[0][1].ref}): '{_runs(core)}' can be cut too many ways with a blank cell lost; left NULL",
            )
            _unplaced(report, "table 3", f"row {code}", core)
        elif found is None:
            report.warn(
                "glued_digits_unresolved", f"table 3 row {code}: '{_runs(core)}' can be cut too many ways to decide; left NULL"
            )
            _unplaced(report, "table 3", f"row {code}", core)
        elif not found:
            misfits.append(code)
        else:
            options[code] = found + rivals
    known = {code: {col: count for col, (count, _) in cells.items()} for code, cells in placed.items()}
    chosen = _consistent(options, known, layouts, blank_unknown=bool(blank_totals))
    for code, found in options.items():
        core = stuck[code]
        ref = core[0][1].ref
        picks = chosen.get(code, [])
        if len(picks) == 1 and None not in picks[0][1]:  # a reading with a blank is never landed
            width, numbers = picks[0]
            placed[code] = {col: (n, ref) for col, n in zip(layouts[width], numbers)}
            report.warn(
                "recovered_glued_digits",
                f"table 3 row {code} ({ref}): '{_runs(core)}' read as {_shown(numbers)}"
                + ("" if ways[code] == 1 else f", the only one of {ways[code]} ways to cut it that keeps the table's arithmetic"),
            )
        elif len(picks) == 1:
            report.warn(
                "glued_digits_unresolved",
                f"table 3 row {code} ({ref}): '{_runs(core)}' keeps the table's arithmetic only read with a blank cell lost "
                f"({_shown(picks[0][1])}), which the text cannot place; left NULL",
            )
        else:
            shown = "; ".join(_shown(n) for _, n in (picks or found)[:5])
            report.warn(
                "glued_digits_unresolved",
                f"table 3 row {code} ({ref}): '{_runs(core)}' can be read {len(picks or found)} ways "
                f"({shown}{'; …' if len(picks or found) > 5 else ''}"
                + (
                    "; _: a blank cell, left blank or lost with the separators"
                    if any(None in n for _, n in picks or found)
                    else ""
                )
                + "); left NULL",
            )
    return misfits


def _lost_blank_readings(core: list, narrowest: int) -> list[tuple[int, tuple[int | None, ...]]] | None:
    """The row as it reads if a blank cell was dropped with the separators (a crawler does): cuts
    into one number fewer than its narrowest layout that keep its total, the blank (None) in each
    column but 总计. They stand beside the full cuts, so that only the column identities can choose
    a full cut; a reading with a blank is never landed. None: too many to try."""
    width = narrowest - 1
    if width < max(len(core), 2):
        return []
    _, found = glued.candidates([n.text for n, _ in core], [width], _row_total_holds)
    if found is None:
        return None
    return [(narrowest, (*n[:at], None, *n[at:])) for _, n in found for at in range(width)]


def _groups_of(codes: frozenset[str]) -> frozenset[str]:
    """The rows of the groups the given rows are in: the outcome rows (三、本年度办理结果's), or the
    balance's (新收, 结转, （七）总计, 结转下年). A table leaving a row's 总计 blank may leave its
    group's blank: a report printing its outcome rows without their totals."""
    from .checks import OUTCOME_ROWS_2021

    outcome = frozenset(OUTCOME_ROWS_2021) | {"other_handling"}
    return frozenset().union(*(group for group in (outcome, frozenset(_BALANCE_ROWS)) if group & codes))


def _blank_total_readings(core: list, narrowest: int) -> list[tuple[int, tuple[int | None, ...]]] | None:
    """The row as it reads if it left its 总计 blank (a table printing some rows without theirs):
    every cut into the other columns, which no row arithmetic checks. Beside the full cuts, as
    _lost_blank_readings. None: too many to try."""
    _, found = glued.candidates([n.text for n, _ in core], [narrowest - 1], lambda _w, _n: True)
    if found is None:
        return None
    return [(narrowest, (*n, None)) for _, n in found]


def _consistent(
    options: dict, known: dict, layouts: dict, every_outcome: bool = False, blank_unknown: bool = False
) -> dict[str, list]:
    """For each row, the cuts that belong to some assignment of all rows keeping the column identities."""
    single = {c: o[0] for c, o in options.items() if len(o) == 1}
    several = {c: o for c, o in options.items() if len(o) > 1}
    base = {**known, **{c: dict(zip(layouts[w], n)) for c, (w, n) in single.items()}}
    total = 1
    for o in several.values():
        total *= len(o)
    if total > MAX_COMBINATIONS:
        return {c: [o] for c, o in single.items()} | {c: o for c, o in several.items()}
    keep: dict[str, set] = {c: set() for c in several}
    searched = set(options)
    codes = list(several)

    def go(k: int, rows: dict, picks: tuple) -> None:
        if k == len(codes):
            if _column_identities_hold(rows, searched, every_outcome, blank_unknown):
                for c, pick in zip(codes, picks):
                    keep[c].add(pick)
            return
        for w, n in several[codes[k]]:
            go(k + 1, {**rows, codes[k]: dict(zip(layouts[w], n))}, (*picks, (w, n)))

    if codes:
        go(0, base, ())
    out = {c: [o] for c, o in single.items()}
    out.update({c: [o for o in several[c] if o in keep[c]] for c in codes})
    return out


# ---------------------------------------------------------------- table 3
def _total_holds(core: list) -> bool:
    """总计 is the sum of the others, and not 0: a row of zeros would hold whatever it took in."""
    values = _printed_values(core)
    return blocks.adds_up(values) and values[-1] > 0


def _printed_values(core: list) -> list[float | None]:
    """The values, a cell printing a placeholder (`/`, `-`, `无`) as 0, as a sum reads it: a cell
    the report printed empty on purpose; an empty cell (none printed) stays unknown."""
    return [0.0 if n.value is None and n.text else n.value for n, _ in core]


def _spaced_doubt(row: _Row, core: list, table: "_Table3") -> str:
    """Why the values of a row parted by blank lines may not be its own ('' when nothing says so):
    its 总计 is not the sum of the others, or is 0 (a row of zeros holds whatever it took in); its
    first six already add up (a lost blank cell and the next row's first number would read the
    same); or the extractor's reading order left the table's rows there: its label stands after
    that of a row the template prints below it (printed_late: the values after it were another
    row's, labels 7 and 8 printed elsewhere), or, numbers standing outside any row, its label is a
    column's heading too (`总计` alone: the header's word, set among the rows). A number outside
    the rows alone casts no doubt on a row whose values, as many as a row has and adding up, stand
    between its label and the next (measured: refusing every row of such tables cost 3,400 right
    cells of 11,800 texts for 3 wrong ones, the `总计` above). In a _Table3.regular table no value
    can be another row's: only a total that fails casts doubt."""
    if table.regular:
        return "" if blocks.adds_up(_printed_values(core)) else "and its 总计 is not the sum of the others"
    if not _total_holds(core):
        if blocks.adds_up(_printed_values(core)):
            return "a row of zeros, which adds up whatever cells it took in"
        return "and its 总计 is not the sum of the others"
    if _total_holds(core[:-1]):
        return "and its first values add up without the last, which may be the next row's"
    if row.code in table.printed_late:
        return "in a table whose rows' labels stand out of the template's order (a text extractor's reading order)"
    if table.stray and any(row.label.strip() in labels for labels in _applicant_headings().values()):
        return "its label a column's heading too, in a table whose numbers also stand outside its rows (a text extractor's reading order)"
    return ""


def _misaligned(
    report: ParsedReport, row: _Row, core: list, has_other_column: bool, why: str = "", listed: list | None = None
) -> None:
    """Warn of a row whose values no layout fits and list them (`listed`: those not placed elsewhere)."""
    width = len(catalogue.applicants())
    report.warn(
        "row_misaligned",
        f"table 3 row {row.code} ({row.label}, {row.ref}) has {len(core)} values, expected {width}"
        + ("" if has_other_column else f" or {width - 1}")
        + (f", {why}" if why else ""),
    )
    _unplaced(report, "table 3", f"row {row.code}", core if listed is None else listed)


@cache
def _row_shapes() -> tuple[frozenset[str], frozenset[str]]:
    """The rows table 3 prints numbers in: with （六）其他处理's three sub-rows (2021), or with
    其他处理 a row of its own (the 2019 format)."""
    rows = frozenset(_printed_rows())
    return rows, rows - _children("other_handling") | {"other_handling"}


def _has_other_rows(rows: dict) -> bool:
    return any(c in rows for c in ("other_no_correction", "other_fee_unpaid", "other_other"))


@dataclass
class _InOrder:
    """Table 3's numbers in document order, for reading them in the template's order: (line,
    count, cell) each; the rows printed, in the template's order; the widths a row may have, and
    each width's columns; for each number, the row on whose label's line it stands, if any."""

    numbers: list[tuple[int, int, Cell]]
    codes: list[str]
    widths: list[int]
    layouts: dict[int, list[str]]
    anchors: list[str | None]
    after: list[str | None]  # for each number, the row whose label it follows with no number between
    held: list[str | None]  # layout text: for each number, the row on whose label's lines (its first, its rest) it stands
    inside: list[str | None]  # any text: for each number alone on a line between a wrapped label's lines, that row
    parted: list[bool] = field(default_factory=list)  # for each number, text stands between it and the number before
    columns: list[int | None] = field(default_factory=list)  # layout text: where each number stands on its line
    wrapped: frozenset[str] = frozenset()  # the rows whose labels their line prints cut (they wrap)
    floor: list[str | None] = field(default_factory=list)  # for each number, the row it stands in or below (_AfterLabels)
    may_wrap: frozenset[str] = frozenset()  # the rows whose labels as printed may go on (_may_wrap)
    alone: list[bool] = field(default_factory=list)  # for each number, whether no other stands on its line
    labelled: list[str | None] = field(default_factory=list)  # any text: the row on whose label's lines each stands


def _in_reading_order(report: ParsedReport, numbers: _InOrder, placed: dict, before: int, note: str = "") -> bool:
    """Rows that did not land by their labels: the table's numbers read in the template's order
    (parsers/blocks.py). Only a reading where every identity holds replaces what was placed;
    whether one did."""
    in_order, codes, layouts = numbers.numbers, numbers.codes, numbers.layouts
    for width in numbers.widths:
        columns = layouts[width]

        def holds(table: dict) -> bool:
            cells = {code: dict(zip(columns, values)) for code, values in table.items()}
            return _column_identities_hold(cells, set(cells))

        table = _one_line_a_row(in_order, codes, width, holds, placed)
        if table is None:
            table = blocks.read([(line, value) for line, value, _ in in_order], codes, width, holds)
        order = range(len(in_order))
        apart = ""
        if table is None:
            values = [value for _, value, _ in in_order]
            owner = [codes.index(code) if code in codes else None for code in numbers.inside]
            wrapped, may_wrap = (
                frozenset(codes.index(c) for c in rows if c in codes) for rows in (numbers.wrapped, numbers.may_wrap)
            )
            found = blocks.totals_apart(
                values, len(codes), width, lambda rows: holds(dict(zip(codes, rows))), owner, wrapped, may_wrap
            )
            if found is None or any(
                (numbers.held[i] or numbers.anchors[i]) not in (None, codes[k // width]) for k, i in enumerate(found)
            ):
                # none, or one that moves a number printed on a row's label lines to another row (in any
                # text, a row's label line: a reading that moves 总计 rows away has no say over it)
                continue
            whole = _whole_runs(numbers.after, numbers.parted, width)
            if any(
                code in whole
                and sorted(values[i] for i in found[k * width : (k + 1) * width]) != sorted(values[i] for i in whole[code])
                for k, code in enumerate(codes)
            ) or _shifted_under_labels(found, whole, codes, width):
                continue  # one that gives a row printed whole under its label numbers not among its own
            order, apart = found, "; some rows' 总计 printed apart from their other values"
            table = {code: [values[i] for i in found[k * width : (k + 1) * width]] for k, code in enumerate(codes)}
        order = list(order)
        if numbers.columns and None not in numbers.columns:
            turned = _by_columns(numbers.columns, order, width)
            if turned != order:  # a row's numbers in the columns they stand in, as long as every identity holds so
                values = [value for _, value, _ in in_order]
                table = {code: [values[i] for i in turned[k * width : (k + 1) * width]] for k, code in enumerate(codes)}
                if not holds(table):
                    continue
                order = turned
        elif _above_either_end(numbers, order, width, codes):
            continue  # one that may take a row's number for another of its columns
        _land_reading(report, numbers, placed, before, table, order, columns)
        report.warn(
            "recovered_reading_order",
            f"table 3 read from its numbers in the template's order: {len(codes)} rows "
            f"whose labels stand away from their numbers (a text extractor's reading order){apart}{note}; every identity holds",
        )
        return True
    return False


def _land_reading(
    report: ParsedReport, numbers: _InOrder, placed: dict, before: int, table: dict, order: list[int], columns: list[str]
) -> None:
    """A reading of _in_reading_order replaces what was placed, each number keeping where it stood."""
    refs = iter(numbers.numbers[i][2].ref for i in order)
    del report.issues[before:]  # the rows' misalignments and stray numbers, now read
    placed.clear()
    for code, values in table.items():
        placed[code] = {col: (v, None) for col, v in zip(columns, values)}
    for code in numbers.codes:  # numbers keep where they stood, in document order
        for col in columns:
            placed[code][col] = (placed[code][col][0], next(refs, None))


def _as_printed(report: ParsedReport, numbers: _InOrder, placed: dict, before: int) -> bool:
    """No reading in the template's order holds every identity: the numbers read as printed, a row's
    worth at a time, where every row adds up so (pdftotext's plain text of a table printed straight,
    whose report fails a column identity of its own: the checks report it), every row printed whole
    under its label reads its own numbers, and no two numbers share a line. Not where a number
    stands on another row's label line, nor where a row prints `0 … 0 1 1`, or a row whose label
    may go on prints a value other than 0 and a number on its label's lines it would not read
    first (_off_its_label), nor in layout text (a cell set on the line above its row's turns the
    row). Whether it was read."""
    values, codes = [value for _, value, _ in numbers.numbers], numbers.codes
    if numbers.columns or not all(numbers.alone):
        return False
    for width in numbers.widths:
        if len(values) != len(codes) * width:
            continue
        rows = [values[k * width : (k + 1) * width] for k in range(len(codes))]
        if not all(blocks.adds_up(row) for row in rows):
            continue
        if any((numbers.held[i] or numbers.anchors[i]) not in (None, codes[i // width]) for i in range(len(values))):
            continue
        whole = _whole_runs(numbers.after, numbers.parted, width)
        if any(code in whole and whole[code] != list(range(k * width, (k + 1) * width)) for k, code in enumerate(codes)):
            continue
        if any(not any(row[:-2]) and row[-2] for row in rows):
            continue
        if any(
            code in numbers.may_wrap and any(row[:-1]) and _off_its_label(numbers, code, k * width)
            for k, (code, row) in enumerate(zip(codes, rows))
        ):
            continue  # a row whose label may go on: its first value may stand beside its label, after others
        order = list(range(len(values)))
        if _above_either_end(numbers, order, width, codes):
            continue
        _land_reading(report, numbers, placed, before, dict(zip(codes, rows)), order, numbers.layouts[width])
        report.warn(
            "recovered_reading_order",
            f"table 3 read from its numbers in order, {len(codes)} rows whose labels stand away from their numbers: "
            "every row adds up as printed, not every column identity (the report's own)",
        )
        return True
    return False


def _off_its_label(numbers: _InOrder, code: str, start: int) -> bool:
    """Whether a row read as printed from `start` may take a number on its label's lines for another
    column than its first: pdftotext sets a wrapped label's first line with its first value (beside
    it or between its lines), wherever the row's other values go (before the label, after it)."""
    on_label = [i for i, rows in enumerate(zip(numbers.anchors, numbers.inside)) if code in rows]
    return on_label not in ([], [start])


def _by_columns(columns: list[int], order: list[int], width: int) -> list[int]:
    """A reading (its numbers' indexes, `width` a row) with each row's numbers in the order they
    stand left to right in layout text: a number printed on the line above its row's others (a
    cell set higher, `                5` over `…  0   0   5`) is read in the column it stands in."""
    return [i for k in range(0, len(order), width) for i in sorted(order[k : k + width], key=lambda i: columns[i])]


def _above_either_end(numbers: _InOrder, order: list[int], width: int, codes: list[str]) -> bool:
    """Whether a row of a reading takes numbers printed on the line above its label's and the
    numbers beside its label, and would add up as well with those above at its end as at its
    start (a cell set higher in its row, `5` over `一、本年新收…  0 0 0 0 0 5`: which column it
    is, the text does not say)."""
    for k, code in enumerate(codes):
        row = order[k * width : (k + 1) * width]
        lines = [numbers.numbers[i][0] for i in row]
        split = next((j for j in range(1, len(row)) if lines[j] != lines[j - 1]), None)
        if split is None or lines[split] != lines[-1] or lines[0] != lines[split - 1]:
            continue  # on one line, or on more than two
        if any(numbers.held[i] == code for i in row[:split]) or any(numbers.held[i] != code for i in row[split:]):
            continue  # not the line above the row's label and the label's own
        values = [numbers.numbers[i][1] for i in row]
        turned = values[split:] + values[:split]
        if turned != values and blocks.adds_up(turned):
            return True
    return False


def _whole_runs(after: list[str | None], parted: list[bool], width: int) -> dict[str, list[int]]:
    """The rows whose label is followed by exactly a row's worth of numbers, nothing between them,
    before the next label: a row printed whole under its label (the indexes of its numbers). A
    reading may order them (a wrapped label's 总计 printed beside its first value) but gives such a
    row no number of another's: a report whose own totals fail is not made to add up by trading
    totals between rows."""
    starts = [i for i, code in enumerate(after) if code is not None] + [len(after)]
    return {after[a]: list(range(a, b)) for a, b in zip(starts, starts[1:]) if b - a == width and not any(parted[a + 1 : b])}


def _shifted_under_labels(found: list[int], whole: dict[str, list[int]], codes: list[str], width: int) -> bool:
    """Whether a reading takes a row's 总计 from further down, past a row printed whole under its
    label that it reads (wholly before that 总计) from numbers other than its own: pdftotext prints
    a 总计 apart after the rows between, each under its label, so such a reading shifts them by a
    number, which rows of zeros hide (their values are the same, their numbers are not)."""
    for k in range(len(codes)):
        total = found[k * width + width - 1]
        for j, code in enumerate(codes[k + 1 :], k + 1):
            row = found[j * width : (j + 1) * width]
            if code in whole and max(row) < total and set(row) != set(whole[code]):
                return True
    return False


def _with_blanks_dropped(report: ParsedReport, numbers: _InOrder, placed: dict, before: int) -> None:
    """Fewer numbers than cells, and no reading by labels: blank cells the extractor dropped
    (blocks.with_blanks), the rows landed by their labels kept as they are. The cells every
    reading agrees on land; the rest stay NULL. Tried for each width; a table that more than one
    width reads is left as it was."""
    from .checks import OUTCOME_ROWS_2021

    in_order, codes, layouts = numbers.numbers, numbers.codes, numbers.layouts
    values = [value for _, value, _ in in_order]
    found = []
    for width in numbers.widths:
        columns = layouts[width]
        fixed = {code: [cells.get(col, _NOTHING)[0] for col in columns] for code, cells in placed.items()}
        if len(values) >= len(codes) * width or any(set(cells) - set(columns) for cells in placed.values()):
            continue
        whole = {
            code: at
            for code, at in _runs_under_labels(numbers).items()
            if len(at) == width and code not in placed and not numbers.columns and all(numbers.alone)
        }  # a row printed whole under its label has no blank (where a line holds one number: layout text may set
        # a row's numbers above its label)
        fixed |= {code: [values[i] for i in at] for code, at in whole.items()}
        table = blocks.with_blanks(values, codes, width, set(OUTCOME_ROWS_2021), numbers.anchors, fixed, numbers.floor)
        if table is not None:
            table |= {code: [(values[i], i) for i in at] for code, at in whole.items()}
            found.append((width, table))
    if len(found) != 1:
        return
    width, table = found[0]
    landed = {code for code, cells in table.items() if code not in placed and any(v is not None for v, _ in cells)}
    if not landed:
        return  # nothing every reading agrees on beyond what landed by labels
    report.issues[before:] = [i for i in report.issues[before:] if not _names_row(i.detail, landed)]  # those rows are read
    for code in landed:  # rows landed by their labels keep their cells and references
        placed[code] = {
            col: (value, None if at is None else in_order[at][2].ref) for col, (value, at) in zip(layouts[width], table[code])
        }
    known = sum(value is not None for cells in placed.values() for value, _ in cells.values())
    blanks = len(codes) * width - len(values)
    report.warn(
        "recovered_blank_cells",
        f"table 3 read from its numbers in the template's order with {blanks} blank "
        f"cell{'s' * (blanks != 1)} the text does not show (an extractor drops them): {known} of {len(codes) * width} cells landed, "
        "by their labels or the same in every reading that keeps each row total and column identity; the rest are NULL",
    )


def _agreed_in_order(report: ParsedReport, numbers: _InOrder, placed: dict, before: int, other_column: bool) -> bool:
    """As _blank_column, for rows standing away from their labels: the table's numbers short of
    its cells by one a row in a run of at least BLANK_COLUMN_ROWS rows, one column left blank in
    them (pdftotext's plain text of sample 000, which prints 其他 only from （六） down). Each run
    of rows that many long and each column is tried (_readings_in_order), the numbers read in the
    template's order with it blank in those rows, as printed and with each number alone beside a
    row's label read as that row's first (_firsts_by_labels). With as many numbers as cells, the
    same two readings without a blank, where a number stands beside a label (Chromium's print
    through pdftotext sets a row's first value there, rows after the row's others). A cell of a
    row not landed by its label lands where every reading in which every row adds up, every
    identity holds and the rows landed by their labels keep their cells gives it the same value.
    Every row short only where the header prints 其他 (else the table may have six columns:
    _in_reading_order reads those); not in text with two numbers on a line (its gaps place its
    blanks). Whether one did."""
    applicants = catalogue.applicants()
    width, codes = len(applicants), numbers.codes
    short = len(codes) * width - len(numbers.numbers)
    lead = _firsts_by_labels(numbers)
    if not (BLANK_COLUMN_ROWS <= short <= len(codes) or (short == 0 and lead)) or (short == len(codes) and not other_column):
        return False
    if numbers.columns or not all(numbers.alone):
        return False  # text setting a row's numbers on one line shows where its blank cells are (the gaps)
    readings: list[tuple[dict, dict]] = []
    for firsts in ({}, lead) if lead else ({},):
        found = _readings_in_order(numbers, short, firsts)
        if found is None:
            return False  # too many readings to tell
        readings += found
    readings = [(table, at) for table, at in readings if _keeps_placed(table, placed)]
    if not readings:
        return False
    kept = set(placed)
    for code in codes:
        if code not in kept:  # the rows landed by their labels keep their cells and references
            placed[code] = {
                col: _agreed_cell(numbers, [t[code][k] for t, _ in readings], [p[code][k] for _, p in readings])
                for k, col in enumerate(applicants)
            }
    report.issues[before:] = [i for i in report.issues[before:] if _names_row(i.detail, kept)]
    unknown = [code for code in codes if code not in kept and any(v is None for v, _ in placed[code].values())]
    how = (
        f"{short} short of its cells: a column left blank in a run of {short} rows, which the text does not show; "
        f"{len(readings)} readings hold every identity with a column blank in such a run"
        if short
        else f"a number beside a row's label read as its first too; {len(readings)} readings hold every identity"
    )
    report.warn(
        "recovered_blank_cells" if short else "recovered_reading_order",
        f"table 3 read from its numbers in the template's order, {how}, and keep the rows landed by their labels: "
        f"the cells every one gives the same value landed, the rest NULL (in {', '.join(unknown) or 'no row'})",
    )
    return True


def _keeps_placed(table: dict[str, list], placed: dict) -> bool:
    """A reading gives each row landed by its label the values it landed with (blank where blank)."""
    columns = catalogue.applicants()
    return all(
        [table[code][k] for k, col in enumerate(columns) if col in cells] == [cells[col][0] for col in columns if col in cells]
        for code, cells in placed.items()
        if code in table
    )


def _readings_in_order(numbers: _InOrder, short: int, lead: dict[str, int]) -> list[tuple[dict, dict]] | None:
    """_agreed_in_order's readings, each with its cells' places among the numbers (a blank:
    None): the rows `lead` names take that number first and read the rest in order. The blank is
    tried in each column, 总计 too in a run of outcome rows (a table printing those without it):
    where zero rows leave which column open, their cells stay NULL. None: too many readings."""
    applicants = catalogue.applicants()
    width, codes = len(applicants), numbers.codes
    rest = [i for i in range(len(numbers.numbers)) if i not in lead.values()]
    lines = [numbers.numbers[i][:2] for i in rest]
    firsts = [numbers.numbers[lead[code]][1] if code in lead else None for code in codes]
    out: list[tuple[dict, dict]] = []
    under = _runs_under_labels(numbers)
    for start in range(len(codes) - short + 1 if short else 1):
        run = set(codes[start : start + short])
        if any(len(at) in (width - 1, width) and len(at) != width - (code in run) for code, at in under.items()):
            continue  # a row printed whole under its label with another count of numbers
        widths = [width - (code in run) - (code in lead) for code in codes]
        found = blocks.read_all(lines, codes, widths, lambda table: True, firsts)
        if found is None:
            return None
        tables = [_blank_in(table, run, blank) for blank, table in product(range(width - 1 if run else 1), found)]
        tables += _totals_left_blank([value for _, value in lines], codes, widths, run, firsts)
        for cells in tables:
            if _column_identities_hold({code: dict(zip(applicants, row)) for code, row in cells.items()}, set(codes)):
                out.append((cells, _places(cells, lead, rest)))
        if len(out) > MAX_COMBINATIONS:
            return None
    if not out and short and not lead:
        out = _totals_apart_in_runs(numbers, short, under)
    return out


def _totals_apart_in_runs(numbers: _InOrder, short: int, under: dict[str, range]) -> list[tuple[dict, dict]]:
    """_readings_in_order's readings where none in order holds: each run's rows read with up to
    blocks.MAX_APART rows' 总计 printed further down (pdftotext prints the 总计 of 部分公开, whose
    label wraps, beside the group heading rows below, as in sample 000's layout), each column but
    总计 tried as the blank. A run gives readings only where its numbers read one way by value;
    the first blocks.KINDS_IN_RUNS kinds of such reading are tried (the search runs for each run)."""
    width, codes = len(catalogue.applicants()), numbers.codes
    values = [value for _, value, _ in numbers.numbers]
    owner = [codes.index(code) if code in codes else None for code in numbers.inside]
    wrapped, may_wrap = (frozenset(codes.index(c) for c in rows if c in codes) for rows in (numbers.wrapped, numbers.may_wrap))
    out: list[tuple[dict, dict]] = []
    for start in range(len(codes) - short + 1):
        run = set(codes[start : start + short])
        if any(len(at) in (width - 1, width) and len(at) != width - (code in run) for code, at in under.items()):
            continue  # a row printed whole under its label with another count of numbers
        widths = [width - (code in run) for code in codes]
        order = blocks.totals_apart(
            values,
            len(codes),
            widths,
            lambda rows, run=run: bool(_blanks_holding(rows, codes, run)),
            owner,
            wrapped,
            may_wrap,
            blocks.KINDS_IN_RUNS,
        )
        if not order:
            continue
        at = iter(order)
        places = {code: [next(at) for _ in range(w)] for code, w in zip(codes, widths)}
        if _moves_printed(numbers, places, under):
            continue
        rows = [[values[i] for i in row] for row in places.values()]
        out += [(table, _blank_in(places, run, blank)) for blank, table in _blanks_holding(rows, codes, run)]
        if len(out) > MAX_COMBINATIONS:
            return []
    return out


def _moves_printed(numbers: _InOrder, places: dict[str, list[int]], under: dict[str, range]) -> bool:
    """Whether a reading (each row's numbers by place) moves a number printed on a row's label
    lines into another row, gives a row printed whole under its label numbers other than its own,
    or takes a 总计 from past such a row that it reads from numbers not its own (as
    _shifted_under_labels, for rows of any width)."""
    values = [value for _, value, _ in numbers.numbers]
    if any((numbers.held[i] or numbers.anchors[i]) not in (None, code) for code, row in places.items() for i in row):
        return True
    whole = {code: at for code, at in under.items() if code in places and len(at) == len(places[code])}
    if any(sorted(values[i] for i in places[code]) != sorted(values[i] for i in at) for code, at in whole.items()):
        return True
    codes = list(places)
    return any(
        code in whole and max(places[code]) < places[above][-1] and set(places[code]) != set(whole[code])
        for k, above in enumerate(codes)
        for code in codes[k + 1 :]
    )


def _blanks_holding(rows: list[list[int]], codes: list[str], run: set[str]) -> list[tuple[int, dict[str, list]]]:
    """The rows with a blank cell put in each column but 总计 in the run's rows, where every
    column identity then holds: (the blank's column, the table) each. A column's identities are
    checked once for each place the run's rows may take its values from (before the blank, after
    it, or blank), not once for each blank: a search calls this for every reading it completes."""
    width = len(catalogue.applicants())

    @cache
    def holds(col: int, at: int | None) -> bool:
        """Column `col` holds, the run's rows giving it their value at `at` (None: blank)."""
        cells = {code: {col: row[col] if code not in run else None if at is None else row[at]} for code, row in zip(codes, rows)}
        return _column_identities_hold(cells, set(codes))

    if not holds(width - 1, width - 2):
        return []
    return [
        (blank, _blank_in(dict(zip(codes, rows)), run, blank))
        for blank in range(width - 1)
        if all(holds(j, j) for j in range(blank)) and holds(blank, None) and all(holds(j, j - 1) for j in range(blank + 1, width))
    ]


def _runs_under_labels(numbers: _InOrder) -> dict[str, range]:
    """The numbers (their indexes) each row prints under its label, nothing between them, where
    the next row's label follows them and has numbers of its own after it: a count the text shows
    (where the next row prints no number after its label, its first may stand among this row's)."""
    starts = [i for i, code in enumerate(numbers.after) if code is not None] + [len(numbers.after)]
    rows = numbers.codes
    counts = {}
    for a, b in zip(starts, starts[1:]):
        code, following = numbers.after[a], numbers.after[b] if b < len(numbers.after) else None
        if code in rows and rows.index(code) + 1 < len(rows) and following == rows[rows.index(code) + 1]:
            if not any(numbers.parted[a + 1 : b]):
                counts[code] = range(a, b)
    return counts


def _blank_in(table: dict[str, list], run: set[str], blank: int) -> dict[str, list]:
    """A reading's rows with a blank cell put in column `blank` of each row of the run."""
    return {code: [*row[:blank], None, *row[blank:]] if code in run else row for code, row in table.items()}


def _totals_left_blank(
    values: list[int], codes: list[str], widths: list[int], run: set[str], firsts: list[int | None]
) -> list[dict[str, list]]:
    """The numbers read in order as a run of outcome rows leaving their 总计 blank (a table
    printing its outcome rows without it; the rows of 新收, 结转, 总计 and 结转下年 print theirs),
    each row outside the run adding up; [] where one does not."""
    from .checks import OUTCOME_ROWS_2021

    if not run <= set(OUTCOME_ROWS_2021):
        return []
    rows, at = [], 0
    for width, first in zip(widths, firsts):
        row, at = values[at : at + width], at + width
        rows.append(row if first is None else [first, *row])
    if at != len(values) or not all(blocks.adds_up(row) for code, row in zip(codes, rows) if code not in run):
        return []
    return [{code: [*row, None] if code in run else row for code, row in zip(codes, rows)}]


def _firsts_by_labels(numbers: _InOrder) -> dict[str, int]:
    """The rows with exactly one number on their label's lines, alone there but for the label:
    pdftotext's plain text sets a row's first value beside its label, wherever the row's other
    values go (sample 000's 2.申请人逾期未按收费通知… prints its first 0 after the table's last row)."""
    on_label: dict[str, list[int]] = {}
    for i, code in enumerate(numbers.labelled):
        if code is not None and code in numbers.codes:
            on_label.setdefault(code, []).append(i)
    return {code: at[0] for code, at in on_label.items() if len(at) == 1 and numbers.alone[at[0]]}


def _places(table: dict[str, list], lead: dict[str, int], rest: list[int]) -> dict[str, list[int | None]]:
    """A reading's cells as the places of their numbers (a blank: None): a row in `lead` its first
    value there, the others `rest` in order; a row's first value read apart (blocks.first_apart)
    takes the place of another."""
    at = iter(rest)
    places: dict[str, list[int | None]] = {}
    for code, row in table.items():
        printed = [lead[code]] if code in lead else []  # its first printed value's place, then the rest's
        places[code] = [None if value is None else printed.pop() if printed else next(at) for value in row]
    return places


def _agreed_cell(numbers: _InOrder, values: list[int | None], places: list[int | None]) -> tuple[int | None, str | None]:
    """A cell every reading gives the same value (never blank), with the reference of its number
    where every reading takes it from the same place and that place holds it."""
    if len(set(values)) != 1 or values[0] is None:
        return None, None
    at = places[0] if len(set(places)) == 1 else None
    _, value, cell = numbers.numbers[at] if at is not None else (None, None, None)
    return values[0], cell.ref if value == values[0] else None


def _names_row(detail: str, codes: set[str]) -> bool:
    """A table-3 finding about one of these rows (`table 3 row X (…)`, `table 3: row X; …`)."""
    m = re.match(r"table 3:? row (\w+)", detail)
    return m is not None and m.group(1) in codes


def _one_line_a_row(in_order: list, codes: list[str], width: int, holds, placed: dict) -> dict[str, list[int]] | None:
    """Every number of the table on lines of exactly `width` numbers, as many lines as printed
    rows: the lines are the rows in order, their labels printed a line above or below them
    (pdfplumber puts a wrapped label's number line at the row's middle). Kept only when every
    row total and column identity holds and each row already placed by its label keeps its line."""
    if len(in_order) != len(codes) * width:
        return None
    lines: dict[int, list] = {}
    for line, value, cell in in_order:
        lines.setdefault(line, []).append((value, cell))
    if len(lines) != len(codes) or any(len(v) != width for v in lines.values()):
        return None
    table = {code: [v for v, _ in values] for code, values in zip(codes, lines.values())}
    if not all(blocks.adds_up(row) for row in table.values()) or not holds(table):
        return None
    for code, values in zip(codes, lines.values()):
        landed = placed.get(code)
        if landed and any(ref is not None and ref != cell.ref for (_, ref), (_, cell) in zip(landed.values(), values)):
            return None  # a row that landed by its label on another line: this is not the reading
    return table


def _spill(ordered: list[_Row], width: int) -> None:
    """Lines of values printed under one label when the labels after it got none: an extractor
    that writes a block's labels after its numbers. Each line of `width` values goes, in order,
    to the next label without values; any other shape is left for the misaligned-row warning."""
    for k, row in enumerate(ordered):
        if len(row.values) < 2 * width:
            continue
        lines: dict[int, list] = {}
        for value in row.values:
            lines.setdefault(value[1].line, []).append(value)
        chunks = [v for v in lines.values() if any(n.value is not None for n, _ in v)]
        empty = []
        for later in ordered[k + 1 :]:
            if later.values:
                break
            empty.append(later)
        if len(chunks) < 2 or len(chunks) - 1 > len(empty) or any(len(_core(c)) != width for c in chunks):
            continue
        row.values = _core(chunks[0])
        for later, chunk in zip(empty, chunks[1:]):
            later.values = _core(chunk)


MAX_LABEL_PIECES = settings.value(
    "label_pieces"
)  # a label broken over this many lines (one character a line, at worst) is still found
MAX_PIECE = settings.value("label_piece")  # a longer text is not a piece of a broken label


def _pick_table3(candidates, rows: dict, text: str) -> tuple[catalogue.Label | None, bool]:
    """The label a table-3 cell is, given the rows seen so far; and whether it is the header's 其他.
    A label's requirements (catalogue column `requires`): rows printed before it, its numbering."""
    for lab in candidates:
        if lab.kind == "applicant":
            if not rows:
                return lab, lab.code == "other_org"
            continue
        if lab.requires and not all(
            catalogue.numbered(text, lab.label) if need == catalogue.NUMBERED else need in rows
            for need in lab.requires.split(";")
        ):
            continue
        if lab.kind == "t3_row" and lab.code in rows and rows[lab.code].values:
            continue  # printed again (a header repeated after a page break) before its numbers: the later one is the row
        if lab.kind == "t3_row" and not _children(lab.code).isdisjoint(rows):
            continue  # a group's merged cell whose text runs on below its first row (`（六）` / `其他处理`): not a row again
        return lab, False
    return None, False


@cache
def _children(code: str) -> frozenset[str]:
    """The table-3 rows that belong to a row (（六）其他处理's three sub-rows)."""
    return frozenset(lab.code for lab in catalogue.load().labels if lab.kind == "t3_row" and lab.parent == code)


_ROW_MARK = re.compile(r"[（(][一二三四五六七八九十]{1,2}[）)]")


def _longest_join(
    pending: list[Cell], find: Callable[[str], Any], more: Callable[[list[Cell]], list] = lambda pieces: []
) -> tuple[Any, Cell]:
    """A label broken over lines (`4.` / `保护第` / `三` / `方` / `合法权益`, `本年新` / `制作数量`),
    found by joining the text cells since the last label or number: the longest join that `find`
    knows, and the cell that prints it (None and the last cell when no join is a label). `more`:
    the table's own further readings of the pieces (table 3's _numbered_first), the last cell
    alone (asked before) only through them."""
    for k in range(min(len(pending), MAX_LABEL_PIECES), 0, -1):
        pieces = pending[-k:]
        readings = more(pieces)
        if k > 1:
            rest, first = "".join(c.text for c in pieces[1:]), pieces[0].text
            # and from the first piece's last numbering mark: a cell holding a piece of the label
            # beside it too (`三、本<br>（一）予` | `以` | `公开`: the group heading's over the row's)
            marks = [m.start() for m in _ROW_MARK.finditer(first, 1)]
            readings = [(first + rest, pieces[0]), *([(first[marks[-1] :] + rest, pieces[0])] if marks else []), *readings]
        for text, start in readings:
            if found := find(text):
                return found, Cell(text, start.line, start.where)
    return None, pending[-1]


_MARK_AFTER_SPACE = re.compile(rf"(?<=\s)\d{{1,2}}{catalogue.NUMBER_MARK}(?!\d)")


def _numbered_first(pieces: list[Cell]) -> list[tuple[str, Cell]]:
    """Readings of a label's pieces whose numbering a layout set apart (`属于国家秘` / `1.` / `密`:
    the number centred in its cell beside the wrapped words; `不予公开 5.属于三类` / `内部事务信`: a
    group's merged cell beside the row's), the numbering first, and without the pieces of a
    group's heading (`三、本`, `（三）`) that layout text sets on the same lines: each with the
    piece it starts on."""
    readings = []
    for piece in pieces[1:]:
        if catalogue.numbering_alone(piece.text):
            kept = [c for c in pieces if c is not piece and not catalogue.numbering_alone(c.text) and not _heading_piece(c.text)]
            if kept:
                readings.append((piece.text + "".join(c.text for c in kept), kept[0]))
    if (mark := _MARK_AFTER_SPACE.search(pieces[0].text)) is not None:
        readings.append((pieces[0].text[mark.start() :] + "".join(c.text for c in pieces[1:]), pieces[0]))
        # the group headings' pieces beside the label's on the lines below (`度办理结法提供握相关政府`)
        peeled = "".join(_without_heading_pieces(c.text) for c in pieces[1:])
        if peeled != "".join(c.text for c in pieces[1:]):
            readings.append((pieces[0].text[mark.start() :] + peeled, pieces[0]))
    return readings


def _without_heading_pieces(text: str) -> str:
    """The text after the pieces of group headings it starts with (`度办理结` `法提供` 握相关政府:
    layout text running the cells of a line together)."""
    while True:
        cut = next((n for n in range(len(text) - 1, 1, -1) if _heading_piece(text[:n])), 0)
        if not cut:
            return text
        text = text[cut:]


@cache
def _heading_keys() -> frozenset[str]:
    """The keys of every heading over table 3's rows (_group_keys of each row)."""
    return frozenset().union(*(_group_keys(code) for code in catalogue.table3_rows()))


@lru_cache(maxsize=65536)
def _heading_piece(text: str) -> bool:
    """A piece of a heading over table 3's rows (`三、本`, `年度办`, `不予公开`)."""
    key = label_key(text)
    return bool(key) and any(key in head for head in _heading_keys())


def _joined_label(pending: list[Cell], matcher, rows: dict) -> tuple[catalogue.Label | None, Cell]:
    """A table-3 row label broken over lines."""

    def find(text: str) -> catalogue.Label | None:
        found, _ = _pick_table3(matcher.candidates(label_key(text)) or matcher.numbered_start(text), rows, text)
        return found if found is not None and found.kind == "t3_row" else None

    return _longest_join(pending, find, _numbered_first)


@dataclass
class _Table3:
    """What one pass over table 3's cells found: its rows in the order printed, the numbers no
    row took (by the text they follow), and the header's shape."""

    lines: Region
    indents: dict[int, int] = field(default_factory=dict)  # layout text: where each line starts (Document.indents)
    footers: frozenset[int] = frozenset()  # lines that may print a page's number (Document.footers)
    rows: dict[str, _Row] = field(default_factory=dict)
    stray: dict[str, list[tuple[Number, Cell]]] = field(default_factory=dict)
    has_other_column: bool = False  # the header prints 其他 (other_org)
    has_header: bool = False  # an applicant column heading was printed
    has_org_heading: bool = False  # ... one of the organisations' (商业企业 … 其他), among which 其他 stands
    merged_columns: bool = False  # one header cell names some applicant columns, not all: a tool merged them
    # rows left NULL that took values of their own (which column each stands in, or whether their
    # failing total is the report's, the text does not settle): read, never filled by another reading
    held_back: set[str] = field(default_factory=set)
    values_before_rows: bool = False  # a number stands before the first row's label
    # how the text parts the pieces of a number printed in pieces, where a row shows it (_split_kinds)
    split_kinds: frozenset[str] = frozenset()

    @property
    def six_columns(self) -> bool:
        """The header prints the applicant columns without 其他: rows of six values are whole."""
        return self.has_header and not self.other_column and not self.merged_columns

    @property
    def widths(self) -> tuple[int, ...]:
        """The values a whole row has: the template's columns, or six under a header without 其他."""
        width = len(catalogue.applicants())
        return (width, width - 1) if self.six_columns else (width,)

    @property
    def columns_shown(self) -> bool:
        """The header showed which organisations' columns the table has (one of theirs read)."""
        return self.has_other_column or self.has_org_heading

    @cached_property
    def other_column(self) -> bool:
        """The table has its 其他 column: its header prints it; or, where no organisation's heading
        was read (an extractor broke them over lines, `其` / `他`), a row prints as many cells as the
        template has columns, and a row of six values then lost a blank cell: it is no row of a
        table without 其他. A header whose organisations were read without 其他 is the table's,
        whatever later rows print."""
        if self.columns_shown:
            return self.has_other_column
        return self.rows_as_wide

    @cached_property
    def padded(self) -> bool:
        """A crawler padded the table's rows with bars to its widest (Padded)."""
        return any(isinstance(c, Padded) for _, c in self.lines)

    @cached_property
    def keeps_blanks(self) -> bool:
        """Some row prints an empty cell: the text keeps blank cells as cells, so values a line
        each are cells (LibreOffice's text of a Word table), never a number's pieces."""
        return any(_padding(n) for row in self.rows.values() for n, _ in row.values)

    @cached_property
    def printed_late(self) -> frozenset[str]:
        """The rows whose labels stand after that of a row the template prints below them: the
        extractor's reading order left the table's rows there (pdftotext setting a page's labels
        in an order of its own), and the values after such a label may be any row's."""
        order = {code: k for k, code in enumerate(catalogue.table3_rows())}
        printed = [code for code in sorted(self.rows, key=lambda code: self.rows[code].line) if code in order]
        late, lowest = set(), -1
        for code in printed:
            if order[code] < lowest:
                late.add(code)
            lowest = max(lowest, order[code])
        return frozenset(late)

    @cached_property
    def by_line(self) -> dict[int, list[Cell]]:
        return _cells_by_line(self.lines)

    @cached_property
    def lone_values(self) -> set[int]:
        """The lines holding one value and nothing else."""
        return {line for line, cells in self.by_line.items() if len(cells) == 1 and _is_value(cells[0].text)}

    @cached_property
    def value_lines(self) -> set[int]:
        """The lines holding values and nothing else (`0 44`: pdftotext prints two cells set in their
        middle, close together, on one line)."""
        return {line for line, cells in self.by_line.items() if all(_is_value(c.text) for c in cells)}

    @cached_property
    def line_of(self) -> dict[str, int]:
        """Each cell's line, by its ref."""
        return {cell.ref: cell.line for _, cell in self.lines}

    @cached_property
    def line_numbers(self) -> list[int]:
        """The lines holding the table's cells, in order."""
        return sorted(self.by_line)

    @cached_property
    def split_cells(self) -> _Split:
        """Where a tool split a column: some line of cells holds more of them, from its first value
        to its last (pymupdf4llm's `|8|1|0|0|0||0|9|`) or, a Markdown table's row, to its end
        (`|0|0|0|0|0||0||`), than the table has columns. The places, counted from the line's end
        (a Markdown table's rows end alike), where every such line has an empty cell among those;
        and the lines of the tables (runs of lines with no more than a blank or a rule between
        them) that hold such lines; and the most cells such a line holds so. An empty cell there may
        be that column's other half, not a blank."""
        width = max(self.widths)
        places: set[int] | None = None
        split: set[int] = set()
        widest = 0
        for line, cells in self.by_line.items():
            numbers = [k for k, c in enumerate(cells) if _is_value(c.text)] if len(cells) > width else []
            if not numbers or any(isinstance(c, line_rows.Piece) for c in cells[numbers[0] :]):
                continue  # too few cells to span more; or values split off a line of text, no cells of a table
            # a Markdown row's last cells are cells, empty or not; another line's may be what a tool left after them
            end = len(cells) if isinstance(cells[-1], Ruled) else numbers[-1] + 1
            if end - numbers[0] > width:
                empty = {len(cells) - k for k in range(numbers[0], end) if not cells[k].text}
                places = empty if places is None else places & empty  # the split half is empty on every such line
                split.add(line)
                widest = max(widest, end - numbers[0])
        lines = frozenset(n for run in _runs_of_lines(self.by_line) if split & run for n in run)
        padded = self.padded_after_labels
        if places and 1 in places and padded and padded[1] == width and all(len(self.by_line[n]) == padded[0] for n in split):
            places = {1}  # the lines' last, empty cell is padding, not a split column's half
        return _Split(frozenset(places or ()), lines, widest)

    @cached_property
    def padded_after_labels(self) -> tuple[int, int] | None:
        """(cells a line, values a row) where a pipeline set the rows under a group's heading one
        cell left of it and padded every row to the widest (pandas; tabulate and prettytable pad
        too): every line of values as long, some line two labels and then as many cells as a row
        has values (one of self.widths), the first a value, and every line whose value comes right
        after one label ending in an empty cell, the padding. None for any other table. (A split
        column would make every row a cell longer, the two-label lines too.)"""
        lines, length = [], None
        for cells in self.by_line.values():
            if any(_is_value(c.text) for c in cells):
                if len(cells) != (length or len(cells)) or len(cells) - 2 not in self.widths:
                    return None  # (most tables: known at their first or second line of values)
                lines.append(cells)
                length = len(cells)
        if length is None:
            return None

        def labels(cells: list[Cell], k: int) -> bool:
            return all(c.text.strip() and not _is_value(c.text) for c in cells[:k]) and _is_value(cells[k].text)

        one = [cells for cells in lines if labels(cells, 1)]
        if not one or any(cells[-1].text.strip() for cells in one):
            return None
        return (length, length - 2) if any(labels(cells, 2) for cells in lines) else None

    def after_labels(self, row: _Row) -> list | None:
        """A row's cells, one a column, on one line of a table padded after its labels
        (padded_after_labels): its cells after two labels, as many as a row has values, or after
        one label, those and the padding (empty). Its empty cells among its values are cells left
        blank (a last one may be a lost cell: _place_table3 asks the arithmetic). None for any
        other row."""
        if not any(_padding(n) for n, _ in row.values):
            return None  # a row without an empty cell reads alike either way
        if any(isinstance(c, line_rows.Piece) or _of_a_table(c) for _, c in row.values):
            return None  # values split off a line of text, or a document's table (its spans read)
        padded, values = self.padded_after_labels, row.values
        if not padded or len(self.by_line.get(row.line, ())) != padded[0] or any(c.line != row.line for _, c in values):
            return None
        if len(values) == padded[1] + 1 and _padding(values[-1][0]):
            values = values[:-1]
        return values if len(values) == padded[1] else None

    def in_split(self, cell: Cell) -> bool:
        """The cell stands where a tool split a column (split_cells)."""
        split = self.split_cells
        return cell.line in split.lines and self.from_end(cell) in split.places

    def from_end(self, cell: Cell) -> int:
        """The cell's place on its line, counted from the line's end."""
        cells = self.by_line[cell.line]
        return len(cells) - next(k for k, c in enumerate(cells) if c is cell)

    @cached_property
    def rows_as_wide(self) -> bool:
        """Some row prints as many values as the template has columns: under a header read
        without 其他, a row of six values may have lost a blank cell, not be whole."""
        width = len(catalogue.applicants())
        return any(len(_core(row.values)) == width for row in self.rows.values())

    @cached_property
    def six_fail(self) -> bool:
        """Under a header whose organisations no tool kept (其他 judged absent only because no row
        prints seven values), some row prints six values whose last is not the sum of the others:
        the table may have 其他 and leave its 总计s blank, so a row of six adding up may be one whose
        其他 happens to equal the sum of its first five (`0 1 0 0 0 1`), not a row with its 总计."""
        if self.columns_shown:
            return False
        width = len(catalogue.applicants()) - 1
        for row in self.rows.values():
            counts = [n.count for n, _ in _core(row.values)]
            if len(counts) == width and None not in counts and not blocks.adds_up(counts):
                return True
        return False

    @cached_property
    def totals_unprinted(self) -> bool:
        """Some row prints three to five values that do not show their 总计 (zeros, or a last value
        not the sum of the others; a glued run counts when no cut of it shows one): it left cells
        blank, its 总计 as likely as any, so a row of six may be one that printed its 其他 and not its
        总计. (A row of two values, such as its 自然人 and 总计 alone, says nothing of it.)"""
        short = min(self.widths) - 1
        for row in self.rows.values():
            core = _core(row.values)
            counts = [n.count for n, _ in core]
            if len(core) == 1 and _glued(core) and 2 < len(core[0][0].text) <= short:
                _, cut = glued.candidates([core[0][0].text], list(range(2, short + 1)), lambda _, n: _shows_total(n))
                if cut == []:  # no cut of it shows a 总计 (`12012` is 12 | 0 | 12)
                    return True
            elif 2 < len(counts) <= short and None not in counts and not _shows_total(counts):
                return True
        return False

    @cached_property
    def totals_blank_in(self) -> frozenset[str]:
        """Rows printing too few digits for a whole row, not all 0, no cut of which ends in its 总计
        (`700004` beside `2600008`: 7 0 0 0 0 4, its 总计 blank): rows that left their 总计 blank. (A
        row with digits enough may be one whose printed 总计 is wrong.)"""
        out = set()
        for code, row in self.rows.items():
            texts = [n.text for n, _ in _core(row.values)]
            if not glued.is_glued(texts) or not any(t.strip("0") for t in texts):
                continue
            if any(glued.count(texts, width) for width in self.widths):
                continue
            fewer = range(max(len(texts), 2), min(self.widths))
            if glued.candidates(texts, list(fewer), lambda _, n: _shows_total(n))[1] == []:
                out.add(code)
        return frozenset(out)

    @cached_property
    def totals_dropped(self) -> bool:
        """Rows one value short of the table's columns print a last value smaller than the sum of
        the others (`9 0 0 0 0 0`: no 总计 of theirs), and none ends in its 总计: they left their
        总计 blank, so a row of zeros one short may have left its 总计 blank too. (Zeros add up,
        whatever is blank; `0 0 0 0 0 1` may be a 总计 the report broke.)"""
        width = max(self.widths)
        short = [
            c for row in self.rows.values() if len(c := [n.count for n, _ in _core(row.values)]) == width - 1 and None not in c
        ]
        return any(c[-1] < sum(c[:-1]) for c in short) and not any(_shows_total(c) for c in short)

    @cached_property
    def rows_left_short(self) -> bool:
        """Some row prints one value fewer than a whole row has (widths) on one line, none of them
        digits that could be two cells run together: the table leaves cells blank."""
        for row in self.rows.values():
            core = _core(row.values)
            if len(core) + 1 in self.widths and len({c.line for _, c in core}) == 1 and all(len(n.text) == 1 for n, _ in core):
                return True
        return False

    def blank_as_likely(self, core: list[tuple[Number, Cell]]) -> bool:
        """A row one value short in a table that leaves cells blank (rows_left_short): a cut of one
        of its numbers into two cells that adds up competes with a blank cell of its own, which no
        arithmetic rules out where the blank may be its 总计 (`26 0 0 0 0 8` is never 2 | 6 | … | 8)."""
        return len(core) + 1 in self.widths and self.rows_left_short

    @cached_property
    def totals_left_blank(self) -> bool:
        """Some row prints values and then an empty cell, and they do not add up to the last of
        them: its 总计 is blank (a page printing only some rows' totals), or the report slipped."""
        for row in self.rows.values():
            if len(row.values) > 1 and _padding(row.values[-1][0]):
                counts = [n.count for n, _ in _core(row.values)]
                if any(counts) and None not in counts and not blocks.adds_up(counts):
                    return True
        return False

    @cached_property
    def regular(self) -> bool:
        """Every row printed (in the 2021 format's rows or the 2019 format's), or every row printed
        as wide as the table (a row without numbers: blank cells a tool dropped, all of one row);
        none with more values after its label than the template has columns, and no number outside
        the rows: the extractor read the table row by row (a value printed before its label stands
        outside, or makes the row before it long). A row short of values lost a blank cell of its
        own: it says nothing of the rows beside it. Rows as wide as the table can have taken no
        other row's value: the row that gave it would be short."""
        width = len(catalogue.applicants())
        counts = {code: len(row.values) for code, row in self.rows.items() if row.values}
        if self.stray or any(n > width for n in counts.values()):
            return False
        return set(counts) in _row_shapes() or len(set(counts.values())) == 1 and max(counts.values()) in self.widths

    @cached_property
    def cell_columns(self) -> tuple[frozenset[str], dict, dict]:
        """The rows that are _parted, and for each Markdown table the table is printed in (its
        _fragment), where values stand among such rows' cells (_cell_columns) and among one-line
        rows of other counts (_by_either_end); read once a row with an empty cell at either end asks."""
        parted = frozenset(code for code, row in self.rows.items() if _parted(row))
        groups: dict[int | None, list[_Row]] = {}
        for code in parted:
            groups.setdefault(self.fragment(self.rows[code]), []).append(self.rows[code])
        # a row printing its 总计 alone says where the columns are only in a table printed whole: one
        # of many small tables has its own columns, which an extra empty cell anywhere may shift
        lone_total = not self.totals_left_blank and len(groups.keys() - {None}) < 2
        by_cells = {k: _cell_columns(rows, set(self.widths), lone_total) for k, rows in groups.items()}
        either = {k: _by_either_end(by_cells[k], rows, self.six_columns) for k, rows in groups.items()}
        if lone_total and self.six_columns:  # (places no row of another count is read by)
            by_cells = {k: {**_six_cells_total(rows), **by_cells[k]} for k, rows in groups.items()}
        return parted, by_cells, either

    def _heading_pieces(self, shortest: int, wide: bool) -> dict[str, tuple[int, str]]:
        """Where the header, above the first row, starts each applicant column's heading (`自然` /
        `人` broken over lines: where its first piece, `shortest` characters or more, starts),
        counted across the page (in display cells where `wide`), and that piece's text: layout text
        only (lines' indents known), a heading alone on its line or a piece split off a line of text."""
        if not self.indents or not self.rows:
            return {}
        first = min(row.line for row in self.rows.values())
        names = _applicant_headings()
        out: dict[str, tuple[int, str]] = {}
        for _, cell in self.lines:
            if cell.line >= first:
                break
            if (at := self._place(cell, wide)) is None:
                continue
            for code, labels in names.items():
                if code not in out and any(_heads(cell.text, label, shortest) for label in labels):
                    out[code] = at, cell.text
        return out

    @cached_property
    def _long_pieces(self) -> dict[str, tuple[int, str]]:
        return self._heading_pieces(2, self.wide)

    @cached_property
    def heading_starts(self) -> dict[str, int]:
        """Where each heading's first piece of two characters or more starts (_heading_pieces)."""
        return {code: at for code, (at, _) in self._long_pieces.items()}

    @cached_property
    def heading_pieces(self) -> dict[str, tuple[int, str]]:
        """The headings' first pieces of two characters or more, else of one (`其` / `他`, `总` /
        `计` set a character a line): a spaced-out heading's character (`法  人  或  其 …`) never
        stands for a column a longer piece names."""
        long = self._long_pieces
        return long if len(long) == len(catalogue.applicants()) else {**self._heading_pieces(1, self.wide), **long}

    @cached_property
    def digit_width(self) -> float | None:
        """How wide a digit is in this layout text, in characters, where every value of the table's
        rows stands under the middle of an applicant column's heading: the width, from
        layout_digit_narrowest to the least of layout_digit_widest and what the table's lines allow
        (two pieces of a line never overlap, give or take the character a place is rounded to),
        that sets the values' middles nearest the headings' (an ideograph two digits wide), each
        within reach of one (_reach). None where no width does: the text is not set in one pitch
        (pdftotext's -layout moves cells), or not in cells' middles."""
        if not self.headings_all_read:
            return None
        widest = _widest_digit(
            [
                (at, _text_width(c.text), line)
                for line, cells in self.by_line.items()
                for c in cells
                if c.text.strip() and (at := self.across_page(c)) is not None
            ]
        )
        values = [(self.across_page(c), _text_width(c.text)) for row in self.rows.values() for _, c in row.values]
        if not values or any(start is None for start, _ in values):
            return None

        def misfit(digit: float) -> float | None:
            middles = list(self.heading_middles(digit).values())
            misses = [min(abs(m - (start + w * digit / 2)) for m in middles) for start, w in values]  # type: ignore[operator]
            return sum(misses) if max(misses) <= _reach(middles) else None

        return _best_digit(widest, misfit)

    @property
    def headings_all_read(self) -> bool:
        """A heading piece read for every applicant column, or for every one but 其他 (a header
        without it: a value standing under a 其他 its header lost is out of every heading's reach)."""
        read, applicants = set(self.heading_pieces), catalogue.applicants()
        return len(read) == len(applicants) or read == set(applicants) - {"other_org"}

    def heading_middles(self, digit: float) -> dict[str, float]:
        """Where each applicant column's heading has its middle, a digit `digit` characters wide."""
        return {code: at + _text_width(text) * digit / 2 for code, (at, text) in self.heading_pieces.items()}

    @cached_property
    def middles_vouched(self) -> bool:
        """Some row of three values or more, its 总计 among them, stands under the headings' middles
        (_by_middles) and adds up, its 总计 not 0 or the row one value short of full at most (a row
        of zeros adds up wherever its values stand, but then stands under nearly every heading):
        the table sets its cells in their middle, and this text keeps where they stand."""
        width = len(catalogue.applicants())
        for row in self.rows.values():
            core = [(n, c) for n, c in row.values if not _padding(n)]
            if len(core) >= 3 and (columns := _by_middles(row, core, self)) and columns[-1] == catalogue.applicants()[-1]:
                if (core[-1][0].count or len(core) >= width - 1) and blocks.adds_up([n.count for n, _ in core]):
                    return True
        return False

    @property
    def headings_at(self) -> dict[str, int]:
        """Where the header starts the headings of its first and last columns (自然人 and 总计)."""
        return {code: at for code, at in self.heading_starts.items() if code in _end_headings()}

    @cached_property
    def heading_slack(self) -> int:
        """How far from its heading a value of an end column may start: COLUMN_SLACK characters
        where every value of the table's rows starts between the two ends' headings, that slack
        either side (the extractor sets the whole table in one pitch: pdfplumber's layout, pdftotext
        -fixed), else none."""
        at = self.headings_at
        low, high = (at[code] for code in _end_headings()) if len(at) == 2 else (0, -1)
        for row in self.rows.values():
            for _, c in row.values:
                if (start := self.across_page(c)) is None or not low - COLUMN_SLACK <= start <= high + COLUMN_SLACK:
                    return 0
        return COLUMN_SLACK

    def across_page(self, cell: Cell) -> int | None:
        """Where a cell of layout text starts across the page, in the measure the text keeps (wide)."""
        return self._place(cell, self.wide)

    def _place(self, cell: Cell, wide: bool) -> int | None:
        """Where a cell of layout text starts across the page: its line's indent, and its place on
        the line (a piece split off it), or nothing more (a cell alone on its line); None where not
        known. In characters, or in display cells where `wide` (an ideograph two)."""
        if isinstance(cell, line_rows.Piece):
            if cell.at < 0:
                return None
            at = self.indents.get(cell.line, 0) + cell.at
            if wide:
                before = takewhile(lambda c: c is not cell, self.by_line.get(cell.line, ()))
                at += sum(_text_width(c.text) - len(c.text) for c in before)
            return at
        return self.indents.get(cell.line, 0) if len(self.by_line.get(cell.line, ())) == 1 else None

    @cached_property
    def wide(self) -> bool:
        """Whether the layout text sets its columns in display cells, an ideograph as wide as two
        digits (a terminal browser's dump of a page, w3m's), not in characters (pdftotext's
        -layout): a row starts its values at headings' starts in that measure alone, or the rows
        printed in full set their values in one grid in that measure alone."""
        if not self.indents:
            return False
        return (
            self._starts_vouched(True) and not self._starts_vouched(False) or self._one_grid(True) and not self._one_grid(False)
        )

    def _one_grid(self, wide: bool) -> bool:
        """Two rows or more print every column on their label's line, all starting their values at
        the same places, measured so (in display cells where `wide`)."""
        width = len(catalogue.applicants())
        grids = []
        for row in self.rows.values():
            core = [c for n, c in row.values if not _padding(n)]
            if len(core) == width and all(c.line == row.line for c in core):
                grids.append(tuple(self._place(c, wide) for c in core))
        return len(grids) >= 2 and len(set(grids)) == 1 and None not in grids[0]

    def _starts_vouched(self, wide: bool) -> bool:
        """Some row starts each value on its label's line at the very place a heading starts,
        measured so (in display cells where `wide`), left to right: a row printing every column,
        or one printing its 总计, not 0, and values adding up to it."""
        heads = self._heading_pieces(2, wide)
        order = catalogue.applicants()
        if len(heads) != len(order):
            return False
        starts = [heads[code][0] for code in order]
        for row in self.rows.values():
            core = [(n, c) for n, c in row.values if not _padding(n)]
            if len(core) < 2 or any(c.line != row.line for _, c in core):
                continue
            at = [self._place(c, wide) for _, c in core]
            if len(core) == len(order) and at == starts:
                return True
            counts = [n.count for n, _ in core]
            if at[-1] == starts[-1] and set(at) <= set(starts) and at == sorted(set(at)) and None not in counts:
                if counts[-1] and sum(counts[:-1]) == counts[-1]:  # type: ignore[arg-type]
                    return True
        return False

    @cached_property
    def _fragments(self) -> dict[int, int]:
        """For each line of a Markdown table's row, which of the Markdown tables it is in: a line of
        other text between two rows starts another (markitdown's text of a PDF prints table 3 as
        many small tables among its labels, each of its own columns)."""
        ruled: dict[int, bool] = {}  # each line with text: whether it is a Markdown table's row
        for _, cell in self.lines:
            if cell.text.strip() or isinstance(cell, Ruled):
                ruled[cell.line] = ruled.get(cell.line, False) or isinstance(cell, Ruled)
        out: dict[int, int] = {}
        k, between = 0, False
        for line in sorted(ruled):
            if ruled[line]:
                if between and out:
                    k += 1
                between = False
                out[line] = k
            else:
                between = True
        return out

    def fragment(self, row: _Row) -> int | None:
        """The Markdown table a row's values are printed in (None: text of another form)."""
        if not row.values or not isinstance(row.values[0][1], Ruled):
            return None  # a line's cells are all of one kind: not a Markdown row's
        return self._fragments.get(row.values[0][1].line)


def _values_on_own_line(row: _Row, table: _Table3) -> bool:
    """No line between the rows' labels before and after the row's, but its own, prints a value:
    none of its cells is printed on a line above or below its label's (a wrapped label's)."""
    lines = sorted(r.line for r in table.rows.values())
    k = lines.index(row.line)
    low, high = lines[k - 1] if k else -1, lines[k + 1] if k + 1 < len(lines) else float("inf")
    for line, cells in table.by_line.items():
        if low < line < high and line != row.line and any(_is_value(c.text) for c in cells):
            return False
    return True


@cache
def _applicant_headings() -> dict[str, tuple[str, ...]]:
    """The labels of each applicant column, in the columns' order."""
    labels = catalogue.load().of_kind("applicant")
    return {code: tuple(lab.label for lab in labels if lab.code == code) for code in catalogue.applicants()}


@cache
def _end_headings() -> dict[str, tuple[str, ...]]:
    """The labels of the first and last applicant columns (自然人, 总计)."""
    names = _applicant_headings()
    ends = list(names)[0], list(names)[-1]
    return {code: names[code] for code in ends}


def _heads(text: str, label: str, shortest: int = 2) -> bool:
    """The text is the label, or its first piece (`shortest` characters or more) where a header breaks it."""
    return text == label or len(text) >= shortest and label.startswith(text)


def _under_end_headings(row: _Row, core: list[tuple[Number, Cell]], table: _Table3) -> list[str] | None:
    """The columns of a row of layout text that leaves its other cells blank (a report leaving
    zeros blank), from where its values start on its label's line (values on a line of their own
    between labels may be either's): two values that add up, starting at the very places the
    header's headings of 自然人 and 总计 do (`一、本年新收…   26        26`); or a value alone at
    总计's, in a table set in one pitch (heading_slack). The two ends only: where an extractor sets
    a row's columns in from the header's (pdftotext -layout pushes a value right of a long label,
    and sets runs of lines in pitches of their own), a middle column's value may start where
    another heading does, and a lone value where 总计's does, but never both ends' values at theirs."""
    if not 0 < len(core) <= 2 or any(n.count is None or c.line != row.line for n, c in core):
        return None
    if len(core) == 2 and (core[0][0].count != core[1][0].count or not _laid_out(core)):
        return None
    at = table.headings_at
    if len(at) != 2 or (slack := table.heading_slack) == 0 and len(core) == 1 or not _values_on_own_line(row, table):
        return None
    ends = list(_end_headings())[-len(core) :]
    starts = [table.across_page(c) for _, c in core]
    if any(start is None or abs(start - at[code]) > slack for start, code in zip(starts, ends)):
        return None
    return ends


def _under_headings(row: _Row, core: list[tuple[Number, Cell]], table: _Table3) -> list[str] | None:
    """The columns of a row of layout text printing some of its cells blank, where the header
    starts every applicant column's heading at a place of its own and each of the row's values,
    on its label's line and set apart by a column's gap, starts at the very place one does, left
    to right (`一、本年新收…   3   0   0   0   0        3` under a header whose 其他 stands over
    nothing). Where the row prints its 总计, its other values add up to it (a blank counted 0: a
    value of the row printed on another line, beside a wrapped label, could only be a 0 left NULL);
    where not, it prints the other six and no other line by its label prints a value (a 总计 set
    higher). A column's value pushed right of a long label, or a run of lines in a pitch of its
    own, starts where no heading does, or where another does but never with every value of its
    row at one (measured on the layout text of the generated PDFs: 647 rows of two to six values
    so, and 19,546 rows printed in full with any one value taken out, none placed wrong). Text set
    in display cells (wide: a terminal browser's grid, every row's columns where the header's
    are) places any of its values so, one alone too."""
    at = table.heading_starts
    width = len(catalogue.applicants())
    if len(at) != width or len(set(at.values())) != width or not (1 if table.wide else 2) <= len(core) < width:
        return None
    if any(n.count is None or c.line != row.line for n, c in core) or not _laid_out(core):
        return None
    column_at = {start: code for code, start in at.items()}
    starts = [table.across_page(c) for _, c in core]
    columns = [column_at.get(start) for start in starts]  # type: ignore[arg-type]
    if None in columns or starts != sorted(set(starts)):  # type: ignore[type-var]
        return None
    counts = [n.count for n, _ in core]
    if columns[-1] == catalogue.applicants()[-1]:
        return columns if sum(counts[:-1]) == counts[-1] else None  # type: ignore[return-value]
    some = len(core) == width - 1 or table.wide
    return columns if some and _values_on_own_line(row, table) else None  # type: ignore[return-value]


_DIGIT_NARROWEST = settings.value("layout_digit_narrowest")  # a digit's width in characters of layout text: the least
_DIGIT_WIDEST = settings.value("layout_digit_widest")  # and the greatest, unless the table's lines say less
_DIGIT_STEP = settings.value("layout_digit_step")  # widths tried between the two, this far apart
_DIGIT_SPREAD = settings.value("layout_digit_spread")  # a value's column must not change this share either side


def _digit_widths(widest: float) -> list[float]:
    """The widths of a digit tried: from layout_digit_narrowest to `widest` (layout_digit_widest at
    most), layout_digit_step apart; none where `widest` is narrower than the narrowest."""
    widest = min(widest, _DIGIT_WIDEST)
    if widest < _DIGIT_NARROWEST:
        return []
    return [_DIGIT_NARROWEST + k * _DIGIT_STEP for k in range(int((widest - _DIGIT_NARROWEST) / _DIGIT_STEP + 1e-9) + 1)]


def _best_digit(widest: float, misfit: Callable[[float], float | None]) -> float | None:
    """The width of a digit (_digit_widths up to `widest`) whose misfit is least, of those where
    `misfit` says every value stands within reach of a heading (None where one does not)."""
    best, best_misfit = None, float("inf")
    for digit in _digit_widths(widest):
        if (off := misfit(digit)) is not None and off < best_misfit:
            best, best_misfit = digit, off
    return best


def _spread(digit: float) -> tuple[float, float, float]:
    """A digit's width fitted, and a share (layout_digit_spread) narrower and wider."""
    return digit * (1 - _DIGIT_SPREAD), digit, digit * (1 + _DIGIT_SPREAD)


def _text_width(text: str) -> int:
    """A text's width in digits: an ideograph (or a full-width sign) is two."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def _reach(middles: list[float]) -> float:
    """How far from a heading's middle a value's may stand: a third of the narrowest gap between
    two (0 where two share a middle, or fewer than two: no value stands within reach)."""
    ordered = sorted(middles)
    return min((b - a for a, b in zip(ordered, ordered[1:])), default=0) / 3


def _by_middles(row: _Row, core: list[tuple[Number, Cell]], table: _Table3) -> list[str] | None:
    """The columns of a row of layout text that sets every value under a heading's middle
    (digit_width), its values all on one line of the row's label (its first, or one of its wrapped
    rest: `数量   821   35 …`) and no other line by its label printing one: each value under the
    heading whose middle is nearest its own, within reach, alike at the width fitted and a share
    either side (_DIGIT_SPREAD), the columns left to right. A table whose cells are set in their
    middle (most offices') puts a value under its heading's middle, not where the heading starts."""
    fitted = table.digit_width
    if fitted is None or not core or any(n.count is None for n, _ in core):
        return None
    if not _laid_out(core) and len(core) > 1 or not _alone_by_label(row, core[0][1].line, table):
        return None
    starts = [table.across_page(c) for _, c in core]
    if None in starts:
        return None
    picks: list[str] | None = None
    for digit in _spread(fitted):
        middles = table.heading_middles(digit)
        reach = _reach(list(middles.values()))
        columns = []
        for start, (_, cell) in zip(starts, core):
            middle = start + _text_width(cell.text) * digit / 2  # type: ignore[operator]
            code = min(middles, key=lambda k: abs(middles[k] - middle))
            if abs(middles[code] - middle) > reach or reach <= 0:
                return None
            columns.append(code)
        if picks is not None and columns != picks:
            return None
        picks = columns
    order = catalogue.applicants()
    if not picks or [order.index(c) for c in picks] != sorted({order.index(c) for c in picks}):
        return None
    return picks


def _alone_by_label(row: _Row, line: int, table: _Table3) -> bool:
    """The line is the row's label's first, or one of its wrapped rest or above one (before the next
    row's label: the row's cells, set in their middle, stand beside the label's lines), and no other
    line by the label prints a value."""
    after = [r.line for r in table.rows.values() if r.line > row.line]
    end = min(after) if after else float("inf")
    if not row.line <= line < end:
        return False
    words = [other for other, cells in table.by_line.items() if line <= other < end and any(not _is_value(c.text) for c in cells)]
    if line != row.line and not words:
        return False  # values after the label's last line: the next row's, set above its label, as likely
    if line != row.line and any(_opens_another_row(row.code, c.text) for c in table.by_line.get(line, ())):
        return False  # a sub-row's numbering on the values' line (`1.属于国家  0  0`): that row's, its label unread
    for other, cells in table.by_line.items():
        if row.line <= other < end and other != line and any(_is_value(c.text) for c in cells):
            return False
    return True


def _under_middles(row: _Row, core: list[tuple[Number, Cell]], table: _Table3) -> list[str] | None:
    """The columns of a row printing some of its cells blank, by where its values stand
    (_by_middles), in a table some row of which vouches for its middles (middles_vouched): where
    the row prints its 总计, its other values add up to it (a blank counted 0)."""
    if len(core) >= len(catalogue.applicants()) or (columns := _by_middles(row, core, table)) is None:
        return None
    if not table.middles_vouched:
        return None
    counts = [n.count for n, _ in core]
    if columns[-1] == catalogue.applicants()[-1] and len(core) > 1 and sum(counts[:-1]) != counts[-1]:  # type: ignore[arg-type]
        return None
    return columns


def parse_table3(
    region: Region,
    report: ParsedReport,
    page_ends: frozenset[int] = frozenset(),
    indents: dict[int, int] | None = None,
    footers: frozenset[int] = frozenset(),
) -> dict[str, list]:
    """Table 3's cells placed on (row, applicant); every cell of the template gets a row in
    report.applications, NULL where nothing was placed. Returns what was placed. `page_ends`: the
    lines that end a page (Document.page_ends); `indents`: the lines' indents (Document.indents);
    `footers`: lines that may print a page's number (Document.footers)."""
    indents = indents or {}
    matcher = catalogue.load().matcher(*_T3_KINDS)
    lines = line_rows.table_cells(region, _is_label(matcher))
    read = ParsedReport()
    placed, first = _placed_table3(lines, matcher, read, page_ends, indents, footers)
    report.unmapped.extend(read.unmapped)
    if placed is None:
        report.issues.extend(read.issues)
        return {}
    ordered = _in_template_order(lines, first, placed)
    rest = [] if ordered else _rest_by_rows(lines, first, placed)
    zeros = [] if ordered or rest else _zeros_by_count(lines, first, placed)
    if ordered:
        report.warn(
            "table3_in_template_order",
            f"table 3 prints as many values as its rows have cells, in the template's order of rows: rows "
            f"{', '.join(ordered)}, which their labels did not place, take theirs in that order, every row adding up "
            "to its 总计 and every label read standing before its row's values",
        )
    elif rest:
        report.warn(
            "table3_rest_by_rows",
            f"table 3 prints rows {', '.join(rest)} each with one value beside its label and the others after the "
            "labels, a line each: each row takes its share in the order printed, and every one adds up to its 总计",
        )
    if ordered or rest:
        report.issues.extend(i for i in read.issues if i.check_name not in _MOOT_ONCE_PLACED)
    elif zeros:
        report.warn(
            "table3_zeros_by_count",
            f"table 3 prints {len(_table_values(lines))} values, as many as its rows have cells, and those no row took "
            f"are all 0: rows {', '.join(zeros)}, which their labels did not place, are 0 (each cell's ref is one of "
            "those zeros, in the order printed)",
        )
    else:
        report.issues.extend(read.issues)
    report.applications.extend(
        [
            (code, col, *placed[code].get(col, _NOTHING)) if code in placed else (code, col, None, None)
            for code, col in _t3_cells(matcher)
        ]
    )
    return placed


def _placed_table3(
    lines: Region,
    matcher: catalogue.LabelMatcher,
    report: ParsedReport,
    page_ends: frozenset[int],
    indents: dict[int, int],
    footers: frozenset[int],
) -> tuple[dict | None, _Table3]:
    """Table 3's rows placed by their labels, read both ways where a tool may have set values
    above their labels, and what pdftotext's and the extractors' orders leave in doubt taken out."""
    start = len(report.issues)
    placed, first = _read_table3(lines, matcher, report, indents, _paragraph_cells_printed(lines, page_ends), footers)
    if placed and not _whole(placed) and (moved := _values_before_labels(lines, matcher, indents, footers)) is not None:
        other, second = _read_table3(moved, matcher, ParsedReport(), indents, footers=footers)
        # a value before the first row's label that only the second way places: the table prints
        # values above their labels, whatever the first way's sums say (a report's own failing
        # 总计 is not made good by the next row's)
        above = first.values_before_rows and not second.values_before_rows
        _either_label(report, placed, other or {}, (first, second), "second_by_layout" if above else None)
    if placed is None:
        return None, first
    _page_end_rows(report, placed, first, page_ends)
    _footer_rows(report, placed, first, footers, joined=not page_ends)
    _before_moved_labels(report, placed, first)
    _stacked_rows(report, placed, first, page_ends)
    _labels_in_one_block(report, placed, first, page_ends)
    _last_value_in_next_block(report, placed, first, page_ends)
    _values_before_blank_label(report, placed, first, page_ends)
    _values_above_blank_label(report, placed, first)
    _between_labels(report, placed, first)
    _blank_column(report, first, placed, start, page_ends)
    return placed, first


def _table_values(lines: Region) -> list[Cell]:
    """The cells of the table holding a printed value, in the order printed."""
    return [cell for _, cell in lines if _is_value(cell.text)]


def _zeros_by_count(lines: Region, table: _Table3, placed: dict) -> list[str]:
    """A table printing exactly as many values as the rows it prints have cells (the 2021 format's
    rows or the 2019 format's, as its labels show) prints every cell: where the values no placed
    row took are all 0, the rows their labels did not place are 0 too, whichever line holds which
    row's (pdftotext's blocks of lone zeros do not say). They take those zeros in the order
    printed; their codes are returned ([] for any other table). What the reading doubted of them
    is moot then."""
    order = _template_order(table)
    missing = [code for code in order if code not in placed]
    if not missing or _unsure_2019(table, order):
        return []
    values = _table_values(lines)
    width = len(catalogue.applicants())
    if len(values) != len(order) * width:
        return []
    taken = {ref for code in order if code in placed for _, ref in placed[code].values()}
    free = [c for c in values if c.ref not in taken]
    if len(free) != len(missing) * width or any(_NUMBER[c.text].count != 0 for c in free):
        return []
    for k, code in enumerate(missing):
        placed[code] = {col: (0, c.ref) for col, c in zip(catalogue.applicants(), free[k * width : (k + 1) * width])}
    return missing


# what a reading placing every value of table 3 settles
_MOOT_ONCE_PLACED = frozenset({"row_misaligned", "unplaced_numbers", "row_without_numbers"})


def _in_template_order(lines: Region, table: _Table3, placed: dict) -> list[str]:
    """A table printing exactly as many values as its rows have cells, each row's in its columns'
    order and the rows in the template's, whatever stands between them (pdftotext's default order
    of a page printed by a browser: a row's values a line each after its label, some labels set
    after all the values, `保护第三` / `方合法权益` / fourteen zeros, the next row's label printed
    later): the rows its labels did not place take their values in that order. Only where each
    such row's values stand in their columns' order (_in_columns_order), every row then adds up to its 总计, every row placed took the same cells, and every row whose
    label was read with values after it starts at the first of them. Returns the codes placed ([]
    for any other table)."""
    order = _template_order(table)
    missing = [code for code in order if code not in placed]
    if not missing or any(table.rows[code].values for code in table.printed_late):
        return []  # (a label printed out of order with no values after it: set apart from its row's values)
    values = _table_values(lines)
    for width in table.widths:
        if len(values) != len(order) * width:
            continue
        columns = catalogue.applicants() if width == len(catalogue.applicants()) else _six_columns()
        chunks = {code: values[k * width : (k + 1) * width] for k, code in enumerate(order)}
        if not all(_in_columns_order(chunks[code], table) for code in missing):
            return []
        counts = {code: [_NUMBER[c.text].count for c in cells] for code, cells in chunks.items()}
        if not all(blocks.adds_up(row) for row in counts.values()):
            return []
        for code, row in table.rows.items():
            if row.values and code in chunks and row.values[0][1] is not chunks[code][0]:
                return []
        for code, cells in placed.items():
            if code in chunks and [ref for _, ref in cells.values()] != [c.ref for c in chunks[code]]:
                return []
        for code in missing:
            placed[code] = {col: (count, c.ref) for col, count, c in zip(columns, counts[code], chunks[code])}
        return missing
    return []


def _in_columns_order(cells: list[Cell], table: _Table3) -> bool:
    """The cells, in the order printed, may stand in their columns' order: they share one line,
    or stand a line each, or where each starts is not known for all; where layout text shows it,
    each starts right of the one before (not so a row set partly on the line above: `（二）部分
    公开… 0      2` / `0  0  0  0  2` is 0 0 0 0 0 2 2, read in the order printed 0 2 0 0 0 0 2)."""
    lines = [c.line for c in cells]
    if len(set(lines)) == 1 or all(line in table.lone_values for line in lines):
        return True
    starts = [_column(c, table.indents) for c in cells]
    return None in starts or all(a < b for a, b in zip(starts, starts[1:]))  # type: ignore[operator]


@cache
def _six_columns() -> list[str]:
    """The applicant columns of a table printed without 其他."""
    return [a for a in catalogue.applicants() if a != "other_org"]


def _rest_by_rows(lines: Region, table: _Table3, placed: dict) -> list[str]:
    """pdftotext's default order of a table whose label column and first value column it reads
    apart from the other columns (a page printed by a browser): each row prints its label and its
    first value (自然人), and the row's other values come later, a line each, the rows' one after
    another in blocks (`（一）予以公开` / `27` / … `7.属于行政执法案卷` / `6` / then `0` / `0` / `2` /
    `0` / `1` / `30` / `0` …). Where the rows left unplaced, in the template's order, each printed
    one value by its label, and the values after the first such label are exactly the rest of
    those rows' cells, in blocks of whole rows, one holding two rows' at least (a row's values
    after its own label are its own: other readings weigh those), the rows take them in the order
    printed, placed only when every one adds up to its 总计. Returns the codes placed ([] for
    any other table)."""
    order = _template_order(table)
    missing = [code for code in order if code not in placed]
    if len(missing) < 2 or table.printed_late or any(code not in table.rows for code in missing):
        return []
    rows = [table.rows[code] for code in missing]
    if any(not row.values or a.line >= b.line for row, a, b in zip(rows, rows, rows[1:])) or not rows[-1].values:
        return []
    firsts = [row.values[0] for row in rows]
    if any(n.count is None for n, _ in firsts):
        return []
    first_ids = {id(c) for _, c in firsts}
    taken = {ref for cells in placed.values() for _, ref in cells.values()}
    labels = {row.line for row in rows}
    start = rows[0].line
    extras: list[Cell] = []
    runs = [0]
    for _, cell in lines:
        if cell.line <= start:
            continue
        if id(cell) in first_ids or cell.line in labels:
            if runs[-1]:
                runs.append(0)  # a row's label or first value ends a block of values
        elif _is_value(cell.text) and cell.ref not in taken:
            extras.append(cell)
            runs[-1] += 1
    for width in table.widths:
        share = width - 1
        if len(extras) != share * len(rows) or any(run % share for run in runs) or max(runs) < 2 * share:
            continue
        shares = [extras[k * share : (k + 1) * share] for k in range(len(rows))]
        counts = [[n.count, *(_NUMBER[c.text].count for c in cells)] for (n, _), cells in zip(firsts, shares)]
        if not all(blocks.adds_up(row) for row in counts):
            return []
        columns = catalogue.applicants() if width == len(catalogue.applicants()) else _six_columns()
        for (_, first), cells, row, row_counts in zip(firsts, shares, rows, counts):
            placed[row.code] = {col: (count, c.ref) for col, count, c in zip(columns, row_counts, [first, *cells])}
        return missing
    return []


def _unsure_2019(table: _Table3, order: list[str]) -> bool:
    """The table reads as the 2019 format's (其他处理 a row of its own), but may be the 2021
    format's with its three 其他处理 rows' labels not read (pdftotext cuts them): a row of the
    order whose label was not read, numbers after a label not known, or 其他处理 taking more
    values than a row has."""
    if "other_handling" not in table.rows or _has_other_rows(table.rows):
        return False
    width = len(catalogue.applicants())
    return bool(table.stray) or any(code not in table.rows for code in order) or len(table.rows["other_handling"].values) > width


def _page_end_rows(report: ParsedReport, placed: dict, table: _Table3, page_ends: frozenset[int]) -> None:
    """Rows whose values, each on a line of its own, are the last their page prints: pdftotext
    (default mode) orders such a row's blocks by the headings' blocks above them, not left to right
    (`0 0 0 0 0 3 3` for 0 | 3 | 0 … | 3, the 3 under 其他 where the report prints it under 商业企业),
    as it does table 2's. Such a row is refused unless its values are all alike or a column
    identity it is in vouches for it: every row of that identity placed and every column holding."""
    if not page_ends:
        return
    for code, row in table.rows.items():
        lines = [c.line for _, c in row.values]
        if code not in placed or not lines or lines[-1] not in page_ends or len(set(lines)) != len(lines):
            continue
        if row.line in lines or len({n.value for n, _ in row.values}) < 2 or _vouched(code, placed):
            continue
        del placed[code]
        report.warn(
            "row_misaligned",
            f"table 3 row {code} ({row.label}, {row.ref}): its values, each on a line of its own, are the last its page "
            "prints, where pdftotext's reading order does not keep the columns' order, and no column identity vouches "
            "for them; none is placed",
        )
        _unplaced(report, "table 3", f"row {code}", row.values)


def _footer_rows(report: ParsedReport, placed: dict, table: _Table3, footers: frozenset[int], joined: bool) -> None:
    """Rows whose 总计 is printed alone on a line that may print its page's number (pages joined
    without a form feed, PyMuPDF's `0 0 0 0 0 0` / `3` / next label): the number may be the page's
    footer after the row's values, the row one value short. Where the 总计 fails, or, the pages
    joined without a form feed (`joined`: no footer known to stand where a page ends), the table has
    rows printing one value fewer, their 总计 or another cell blank (`2 0 0 0 0 0` / `2`, page 2's
    footer, after such rows; `1 0 0 0 0 1` / `2` where rows leave 其他 blank, the row's six values
    adding up so too), none of its values is placed. A row failing with such a number among its
    other values keeps it (a report's own error)."""
    if not footers:
        return
    applicants = catalogue.applicants()
    shorts = {_one_short(_core(row.values), len(applicants) - 1) for row in table.rows.values()} if joined else set()
    for code, cells in list(placed.items()):
        counts = [cells.get(col, _NOTHING)[0] for col in applicants]
        if None in counts:
            continue
        if blocks.adds_up(counts) and "total" not in shorts and not ("cell" in shorts and blocks.adds_up(counts[:-1])):
            continue  # its 总计 holds, and no row prints its values as this one would without the last
        refs = [ref for _, ref in cells.values()]
        last = refs[-1] if refs and refs[-1] and refs.count(refs[-1]) == 1 else ""
        if not on_footer_line(last, footers):
            continue
        del placed[code]
        why = (
            "its 总计 is not the sum of its other values"
            if not blocks.adds_up(counts)
            else "rows of the table print one value fewer, a cell blank"
        )
        report.warn(
            "row_misaligned",
            f"table 3 row {code}: {why}, and its 总计 stands alone on {last}, where pages joined without a form feed "
            "may print a page's number: none is placed",
        )


def _one_short(core: list, width: int) -> str:
    """`width` values, not all zeros, one fewer than the row's cells: "total" where their last is
    not the sum of the others (the row left its 总计 blank), "cell" where it is (another cell);
    "" for any other row."""
    counts = [n.count for n, _ in core]
    if len(core) != width or None in counts or not any(counts):
        return ""
    return "cell" if blocks.adds_up(counts) else "total"


def _stacked_rows(report: ParsedReport, placed: dict, table: _Table3, page_ends: frozenset[int]) -> None:
    """pdftotext's text (its pages end in form feeds) prints a column's cells that stand one above
    another as one block, a line each, while a row's cells, side by side, share a line or stand in
    blocks of their own. Where the table holds more values so (alone on lines one after another)
    than a row has cells, it prints columns that way (the 总计s of rows whose other cells are
    blank), and a row whose values are such lines is not vouched for by its count or its sums (a
    column of zeros adds up as a row): none is placed, unless an identity of the table vouches
    for it (a reading in the template's order of such blocks, every row placed). In any table, a
    row read from such lines whose 总计 its other values deny took a column's cells for its own."""
    if not page_ends or not placed:
        return
    alone = table.lone_values
    longest = _longest_run(alone)
    if longest < 2:
        return  # no two lone values one after another: no row read from such lines
    columns = longest > len(catalogue.applicants())
    line_of = table.line_of
    stacked = [
        code
        for code, cells in placed.items()
        if _on_lines_running(sorted(line_of.get(ref, 0) for _, ref in cells.values() if ref), alone)
        and (columns or _total_fails(cells))
        and not _vouched(code, placed)
    ]
    for code in stacked:
        del placed[code]
        report.warn(
            "row_misaligned",
            f"table 3 row {code}: its values stand alone on lines one after another, as pdftotext prints a column's "
            "cells, "
            + ("in a table printing more values so than a row has" if columns else "and its 总计 is not their sum")
            + ", and no identity vouches for them: left NULL",
        )


def _labels_in_one_block(report: ParsedReport, placed: dict, table: _Table3, page_ends: frozenset[int]) -> None:
    """pdftotext's text (its pages end in form feeds) prints the labels of rows one above another
    as one block, lines with no blank between, and their values after it, a line each (or two,
    `0 44`, of cells set in their middle): a row printed blank among them (`二、上年结转…` / `三、本年
    （一）予以公开` / `（二）部分公开…` / `5` / `0` …) leaves no sign of which label the values are. A row
    read from such lines, after a block holding the label of another row printed without values, is
    placed only where giving the values to that row breaks a column identity that holds as read;
    else neither is."""
    if not page_ends or not placed:
        return
    alone, apart = table.lone_values, table.value_lines
    counts = {code: {col: v for col, (v, _) in cells.items()} for code, cells in placed.items()}
    line_of = table.line_of
    for code in list(placed):
        row = table.rows.get(code)
        lines = [line_of.get(ref, -1) for _, ref in placed[code].values() if ref]
        if row is None or not lines or not all(line > row.line for line in lines):
            continue
        if not all(line in alone for line in lines) and (len(set(lines)) < 2 or not all(line in apart for line in lines)):
            continue  # (a row's values on one line of their own are a row of layout text, its label's)
        blank = [other for other in _blank_rows_in_block(row, table) if other not in placed]
        others = [other for other in blank if not _only_as_read(code, other, counts)]
        if not others:
            continue
        del placed[code]
        report.warn(
            "row_misaligned",
            f"table 3 row {code} ({row.label}, {row.ref}): its values, on lines of their own, follow a block of labels that "
            f"also holds {', '.join(others)}, printed without values (pdftotext's order: whose they are, the text does "
            "not say, nor do the column identities): left NULL",
        )


def _last_value_in_next_block(report: ParsedReport, placed: dict, table: _Table3, page_ends: frozenset[int]) -> None:
    """pdftotext's text parts blocks by blank lines and sets a row's first value, the cell beside
    the label column, in the block of its label (`2.重复申请` / `1` … `0` / (blank) / `1` /
    `3.要求提供公开出版物`): a value alone on its line right above a later row's label, after a blank
    line, is that row's, printed before its label. A row that read it as its last value (its
    总计, which it may add up to) is one value short, which of its cells is blank the text does not
    say: NULL."""
    if not page_ends or not placed:
        return
    by_line = table.by_line
    alone = table.lone_values
    line_of = table.line_of
    label_lines = {row.line: code for code, row in table.rows.items()}
    for code in list(placed):
        refs = [ref for _, ref in placed[code].values() if ref]
        last = line_of.get(refs[-1], -1) if refs else -1
        row = table.rows.get(code)
        later = label_lines.get(last + 1)
        if row is None or last not in alone or last - 1 in by_line or later is None or later == code:
            continue
        if table.rows[later].line <= row.line:
            continue
        del placed[code]
        report.warn(
            "row_misaligned",
            f"table 3 row {code} ({row.label}, {row.ref}): its last value ({refs[-1]}) stands alone right above row "
            f"{later}'s label, in its block (pdftotext sets a row's first value there): one value short, NULL",
        )


def _values_before_blank_label(report: ParsedReport, placed: dict, table: _Table3, page_ends: frozenset[int]) -> None:
    """pdftotext's text may print a row's values before its wrapped label (set lower than its
    values): `8.属于行政查询事项` / `7` … `9` / `1.本机关不掌握相关政府` / `信息`. Where values, a line
    each, are all that stands between a row's label and the next row's, whose label goes on to the
    next line and has no values after it, whose they are the text does not say: NULL, unless a
    column identity vouches for the row."""
    if not page_ends or not placed:
        return
    alone = table.lone_values
    by_line = table.by_line
    line_of = table.line_of
    order = {code: k for k, code in enumerate(catalogue.table3_rows())}
    for code in list(placed):
        row = table.rows.get(code)
        lines = [line_of.get(ref, -1) for _, ref in placed[code].values() if ref]
        if row is None or not lines or not all(line in alone and line > row.line for line in lines):
            continue
        after = [r for r in table.rows.values() if r.line > max(lines)]
        nxt = min(after, key=lambda r: r.line, default=None)
        if nxt is None or nxt.code in placed or _any_value(nxt.values) or order.get(nxt.code, -1) <= order.get(code, -1):
            continue
        if any(r.line > row.line and r.line < max(lines) for r in table.rows.values()) or _vouched(code, placed):
            continue
        if any(line in by_line for line in range(max(lines) + 1, nxt.line)) or not _wrapped(nxt, table):
            continue
        del placed[code]
        report.warn(
            "row_misaligned",
            f"table 3 row {code} ({row.label}, {row.ref}): its values, a line each, stand between its label and row "
            f"{nxt.code}'s, printed without values after it (pdftotext may print a row's values before its wrapped label): "
            "whose they are, the text does not say, and no identity vouches for them: left NULL",
        )


def _values_above_blank_label(report: ParsedReport, placed: dict, table: _Table3) -> None:
    """Layout text sets a row's values level with the middle of its row, which a tool's lines may
    put between two labels: `3.要求提供公开出版物` / `0 0 0 0 0 0` / `4.无正当理由大量反复申请`. Where
    a row's values are a line of their own between its one-line label and the next row's, which
    has none, no nearer its own than the next, whose they are the text does not say (the row
    below, printed blank, would read so too): NULL, unless a column identity vouches for the row."""
    line_of, by_line = table.line_of, table.by_line
    order = {code: k for k, code in enumerate(catalogue.table3_rows())}
    for code in list(placed):
        row = table.rows.get(code)
        lines = {line_of.get(ref, -1) for _, ref in placed[code].values() if ref}
        if row is None or len(lines) != 1 or (line := lines.pop()) <= row.line:
            continue
        words = [c.text for c in by_line[line] if _NUMBER[c.text] is None and c.text.strip()]
        if any(by_line.get(n) for n in range(row.line + 1, line)) or any(
            _label_piece(code, row.label, w) or _label_end(code, row.label, w) for w in words
        ):
            continue  # the label goes on before them or beside them (a group's heading beside them says nothing)
        nxt = min((r for r in table.rows.values() if r.line > line), key=lambda r: r.line, default=None)
        if nxt is None or nxt.code in placed or _any_value(nxt.values) or order.get(nxt.code, -1) <= order.get(code, -1):
            continue
        if nxt.line - line > line - row.line or any(by_line.get(n) for n in range(line + 1, nxt.line)) or _vouched(code, placed):
            continue  # nearer its own label than the next (a tool's lines keep the page's spacing)
        del placed[code]
        report.warn(
            "row_misaligned",
            f"table 3 row {code} ({row.label}, {row.ref}): its values, a line of their own, stand between its label "
            f"and row {nxt.code}'s, printed without values (a layout sets a row's values level with its middle): "
            "whose they are, the text does not say, and no identity vouches for them: left NULL",
        )


def _wrapped(row: _Row, table: _Table3) -> bool:
    """The row's label goes on to the next line: words, no value, no other row's label."""
    rest = table.by_line.get(row.line + 1)
    return bool(rest) and not any(_is_value(c.text) for c in rest) and all(r.line != row.line + 1 for r in table.rows.values())


def _blank_rows_in_block(row: _Row, table: _Table3) -> list[str]:
    """The rows printed without values whose label stands in the block of text lines, with no
    blank line or value between, that ends where `row`'s label stands."""
    by_line, block, line = table.by_line, set(), row.line - 1
    while line in by_line and not any(_is_value(c.text) for c in by_line[line]):
        block.add(line)
        line -= 1
    return [
        code
        for code, other in table.rows.items()
        if code != row.code and other.line in block and code in _printed_rows() and not _any_value(other.values)
    ]


def _only_as_read(code: str, other: str, counts: dict) -> bool:
    """The column identities hold with the row's values as read, and fail with them as `other`'s."""
    moved = {c: cells for c, cells in counts.items() if c != code} | {other: counts[code]}
    return _column_identities_hold(counts, {code}) and not _column_identities_hold(moved, {other})


def _between_labels(report: ParsedReport, placed: dict, table: _Table3) -> None:
    """A table that prints some row's values on the line above its label (numbers no row placed
    stand right before a label: markitdown's text of a PDF, whose tables pdfplumber cuts at wrapped
    labels) leaves unsaid whose the values between two labels are. There a row whose values are a
    Markdown table's row after its label's line (the label on a line of text) is refused when
    numbers no row placed stand right before that label, or when the next label follows its values
    and that row has none (words between, a group heading's pieces, do not part them): those values
    may be the next row's (`3.其他` / `| 28 2 | … | 0 31 |` / `（七）总计`), unless an identity of the
    table vouches for them."""
    if not placed:
        return
    left = [v for values in table.stray.values() for v in values]  # numbers no row took, or a refused row's
    left += [v for code, row in table.rows.items() if code not in placed for v in row.values]
    by_line = table.by_line

    def ruled(line: int) -> bool:
        return any(isinstance(c, Ruled) for c in by_line.get(line, ()))

    amid = _values_amid_labels(table, ruled)
    if not amid and not any(n.value is not None for n, _ in left):
        return  # no number before a label, and no sign that values stand level with a label's middle
    order = {id(cell): k for k, (_, cell) in enumerate(table.lines)}
    stray = {order[id(cell)] for n, cell in left if n.value is not None and id(cell) in order}
    labels = {(row.line, row.ref): code for code, row in table.rows.items()}
    label_at: dict[str, int] = {}  # a row's label cell's place among the table's cells
    for k, (_, cell) in enumerate(table.lines):
        if (code := labels.get((cell.line, cell.ref))) is not None and code not in label_at:
            label_at[code] = k
    above = {code for code, k in label_at.items() if k - 1 in stray}
    if not above and not amid:
        return
    rows = sorted(label_at, key=label_at.get)

    doubtful: list[str] = []
    for code, nxt in reversed(list(zip(rows, rows[1:] + [None]))):  # from the last: doubt passes up a chain
        row = table.rows[code]
        if code not in placed or not _markdown_values_after_label(row, table, ruled):
            continue  # text of another form says whose its lines are
        if not {ref for _, ref in placed[code].values() if ref} <= {c.ref for _, c in row.values}:
            continue  # placed from other lines, by another reading of the table
        last = max(order.get(id(c), -1) for _, c in row.values)
        # the next label follows its values, only words between (a group heading's piece: `果`, `（三）`)
        next_follows = nxt is not None and not any(
            _NUMBER[cell.text] is not None for _, cell in table.lines[last + 1 : label_at[nxt]]
        )
        # and the next row prints none after its label, or lands none (too few to be a row: a page's
        # number after its label), or its own stand where they may be the row's after it: either
        # way these values may be the next row's
        own = _any_value(table.rows[nxt].values) and nxt in placed if nxt is not None else False
        bare = next_follows and (not own or nxt in doubtful)
        if (code in above or bare) and not _vouched(code, placed) and not _label_goes_on(code, row, table, ruled):
            doubtful.append(code)
    free = {id(c) for _, c in left} | {id(c) for code in doubtful for _, c in table.rows[code].values}
    above_of = dict(zip(rows[1:], rows))
    for code in reversed(doubtful):
        prev = above_of.get(code)
        # the values right before its label are no other row's: the row above keeps its own
        settled = prev is not None and prev in placed and prev not in doubtful
        if settled and (before := _same_either_way(table.rows[code], label_at[code], table, free, labels)):
            printed = [c.ref for n, c in table.rows[code].values if n.value is not None]
            moved = dict(zip(printed, (c.ref for c in before)))  # the numbers it prints, where they stand
            placed[code] = {col: (count, moved.get(ref, ref)) for col, (count, ref) in placed[code].items()}
            continue
        del placed[code]
        report.warn(
            "row_misaligned",
            f"table 3 row {code} ({table.rows[code].label}, {table.rows[code].ref}): the table prints values above "
            "their labels, and this row's stand between its label and the next, which may be the next row's: none is placed",
        )


def _same_either_way(row: _Row, at: int, table: _Table3, free: set[int], labels: dict) -> list[Cell]:
    """The numbers standing right before the row's label (none another row keeps, only words
    between: a group heading's piece), where they are the very numbers the row takes after its
    label; else none. Where the row above keeps values of its own, those before the label can be
    no row's but this one's, and whose the values between two labels are, the numbers do not
    depend on (`| | 0 | 0 0 0 | 0 0 | 0 |` / `| 予处理 | 4.无正当理由… |` / `| | 0 | 0 0 0 | 0 0 | 0 |`)."""
    before: list[Cell] = []
    for _, cell in reversed(table.lines[:at]):
        if (cell.line, cell.ref) in labels:
            break
        if not cell.text.strip():
            continue
        n = _NUMBER[cell.text]
        if n is None or n.value is None:
            if before:
                break
            continue
        if id(cell) not in free:
            break
        before.append(cell)
    before.reverse()
    after = [n.count for n, _ in row.values if n.value is not None]
    return before if [_NUMBER[c.text].count for c in before] == after else []


def _values_amid_labels(table: _Table3, ruled: Callable[[int], bool]) -> bool:
    """Some row's values, a Markdown table's row after its label's line, are followed by the rest
    of that label (`开 2.其他法律行政法规禁止` / `| | 0 0 | … |` / `公开`): the table prints a row's
    values level with the middle of its label, so values after a label that ends where it starts
    stand level with the next one's."""
    return any(_label_goes_on(code, row, table, ruled) for code, row in table.rows.items())


def _label_goes_on(code: str, row: _Row, table: _Table3, ruled: Callable[[int], bool]) -> bool:
    """The row's values, a Markdown table's row after its label's line, are followed by the rest of
    its label: they are its own, printed level with its label's middle."""
    if not _markdown_values_after_label(row, table, ruled):
        return False
    lines, by_line = table.line_numbers, table.by_line
    for k in range(bisect_right(lines, max(c.line for n, c in row.values if n.value is not None)), len(lines)):
        text = next((c.text for c in by_line[lines[k]] if c.text and _NUMBER[c.text] is None), None)
        if text is not None:  # the first text after its values
            return bool(_rest_of_label(code, row.label, text))
    return False


def _markdown_values_after_label(row: _Row, table: _Table3, ruled: Callable[[int], bool]) -> bool:
    """Every value the row prints stands on a line after its label's: a Markdown table's row, or a
    line of numbers alone before it (markitdown prints a row's first value as text above the
    table it cuts: `0` / `| | 0 0 | 0 0 | 0 0 | |`). The empty cells of a Markdown row holding
    the label are no values of its."""
    printed = [c for n, c in row.values if n.value is not None]
    if not printed or printed[0].line <= row.line or not ruled(printed[-1].line):
        return False  # (the values in line order: the last one's line the Markdown table's)
    by_line = table.by_line
    return all(
        c.line > row.line and (ruled(c.line) or all(_NUMBER[x.text] is not None for x in by_line[c.line])) for c in printed
    )


def _total_fails(cells: dict) -> bool:
    """The row's printed 总计 is not the sum of its other cells: less than those known, or, all
    known, another number."""
    counts = [cells[col][0] if col in cells else None for col in catalogue.applicants()]
    total = counts[-1]
    return total is not None and (sum(v for v in counts[:-1] if v) > total or None not in counts and not blocks.adds_up(counts))


def _on_lines_running(lines: list[int], alone: set[int]) -> bool:
    """Two or more lines, one right after another, each of them in `alone`."""
    return len(lines) > 1 and lines[-1] - lines[0] == len(lines) - 1 and all(n in alone for n in lines)


def _split_readings(values: list[tuple[Number, Cell]], table: _Table3) -> list[list[tuple[Number, Cell]]]:
    """A row of a table a tool split one column of (its lines hold at most one cell more than the
    table has columns): its last cells, one more than the columns, without one of their empty
    cells where the table's lines show the split, one reading each; [] for any other row (two
    columns split: which empty cell is a blank 自然人, nothing tells; a cell holding two numbers,
    `2 0`: one number over two spans or two cells run together, nothing tells either)."""
    width = len(catalogue.applicants())
    if table.split_cells.widest != width + 1 or len(values) < width + 1 or _any_value(values[: -width - 1]):
        return []
    if any(isinstance(c, line_rows.Piece) for _, c in values):
        return []
    cells = values[-width - 1 :]
    return [cells[:k] + cells[k + 1 :] for k, (n, c) in enumerate(cells) if _padding(n) and table.in_split(c)]


def _agreed(report: ParsedReport, row: _Row, readings: list[list[tuple[Number, Cell]]]) -> dict:
    """The cells every reading of a row reads alike; the others NULL, noted."""
    applicants = catalogue.applicants()
    columns = list(zip(applicants, *readings))
    doubt = [col for col, *cells in columns if len({(n.count, c.ref) for n, c in cells}) > 1]
    report.warn(
        "row_misaligned",
        f"table 3 row {row.code} ({row.label}, {row.ref}): " + _SPLIT_COLUMN + f"; read {len(readings)} ways, "
        f"{', '.join(doubt)} differ and are NULL",
    )
    return {col: (cells[0][0].count, cells[0][1].ref) for col, *cells in columns if col not in doubt}


def _in_split_column(core: list[tuple[Number, Cell]], table: _Table3) -> bool:
    """An empty cell among the row's values stands where a line showed a tool split a column."""
    return any(_padding(n) and table.in_split(c) for n, c in core)


def _cells_by_line(lines: Region) -> dict[int, list[Cell]]:
    """The region's cells by the line they stand on, in order."""
    by_line: dict[int, list[Cell]] = {}
    for _, cell in lines:
        by_line.setdefault(cell.line, []).append(cell)
    return by_line


def _is_value(text: str) -> bool:
    """A number, not an empty cell or a placeholder."""
    return (n := _NUMBER[text]) is not None and n.value is not None


def _runs_of_lines(by_line: dict[int, list[Cell]]) -> list[set[int]]:
    """The lines in runs with no more than one line (a blank, a Markdown rule) between two."""
    runs: list[set[int]] = []
    last = None
    for line in sorted(by_line):
        if last is None or line - last > 2:
            runs.append(set())
        runs[-1].add(line)
        last = line
    return runs


def _longest_run(lines: set[int]) -> int:
    """The most numbers of the set one after another."""
    longest = 0
    for n in lines:
        if n - 1 not in lines:
            end = n
            while end in lines:
                end += 1
            longest = max(longest, end - n)
    return longest


def _before_moved_labels(report: ParsedReport, placed: dict, table: _Table3) -> None:
    """A row's label printed after rows the template puts below it, with no value of its own
    (pdftotext's plain text sets such a label apart from its row, while the row above's label
    keeps its place): the values after the label of the row above it (the nearest row the template
    puts above it that is printed before it) may be the moved row's (the row above left blank) as
    well as that row's own (the moved one left blank). Which, the text does not say: the row above
    is NULL when it holds just one row's values and no reading placed the moved row."""
    order = {code: k for k, code in enumerate(catalogue.table3_rows())}
    rows = [(order[code], row) for code, row in table.rows.items() if code in order]
    width = len(catalogue.applicants())
    for at, moved in rows:
        if moved.code in placed or _any_value(moved.values) or not any(k > at and row.line < moved.line for k, row in rows):
            continue  # a moved row placed by another reading (in the template's order) has values of its own
        above = max(((k, row) for k, row in rows if k < at and row.line < moved.line), default=None, key=lambda kr: kr[0])
        if above is None or above[1].code not in placed or not _any_value(above[1].values) or len(above[1].values) > width:
            continue  # only a row placed from the values after its label
        code = above[1].code
        del placed[code]
        report.warn(
            "row_misaligned",
            f"table 3 row {code}: its values may be row {moved.code}'s, whose label stands apart, further on "
            f"({moved.ref}), without numbers (which of the two rows is blank, the text does not say): left NULL",
        )


def _vouched(code: str, placed: dict) -> bool:
    """A column identity the row is in has every row placed and holds in every column."""
    from .checks import OUTCOME_ROWS_2021

    counts = {c: {col: v for col, (v, _) in cells.items()} for c, cells in placed.items()}
    outcomes = {*OUTCOME_ROWS_2021, "total_processed"}
    # the outcome rows as the table prints them: （六）其他处理's three rows, or the one row
    for rows in (set(_BALANCE_ROWS), *(shape & outcomes for shape in _row_shapes())):
        if code in rows and rows <= counts.keys():
            return _column_identities_hold({r: counts[r] for r in rows}, {code})
    return False


def _either_label(
    report: ParsedReport, placed: dict, other: dict, tables: tuple[_Table3, _Table3], way: str | None = None
) -> None:
    """Layout text whose lines of values stand between label lines (a wrapped row's values printed
    a line above or below its label's): the values read as the label's before them (`placed`, the
    first way) and after them (`other`, the second). When the first way placed every row, the
    table reads so (moving values to the next label leaves some row without any; a row that took
    values of its own but was left NULL, `first.held_back`, took them too). Else, as a
    table prints every such row one way, a row the two read differently lands as the table reads
    (_table_way, _RESOLVE) or is NULL; rows only the second way finds land, where they add up,
    when the table reads that way; never a row the second way reads from a value the first way
    gives a row that stays. `tables`: the two ways' tables; `way`: how the table reads, when its
    layout says so."""
    first, second = tables
    if not other or (way is None and all(code in placed or code in first.held_back for code in _printed_rows())):
        return  # every row took values the first way (a total that fails is the report's own): none is moved
    ways = _row_ways(placed, other)
    either: set[str] = set()  # rows only the second way reads, from lines the first gives another row
    if way is None and (apart := _apart(placed, other, ways, first)) is not None:
        (ways, either), table = apart, "second"  # each way reads rows the other leaves: both readings stand
    else:
        table = way or _table_way(placed, other, ways, first)
    taken, refused = [], sorted(either)
    read_first = dict(placed)
    for code, way in ways.items():
        action = "refuse" if table == "split" else _RESOLVE[table][way]
        if action == "refuse" and table == "zeros" and _own_line(code, first) == "inside":
            action = "keep"  # its line stands inside its label: its own
        if action == "take" and (own := _own_line(code, first)):
            # its own values whatever its total says (the report's own slip), or in doubt
            action = "keep" if own == "inside" else "refuse"
        if action == "take" and _inside_another_label(code, other[code], read_first, first):
            action = "refuse"  # the line it would take stands inside the label of the row the first way gives it
        if action == "take":
            placed[code] = other[code]
            taken.append(code)
        elif action == "refuse":
            del placed[code]
            refused.append(code)
    if table in ("second", "second_by_layout"):
        for code in [c for c in other if c not in placed and c not in refused]:  # (`either` is in refused)
            if _adds_up_blank_0(_row_counts(other[code])) and not _inside_another_label(code, other[code], read_first, first):
                placed[code] = other[code]
                taken.append(code)
    # where the table reads the first way, or neither way more (a tie), a row taken the second way
    # is an exception: the lines of rows refused as the first way read them stay theirs, in doubt
    # (a correct row taken so may be left NULL; never a wrong number)
    doubted = {code: read_first[code] for code in refused if code in read_first} if table in ("first", "tie", "zeros") else {}
    # a value is one row's: not also one the first way reads (where the table reads the first way,
    # also a row's that the second way reads alike from other lines: zeros above a failing row)
    shared = _sharing_cells(placed, other, taken, tables, doubted, alike=table == "first")
    for code in shared:
        del placed[code]
        taken.remove(code)
    if shared:
        report.warn(
            "row_misaligned",
            f"table 3 rows {', '.join(shared)}: their values, read as the next label's, are values another row "
            "reads as its own, or left NULL in doubt: left NULL",
        )
    if taken:
        stale = tuple(f"table 3 row {code} (" for code in taken) + tuple(f"table 3: row {code};" for code in taken)
        report.issues[:] = [i for i in report.issues if not i.detail.startswith(stale)]  # the first way's doubts about them
        report.warn(
            "values_above_labels",
            f"table 3 rows {', '.join(taken)}: their values printed on the line before their label's (layout text of "
            "rows whose labels wrap); read so, the way the table reads",
        )
    if refused:
        report.warn(
            "row_misaligned",
            f"table 3 rows {', '.join(refused)}: their values stand between label lines, and read as the label's "
            + (
                "before or after them, each reading places rows of zeros the other does not, both adding up: left NULL"
                if table == "zeros"
                else "before or after them they differ, both or neither adding up (or the table reads the other way): left NULL"
            ),
        )


def _sharing_cells(
    placed: dict, other: dict, taken: list[str], tables: tuple[_Table3, _Table3], doubted: dict | None = None, alike: bool = False
) -> list[str]:
    """The rows read the second way one of whose values a row read the first way reads too, where
    that row's numbers differ the second way (a row both ways read alike vouches for neither line).
    `doubted`: rows refused as the first way read them (the two readings differ, both or neither
    adding up), whose lines are in doubt, not free: a row whose own values break its 总计 does not
    take the line above it for that (a report's own failing row is not made good by the row before
    it). `alike`: a row both ways read alike vouches for its first way's lines too (the table reads
    the first way, so a row taken the second way is an exception, not the rule)."""
    first, second = tables

    def counts(cells: dict) -> list:
        return [v for v, _ in cells.values()]

    stays = {**placed, **(doubted or {})}
    kept = {
        id(c)
        for code in stays
        if code not in taken and code in first.rows and (alike or code not in other or counts(other[code]) != counts(stays[code]))
        for _, c in first.rows[code].values
    } | _held_whole(first, taken)
    return [code for code in taken if code in second.rows and any(id(c) in kept for _, c in second.rows[code].values)]


def _held_whole(first: _Table3, taken: list[str]) -> set[int]:
    """The cells of rows the first way left NULL whose values, as many as the row's cells, add up
    in more than one order (`0` / `获取信息 0 1 0 0 0 1`): the row's own, in an order the text does
    not settle, so no other row's (a row held back because its values fail is not vouched for so:
    they may be the next row's)."""
    width = len(catalogue.applicants())
    kept = set()
    for code in first.held_back:
        row = first.rows.get(code)
        counts = [n.count for n, _ in row.values] if row is not None and code not in taken else []
        if len(counts) == width and None not in counts and 2 * max(counts) == sum(counts):
            kept |= {id(c) for _, c in row.values}
    return kept


def _apart(placed: dict, other: dict, ways: dict[str, str], first: _Table3) -> tuple[dict[str, str], set[str]] | None:
    """Where the two ways read no row differently, and each only reads rows the other leaves
    without values (layout text whose wrapped rows print their values some above their label's
    first line, some below it), the rows each way alone places: from lines the other way's rows
    do not read, both readings stand; a line one way gives a row and the other way another
    (values between two labels, the one row printed blank: whose, the text does not say) is the
    first way's row's where it stands inside that row's label (_inside_label), else leaves both
    NULL. The ways for _RESOLVE (`first` kept, `neither` refused) and the rows of the second
    way not to take; None when the ways differ on a row, or read a line both agree on."""
    second_only = [code for code in other if code not in placed]
    if not second_only or not ways or any(w != "alone" for w in ways.values()):
        return None
    lines_of = {code: {ref for _, ref in cells.values() if ref} for code, cells in other.items()}
    firsts = {code: {ref for _, ref in placed[code].values() if ref} for code in ways}
    agreed = set().union(*(lines_of[code] for code in other if code in placed and code not in ways))
    if agreed & set().union(*firsts.values(), *(lines_of[code] for code in second_only)):
        return None
    shared = {(a, b) for a in firsts for b in second_only if firsts[a] & lines_of[b]}
    theirs = {(a, b) for a, b in shared if any(_inside_label(a, ref, first) for ref in firsts[a] & lines_of[b])}
    return (
        {code: "neither" if any(a == code for a, _ in shared - theirs) else "first" for code in ways},
        {b for _, b in shared},
    )


def _inside_label(code: str, ref: str, table: _Table3) -> bool:
    """Whether the values on a line stand beside the rest of the row's label, its first line above
    them: the rest right before them (`5.要求…出具已获` / `取信息 0 0 0 0 0 0 0`, or `取信息` on a line of
    its own) or right after them (`5.要求…出具已获` / `0 0 0 0 0 0 0` / `取信息`, a wrapped row's values
    set between its label's lines): the row's, whichever label follows."""
    row = table.rows.get(code)
    cells = [cell for _, cell in table.lines]
    on = [k for k, cell in enumerate(cells) if cell.ref == ref]
    if row is None or not on or not row.line < cells[on[0]].line:
        return False
    around = [k for k in (on[0] - 1, *on, on[-1] + 1) if 0 <= k < len(cells)]
    return any(_label_piece(code, row.label, cells[k].text) for k in around)


def _inside_another_label(code: str, cells: dict, read_first: dict, first: _Table3) -> bool:
    """Whether the values `cells` (a row read the second way) are those the first way gives another
    row, on a line its label goes on after (`1.申请人无正当理由逾期` / `| 不补正、行政机关不再处 | 1 0 | …` /
    `理其政府信息公开申请`, markitdown's Markdown of a PDF): that row's, not the next label's printed
    above it."""
    refs = {ref for _, ref in cells.values() if ref}
    return any(
        owner != code and refs and refs == {ref for _, ref in theirs.values() if ref} and _own_line(owner, first) == "inside"
        for owner, theirs in read_first.items()
    )


def _own_line(code: str, table: _Table3) -> str:
    """Whether the row's values, as the way `table` reads them, all on one line after its
    label's, are no later row's: `inside` where they are the cells of its label's own row of a
    Markdown table, or where the line stands between its label's first line
    and the label's rest (`1.信访举报投诉类申` / `1 0 0 0 0 0 0` / `请`: inside the row's label cell,
    so the row's own); `before` where the next text is a later row's label with as many values
    beside it (`请` / `1 0 0 0 0 0 0` / `2.重复申请 0 0 0 0 0 0 0`: not that row's, printed above its
    label); '' otherwise."""
    row = table.rows.get(code)
    lines = {cell.line for _, cell in row.values} if row is not None else set()
    if lines == {row.line} and all(isinstance(cell, Ruled) for _, cell in row.values):
        return "inside"  # the cells of its label's own table row (`|（一）予以公开|5|||||5|`)
    if len(lines) != 1 or not row.line < min(lines):
        return ""
    cells = [cell for _, cell in table.lines]
    last = max(k for k, cell in enumerate(cells) if cell.line in lines)
    rest = next((cell for cell in cells[last + 1 :] if cell.text.strip()), None)
    if rest is None or rest.line <= min(lines):
        return ""
    inline = "".join(cell.text for cell in cells if cell.line in lines and _NUMBER[cell.text] is None)  # `| 不补正… | 1 0 |`
    if any(_label_end(code, row.label + on, rest.text) or _label_piece(code, row.label + on, rest.text) for on in {"", inline}):
        return "inside"
    after = next((r for r in table.rows.values() if r.ref == rest.ref and r.code != code), None)
    beside = 0 if after is None else sum(cell.line == after.line for _, cell in after.values)
    return "before" if beside >= len(row.values) else ""


# What a row the two ways read differently becomes, by the way the table reads (a row's way: which
# reading of it adds up, first, second, both or neither; alone: only the first way places it)
_RESOLVE = {
    "first": {"first": "keep", "second": "take", "both": "keep", "neither": "refuse", "alone": "keep"},
    "second": {"first": "keep", "second": "take", "both": "take", "neither": "refuse", "alone": "refuse"},
    "tie": {"first": "keep", "second": "take", "both": "refuse", "neither": "refuse", "alone": "refuse"},
    # the layout says so (a value before the first row): a row only the first way adds up is not
    # made good by the next row's values; it is NULL
    "second_by_layout": {"first": "refuse", "second": "take", "both": "take", "neither": "refuse", "alone": "refuse"},
}
# both ways add up, every row they read differently zeros: resolved as a tie (a row only one way
# places is in doubt)
_RESOLVE["zeros"] = _RESOLVE["tie"]


def _whole(placed: dict) -> bool:
    """Every row of the template placed, each adding up (a blank counting as 0): a table no other
    reading of its lines can better (a reading that moved values from row to row leaves a row
    without them, or one that does not add up). Cheap: it runs for every table."""
    if len(placed) < len(_printed_rows()):
        return False
    total_column = catalogue.applicants()[-1]
    for cells in placed.values():
        total = 0
        for v, _ in cells.values():
            total += v or 0
        if total != 2 * (cells.get(total_column, _NOTHING)[0] or 0):  # the six and the 总计: twice the 总计
            return False
    return True


@cache
def _printed_rows() -> tuple[str, ...]:
    """Table 3's rows that carry numbers when every sub-row is printed (not （六）其他处理's heading)."""
    return tuple(code for code in catalogue.table3_rows() if code != "other_handling")


def _row_ways(placed: dict, other: dict) -> dict[str, str]:
    """For each row the two ways read differently, which reading of it adds up (_RESOLVE's keys)."""
    ways = {}
    for code, cells in placed.items():
        mine, theirs = _row_counts(cells), _row_counts(other.get(code))
        if mine == theirs:
            continue
        if theirs is None:
            ways[code] = "alone"
            continue
        holds = (_adds_up_blank_0(mine), _adds_up_blank_0(theirs))
        ways[code] = {(False, True): "second", (True, False): "first", (True, True): "both"}.get(holds, "neither")
    return ways


def _table_way(placed: dict, other: dict, ways: dict[str, str], first: _Table3) -> str:
    """The way the table reads: the one every row of which adds up where some of the other's do
    not (the second only where it leaves no row the first reads without values: read so, a row
    whose 总计 fails as printed would take the values of the row above, which then has none);
    else the one more rows speak for (only it adds up, or only it places them), `tie` when as
    many speak for each; `split` where some rows add up only the first way and others only the
    second (a report whose own rows break their totals: no way is the table's)."""
    failing = [sum(1 for cells in r.values() if not _adds_up_blank_0(_row_counts(cells))) for r in (placed, other)]
    if failing[0] == 0 < failing[1]:
        return "first"
    if failing[1] == 0 < failing[0] and "alone" not in ways.values():
        return "second"
    seconds = [cells for code, cells in other.items() if code not in placed]
    disputed = [placed[code] for code in ways] + seconds
    if failing == [0, 0] and seconds and "alone" in ways.values() and not any(v for cells in disputed for v, _ in cells.values()):
        return "zeros"  # each way places rows the other does not, all adding up, all zeros: nothing tells
    votes = {w: sum(1 for v in ways.values() if v == w) for w in ("first", "second", "alone")}
    if votes["first"] and votes["second"]:
        return "split"
    # a line's values vote once: a row only the second way places from values the first way gives
    # another row (or leaves after the rest of a row's label, _after_label_rests) repeats that row's vote
    firsts = {ref for cells in placed.values() for _, ref in cells.values() if ref} | _after_label_rests(first)
    only_second = sum(
        1
        for code in other
        if code not in placed
        and _speaks_for_second(code, other, first)
        and not {ref for _, ref in other[code].values() if ref} <= firsts | _read_by_others(code, first)
    )
    ahead = votes["second"] + only_second - votes["first"] - votes["alone"]
    return "tie" if ahead == 0 else "second" if ahead > 0 else "first"


def _read_by_others(code: str, first: _Table3) -> set[str]:
    """The lines' refs whose values the first way reads as rows other than `code`, placed or not
    (a row whose order of values the arithmetic is still to settle reads them all the same)."""
    return {cell.ref for other_code, row in first.rows.items() if other_code != code for _, cell in row.values}


def _after_label_rests(first: _Table3) -> set[str]:
    """The lines' refs of values the first way reads after the rest of a row's label, printed on
    lines of its own below its first line (pdftotext's default order of a narrow table: `要求行政机关`
    / `确认或重新出具 4` / `已获取信息` / `0` / … / `0 4`): the row's own cells, which the first way left
    stray; no sign that the table prints values above their labels."""
    labels = {row.line: row for row in first.rows.values()}
    refs: set[str] = set()
    row, label, rest = None, "", False
    for _, cell in first.lines:
        if cell.line in labels:
            row, label, rest = labels[cell.line], labels[cell.line].label, False
        elif _NUMBER[cell.text] is not None:
            if rest:
                refs.add(cell.ref)
        elif row is not None and (more := _rest_of_label(row.code, label, cell.text)):
            label, rest = label + more, True
        elif cell.text.strip():
            row, rest = None, False
    return refs


def _speaks_for_second(code: str, other: dict, first: _Table3) -> bool:
    """Whether a row only the second way places speaks for it. A row the first way read and left
    NULL (held back: no order of its values adds up) does only where the second way keeps some of
    its own values (a 总计 printed above the rest: `21` / `一、… 19 0 2 0 0 0`); read wholly from
    the lines above its label, which the first way gives the row above, its failing total may be
    the report's own slip, which that reading would make good."""
    if code not in first.held_back or code not in first.rows:
        return True
    own = {cell.ref for _, cell in first.rows[code].values}
    return any(ref in own for _, ref in other[code].values())


def _adds_up_blank_0(row: list) -> bool:
    """The row's 总计 is the sum of the others, a blank cell counting as 0."""
    return row[-1] is not None and row[-1] == sum(v or 0 for v in row[:-1])


def _row_counts(cells: dict | None) -> list | None:
    return None if cells is None else [v for v, _ in cells.values()]


def _read_table3(
    lines: Region,
    matcher: catalogue.LabelMatcher,
    report: ParsedReport,
    indents: dict[int, int],
    paragraphs: bool = False,
    footers: frozenset[int] = frozenset(),
) -> tuple[dict | None, _Table3]:
    """One reading of table 3's cells: its rows by their labels, else in the template's order
    (None when no row of it was recognised), and what the pass over its cells found."""
    table = _scan_table3(lines, matcher, report, paragraphs, footers)
    table.indents = indents
    _spill(list(table.rows.values()), len(catalogue.applicants()))
    if not table.rows:
        report.error(
            "no_table3", f"table 3 (收到和处理政府信息公开申请情况) not found: no row of it was recognised{_placeholder(lines)}"
        )
        return None, table
    before = len(report.issues)
    for where, values in table.stray.items():
        _unplaced(report, "table 3", f"numbers {where}", values)
    _join_spaced_numbers(report, table)
    placed = _place_table3(report, table)
    _place_in_reading_order(report, table, placed, before)
    _table3_missing_rows(report, table.rows, placed)
    return placed, table


def _values_before_labels(
    lines: Region, matcher: catalogue.LabelMatcher, indents: dict[int, int], footers: frozenset[int] = frozenset()
) -> Region | None:
    """The cells with each line of values without a row's label (a group heading's piece beside
    them is no row's: `理结   0   0 …`) moved after the label of the next line that has one (layout
    text of a row whose label wraps: its values printed a line above the label's line); None when
    no such line stands alone, or no line holds a row's label and values (layout text, not one
    cell a line). A lone number on a line that may print a page's number (`footers`) stays where
    it is: no row's value to move (the page's `2` among the header's lines, before a 总计 set
    higher, would make the row's values one too many)."""
    if not any(isinstance(c, line_rows.Piece) and _NUMBER[c.text] is not None for _, c in lines):
        return None  # no value split off a line: not layout text (a Markdown row's cut label is no sign of it)
    groups: list[list] = []
    for item in lines:
        if groups and groups[-1][0][1].line == item[1].line:
            groups[-1].append(item)
        else:
            groups.append([item])
    number, labels = _NUMBER, _labels(matcher)

    def row_label(text: str) -> bool:
        return any(lab.kind == "t3_row" for lab in labels[text])

    values = [sum(1 for _, c in g if number[c.text] is not None and number[c.text].value is not None) for g in groups]
    named = [any(number[c.text] is None and row_label(c.text) for _, c in g) for g in groups]
    opened = [not n and any(number[c.text] is None and _row_opening(c.text) for _, c in g) for g, n in zip(groups, named)]
    rests = _rest_lines(groups, named, values, labels)
    amid = _amid_label_lines(groups, named, values, labels)
    footer = [v == 1 and len(g) == 1 and on_footer_line(g[0][1].ref, footers) for v, g in zip(values, groups)]
    # (a line opening with a row's numbering is that row's, its label cut too short to tell: `3.要求提供  0  1`)
    alone = [v > 0 and not (n or o or r or m or f) for v, n, o, r, m, f in zip(values, named, opened, rests, amid, footer)]
    mixed = any(v > 1 and n for v, n in zip(values, named))  # a label's line with its values: layout text
    if not any(alone) or not mixed:
        return None
    out: Region = []
    pending: list = []
    held = 0  # values among the pending cells
    width = len(catalogue.applicants())
    for is_alone, is_named, count, group in zip(alone, named, values, groups):
        if is_alone:
            pending.extend(group)
            held += count
        elif not is_named:
            out.extend(group)  # text of no row, or the rest of the label above with its values (_rest_lines)
        elif held + count <= width:  # the label's line and the values before it make at most a row
            at = next((k for k, (_, c) in enumerate(group) if number[c.text] is not None), len(group))
            merged = [*pending, *group[at:]] if not count else _above_and_beside(pending, group[at:], indents)
            out.extend([*group[:at], *merged] if merged is not None else [*pending, *group])
            pending, held = [], 0
        else:
            out.extend([*pending, *group])
            pending, held = [], 0
    out.extend(pending)
    return out


def _above_and_beside(above: list, beside: list, indents: dict[int, int]) -> list | None:
    """A row's values printed partly on the line above its label's and partly beside the label
    (one cell set higher in its row: `                5` / `一、本年新收…   0   0   0   0   0   5`),
    in the order of the columns they stand in; None when where they stand is not known (text
    without its lines' indents) and both orders, the line above's before or after, add up and
    differ: which cell is the higher one, only its column says."""
    first, last = [*above, *beside], [*beside, *above]
    if not above or not beside or any(_NUMBER[c.text] is None for _, c in first):
        return first  # nothing above, or text among them: not values alone, read as before
    high, low = [_column(c, indents) for _, c in above], [_column(c, indents) for _, c in beside]
    if None not in high and None not in low:  # a label's ideographs set what follows a little left: whole columns apart only
        if min(high) > max(low):
            return last
        if max(high) < min(low):
            return first
    return None if len(_orders_adding_up(above, beside)) == 2 else first


def _column(cell: Cell, indents: dict[int, int]) -> int | None:
    """Where a cell of layout text starts on its line: the line's indent, and the cell's place
    after it (a value split off a line); None where not known."""
    if isinstance(cell, line_rows.Piece):
        return indents.get(cell.line, 0) + cell.at if cell.at >= 0 else None
    return indents.get(cell.line)


def _rest_lines(groups: list[list], named: list[bool], values: list[int], labels: Memo) -> list[bool]:
    """For each line, whether it prints the rest of the row label on the line just above, which
    printed the row's first values, and values beside it (`1.申请人无正当理由逾期不补正、   0` /
    `行政机关不再处理其政府信息公开   0   0 …`): those values are that row's (_label_rest), not
    the next label's printed above it."""
    out = [False] * len(groups)
    for k in range(1, len(groups)):
        above, group = groups[k - 1], groups[k]
        if not (named[k - 1] and values[k - 1] and values[k] and not named[k]) or group[0][1].line != above[0][1].line + 1:
            continue
        head = next((c.text for _, c in above if _NUMBER[c.text] is None and labels[c.text]), "")
        code = next((lab.code for lab in labels[head] if lab.kind == "t3_row"), None)
        text = "".join(c.text for _, c in group if _NUMBER[c.text] is None)
        out[k] = code is not None and bool(_rest_of_label(code, head, text))
    return out


def _amid_label_lines(groups: list[list], named: list[bool], values: list[int], labels: Memo) -> list[bool]:
    """For each line, whether it prints values alone between a row label's line without values
    and the line just below that completes the label (`（五） 1.信访举报投诉类申` / `0 2 0 0 0 0 2` /
    `不予处 请`: markitdown sets a row's values level with its wrapped label's middle): those values
    are that row's, not the next label's printed above it. So too where values stand alone on the
    line above the label (`1` / `（二）部分公开（…只计这` / `1 0 0 0 0 0` / `一情形…`: its 总计 set
    higher) and the two lines add up in one order only, those above last or first; where both
    orders add up (`1` / … / `0 0 0 0 0 1`: 其他's 1, or 自然人's), whose, the columns say."""
    out = [False] * len(groups)
    for k in range(1, len(groups) - 1):
        above, group, below = groups[k - 1], groups[k], groups[k + 1]
        if not (named[k - 1] and not values[k - 1] and values[k] and not named[k] and not values[k + 1]):
            continue
        if k > 1 and values[k - 2] and not named[k - 2] and not _one_order(groups[k - 2], group):
            continue  # values above the label too, a row in either order: whose, the columns say (_above_and_beside)
        if not (above[0][1].line + 1 == group[0][1].line == below[0][1].line - 1):
            continue
        head = next((c.text for _, c in reversed(above) if labels[c.text]), "")
        code = next((lab.code for lab in labels[head] if lab.kind == "t3_row"), None)
        text = "".join(c.text for _, c in below)
        out[k] = code is not None and bool(_rest_of_label(code, head, text))
    return out


def _one_order(above: list, below: list) -> bool:
    """Whether the values of two lines add up as one row in one order only: those above last (a
    总计 set higher) or first."""
    return len(_orders_adding_up(above, below)) == 1


def _orders_adding_up(above: list, below: list) -> set[tuple]:
    """The rows two lines' values make, those above first or last, that add up (one where both
    orders read alike)."""
    counts = [[_NUMBER[c.text].count for _, c in g if _NUMBER[c.text] is not None] for g in (above, below)]
    return {tuple(k) for k in (counts[0] + counts[1], counts[1] + counts[0]) if None not in k and blocks.adds_up(k)}


@cache
def _t3_cells(matcher: catalogue.LabelMatcher) -> tuple[tuple[str, str], ...]:
    """(row, applicant) of every table-3 cell, in template order: one list per catalogue loaded
    (its table-3 matcher stands for it)."""
    return tuple((code, col) for code in catalogue.table3_rows() for col in catalogue.applicants())


_NOTHING = (None, None)


_T3_KINDS = ("t3_row", "t3_group", "applicant")


def _scan_table3(
    lines: Region,
    matcher: catalogue.LabelMatcher,
    report: ParsedReport,
    paragraphs: bool = False,
    footers: frozenset[int] = frozenset(),
) -> _Table3:
    """One pass over the cells: a row label opens a row, the numbers after it are its values, a
    blank line or text after its numbers ends it. Numbers outside any row are kept as stray,
    and the unknown text they follow is listed in report.unmapped. `paragraphs`: _paragraph_cells_printed;
    `footers`: Document.footers."""
    table = _Table3(lines)
    table.footers = footers
    rows = table.rows
    current: _Row | None = None
    unknown: Cell | None = None  # the text the stray numbers follow: a label the catalogue may lack
    after: str | None = None  # the last row recognised
    pending: list[Cell] = []  # text since the last label or number, for labels broken over lines
    number_of, labels = _NUMBER, _labels(matcher)
    last_line = 0  # the line of the current row's last value
    width = len(catalogue.applicants())
    first, letters = _line_letters(lines)
    dense = _empty_lines_are_cells(letters, width)
    strays_follow: Cell | None = None  # the text the last numbers follow, when no row took them
    for k, (_, cell) in enumerate(lines):
        number = number_of[cell.text]
        if dense and current is not None and number is not None and current.line < cell.line <= current.line + width:
            last_line = cell.line - 1  # an empty line inside the row's lines is an empty cell, not its end
        if current is not None and current.values and cell.line > last_line + 1:
            if number is not None and (len(current.values) == 1 or _spaced_number(current.values)):
                current.spaced = True  # a blank line between its first two values: blank lines part its cells
            if not current.spaced:
                current.closed = True  # a blank line after a row's values: the row is exactly those cells
                current = None
        if number is not None:
            if pending and not (current is None and number.value is None and pending[-1].line == cell.line):
                pending.clear()  # an empty cell inside a label a tool cut across cells (`（一）予||以公开`) is none
            if current is not None:
                current.values.append((number, cell))
                last_line = cell.line
            elif number.value is not None:
                _stray_table3(report, table.stray, unknown, after, (number, cell))
                # (a number that may be a page's footer is no value printed above the rows)
                table.values_before_rows |= after is None and not on_footer_line(cell.ref, table.footers)
            if number.value is not None:
                strays_follow = unknown if current is None else None
            continue
        found, label = _table3_label(cell, labels, matcher, table, pending)
        if found is not None and current is None and _numbering_apart(found, label, cell, strays_follow):
            found = None  # `（二）` 8 … 8 / `部分公` / `开（区`: the row's numbering holds its values, not these pieces
        if found is not None:
            strays_follow = None
        if found is None and current is not None and (rest := _label_rest(current, cell, _after(lines, k))):
            current.label += rest  # the rest of its label, wrapped below its first value
            current.rest_at = len(current.values)
            pending.clear()
            continue
        if found is None and current is not None and (rest := _rest_below_first_value(current, lines, k, width)):
            current.label += rest  # pdftotext's order: the label's first line, its first value, the rest
            pending.clear()
            last_line = cell.line
            continue
        if found is None and current is not None and _group_piece(current, lines, k, width):
            pending.clear()  # its group's heading wrapped in its cell (`（六）其` / `他处理`), a line of its own
            last_line = cell.line  # no blank line: the row goes on
            continue
        if found is None:
            if current is not None and (_any_value(current.values) or _cells_printed_before(current, cell, lines, k)):
                current = None  # text after a row's numbers (or its line's blank cells) ends that row
            elif current is not None and _another_rows_numbering(current.code, cell, lines, k):
                current = None  # `4.` / `保护第三方…` / `5.` / values: what follows the next row's numbering is not this row's
            elif current is not None and cell.line > current.line and _opens_another_row(current.code, cell.text):
                current = None  # `（一）予以公  49  0 …` / `开`: a row's label cut too short to tell, its values its own
            elif current is not None and cell.text:
                current.values.clear()  # empty cells before text the row goes on with (`|二、上年结转…||申请数量|1|…`)
            if current is None and cell.text:
                unknown = cell
        elif found.kind == "t3_row":
            merged = _merged_label(current, found.code, label.line, lines, k) if current is not None else ""
            current = rows[found.code] = _Row(found.code, label.text, label.ref, line=label.line, merged_with=merged)
            after = found.code
        elif current is not None and (_any_value(current.values) or _cells_printed_before(current, label, lines, k)):
            current = None  # a group heading after a row's numbers ends that row; before them it is the row's left cell
    width = width - 1 if table.six_columns else width
    for row in rows.values():
        row.values = _without_next_rows_blanks(_around_label(row))
        if dense:
            _with_empty_lines(row, width, table.lines)
        elif paragraphs:
            _with_paragraph_cells(row, width, first, letters)
    _close_by_wider_gaps(table)
    return table


def _numbering_apart(found: catalogue.Label, label: Cell, cell: Cell, unknown: Cell | None) -> bool:
    """A row label joined from pieces without its numbering, where the text before the numbers
    just past (`unknown`) is that numbering alone: a cell wrapped so narrow that the numbering
    stands on the values' line and the words below it. The pieces are that row's rest."""
    if unknown is None or label.text == cell.text or found.kind != "t3_row" or not _BARE_MARK.match(unknown.text):
        return False
    return found.label.startswith(unknown.text) and not label.text.startswith(unknown.text)


def _another_rows_numbering(code: str, cell: Cell, lines: Region, k: int) -> bool:
    """The cell (`lines[k]`) is a sub-row's numbering alone on its line (`5.`) that the row's own
    label does not open with. (Layout text prints a numbering on its values' line, a row whose
    label wrapped above it: there the line is the row's.)"""
    if not _SUB_ROW_MARK.match(cell.text) or any(lab.label.startswith(cell.text) for lab in _row_labels()[code]):
        return False
    after = _after(lines, k)
    return (after is None or after.line != cell.line) and (k == 0 or lines[k - 1][1].line != cell.line)


_SUB_ROW_MARK = re.compile(r"^\d+[.．、]$")
_ROW_OPENING = re.compile(rf"^(?:\d+[.．、]|[（(][{NUMERALS}]+[）)])")


def _row_opening(text: str) -> str | None:
    """The row numbering the text opens with (`1.属于国家`: `1.`; `（一）予以公`: `（一）`), where
    some row's label opens so (a group's, `（三）不予公开`, is no row's)."""
    if (m := _ROW_OPENING.match(text)) is None:
        return None
    return m.group() if m.group() in _row_openings() else None


@cache
def _row_openings() -> frozenset[str]:
    """The numberings row labels open with (`1.`, `（一）`)."""
    return frozenset(m.group() for labels in _row_labels().values() for lab in labels if (m := _ROW_OPENING.match(lab.label)))


def _opens_another_row(code: str, text: str) -> bool:
    """The text opens with a row's numbering (_row_opening) that the row's own label does not."""
    opening = _row_opening(text)
    return opening is not None and not any(lab.label.startswith(opening) for lab in _row_labels()[code])


_BARE_MARK = re.compile(rf"^(?:[（(][{NUMERALS}]+[）)]|[{NUMERALS}]+、|\d+[.．、])$")


def _cells_printed_before(row: _Row, cell: Cell, lines: Region, k: int) -> bool:
    """The row's values so far are cells of its label's line (its caller asks when none is a
    value: blank ones), and the text (`lines[k]`) stands on a later line holding no piece of the
    row's label: a table row is its line's cells (Markdown's `|二、上年结转…|申请数量||||||||`), the
    next line's text another row's label (`|三、本年度<br>办理结果<br>（一）予以公|开|32|…`, one the
    catalogue cannot tell). A line going on with the row's label (or ending it: `. 请`) is the rest
    of a row a tool split (pymupdf4llm's `|（六）|1.申请人无正当理由逾期||||||||` / `|其他处<br>理|不补正、行政机关不再处<br>理其…|0|…`)."""
    if not row.values or cell.line <= row.line or any(c.line != row.line for _, c in row.values):
        return False
    start = k
    while start > 0 and lines[start - 1][1].line == cell.line:
        start -= 1
    for _, c in lines[start:]:
        if c.line != cell.line:
            break
        if _label_piece(row.code, row.label, c.text) or _label_end(row.code, row.label, c.text):
            return False
    return True


def _label_end(code: str, printed: str, text: str) -> bool:
    """The text ends the row's label printed so far, however short (`4无正当理由大量反复申` + `. 请`)."""
    key = label_key(text)
    return (
        bool(key)
        and _NUMBER[text] is None
        and label_key(printed) + key == label_key(catalogue.load().canonical("t3_row").get(code, ""))
    )


def _merged_label(current: _Row, code: str, line: int, lines: Region, k: int) -> str:
    """The row a row's label (`lines[k]`) follows with no value between, not its heading
    (（六）其他处理 before 1.申请人…): its label on the same line, or its label's rest among the cells
    before (`2没有现成信息需要另行` / `.<br>制作<br>3.补正后…`): two rows' labels a tool merged ('' when none)."""
    if _any_value(current.values) or code == current.code or code in _children(current.code):
        return ""  # (a row of blank cells, the rest of its label below them, is pymupdf4llm's split row)
    if current.line == line and not current.values:
        return current.code
    before = (c for _, c in lines[max(0, k - 4) : k])
    return current.code if any(c.line == line and _label_piece(current.code, current.label, c.text) for c in before) else ""


def _label_piece(code: str, printed: str, text: str) -> bool:
    """The text goes on the row's label where it was printed so far (`…出具已获` + `取信息`), or
    ends it (a label read whole, the last piece printed apart again)."""
    key = label_key(text)
    whole, start = label_key(catalogue.load().canonical("t3_row").get(code, "")), label_key(printed)
    return (
        _NUMBER[text] is None
        and len(key) >= _PIECE
        and (whole.startswith(start + key) or start == whole != key and whole.endswith(key))
    )


def _empty_lines_are_cells(seq: str, width: int) -> bool:
    """A cell a line with no line between (LibreOffice's text of a Word table): each row its
    label's line and the next `width` lines, an empty one an empty cell. Said by rows whose lines
    hold two values on lines one after the other and an empty one between two values, or a
    value each with the next label right after, and by none whose values go on after them or
    stand every other line (pdftotext and crawlers that part every cell by an empty line and drop
    blank ones; a crawler that parts rows by an empty line prints none between two values, and
    one after every row). `seq`: the table's _line_letters."""
    evidence = rows = 0
    for at in (m.start() for m in _TEXT_THEN_CELLS.finditer(seq)):
        window, after = seq[at + 1 : at + width + 1], seq[at + width + 1 : at + width + 2]
        if "v" not in window or "t" in window:
            continue
        rows += 1
        if after == "v" or (window.count("v") > 2 and _ALTERNATE.match(window)):
            return False  # the values go on past the row's lines, or every other line is empty
        # an empty line between two values; or every line a value, the next label right after
        # them (a crawler that parts its rows prints an empty line there)
        evidence += ("vv" in window and _INNER_EMPTY.search(window) is not None) or (window == "v" * width and after == "t")
    return evidence >= 2 and rows >= len(_row_labels()) // 2  # most of the table's rows so, not a few lines by chance


def _paragraph_cells_printed(region: Region, page_ends: frozenset[int]) -> bool:
    """Whether the text prints table 3 a paragraph a cell, as its rows say (_rows_in_paragraphs,
    under either header). Never in text with page breaks (a form feed prints an empty line of its
    own: a PDF's text, not a crawler's). Table 4, one row, says too little to be read so."""
    if page_ends or len({c.line for _, c in region}) != len(region):
        return False  # (several cells a line: rows on lines, not a cell a line)
    seq = _line_letters(region)[1]
    width = len(catalogue.applicants())
    return bool(seq) and any(_rows_in_paragraphs(seq, w) for w in (width, width - 1))


def _line_letters(lines: Region) -> tuple[int, str]:
    """A letter a line from the region's first (its number, returned): `v` a value, `t` text,
    `e` an empty line; '' where a line holds several cells (rows on lines, not a cell a line)."""
    kinds: dict[int, str] = {}
    for _, cell in lines:
        if cell.line in kinds:
            return 0, ""
        kinds[cell.line] = "v" if _NUMBER[cell.text] is not None else "t"
    if not kinds:
        return 0, ""
    first = min(kinds)
    letters = ["e"] * (max(kinds) - first + 2)
    for line, kind in kinds.items():
        letters[line - first] = kind
    return first, "".join(letters)


def _paragraph_cells(run: str) -> list[int] | None:
    """The cells of a row's lines after its label where every filled cell is followed by an empty
    line and an empty cell is one empty line (a crawler's text of an HTML table, a paragraph a
    cell): each cell's offset in the run, a value's or an empty cell's. None where the run is not
    so: no empty line after the label, or two values with no empty line between."""
    if run[:1] != "e":
        return None
    cells, at = [], 1
    while at < len(run):
        if run[at] == "v":
            if run[at + 1 : at + 2] != "e":
                return None
            cells.append(at)
            at += 2
        else:
            cells.append(at)
            at += 1
    return cells


def _rows_in_paragraphs(seq: str, width: int) -> bool:
    """Whether the table prints a filled cell as its line and an empty one after it, and an empty
    cell as one empty line (_paragraph_cells): said by every row with values reading as `width`
    cells so, and by a few rows at least, some of them with an empty cell (rows of empty cells, a
    label and `width` + 1 empty lines, among them): one before a value, or others whole. Text that
    drops empty cells (pdftotext, most crawlers) reads as fewer cells in a row that has them; where
    it parts rows by empty lines, as one more in a whole row, and empty cells only at a row's end;
    an empty line where pages were joined may make up for one dropped cell, not in several rows.
    `seq`: the table's _line_letters."""
    rows = inner = whole_rows = empty_rows = 0
    for m in _TEXT_THEN_RUN.finditer(seq):
        run = _row_run(m)
        cells = _paragraph_cells(run)
        whole = cells is not None and len(cells) == width
        if "v" not in run and not whole:
            continue  # a heading, a label's first line
        if not whole and m.end() == len(seq):
            continue  # the region's last row: where its empty lines stop, the text does not say
        if not whole:
            return False
        rows += 1
        kinds = "".join(run[at] for at in cells)
        inner += "e" in kinds[: kinds.rfind("v")]  # an empty cell before a value: no row's end
        whole_rows += "e" not in kinds
        empty_rows += "e" in kinds
    return (inner >= 1 or whole_rows >= 1) and empty_rows >= _PARAGRAPH_EMPTY_ROWS and rows >= _PARAGRAPH_ROWS


def _with_paragraph_cells(row: _Row, width: int, first: int, seq: str) -> None:
    """The row's cells as _paragraph_cells reads its lines (_rows_in_paragraphs), an empty line
    an empty cell, when its values are exactly the filled ones and its 总计 holds (an empty cell
    as 0). `first`, `seq`: _line_letters."""
    start = row.line - first + 1
    run = _TEXT_THEN_RUN.match(seq, start - 1)
    cells = _paragraph_cells(_row_run(run)) if run is not None and seq[start - 1] == "t" else None
    if cells is None or len(cells) != width or row.rest_at >= 0:
        return
    at = {c.line: (n, c) for n, c in row.values}
    filled = [row.line + 1 + k for k in cells if seq[start + k] == "v"]
    if len(at) != len(row.values) or sorted(at) != filled:
        return
    values = [at.get(row.line + 1 + k) or (Number(None, ""), Cell("", row.line + 1 + k)) for k in cells]
    if at and not _adds_up_blank_0([n.value for n, _ in values]):
        return  # its 总计 blank or failing: an empty line more or less (a spacer cell, one dropped) reads alike
    row.values = values
    row.closed = True


def _row_run(m: re.Match) -> str:
    """The run after a label; the region's last one without the empty lines after its last
    value's own (the lines after the table are not the row's)."""
    run = m.group(1)
    return run if m.end() < len(m.string) or run[-1:] != "e" else run.rstrip("e") + "e"


_PARAGRAPH_ROWS = settings.value("paragraph_cells_rows")
_PARAGRAPH_EMPTY_ROWS = settings.value("paragraph_cells_empty_rows")
_TEXT_THEN_RUN = re.compile(r"t([ve]+)(?=t|$)")  # a text line and the values and empty lines after it
_TEXT_THEN_CELLS = re.compile(r"t(?=[ve])")  # a text line with a value or an empty line after it
_ALTERNATE = re.compile(r"^e?(?:ve)+v?$")  # a value every other line: cells parted by empty lines
_INNER_EMPTY = re.compile(r"ve+v")  # an empty line between two values


def _with_empty_lines(row: _Row, width: int, lines: Region) -> None:
    """The row's cells as the `width` lines after its label's (_empty_lines_are_cells), an empty
    line an empty cell, when every value it took stands on them and no other cell does (a row
    of six cells, the next label on its seventh line, is six)."""
    span = range(row.line + 1, row.line + width + 1)
    if not row.values or row.rest_at >= 0 or any(c.line not in span for _, c in row.values):
        return
    at = {c.line: (n, c) for n, c in row.values}
    if len(at) != len(row.values) or sum(c.line in span for _, c in lines) != len(at):
        return
    row.values = [at.get(line) or (Number(None, ""), Cell("", line)) for line in span]
    row.closed = True


def _after(lines: Region, k: int) -> Cell | None:
    return lines[k + 1][1] if k + 1 < len(lines) else None


def _label_rest(row: _Row, cell: Cell, following: Cell | None) -> str:
    """The text of the cell that completes the row's label further along the template's ('' when
    none), the row's first values on its label's first line and the rest on the cell's (layout
    text of a wrapped label: `（二）部分公开（…只计这一情形， 0` / `不计其他情形）   0   0 …`, the first
    column's value level with the label's first line, or its 总计: _around_label), after a piece
    of its group's heading wrapped beside it (`（六）其 2.申请人…缴纳费 0` / `他处理 用、行政机关… 0 …`).
    Not in pdftotext's default order, which prints the rest of the label on a line of its own and
    the values after it out of their rows: there it ends the row. `following`: the cell after it,
    a value on its line."""
    if not row.values or not isinstance(cell, line_rows.Piece) or len({c.line for _, c in row.values}) > 1:
        return ""  # its values so far on one line: its label's first, or one its numbering holds
    if following is None or following.line != cell.line or _NUMBER[following.text] is None:
        return ""  # the rest of the label on a line of its own
    if any(not isinstance(c, line_rows.Piece) or c.at < 0 for _, c in row.values):
        return ""  # where its values stand is not known
    return _rest_of_label(row.code, row.label, cell.text)


def _rest_below_first_value(row: _Row, lines: Region, k: int, width: int) -> str:
    """The text of the cell `lines[k]` where it completes the row's label ('' when not), printed on
    a line of its own after the row's first value, itself alone on the line below the label's
    first (pdftotext's order for a wrapped label: `一、本年新收…申请数` / `64` / `量` / `0 0` / `2` /
    `0` / `4` / `70`), a piece of its group's heading between them or not (`2.没有现成信息需要另行` /
    `1` / `无法提` / `制作` / `供` / `0` …). The first value is its first column's only where exactly
    the row's other cells follow before any other text (_rest_of_row_follows)."""
    cell = lines[k][1]
    j = k + 1 if k + 1 < len(lines) and _piece_of_group(row.code, lines[k + 1][1]) else k
    following = _after(lines, j)
    if len(row.values) != 1 or following is None or _NUMBER[following.text] is None:
        return ""
    if not (row.line < row.values[0][1].line < cell.line < following.line) or not _rest_of_row_follows(row, lines, j + 1, width):
        return ""
    return _rest_of_label(row.code, row.label, cell.text)


def _rest_of_row_follows(row: _Row, lines: Region, j: int, width: int) -> bool:
    """Whether the row's one value so far and the values from `lines[j]` on, up to any text, are
    exactly its cells, every one printed, adding up to a 总计 other than 0 (zeros placed so could
    be another row's)."""
    counts = [row.values[0][0].count]
    for _, after in lines[j:]:
        if (number := _NUMBER[after.text]) is None:
            break
        counts.append(number.count)
    return len(counts) == width and blocks.adds_up(counts) and bool(counts[-1])


def _cut_label(code: str, label: str) -> bool:
    """The label as its line prints it is the start of the row's, not the whole: it wraps."""
    key, labels = label_key(label), _row_labels().get(code, ())
    return _may_wrap(code, label) and not any(lab.key == key for lab in labels)


def _may_wrap(code: str, label: str) -> bool:
    """The label as printed is the start of a longer label of the row's: its cell may wrap it
    (`（一）予以公开` cannot go on; `1.申请人无正当理由逾期不补正` can, the template's is longer)."""
    key = label_key(label)
    return any(lab.key.startswith(key) and lab.key != key for lab in _row_labels().get(code, ()))


def _rest_of_label(code: str, label: str, text: str) -> str:
    """The text's part that completes the row's label further along the template's, after a
    piece of its group's heading if one leads it ('' when none)."""
    key, labels = label_key(label), _row_labels().get(code, ())
    for rest in (text, *_after_group_pieces(code, text)):
        whole = label_key(label + rest)
        if len(whole) > len(key) and any(lab.key.startswith(whole) for lab in labels):
            return rest
    return ""


def _after_group_pieces(code: str, text: str) -> Iterator[str]:
    """What follows each start of the text that is a piece of the heading of a group the row is in."""
    heads = _group_keys(code)
    for i in range(len(text) - 1, 0, -1):
        piece = label_key(text[:i])
        if piece and any(piece in head and piece != head for head in heads):
            yield text[i:]


def _group_piece(row: _Row, lines: Region, k: int, width: int) -> bool:
    """The cell `lines[k]` is a piece of the heading of a group the row is in, or only a numbering
    mark, and the next one completes the row's label (_label_rest, _rest_below_first_value): the
    group's cell, written down the table's left, wraps beside the row's (`（六）其 2.申请人逾期未按收费
    通知要求缴纳费 0` / `他处理` / `纳费用、… 0 0 0 0 0 0`); a label's numbering, centred in its cell,
    prints between its lines (`本机关不掌握相关政府 0` / `1.` / `信息   0   0 …`). Or, in pdftotext's
    order, a piece after the label's rest that followed the row's first value, before its other
    values (`制作` / `供` / `0` …: _rest_below_first_value)."""
    cell, following, then = lines[k][1], _after(lines, k), _after(lines, k + 1)
    if following is None or not cell.text.strip():
        return False
    key = label_key(cell.text)
    if not key and following.line == cell.line and _NUMBER[following.text] is not None:
        return _own_numbering(row, cell)  # `5.   1   0 …`: the mark, then the row's other values
    if key and not _piece_of_group(row.code, cell):
        return False
    if _label_rest(row, following, then):
        return True
    if not key:
        return False
    return bool(_rest_below_first_value(row, lines, k + 1, width)) or (
        len(row.values) == 1
        and _NUMBER[following.text] is not None
        and not _cut_label(row.code, row.label)
        and row.line < row.values[0][1].line < cell.line
        and _rest_of_row_follows(row, lines, k + 1, width)
    )


def _piece_of_group(code: str, cell: Cell) -> bool:
    """The cell's text is a piece (not the whole) of the heading of a group the row is in."""
    key = label_key(cell.text)
    return bool(key) and any(key in head and key != head for head in _group_keys(code))


def _own_numbering(row: _Row, cell: Cell) -> bool:
    """The cell is the numbering the row's label was printed without (`要求行政机关确认或重新出具已获 0`
    / `5.   1   0   0 …` / `取信息`), the row's values so far all on its label's line."""
    labels = _row_labels().get(row.code, ())
    return (
        bool(row.values)
        and all(c.line == row.line for _, c in row.values)
        and not any(catalogue.numbered(row.label, lab.label) for lab in labels)
        and any(catalogue.numbered(cell.text, lab.label) for lab in labels)
    )


@cache
def _group_keys(code: str) -> frozenset[str]:
    """The keys of the headings of the groups a table-3 row is in (（六）其他处理, 三、本年度办理结果)."""
    labels = catalogue.load().labels
    parents = {lab.code: lab.parent for lab in labels if lab.kind in ("t3_row", "t3_group")}
    keys: set[str] = set()
    while code := parents.get(code):
        keys |= {label_key(lab.label) for lab in labels if lab.code == code and lab.kind in ("t3_row", "t3_group")}
    return frozenset(keys)


def _around_label(row: _Row) -> list[tuple[Number, Cell]]:
    """A wrapped label's row (_label_rest) in its columns' order: the values on the label's first
    line stand left of those beside its rest (its first column's) or right of them (its 总计's);
    standing among them (text without a layout: pdfplumber's), where they go cannot be told, and
    unless the row reads alike either way it keeps only the first line's."""
    if row.rest_at < 0:
        return row.values
    first, rest = row.values[: row.rest_at], row.values[row.rest_at :]
    if not rest or [n.value for n, _ in first + rest] == [n.value for n, _ in rest + first]:
        return row.values  # read alike either way
    if not all(isinstance(c, line_rows.Piece) for _, c in first + rest):
        return first  # a value whose place on its line is not known (a cell of its own)
    if max(c.at for _, c in first) < min(c.at for _, c in rest):
        return row.values
    if min(c.at for _, c in first) > max(c.at for _, c in rest):
        return rest + first
    return first


@cache
def _row_labels() -> dict[str, tuple[catalogue.Label, ...]]:
    """Table 3's row labels by code (every variant the catalogue holds)."""
    out: dict[str, list] = {}
    for lab in catalogue.load().of_kind("t3_row"):
        out.setdefault(lab.code, []).append(lab)
    return {code: tuple(labs) for code, labs in out.items()}


_CELL_GAP = 3  # lines from one value to the next when two blank lines part them


def _close_by_wider_gaps(table: _Table3) -> None:
    """A row whose values are parted by the same run of two or more blank lines, and whose last
    value is followed by a longer one, is closed: the wider gap prints where it ends (a crawler's
    text of an HTML table parts a row's cells by fewer blank lines than its rows). pdftotext parts
    every cell by one blank line, and where it leaves more says nothing of rows."""
    if not any(row.spaced for row in table.rows.values()):
        return
    following: dict[int, int] = {}  # a cell's id -> the line of the cell after it
    for (_, a), (_, b) in zip(table.lines, table.lines[1:]):
        following[id(a)] = b.line
    for row in table.rows.values():
        if not row.spaced or len(row.values) < 2:
            continue
        at = [c.line for _, c in row.values]
        gaps = {b - a for a, b in zip(at, at[1:])}
        inside = gaps.pop()
        if not gaps and inside >= _CELL_GAP and following.get(id(row.values[-1][1]), at[-1]) - at[-1] > inside:
            row.closed = True


def _without_next_rows_blanks(values: list[tuple[Number, Cell]]) -> list[tuple[Number, Cell]]:
    """A real table's row without the empty cells of another table row after its own (the first
    row of a table continued on the next page, which holds no label, follows a page's last row)."""
    first = _TABLE_ROW.match(values[0][1].where or "") if values else None
    end = len(values)
    while first and end > 1 and _padding(values[end - 1][0]):
        m = _TABLE_ROW.match(values[end - 1][1].where or "")
        if m is None or m.group() == first.group():
            break
        end -= 1
    return values[:end]


def _stray_table3(report: ParsedReport, stray: dict, unknown: Cell | None, after: str | None, value: tuple[Number, Cell]) -> None:
    """A number outside any row, kept under the text it follows; that text, the first time,
    listed as a label the catalogue may lack."""
    where = "before the first row" if unknown is None else f"after unrecognised label '{unknown.text[:40]}' ({unknown.ref})"
    if where not in stray and unknown is not None:
        report.unmapped.append(("table 3", unknown.text, after, unknown.ref))
    stray.setdefault(where, []).append(value)


def _other_tables_label(key: str) -> bool:
    """The text is a label of table 2 (`其他对外管理服务事项`), come into table 3's cells where an
    extractor dropped the heading between."""
    return any(lab.key == key for lab in catalogue.load().matcher("t2_item", "t2_measure").candidates(key))


def _table3_label(
    cell: Cell, labels: Memo, matcher: catalogue.LabelMatcher, table: _Table3, pending: list[Cell]
) -> tuple[catalogue.Label | None, Cell]:
    """The label a text cell is (alone, as a header run together, or as the last piece of a
    label broken over lines), and the cell that prints it; the header's shape noted on `table`."""
    found, header_other = _pick_table3(labels[cell.text], table.rows, cell.text)
    if found is None and not table.rows:  # the header's words run together: 自然人商业企业…其他总计
        key = label_key(cell.text)
        inside = [lab for lab in matcher.within(key, "applicant", "t3_group") if lab.kind == "applicant"]
        found = inside[0] if len(inside) > 1 else None
        # 其他 run into a neighbour's words (`机构 其他`) still prints that column: missing it would let
        # six numbers pass for a header without 其他 when a blank cell was lost; not 其他 inside
        # another table's label (table 2's `其他对外管理服务事项`, where an extractor dropped the heading between)
        header_other = any(lab.code == "other_org" for lab in inside) and not _other_tables_label(key)
        # two or three columns' names in one cell (`社会公益组织 法律服务机构`), not the organisations' four
        # or five run together (a crawler's header row): an extractor merged those columns, so a
        # row's six cells do not make a header without 其他
        organisations = [lab for lab in inside if lab.code in catalogue.applicants()[1:-1]]
        table.merged_columns |= 1 < len(organisations) < 4
        table.has_org_heading |= bool(organisations)
    table.has_other_column |= header_other
    table.has_header |= found is not None and found.kind == "applicant"
    table.has_org_heading |= found is not None and found.code in catalogue.applicants()[1:-1]
    if found is not None:
        pending.clear()
        return found, cell
    if len(cell.text) > MAX_PIECE:
        pending.clear()  # prose: no label is broken across it
        return None, cell
    pending.append(cell)
    found, label = _joined_label(pending, matcher, table.rows)
    if found is not None and found.match == "contains" and label.text != cell.text:
        return None, cell  # pieces that hold a label's keyword, not its start: the rest of a label cut around its values
    if found is not None:
        pending.clear()
    return found, label


def _place_table3(report: ParsedReport, table: _Table3) -> dict[str, dict[str, tuple[int | None, str | None]]]:
    """Each row's values on the applicant columns, when their count is the template's (seven,
    or six under a header without 其他); rows whose cells were glued together are cut by the
    table's arithmetic; any other row is misaligned and its numbers listed, never guessed at."""
    applicants = catalogue.applicants()
    width = len(applicants)
    six = _six_columns()
    placed: dict[str, dict[str, tuple[int | None, str | None]]] = {}
    stuck: dict[str, list[tuple[Number, Cell]]] = {}
    laid: list[tuple[list, int | None]] = []  # rows printed in full, or whose blank a gap showed: (values, blank)
    unsure: dict[str, tuple[list, int | None]] = {}  # rows one short on one line: (values, where a gap shows the blank)
    gapped: dict[str, tuple[list, int]] = {}  # rows whose blank cell a gap of the layout placed: (values, blank)
    moot: set[str] = set()  # gapped rows whose blank one column further right would move only a 0
    orders: dict[str, list[list]] = {}  # rows on several lines adding up in more than one order of their values
    short_of_total: dict[str, list] = {}  # rows one short on one line, not adding up: their 总计 may be the blank
    short: dict[str, list] = {}  # rows no layout fits: misaligned, unless the 总计 column stands apart
    totalless: dict[str, list] = {}  # rows one short, not adding up, that no full row's columns place
    six_header = table.six_columns  # a real table's row of six cells is six values
    for code, row in table.rows.items():
        padded_row = table.after_labels(row)
        core = _on_cell_columns(code, row, table)
        if core is None and (core := padded_row) is not None and _any_value(core) and _padding(core[-1][0]):
            # its last cell empty: a blank 总计, or a cell the row lost (a merged cell, padded like
            # the others) — only the arithmetic says which (_totals_blank_by_columns)
            if len(core) == width and _one_short_of_counts(core[:-1], width) and not blocks.adds_up(_counts(core[:-1])):
                totalless[code] = core[:-1]
            else:
                _misaligned(report, row, core, True, _LOST_OR_BLANK)
            continue
        exact = core is not None or _exact(row, width) or (six_header and _exact(row, len(six)))
        if core is None:
            core = row.values if exact else _surplus_blanks(_core(row.values), width)
        if row.merged_with and _any_value(core):
            report.warn(
                "row_misaligned",
                f"table 3 rows {row.merged_with} and {code} ({row.ref}): one line prints both labels, then one row's "
                "values (two rows a tool merged): whose they are, the text does not say",
            )
            _unplaced(report, "table 3", f"row {code}", core)
            continue
        if table.split_kinds and len(core) <= width and _may_join(core, table.split_kinds):
            _misaligned(report, row, core, table.other_column, _SPLIT_NUMBERS)
            continue
        if len(core) <= width and _holds_joined(core, table):
            _misaligned(report, row, core, table.other_column, _JOINED_HOLD)
            continue
        if not _any_value(core):
            heading = code == "other_handling" and _has_other_rows(table.rows)  # （六）其他处理 before its sub-rows
            if not (exact or heading):  # a real table's row of empty cells is printed blank: NULL, as printed
                report.warn("row_without_numbers", f"table 3 row {code} ({row.label}) is printed without numbers")
            continue
        if any(_padding(n) for n, _ in core) and _in_split_column(core, table) and padded_row is None:
            readings = _split_readings(row.values, table)
            if not readings or table.merged_columns and any(r != readings[0] for r in readings):
                _misaligned(report, row, core, table.other_column, _SPLIT_COLUMN)
                continue
            if any(r != readings[0] for r in readings):
                placed[code] = _agreed(report, row, readings)
                continue
            core = readings[0]
        padded_end = bool(row.values) and _padding(row.values[-1][0])
        if len(core) == width and core[-1][0].value is None and _zeros_in_doubt(core[:-1], table):
            _misaligned(report, row, core, False, _SIX_SHORT)  # a real table's six zeros and an empty cell
            continue
        if len(core) == width and core[-1][0].value is None and _six_under_header(core[:-1], table):
            core, columns = core[:-1], six
        elif len(core) == width:
            if 0 < core[-1][1].line - core[0][1].line <= _ACROSS_LINES:
                readings = _across_lines(report, row, core)
                if len(readings) != 1:
                    if readings:
                        orders[code] = readings
                    else:
                        table.held_back.add(code)
                    continue
                core = readings[0]
                if _spaced_doubtful(core):  # its total failing as read, two values a single space apart
                    _misaligned(report, row, core, True, _SPACED_DOUBT)
                    continue
            elif _merged_rows(core):
                _misaligned(
                    report, row, core, True, "a cell of it holds two numbers (rows an extractor merged) and its total fails"
                )
                continue
            elif table.merged_columns and not exact and any(n.value is None for n, _ in core):
                # the extractor's columns are not the table's (its header merged some): which column a
                # value beside blank cells stands in, its cell's place does not say
                _misaligned(report, row, core, True, "a blank cell among its values, under a header whose columns a tool merged")
                continue
            elif _spaced_doubtful(core):
                _misaligned(report, row, core, True, _SPACED_DOUBT)
                continue
            columns = applicants
            laid.append((core, None))
        elif len(core) == len(six) and not exact and _blank_first_or_layout(row, core):
            _misaligned(report, row, core, table.other_column, "its first cell blank or a label's empty cell")
            continue
        elif (
            len(core) == len(six)
            and not (table.other_column or table.merged_columns)
            and (exact or not padded_end or _six_under_header(core, table))  # a real table's empty last cell is its 总计
        ):
            if _spaced_doubtful(core):
                _misaligned(report, row, core, False, _SPACED_DOUBT)
                continue
            counts = [n.count for n, _ in core]
            if (
                not exact
                and None not in counts  # a placeholder (`-`, `/`) or an empty cell: the text kept its cells
                and (table.rows_as_wide or not any(counts))  # (zeros add up whichever cell is blank)
                and table.totals_unprinted
                and not _shows_total(counts)
            ):
                _misaligned(report, row, core, False, _SIX_SHORT)
                continue
            if not exact and table.six_fail:
                _misaligned(report, row, core, False, _SIX_OR_OTHER)
                continue
            columns = six  # header without 其他: six numbers; after them an empty cell only if they add up
        elif (
            (blank := _layout_blank(core, width) if table.columns_shown else None) is not None
            and core[-1][0].count
            and _decides(core)
        ):
            # (a gap shows where a column is missing only where the header showed the columns: a
            # table some of whose rows print 其他 and others not, under a header no tool kept whole,
            # may be a table without 其他 whose later rows print one)
            if not _moves_a_number(core, blank):
                moot.add(code)  # read for the identities' verdict on the gaps, never landed, nor its blank others'
            laid.append((core, blank))
            gapped[code] = core, blank
            core, columns = _with_blank(core, blank), applicants
        elif (heads := _under_headings(row, core, table) or _under_middles(row, core, table)) is not None:
            columns = heads
        elif _one_line_short(core, width):
            # no gap clearly the widest, or a row of zeros (whose total holds whatever its blank):
            # placed below when a row with numbers had its blank there, or its values stand where that row's do
            unsure[code] = (core, blank)
            continue
        elif _short_of_total(core, width):
            short_of_total[code] = core  # placed below when its values stand where a full row's first six do
            continue
        elif (ends := _under_end_headings(row, core, table)) is not None:
            columns = ends
        elif _glued(core) and len(core) < width and not table.blank_as_likely(core):
            stuck[code] = core  # separators lost: cut below, by the arithmetic of the whole table
            continue
        else:
            short[code] = core  # misaligned, unless their 总计s stand apart (_totals_apart)
            continue
        if row.spaced and not row.closed and (why := _spaced_doubt(row, core, table)):
            # where a row parted by blank lines ends is not printed: only its arithmetic says the
            # values are its own and not the next row's, printed before that row's label
            _misaligned(report, row, core, table.other_column, why)
            if table.regular:
                table.held_back.add(code)  # read row by row, the values are its own: a total that fails is the report's
            continue
        placed[code] = {
            col: (
                n.count if n.count is not None or n.value is None else _count(report, "table 3", code, col, n),
                c.ref,
            )
            for col, (n, c) in zip(columns, core)
        }
    moot_cores = {id(gapped[code][0]) for code in moot}
    built = (
        [(_grid(_on_page(core, table), blank), id(core) in moot_cores) for core, blank in laid]
        if unsure or short_of_total
        else []
    )
    grids = [g for g, _ in built if g is not None]
    firm = [g for g, m in built if g is not None and not m]  # grids no moot row gave
    shown = {g.index(None) for g in grids if None in g}
    total = len(applicants) - 1
    page_grid = _page_grid(table, grids) if unsure else []
    for code, (core, blank) in unsure.items():
        if blank in shown:
            borrowed = not any(None in g and g.index(None) == blank for g in firm)
        else:
            on_page = _on_page(core, table)
            fitting = [g for g in grids if _left_of_columns(on_page, g)]
            # zeros: their blank may be the 总计 (they add up whichever cell is blank), which only
            # every value standing where the full rows' first six do tells; where rows leave their
            # 总计 blank, nothing else places them
            zeros = not any(n.count for n, _ in core)
            if zeros and _before_total(table.rows[code], on_page, page_grid, table):
                blank, borrowed = total, False
            else:
                blank = None if zeros and table.totals_dropped else _aligned_blank(on_page, fitting)
                borrowed = blank is not None and _aligned_blank(on_page, [g for g in fitting if g in firm]) != blank
        if borrowed:
            moot.add(code)  # its blank where only a moot row's gap puts one
        if blank is not None:
            placed[code] = {col: (n.count, c.ref) for col, (n, c) in zip(applicants, _with_blank(core, blank))}
            gapped[code] = core, blank
        elif _glued(core):
            stuck[code] = core
        else:
            _misaligned(report, table.rows[code], core, table.other_column)
    # a row alone in leaving its 总计 blank, only in a grid two full rows share: one row's columns
    # may match by chance (text spaced in a pattern of its own, two labels as long)
    alone = len(short_of_total) == 1
    twice = [g for g in grids if not alone or (None not in g and grids.count(g) > 1)]
    for code, core in short_of_total.items():
        on_page = _on_page(core, table)
        fitting = [g for g in twice if _left_of_columns(on_page, g)]
        if _before_total(table.rows[code], on_page, fitting, table):
            placed[code] = {col: (n.count, c.ref) for col, (n, c) in zip(applicants, core)}
        elif _glued(core) and not table.blank_as_likely(core):
            stuck[code] = core
        else:
            totalless[code] = core
    apart = _totals_apart(table, short, placed)
    taken = {id(cell) for _, cell in apart.values()}
    for code, core in short.items():
        if code in apart:
            total, cell = apart[code]
            placed[code] = {col: (n.count, c.ref) for col, (n, c) in zip(applicants, core)} | {"total": (total, cell.ref)}
            report.warn(
                "recovered_totals_apart",
                f"table 3 row {code} ({table.rows[code].ref}): its six values add up to {total} on {cell.ref}, "
                "where the 总计 column stands apart, a number a line in the template's order of rows",
            )
        elif not apart and table.regular and _one_short_of_counts(core, width) and not blocks.adds_up(_counts(core)):
            totalless[code] = core  # a row read row by row holds its own values: its 总计 may be its blank
        else:
            rest = [(n, c) for n, c in core if id(c) not in taken]
            _misaligned(report, table.rows[code], core, table.other_column, listed=rest)
    _gaps_that_break_columns(report, table, placed, gapped, applicants)
    for code in [c for c in moot if c in placed]:
        del placed[code]
        _misaligned(report, table.rows[code], gapped[code][0], True, _MOOT_GAP)
    _orders_by_identities(report, table, orders, placed)
    _totals_blank_by_columns(report, table, totalless, placed)
    if stuck:
        # six cells only under a printed header without 其他: a lost blank cell must not pass for that layout
        layouts = {width: applicants, **({len(six): six} if six_header else {})}
        blank_totals = _groups_of(table.totals_blank_in)
        for code in _cut_table3(report, stuck, placed, layouts, six_header and table.totals_unprinted, blank_totals):
            _misaligned(report, table.rows[code], stuck[code], table.other_column)
    return placed


def _blank_column(report: ParsedReport, table: _Table3, placed: dict, before: int, page_ends: frozenset[int]) -> None:
    """A run of at least BLANK_COLUMN_ROWS rows one value short that add up, every other row
    printed whole: a table leaving one column blank in those rows (sample 000 prints 其他 only
    from （六） down), which text without positions drops. Each column but 总计 is tried as the
    blank one; a cell lands where every column with which each identity holds gives it the same
    value, so the columns printing only zeros stay NULL in those rows. A blank is no number: the
    identities of its column go unchecked (a report's own failing sum there rules no column out).
    A row on two or three lines a few apart is read in each order of them that adds up, the
    identities choosing too."""
    applicants = catalogue.applicants()
    width = len(applicants)
    if table.six_columns or not table.other_column:
        return
    rows = table.rows  # a group's label (`（六）其他处理` above its three rows) is no row of its own
    printed = [code for code in catalogue.table3_rows() if code in rows and _children(code).isdisjoint(rows)]
    cores = {code: _core(rows[code].values) for code in printed if code not in placed}
    cores |= {c: core[:-1] for c, core in cores.items() if _page_number_after(core, width, page_ends)}
    read = {c: _orders_adding_up_short(core) for c, core in cores.items() if _one_short_of_counts(core, width)}
    short = [c for c in cores if read.get(c)]
    if (
        len(short) < BLANK_COLUMN_ROWS
        or len(short) != len(cores)
        or printed.index(short[-1]) - printed.index(short[0]) != len(short) - 1
        or not any(_counts(read[c][0])[-1] for c in short)
        or any(v is None for cells in placed.values() for v, _ in cells.values())
        or prod(len(read[c]) for c in short) > MAX_COMBINATIONS
    ):
        return
    known = {code: {col: v for col, (v, _) in cells.items()} for code, cells in placed.items()}
    readings, blanks = [], set()
    for blank, orders in product(range(width - 1), product(*(read[c] for c in short))):
        cells = {c: dict(zip(applicants, _with_blank(core, blank))) for c, core in zip(short, orders)}
        counts = known | {c: {col: (None if n is None else n.count) for col, (n, _) in row.items()} for c, row in cells.items()}
        if _column_identities_hold(counts, set(counts)):
            readings.append(cells)
            blanks.add(blank)
    if not readings:
        return
    for code in short:
        placed[code] = {col: _same_cell([r[code][col] for r in readings]) for col in applicants}
    report.issues[before:] = [i for i in report.issues[before:] if not _names_row(i.detail, set(short))]
    columns = ", ".join(applicants[b] for b in sorted(blanks))
    report.warn(
        "recovered_blank_cells",
        f"table 3 rows {', '.join(short)}: each one value short and adding up, every other row whole: a "
        f"column left blank in those rows, which the text does not show; every identity holds with it under "
        f"{columns}: the cells every such reading gives the same value landed, the rest NULL",
    )


def _page_number_after(core: list, width: int, page_ends: frozenset[int]) -> bool:
    """A row of `width` values not adding up whose last stands alone on its page's last line and is
    that page's number (pages counted from 1, as a footer numbers them), the others one short:
    that last is the footer (`0 0 0 0 0 0` / `3` / form feed), which the identities, its 总计
    column included, then vouch for leaving out."""
    if len(core) != width:
        return False
    counts, last = _counts(core), core[-1][1].line
    page = 1 + sum(end < last for end in page_ends)
    return (
        None not in counts
        and not blocks.adds_up(counts)
        and last in page_ends
        and counts[-1] == page
        and sum(c.line == last for _, c in core) == 1
    )


def _orders_adding_up_short(core: list) -> list[list]:
    """The orders of a row's values that add up: as read, or, on lines a few apart (a 总计 set on a
    wrapped label's first line, the others on the next: `2` / `2 0 0 0 0`), each line's in order,
    as _across_lines reads full rows; those that read alike once."""
    lines = list(dict.fromkeys(c.line for _, c in core))
    if not 0 < core[-1][1].line - core[0][1].line <= _ACROSS_LINES or len(lines) > _MOST_LINES:
        return [core] if blocks.adds_up(_counts(core)) else []
    return list(_line_orders_adding_up([[v for v in core if v[1].line == line] for line in lines]).values())


def _line_orders_adding_up(parts: list[list]) -> dict[tuple, list]:
    """The orders of a row's values standing on a few lines (`parts`, each line's in order) whose
    总计 is the sum of the others, by their counts: each line's values kept in their order."""
    found: dict[tuple, list] = {}
    for merged in _interleavings(parts):
        found.setdefault(tuple(_counts(merged)), merged)
    return {key: merged for key, merged in found.items() if blocks.adds_up(key)}


def _same_cell(ways: list) -> tuple[int | None, str | None]:
    """A cell as every reading gives it: its value and reference where all agree, else unknown."""
    values = {None if n is None else n.count for n, _ in ways}
    refs = {None if c is None else c.ref for _, c in ways}
    if len(values) != 1 or None in values:
        return None, None
    return next(iter(values)), next(iter(refs)) if len(refs) == 1 else None


def _totals_apart(table: _Table3, short: dict[str, list], placed: dict) -> dict[str, tuple[int, Cell]]:
    """pdftotext reads a column whose heading stands apart as a block: a table's 总计s, a number a
    line with no blank line between, after rows of six values each parted by blank lines. Where
    such a block, in the template's order of rows, holds the sum of each of two or more such rows
    at that row's place, at least one of them not readable as five values and a 总计 (its last
    value not the sum of the others), and no other block or place does so, the rows are six values
    and that 总计: {row: (total, its cell)}; a row of zeros at either end of a block's rows takes
    nothing (it may have left its 总计 blank, which a block skips: _pinned). A block's numbers
    placed in a row, or a row's own, are no block's; nor is one printed before the rows' labels
    (the column is read after them)."""
    order = _template_order(table)
    sums = {
        code: sum(n.count for n, _ in core)
        for code, core in short.items()
        if code in order
        and len(core) == len(catalogue.applicants()) - 1
        and table.rows[code].spaced
        and all(n.count is not None for n, _ in core)
    }
    if len(sums) < 2 or table.values_before_rows:
        return {}
    used = {ref for cells in placed.values() for _, ref in cells.values()} | {c.ref for code in sums for _, c in short[code]}
    return _block_totals(table, short, sums, order, used)


def _block_totals(
    table: _Table3, short: dict[str, list], sums: dict[str, int], order: list[str], used: set
) -> dict[str, tuple[int, Cell]]:
    """_totals_apart's matches of blocks to rows, each row's where one block and place alone give it."""
    where = {code: k for k, code in enumerate(order)}
    found: dict[str, dict[int, tuple[int, Cell]]] = {}  # row: {id of a total's cell: (total, cell)}
    for block in _number_blocks(table):
        if len(block) < 2 or any(c.ref in used for _, c in block):
            continue
        for start in range(len(order) - len(block) + 1):
            rows = _pinned([code for code in sums if start <= where[code] < start + len(block)], sums, order)
            if (
                len(rows) >= 2
                and all(table.rows[code].line < block[0][1].line for code in rows)  # read after the rows
                and all(block[where[code] - start][0].count == sums[code] for code in rows)
                and not all(blocks.adds_up([n.count for n, _ in short[code]]) for code in rows)
            ):
                for code in rows:
                    n, c = block[where[code] - start]
                    found.setdefault(code, {})[id(c)] = (n.count, c)
    return {code: next(iter(totals.values())) for code, totals in found.items() if len(totals) == 1}


def _pinned(rows: list[str], sums: dict[str, int], order: list[str]) -> list[str]:
    """The rows from the first whose values add up to more than 0 to the last, or from the
    template's first row or to its last: a row of zeros outside them matches any 0, and a block
    of 总计s may have left a row's out (a blank 总计) and hold the next row's 0 where it stands
    (`1` / `0` for 4.保护第三方… 1 and 6.属于四类… 0, 5.属于三类… blank between them); before the
    first row or after the last, no row's 0 can stand."""
    ends = [k for k, code in enumerate(rows) if sums[code] or code in (order[0], order[-1])]
    return rows[ends[0] : ends[-1] + 1] if ends else []


def _template_order(table: _Table3) -> list[str]:
    """Table 3's rows that print numbers, in the template's order: the 2021 format's, or the 2019
    format's (其他处理 a row of its own) where the table prints that."""
    rows2021, rows2019 = _row_shapes()
    shape = rows2019 if "other_handling" in table.rows and not _has_other_rows(table.rows) else rows2021
    return [code for code in catalogue.table3_rows() if code in shape]


def _number_blocks(table: _Table3) -> list[list[tuple[Number, Cell]]]:
    """Runs of lines holding one number each, with no blank line between (a column pdftotext read
    as a block)."""
    numbers = {c.line: (n, c) for row in table.rows.values() for n, c in row.values}
    numbers.update((c.line, (n, c)) for values in table.stray.values() for n, c in values)
    alone = [
        (line, numbers[line])
        for line in table.line_numbers
        if line in numbers and table.by_line[line] == [numbers[line][1]] and numbers[line][0].count is not None
    ]
    return blocks.paragraphs(alone)


def _gaps_that_break_columns(
    report: ParsedReport, table: _Table3, placed: dict, gapped: dict[str, tuple[list, int]], applicants: list[str]
) -> None:
    """Rows one value short whose blank cell a gap of the layout placed (pdftotext -layout drops a
    blank cell): where the table's column identities then fail, and either those rows put the
    blank in different columns or the same blank in another column would make them hold, the
    gaps told wrong (a narrow column leaves a wide gap elsewhere: `18    0        1   0   0    19`
    for 18 0 1 0 0 _ 19, the rows below it read right), and none of them is placed."""
    if not gapped:
        return
    counts = {code: {col: v for col, (v, _) in cells.items()} for code, cells in placed.items()}
    if _column_identities_hold(counts, set(gapped)):
        return
    if len({blank for _, blank in gapped.values()}) < 2 and (
        _column_identities_hold(counts, set(gapped), every_outcome=True) or not _another_blank_holds(counts, gapped, applicants)
    ):
        return  # the identities fail only for rows not read, or wherever the blank stands (the report's own)
    for code, (core, _) in gapped.items():
        placed.pop(code, None)
        _misaligned(
            report, table.rows[code], core, True, "its blank cell, where a gap shows it, breaks the table's column identities"
        )


_OTHER_2021 = {"other_no_correction", "other_fee_unpaid", "other_other"}  # the 2019 format prints other_handling instead


def _every_outcome_row(codes) -> bool:
    """Every outcome row of the 2021 format or of the 2019 format was read."""
    from .checks import OUTCOME_ROWS_2021

    common = set(OUTCOME_ROWS_2021) - _OTHER_2021 - {"other_handling"}
    return common <= codes and ("other_handling" in codes or _OTHER_2021 <= codes)


def _another_blank_holds(counts: dict, gapped: dict[str, tuple[list, int]], applicants: list[str]) -> bool:
    """The rows' blank cell in some other one column gives every such row a 总计 that holds and
    the table its column identities."""
    (blank,) = {b for _, b in gapped.values()}
    for other in range(1, len(applicants) - 1):
        moved = {code: [n.count for n, _ in _with_blank(core, other)] for code, (core, _) in gapped.items()}
        if other != blank and all(_adds_up_blank_0(row) for row in moved.values()):
            trial = {**counts, **{code: dict(zip(applicants, row)) for code, row in moved.items()}}
            if _column_identities_hold(trial, set(gapped), every_outcome=True):
                return True
    return False


_ACROSS_LINES = 4  # how far apart a row's first and last values' lines may stand (blank lines between them or not)
_MOST_LINES = 3  # a row's values on two lines or three: a wrapped label's; on more, a cell a line (read as printed)


def _across_lines(report: ParsedReport, row: _Row, core: list) -> list[list]:
    """A row whose values stand on two lines or three: a label wrapped in its cell, and layout text
    prints each cell's value where the cell centres it, so a one-line cell's (often the 总计's) on
    the label's first line and the others' on the next. Which column a line's values stand in, the
    text does not say, as printed or not (`1` / `0 0 0 0 0 1` adds up read either way). Returns the
    orders of its values (each line's in order) whose total holds: one is read, noted where it is
    not the printed one; several are left to the table's column identities. None holding (the
    report's own inconsistency, which the checks report): as printed where every order reads
    alike, else refused ([]) — which of its numbers is the 总计 the text does not say. With a
    blank cell among them, as printed only where the total holds."""
    counts = [n.count for n, _ in core]
    lines = list(dict.fromkeys(c.line for _, c in core))
    if len(lines) > _MOST_LINES:
        return [core]
    if None in counts:
        # a blank cell among them: as printed where its 总计 holds, the blank adding nothing (a
        # line's values may be another row's: markitdown's next Markdown row, the row after's)
        if blocks.adds_up([c or 0 for c in counts]):
            return [core]
        _misaligned(report, row, core, True, "its values on several lines, a blank cell among them, and its 总计 fails")
        return []
    parts = [[v for v in core if v[1].line == line] for line in lines]
    found = _line_orders_adding_up(parts)
    if not found:
        if len({tuple(n.count for n, _ in merged) for merged in _interleavings(parts)}) == 1:
            return [core]
        _misaligned(report, row, core, True, "its values on several lines, and no order of them adds up")
        return []
    if len(found) == 1 and (key := next(iter(found))) != tuple(counts):
        report.warn(
            "recovered_reading_order",
            f"table 3 row {row.code} ({row.ref}): its values stand on {len(lines)} lines; read as {_shown(key)}, "
            f"the one order of them (each line's in order) whose 总计 is the sum of the others",
        )
    return list(found.values())


def _orders_by_identities(report: ParsedReport, table: _Table3, orders: dict[str, list[list]], placed: dict) -> None:
    """Rows on several lines that add up in more than one order (_across_lines): the one order with
    which the table's column identities hold, every cell they involve read, is placed and noted;
    none or several: the row is NULL, its numbers listed."""
    if not orders:
        return
    applicants = catalogue.applicants()
    layouts = {len(applicants): applicants}
    options = {code: [(len(applicants), tuple(n.count for n, _ in r)) for r in readings] for code, readings in orders.items()}
    known = {code: {col: count for col, (count, _) in cells.items()} for code, cells in placed.items()}
    chosen = _consistent(options, known, layouts, every_outcome=True)
    for code, readings in orders.items():
        row, picks = table.rows[code], chosen.get(code, [])
        if len(picks) != 1:
            _misaligned(report, row, readings[0], True, "its values on several lines, and more than one order of them adds up")
            table.held_back.add(code)  # its own values, whichever order
            continue
        key = picks[0][1]
        (merged,) = [r for r in readings if tuple(n.count for n, _ in r) == key]
        placed[code] = {col: (n.count, c.ref) for col, (n, c) in zip(applicants, merged)}
        report.warn(
            "recovered_reading_order",
            f"table 3 row {code} ({row.ref}): its values stand on several lines and add up in {len(readings)} orders; "
            f"read as {_shown(key)}, the one with which the table's column identities hold",
        )


def _join_spaced_numbers(report: ParsedReport, table: _Table3) -> None:
    """Rows with more cells than columns whose numbers a crawler printed with spaces inside take
    the cells _spaced_cells reads."""
    widths = list(table.widths)
    table.split_kinds = _split_kinds(table, widths)
    for row in table.rows.values():
        if len(row.values) > widths[-1] and (cells := _spaced_cells(report, row, widths)):
            row.values = cells


def _pair_kind(a: Cell, b: Cell) -> str | None:
    """How the text parts two values next to each other, where it may part a number's pieces so:
    a single space on a line (`space`), the spaces of a line holding a table run together
    (`cells`), a line break (`lines`: a value a line). None: a table's own cells (a document's,
    or parted by tabs or bars), or a layout's column gap."""
    piece = line_rows.Piece
    if isinstance(a, piece) or isinstance(b, piece):
        return "space" if isinstance(a, piece) and isinstance(b, piece) and a.line == b.line and b.gap == 1 else None
    if isinstance(a, line_rows.Run) and isinstance(b, line_rows.Run):
        return "cells" if a.line == b.line else None
    if type(a) is not Cell or type(b) is not Cell or _of_a_table(a) or _of_a_table(b):
        return None
    return "lines" if b.line == a.line + 1 else None


def _split_kinds(table: _Table3, widths: list[int]) -> frozenset[str]:
    """Where a row prints more values than columns, all parted alike (_pair_kind), and joining
    some pairs of them into one number each (`3 2` as 32) leaves a row whose 总计 holds (a blank
    cell dropped or not), that way of parting them: the text prints numbers in pieces parted as
    its cells are. (A row parting its cells a line each and a cell's pieces by a space tells them
    apart: _spaced_cells reads it.)"""
    kinds: set[str] = set()
    for row in table.rows.values():
        values = [v for v in row.values if not _padding(v[0])]
        if (
            widths[0] < len(values) <= 2 * widths[0]
            and len({_pair_kind(a, b) for (_, a), (_, b) in zip(values, values[1:])}) == 1
        ):
            kinds |= _joins_holding(values, {*widths, widths[-1] - 1})
    return frozenset(kinds)


def _joined_readings(values: list, kinds: frozenset[str] | None = None) -> Iterator[tuple[list, list[str]]]:
    """Every reading of the values with disjoint pairs next to each other joined into one number
    each, where the text may part a number's pieces as it parts them (_pair_kind; only `kinds` of
    parting, where given): each reading's counts and the kinds of the pairs it joined."""

    def walk(k: int, counts: list, joined: list[str]) -> Iterator[tuple[list, list[str]]]:
        if k == len(values):
            yield counts, joined
            return
        yield from walk(k + 1, [*counts, values[k][0].count], joined)
        if k + 1 < len(values) and (kind := _pair_kind(values[k][1], values[k + 1][1])) is not None:
            if (kinds is None or kind in kinds) and _one_number(digits := values[k][0].text + values[k + 1][0].text):
                yield from walk(k + 2, [*counts, int(digits)], [*joined, kind])

    return walk(0, [], [])


def _joins_holding(values: list, targets: set[int]) -> set[str]:
    """The kinds of the pairs joined in each reading (_joined_readings) that leaves as many values
    as one of `targets`, adding up."""
    return {
        kind
        for counts, joined in _joined_readings(values)
        if len(counts) in targets and blocks.adds_up(counts)
        for kind in joined
    }


_SPLIT_NUMBERS = (
    "two of its values may be one number's pieces (another row of the table prints a number in pieces, "
    "parted as these are): which cells are the row's, the text does not say"
)


_JOINED_HOLD = (
    "its total fails as read, and holds with two of its values next to each other read as one number's "
    "pieces (`1 2` as 12, blank cells dropped): which cells are the row's, the text does not say"
)


def _holds_joined(core: list, table: _Table3) -> bool:
    """A row whose total fails as read, of values cut from a line holding a table run together
    (spaces alone part them: nothing tells a number's pieces from cells) or printed a value a line
    in a text that drops blank cells (a crawler's get_text("\n", strip=True) of a page splitting
    numbers over spans), some pairs of which joined into one number each make it add up, blank
    cells dropped (`1 1 2 1 6 2 9` as 11 2 16 29). (Where the text keeps blank cells, a value a
    line is a cell: LibreOffice's text of a Word table, its failing totals as printed.)"""
    if not core or core[0][1].line == core[-1][1].line and not isinstance(core[0][1], line_rows.Run):
        return False  # (most rows: the cells of one line)
    values = [v for v in core if not _padding(v[0])]
    if len(values) < 3 or blocks.adds_up([n.count for n, _ in values]):
        return False
    kinds = _joins_holding(values, set(range(2, len(values))))
    return bool(kinds & _UNGAPPED) or ("lines" in kinds and not table.keeps_blanks)


_UNGAPPED = frozenset({"cells"})  # a line holding a table run together: spaces alone part its values


def _may_join(core: list, kinds: frozenset[str]) -> bool:
    """The row's values are parted all alike, as the table parts a number's pieces (split_kinds),
    and two next to each other join into one number as reports print one. (A row parting its
    cells otherwise, a cell a line, tells a cell's pieces, `3 2` on its line, from its cells.)"""
    values = [v for v in core if not _padding(v[0])]
    pairs = list(zip(values, values[1:]))
    parted = {_pair_kind(a, b) for (_, a), (_, b) in pairs}
    return len(parted) == 1 and parted <= kinds and any(_one_number(n.text + m.text) for (n, _), (m, _) in pairs)


def _spaced_cells(report: ParsedReport, row: _Row, widths: list[int]) -> list | None:
    """A table-3 row with more cells than columns where some cell's number was printed with single
    spaces inside it (`| 2 0 |`: a crawler's get_text(" ") puts a space between the spans a Word
    page splits 20 into): its cells as _spaced_join reads them, the 总计 holding, noted. Its empty
    cells at either end are blank cells or a layout's leftovers: read both ways, the readings found
    must agree."""
    piece = line_rows.Piece
    if not any(c.gap == 1 for _, c in row.values if isinstance(c, piece)):
        return None  # no number a single space from the one before
    core = _core(row.values)
    readings = [row.values] if core == row.values else [row.values, core]
    found = [r for r in (_spaced_join(values, widths, _adds_up_blank_0) for values in readings) if r]
    if not found or len({tuple(n.count for n, _ in cells) for cells, _ in found}) > 1:
        return None
    cells, printed = found[0]
    report.warn(
        "recovered_spaced_digits",
        f"table 3 row {row.code} ({row.ref}): {printed} read as one number each, the one reading of its cells "
        f"with a cell a column whose 总计 is the sum of the others: {_shown(tuple(n.count for n, _ in cells))}",
    )
    return cells


def _spaced_join(
    values: list, widths: list[int], holds: Callable[[list], bool], whole_cells: bool = False
) -> tuple[list, str] | None:
    """The values with the one choice of numbers printed with single spaces inside them (pieces a
    single space apart on a line) read each as one number that leaves as many values as one of
    `widths` and makes `holds` (of their counts) true, and those numbers as printed; none or
    several such choices: None. `whole_cells`: only a cell whose whole text is such a number."""
    groups: list[list] = []  # the values each cell's text gave: a piece a single space after the one before
    for value in values:
        c = value[1]
        last = groups[-1][-1][1] if groups else None
        same_cell = isinstance(c, line_rows.Piece) and c.gap == 1 and isinstance(last, line_rows.Piece) and last.line == c.line
        groups[-1].append(value) if same_cell else groups.append([value])
    if len(groups) > max(widths):
        return None  # each cell gives a value at least: more cells than columns, whatever is joined
    spaced = [
        k
        for k, g in enumerate(groups)
        if len(g) > 1
        and _one_number("".join(n.text for n, _ in g))
        and (not whole_cells or _whole_cell(g, groups[k + 1] if k + 1 < len(groups) else None))
    ]
    sizes = [len(groups[k]) - 1 for k in spaced]
    found = []
    for chosen in (c for width in widths if len(values) > width for c in _choices(spaced, sizes, len(values) - width)):
        cells = [_joined(g) if k in chosen else v for k, g in enumerate(groups) for v in ([g] if k in chosen else g)]
        if holds([n.count for n, _ in cells]):
            found.append((chosen, cells))
    if len(found) != 1:
        return None
    chosen, cells = found[0]
    return cells, ", ".join(f"'{' '.join(n.text for n, _ in groups[k])}'" for k in sorted(chosen))


def _whole_cell(group: list, after: list | None) -> bool:
    """The pieces are the whole text of their cell: the first starts it, and what follows is
    another cell (`9 1` alone on its line, not `行政许可 9 1` nor `0   9 1` of a layout's line)."""
    first, nxt = group[0][1], after[0][1] if after else None
    return first.at == 0 and first.gap == 0 and (not isinstance(nxt, line_rows.Piece) or nxt.line != first.line or nxt.at == 0)


def _joined(pieces: list) -> tuple[Number, Cell]:
    """One cell's number from the pieces a single space parted."""
    text = " ".join(n.text for n, _ in pieces)
    first = pieces[0][1]
    return parse_number(text), Cell(text, first.line, first.where)


_SPACED_DOUBT = "two of its numbers a single space apart among columns, and its total fails"


def _spaced_doubtful(core: list) -> bool:
    """A row whose total fails as read and two of whose numbers stand a single space apart among
    values set apart otherwise: `9   1   0   0   0   1 0` may be 10 and a blank cell dropped, `2 35   2   4   2 41`
    235 and 241; read either way, which numbers are the row's the text does not say."""
    return not blocks.adds_up([n.value for n, _ in core]) and _spaced_pair(core)


def _spaced_pair(core: list) -> bool:
    """Two values a single space apart among values set apart otherwise (column gaps, or cells of
    their own): one number a page split over two spans may be printed so (`1 0` for 10)."""
    piece = line_rows.Piece
    pairs = [
        c.gap for (_, b), (_, c) in zip(core, core[1:]) if isinstance(b, piece) and isinstance(c, piece) and b.line == c.line
    ]
    # where a single space parts every value (pdfplumber's plain text) it is the separator
    return 1 in pairs and (max(pairs) >= line_rows.COLUMN_GAP or len(pairs) < len(core) - 1)


def _spaced_number(values: list) -> bool:
    """The values are one cell's number printed with single spaces inside it (`2 0`)."""
    piece, (_, first) = line_rows.Piece, values[0]
    return (
        isinstance(first, piece)
        and first.gap == 0
        and all(isinstance(c, piece) and c.gap == 1 and c.line == first.line for _, c in values[1:])
        and _one_number("".join(n.text for n, _ in values))
    )


def _one_number(digits: str) -> bool:
    """Pieces that join into a number as reports print one: `2 0` is 20, `0 0` is no number."""
    return digits.isdigit() and (digits == "0" or digits[0] != "0")


def _choices(items: list[int], sizes: list[int], total: int) -> Iterator[set[int]]:
    """Every set of the items whose sizes sum to the total (each size at least 1)."""
    if total == 0:
        yield set()
        return
    for k, (item, size) in enumerate(zip(items, sizes)):
        if size <= total:
            for rest in _choices(items[k + 1 :], sizes[k + 1 :], total - size):
                yield {item, *rest}


def _merged_rows(core: list) -> bool:
    """A row of whole cells (a Markdown or crawler's row) with numbers split off one of its cells
    (`2<br>0`: pymupdf4llm merges two rows into one, the cell holding both rows' values), whose
    total fails: its values are not one row's."""
    piece = line_rows.Piece
    return not isinstance(core[0][1], piece) and isinstance(core[-1][1], piece) and not blocks.adds_up([n.count for n, _ in core])


def _interleavings(parts: list[list]) -> Iterator[list]:
    """Every merge of the parts that keeps each part's own order."""
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        yield [v for p in parts for v in p]
        return
    for k, part in enumerate(parts):
        for rest in _interleavings(parts[:k] + [part[1:]] + parts[k + 1 :]):
            yield [part[0], *rest]


def _blank_first_or_layout(row: _Row, core: list) -> bool:
    """Six values after empty cells: the empty cell before them may be a label's (a merged cell's
    leftover) or a blank 自然人 of a row of seven (rows of 其他处理 print seven under a header
    without 其他), and the row total holds either way. Which one, nothing on the line tells."""
    return _padding(row.values[0][0]) and len(row.values) > len(core)


def _six_under_header(core: list[tuple[Number, Cell]], table: _Table3) -> bool:
    """Six values that add up, under a printed header without 其他: a blank cell after them is
    one after the 总计 (an extra column, a crawler's row end), not a blank 总计 with the total
    standing in 其他, a column the header does not print."""
    counts = [n.count for n, _ in core]
    # zeros add up as well as a row whose 总计 is blank, in a table that leaves its 总计 blank
    return table.six_columns and blocks.adds_up(counts) and (bool(counts[-1]) or not table.totals_left_blank)


def _zeros_in_doubt(core: list[tuple[Number, Cell]], table: _Table3) -> bool:
    """Six zeros under a header without 其他, in a table whose rows print three to five values not
    showing their 总计 (`0 0 0 0 0`): which cell such rows leave blank, the text does not say, so
    six zeros may be five columns and a 总计 or, the header having lost 其他, 其他 and a blank 总计
    (zeros add up either way)."""
    return table.six_columns and not any(n.count for n, _ in core) and table.totals_unprinted


def _shows_total(counts: Sequence[int | None]) -> bool:
    """The values end in their 总计: it adds them up and is not 0 (zeros add up whatever cell is blank)."""
    return bool(counts[-1]) and blocks.adds_up(counts)


# an empty cell among a row's values where a tool split a column (_Table3.split_cells)
_SPLIT_COLUMN = (
    "an empty cell among its values, in a table some row of which prints its values across more cells than the "
    "table has columns (a tool split a column): a blank, or the split column's other half, the text does not say"
)
# six values adding up where other rows' six do not, under a header whose organisations no tool
# kept (_Table3.six_fail)
_SIX_OR_OTHER = (
    "six values under a header whose organisations were not read, in a table other rows of six values of which do "
    "not add up: its last value may be 其他 beside a blank 总计, adding up by chance, the text does not say"
)
# a row of a table padded after its labels ending in an empty cell (_Table3.after_labels)
_LOST_OR_BLANK = (
    "its last cell empty, in a table whose rows were padded to the widest: a blank 总计, or a cell the row lost "
    "(a merged cell), the text does not say"
)
# six values under a header without 其他 that do not show their 总计, in a table whose rows print
# seven values and leave 总计s blank
_SIX_SHORT = (
    "six values under a header without 其他 that do not show their 总计 (zeros, or a last value that is not "
    "the sum of the others), where other rows print every column or leave cells blank: which cell is blank, the text "
    "does not say"
)
BLANK_GAP = settings.value("layout_blank_gap")  # a gap this many times every other one is a blank cell
COLUMN_SLACK = settings.value("layout_column_slack")  # characters a value may start from its column's place


def _totals_blank_by_columns(report: ParsedReport, table: _Table3, totalless: dict[str, list], placed: dict) -> None:
    """Rows one value short whose last value is not the sum of the others, on one line that no
    full row's columns place (layout text shifts a row's values beside a wrapped label) or in a
    table read row by row (a cell a line). With a blank cell 0, only their 总计 can be the blank
    (any other, and the last value is a total that fails): they are read so where every outcome
    row is then known (_adding_nothing: rows of zeros one short, or a table read row by row's
    rows printed blank, add 0 wherever their blanks are) and each applicant column of them adds
    up to 办理总计's, one of them at least not 0, and no row one short shows its 总计
    (_totals_kept), under a header with 其他. A report's own slip (a total that fails beside a
    blank elsewhere) would move a value into another column, whose sum refuses them all unless
    that value is 0. Else they are misaligned, their numbers listed."""
    from .checks import OUTCOME_ROWS_2021

    if not totalless:
        return
    applicants = catalogue.applicants()
    six = applicants[:-1]
    counts = {code: {col: v for col, (v, _) in cells.items()} for code, cells in placed.items()}
    counts |= {code: dict(zip(six, _counts(core))) for code, core in totalless.items()}
    counts |= {code: dict.fromkeys(six, 0) for code in _adding_nothing(table, counts.keys())}
    outcome = [c for c in OUTCOME_ROWS_2021 if c in counts]
    processed = counts.get("total_processed", {})
    holds = _every_outcome_row(counts.keys()) and all(
        processed.get(col) is not None
        and None not in (column := [counts[c].get(col) for c in outcome])
        and sum(column) == processed[col]
        for col in six
    )
    if table.six_columns or not holds or not any(processed.get(col) for col in six) or _totals_kept(table, outcome):
        for code, core in totalless.items():
            _misaligned(report, table.rows[code], core, table.other_column)
        return
    for code, core in totalless.items():
        placed[code] = {col: (n.count, c.ref) for col, (n, c) in zip(applicants, core)}
    report.warn(
        "recovered_blank_cells",
        f"table 3 rows {', '.join(totalless)}: one value short and their last not the sum of the others, read "
        "as leaving their 总计 blank (no other blank lets them add up), with which every applicant column of "
        "the outcome rows adds up to 办理总计's",
    )


def _totals_kept(table: _Table3, outcome: list[str]) -> bool:
    """Some row one value short ends in its 总计, not 0: the table leaves other cells blank, so a
    short row that does not add up is the report's slip (`0 0 0 1 0 | 0`, 其他 blank and 总计
    wrong, would put its 0 under 其他, which no column's sum notices). Or an outcome row prints
    every cell, its 总计 not 0: the report prints its totals, and a short row's failing last value
    is its 总计 beside a blank elsewhere (`0 1 0 0 _ 0 | 0` would put 其他's 0 under 法律服务机构)."""
    width = len(catalogue.applicants())
    return any(
        len(counts := _counts(_core(row.values))) == width - 1 and None not in counts and _shows_total(counts)
        for row in table.rows.values()
    ) or any(
        len(counts := _counts(_core(table.rows[code].values))) == width and None not in counts and counts[-1]
        for code in outcome
        if code in table.rows
    )


def _adding_nothing(table: _Table3, known) -> list[str]:
    """Rows not read that add 0 to every column wherever their blank cells are: one value short,
    every value 0, on one line or in a table read row by row; or, in such a table, printed blank."""
    width = len(catalogue.applicants())
    out = []
    for code, row in table.rows.items():
        core = _core(row.values)
        if code in known:
            continue
        if not core and table.regular:
            out.append(code)
        elif _one_short_of_counts(core, width) and not any(_counts(core)):
            if table.regular or len({c.line for _, c in core}) == 1:
                out.append(code)
    return out


def _counts(core: list[tuple[Number, Cell]]) -> list[int | None]:
    """The values' counts, None for an empty cell or a placeholder."""
    return [n.count for n, _ in core]


def _one_short_of_counts(core: list[tuple[Number, Cell]], width: int) -> bool:
    """Three values or more, one fewer than the template's columns, every one a count."""
    return len(core) == width - 1 >= 3 and None not in _counts(core)


def _one_line_short(core: list[tuple[Number, Cell]], width: int) -> bool:
    """A row one value short, all its counts split off one line of text, its 总计 the sum of
    the others: a row whose blank cell the line's spacing may show."""
    return _short_on_one_line(core, width) and blocks.adds_up([n.count for n, _ in core])


def _short_of_total(core: list[tuple[Number, Cell]], width: int) -> bool:
    """A row one value short, all its counts split off one line of text, its last value not the
    sum of the others: its 总计 may be its blank (a report leaving some rows' 总计 blank)."""
    return _short_on_one_line(core, width) and not blocks.adds_up([n.count for n, _ in core])


def _short_on_one_line(core: list[tuple[Number, Cell]], width: int) -> bool:
    """Three values or more, one fewer than the template's columns, all counts split off one line."""
    if len(core) != width - 1 or len(core) < 3:
        return False
    line = core[0][1].line
    return all(n.count is not None and c.line == line and isinstance(c, line_rows.Piece) for n, c in core)


def _before_total(row: _Row, core: list[tuple[Number, Cell]], grids: list, table: _Table3) -> bool:
    """Every value of a row one short, its first too, starts (or ends) at the very place its
    column's does in a row printed in full, in the first six columns: its blank is the 总计,
    where no value stands on a line above or below its label's (a 总计 set higher or lower, as
    pdftotext -layout prints a cell centred beside a wrapped label: _values_on_own_line). No
    arithmetic checks it (a blank 总计 adds nothing up), so the first value counts."""
    fits = any(all(_at(c, grid[k]) for k, (_, c) in enumerate(core)) for grid in grids)
    return fits and _values_on_own_line(row, table)


def _page_grid(table: _Table3, grids: list[list[tuple[int, int] | None]]) -> list[list[tuple[int, int] | None]]:
    """The grids of the page's columns, for rows of zeros, which add up whichever cell is blank, so
    that nothing but where they stand speaks for a blank 总计: each that two rows printed in full
    stand in (pdftotext -layout sets runs of lines in pitches of their own: one grid a run), none
    where some row of six values or more on its label's line starts its values in another column
    of such a grid (within COLUMN_SLACK): a converter that sets a row's cells one after another
    (inscriptis) shifts a row a column where it prints its group's label, so a row's values stand
    where another's columns are by chance."""
    whole = [tuple(g) for g in grids if None not in g]
    shared = [list(g) for g in dict.fromkeys(whole) if whole.count(g) > 1]
    width = len(catalogue.applicants())
    for row in table.rows.values():
        core = _core(row.values)
        if len(core) >= width - 1 and all(isinstance(c, line_rows.Piece) and c.line == row.line for _, c in core):
            start = _on_page(core[:1], table)[0][1].at
            if any(abs(start - span[0]) <= COLUMN_SLACK for g in shared for span in g[1:]):
                return []
    return shared


def _layout_blank(core: list[tuple[Number, Cell]], width: int) -> int | None:
    """Where the blank cell of a row one value short stands, printed on one line by an extractor
    that keeps the page's layout (`64    6   0     0   0         70`): at the one gap between
    values clearly wider than every other. Not before the second value: a first number is often
    printed left of its column, and the gap between the label and it says nothing (labels end
    anywhere), so a blank in the first two columns is never found by gaps alone. Nor where, from
    one value's start to the next, the widest gap spans less than twice the narrowest column: a
    browser sizes columns by their headings, so a wider column's gap may be the widest
    (`5   1   0     0   0   6`, 其他 blank at the end); a blank column narrower than every other
    is then left NULL too."""
    if not _one_line_short(core, width):
        return None
    inner = [c.gap for _, c in core[1:]]
    wide = max(range(len(inner)), key=inner.__getitem__)
    others = inner[:wide] + inner[wide + 1 :]
    if not wide or inner[wide] < BLANK_GAP * max(others):
        return None
    # from one value's start to the next: a column's width, or two across a blank
    pitch = [gap + len(c.text) for gap, (_, c) in zip(inner, core)]
    if pitch[wide] < 2 * min(pitch[:wide] + pitch[wide + 1 :]):
        return None
    return wide + 1


def _decides(core: list[tuple[Number, Cell]]) -> bool:
    """Where a row's blank stands decides a number: some value between its first and its 总计 is
    not 0. Between zeros only, a gap would decide which cell is blank and which 0, which no
    identity checks (a wide column's 0 leaves a gap as wide as a narrow column's blank)."""
    return any(n.count for n, _ in core[1:-1])


_MOOT_GAP = (
    "its blank cell stands where only a gap with a 0 right after it shows a blank: the blank one column further "
    "right (the gap a wide column's) would move only that 0, which no identity checks"
)


def _moves_a_number(core: list[tuple[Number, Cell]], blank: int) -> bool:
    """Whether the blank one column further right than the gap shows it would move a number the
    column identities check: the value right after the blank is not 0 (or the 总计 follows it). A
    wide column leaves a gap after its value as wide as a blank beside a narrow one (pdftotext's
    `38 2        0   0   0    40`: 科研机构 blank by the gap after the wide 商业企业, or 其他), and
    between those two readings only a 0 changes column."""
    return blank == len(core) - 1 or bool(core[blank][0].count)


def _with_blank(core: list[tuple[Number, Cell]], at: int) -> list[tuple[Number, Cell]]:
    beside = core[min(at, len(core) - 1)][1]  # the value it stands before, or after (a blank 总计)
    blank = (Number(None, ""), line_rows.Piece("", beside.line, beside.where))
    return [*core[:at], blank, *core[at:]]


def _on_page(core: list[tuple[Number, Cell]], table: _Table3) -> list[tuple[Number, Cell]]:
    """The row's values where they stand across the page, their line's indent counted: lines set
    in from the margin (a wrapped label's group, `（二）部分公开`) print their columns where others do."""
    if not table.indents:
        return core
    return [
        (n, replace(c, at=c.at + table.indents.get(c.line, 0)) if isinstance(c, line_rows.Piece) and c.at >= 0 else c)
        for n, c in core
    ]


def _grid(core: list[tuple[Number, Cell]], blank: int | None = None) -> list[tuple[int, int] | None] | None:
    """Where each column's value starts and ends on its line, from a row printed on one line by
    a layout-keeping extractor (None at its blank, if it has one); None when positions are unknown."""
    if not (_laid_out(core) and all(c.at >= 0 for _, c in core)):
        return None
    spans: list[tuple[int, int] | None] = [(c.at, c.at + len(c.text)) for _, c in core]
    return spans if blank is None else [*spans[:blank], None, *spans[blank:]]


def _aligned_blank(core: list[tuple[Number, Cell]], grids: list[list[tuple[int, int] | None]]) -> int | None:
    """The blank of a row whose gaps do not show it (its first number printed left of its column:
    `17        6   0     0   0         23`, or a row of zeros): the one column no value stands
    in, by the columns of rows printed in full, or with a blank a gap showed, on lines of their
    own: every value after the first starts (or ends) at the very place its column's does, and
    the first too where that alone tells a blank in the first two columns apart. Every grid
    that places the row must agree."""
    found = set()
    for grid in grids:
        fits = []
        for blank in range(len(grid) - 1):  # never the 总计, which the row's values add up to
            columns = [col for col in range(len(grid)) if col != blank]
            if all(_at(c, grid[col]) for (_, c), col in zip(core[1:], columns[1:])):
                fits.append(blank)
        if len(fits) > 1 and set(fits) <= {0, 1}:  # told apart by the first value alone
            fits = [b for b in fits if _at(core[0][1], grid[1 if b == 0 else 0])]
        if len(fits) == 1:
            found.add(fits[0])
    return found.pop() if len(found) == 1 else None


def _left_of_columns(core: list[tuple[Number, Cell]], grid: list[tuple[int, int] | None]) -> bool:
    """The text before the row's values ends left of the grid's first column, as a label does in
    a layout's columns. One reaching into it is set in other columns than the grid's rows: a
    converter that lays each row's cells out by their count (inscriptis) prints a row with its
    group's cell beside its label one column further right."""
    first = core[0][1]
    return grid[0] is not None and first.at - first.gap <= grid[0][0]


def _laid_out(core: list[tuple[Number, Cell]]) -> bool:
    """Values on one line of their own, each set apart from the one before by a column's gap."""
    line = core[0][1].line
    return all(isinstance(c, line_rows.Piece) and c.line == line for _, c in core) and all(
        c.gap >= line_rows.COLUMN_GAP for _, c in core[1:]
    )


def _at(cell: Cell, span: tuple[int, int] | None) -> bool:
    return span is not None and (cell.at == span[0] or cell.at + len(cell.text) == span[1])


def _place_in_reading_order(report: ParsedReport, table: _Table3, placed: dict, before: int) -> None:
    """When a printed row did not land by its label, the table's numbers read in the template's
    order (_in_reading_order); not tried when a number is a printed blank, which no reading places,
    nor when each row took values of its own, some left NULL (held_back)."""
    rows = table.rows
    printed = [c for c in catalogue.table3_rows() if c in rows and not (c == "other_handling" and _has_other_rows(rows))]
    if all(c in placed or c in table.held_back for c in printed):
        return
    if frozenset(printed) not in _row_shapes():
        return  # a row whose label was not read may have printed values: the numbers would shift into others
    found = _numbers_after_labels(table, printed)
    if found is None:
        return  # a printed blank or a value that is no count: no reading can place it
    in_order, after, parted = found.in_order, found.after, found.parted
    applicants = catalogue.applicants()
    six = _six_columns()
    widths = [len(applicants)] + ([len(six)] if table.six_columns else [])
    beside = {row.line: code for code, row in rows.items()}  # a number on a label's line is that row's
    # layout text (no row parted by blank lines): a number on a label's line, or beside a wrapped
    # label's rest, is in that row; pdftotext's plain text prints other rows' numbers there too
    rests = _label_rests(table, beside)
    # any text: a number alone on a line between a wrapped label's first line and its rest stands
    # inside that row's label cell, so in that row (Chromium's PDF through pdftotext prints
    # 部分公开's 1 so); one beside words may be any row's, as on a label's line
    worded = {c.line for _, c in table.lines if _NUMBER[c.text] is None and c.text.strip()}
    inside = {n: code for rest, code in rests.items() for n in range(rows[code].line + 1, rest) if n not in worded}
    held = {} if any(row.spaced for row in rows.values()) else {**beside, **rests}
    shared = Counter(line for line, _, _ in in_order)
    numbers = _InOrder(
        in_order,
        printed,
        widths,
        {len(applicants): applicants, len(six): six},
        [beside.get(line) for line, _, _ in in_order],
        after,
        [held.get(line) for line, _, _ in in_order],
        [inside.get(line) for line, _, _ in in_order],
        parted,
        [_column(cell, table.indents) for _, _, cell in in_order] if table.indents else [],
        frozenset(code for code, row in rows.items() if _cut_label(code, row.label)),
        found.floor,
        frozenset(code for code, row in rows.items() if _may_wrap(code, row.label)),
        [shared[line] == 1 for line, _, _ in in_order],
        [beside.get(line) or rests.get(line) for line, _, _ in in_order],
    )
    if not _in_reading_order(report, numbers, placed, before) and not _without_footers(
        report, numbers, table.footers, placed, before
    ):
        if not _as_printed(report, numbers, placed, before) and not (
            not table.merged_columns and _agreed_in_order(report, numbers, placed, before, table.other_column)
        ):
            _with_blanks_dropped(report, numbers, placed, before)


def _without_footers(report: ParsedReport, numbers: _InOrder, footers: frozenset[int], placed: dict, before: int) -> bool:
    """The numbers read in the template's order without one alone on a line that may print its
    page's number (a page printing its number as a table's value too: which is the footer, the text
    does not say). Where leaving out exactly one such number gives a reading that holds every
    identity, and the others give none or the same, it was the footer. Whether one did."""
    lines = {LINE_REFS[n] for n in footers}
    candidates = [k for k, (_, _, cell) in enumerate(numbers.numbers) if cell.ref in lines]
    readings: dict[tuple, int] = {}
    for k in candidates:
        trial: dict = dict(placed)
        if _in_reading_order(ParsedReport(), _leaving_out(numbers, k), trial, 0):
            readings.setdefault(tuple((code, tuple(v for v, _ in cells.values())) for code, cells in trial.items()), k)
    if len(readings) != 1:
        return False
    k = next(iter(readings.values()))
    note = f"; the page number alone on {numbers.numbers[k][2].ref} left out"
    return _in_reading_order(report, _leaving_out(numbers, k), placed, before, note)


def _leaving_out(numbers: _InOrder, k: int) -> _InOrder:
    """The numbers without the k-th, every list kept for each number following suit."""

    def without(values: list) -> list:
        return values[:k] + values[k + 1 :] if values else values

    return replace(
        numbers,
        numbers=without(numbers.numbers),
        anchors=without(numbers.anchors),
        after=without(numbers.after),
        held=without(numbers.held),
        inside=without(numbers.inside),
        parted=without(numbers.parted),
        columns=without(numbers.columns),
        floor=without(numbers.floor),
        alone=without(numbers.alone),
        labelled=without(numbers.labelled),
    )


def _numbers_after_labels(table: _Table3, printed: list[str]) -> _AfterLabels | None:
    """Table 3's numbers in document order, (line, count, cell) each; for each the row whose
    label it follows with no number between (a label printed before an earlier row's says nothing
    of where the numbers after it go), the row it stands in or below, and whether text stands
    between it and the number before; None when a number is no count."""
    found = _AfterLabels([], [], [], [])
    labels = {row.ref: code for code, row in table.rows.items()}
    headings = {label for names in _applicant_headings().values() for label in names}  # `总计` alone may be the header's
    last, furthest = None, -1  # the row whose label the next number follows; the furthest row whose label was read
    run, floor, text = None, None, False  # the first row of the labels since the last number; the floor so far
    seen: set[str] = set()  # the rows whose labels were read
    bounds = False
    for _, cell in table.lines:
        n = _NUMBER[cell.text]
        if n is not None:
            if n.count is None:
                return None
            if run is not None and bounds:
                floor = run
            found.in_order.append((cell.line, n.count, cell))
            found.after.append(last)
            found.floor.append(floor)
            found.parted.append(text)
            last, run, text = None, None, False
            continue
        text = text or bool(cell.text.strip())
        if cell.ref in labels and cell.text.strip() not in headings:
            at = printed.index(labels[cell.ref]) if labels[cell.ref] in printed else -1
            last, furthest = (labels[cell.ref], at) if at > furthest else (None, furthest)
            if run is None and last is not None:
                # a run's first label bounds only where every row above it had its label read before
                # the run (not a stray `总计`, nor a row whose label the run prints after a later one's)
                run, bounds = last, seen.issuperset(printed[:at])
            seen.add(labels[cell.ref])
    return found


class _AfterLabels(NamedTuple):
    """_numbers_after_labels: `floor`, for each number, the row of the first label of the labels
    printed together (no number between) before it or before an earlier number, every row above
    it with its label read: the number stands in that row or one below (but as a 总计, which
    pdftotext may print rows further down). Only the first label of such a run bounds it: an
    extractor that prints a block of labels and then their rows' numbers puts the first rows'
    numbers after the last rows' labels."""

    in_order: list[tuple[int, int, Cell]]
    after: list[str | None]
    floor: list[str | None]
    parted: list[bool]


def _label_rests(table: _Table3, starts: dict[int, str]) -> dict[int, str]:
    """The lines, one or two after a row's label's, whose text is the rest of that label
    (`2.申请人逾期未按收费通知要求缴` / `纳费用、行政机关不再处理其政府`): in layout text a number
    beside it stands in that row's cell."""
    labels = catalogue.load().canonical("t3_row")
    first = sorted(starts)
    rests: dict[int, str] = {}
    for _, cell in table.lines:
        if cell.line in starts or _NUMBER[cell.text] is not None or len(key := label_key(cell.text)) < _REST_OF_LABEL:
            continue
        above = first[bisect_right(first, cell.line) - 1] if first and first[0] < cell.line else None
        if above is not None and cell.line - above <= 2 and _ends_in(key, label_key(labels.get(starts[above], ""))):
            rests[cell.line] = starts[above]
    return rests


def _ends_in(key: str, label: str) -> bool:
    """The text ends with a piece of the label at least _REST_OF_LABEL long: the label's rest, or a
    piece of its group's heading before it (`他处理纳费用、行政机关…`: pdftotext joins the two cells)."""
    return any(key[k:] in label for k in range(len(key) - _REST_OF_LABEL + 1))


_REST_OF_LABEL = settings.value("label_rest_min_chars")


def _table3_missing_rows(report: ParsedReport, rows: dict[str, _Row], placed: dict) -> None:
    """Rows of the template not printed (其他处理 counts as printed when any of its sub-rows is)."""
    row_codes = catalogue.table3_rows()
    missing = [c for c in row_codes if not c.startswith("other_") and c not in rows]
    if not ("other_handling" in placed or "other_handling" in rows or _has_other_rows(rows)):
        missing.append("other_handling")
    if missing:
        cut_off = row_codes.index(missing[-1]) == len(row_codes) - 1 or "carried_forward" in missing
        report.error(
            "table3_incomplete",
            f"table 3 has {len(rows)} recognised rows; missing: {', '.join(missing)}"
            + (" (the table is cut off)" if cut_off else ""),
        )


# ---------------------------------------------------------------- table 4
def parse_table4(
    region: Region,
    report: ParsedReport,
    next_part: Region = (),
    footers: frozenset[int] = frozenset(),
    indents: dict[int, int] | None = None,
    aside: Region = (),
) -> None:
    """Table 4's cells placed on (proceeding, outcome). `next_part`: part 五's cells (their first
    ones may be numbers of the table that a text extractor printed after the part's heading);
    `footers`: lines that may print a page's number (Document.footers); `indents`: the lines'
    indents (Document.indents); `aside`: numbers after the parts that follow, where a text
    extractor may print the table's last cells, not taken for them."""
    proceedings, outcomes = catalogue.proceedings(), catalogue.outcomes()
    width, cells = len(outcomes), [(p, o) for p in proceedings for o in outcomes]
    printed = _number_runs(region)
    runs = _without_numbers_ahead(report, region, printed, width)
    values, refused = _table4_values(report, runs, len(cells), width, region)
    # its numbers printed together, none set aside (none after part 五's heading either): a number
    # short is an empty cell dropped, not one moved
    together = runs is printed and sum(any(n.value is not None for n, _ in run) for run in runs) == 1 and not _leads(next_part)
    if together and aside and len(values) < len(cells):
        together = False  # a number short may be one of those, not an empty cell dropped
        report.warn(
            "table4_misaligned",
            f"table 4 has {len(values)} values, expected {len(cells)}, and {len(aside)} more stand after it "
            f"({aside[0][1].ref} on), where pdftotext prints the table's last cells, but with them a 总计 fails: "
            "no missing value is taken for a dropped empty cell",
        )
    where = _t4_by_middles(region, values, indents or {}) if len(values) < len(cells) and not refused else None
    placed = _place_table4(report, region, runs, values, refused, cells, width, together, where)
    if placed:
        holds = _t4_consistent([placed.get(cell, _NOTHING)[0] for cell in cells], width)
        if not holds and _t4_holds_joined(values, width, len(proceedings)):
            report.warn(
                "row_misaligned",
                "table 4: a 总计 fails as read, and every 总计 holds with some values next to each other read as "
                "one number's pieces (`1 2` as 12, blank cells dropped): which cells the values are, the text does "
                "not say; no cell is placed",
            )
            placed = {}
        if doubted := _under_merged_headings(region, runs, holds):
            placed = _without_doubted(report, placed, doubted)
        if not holds and (footer := _on_footer(placed, footers)):
            report.warn(
                "row_misaligned",
                f"table 4: a 总计 is not the sum of its outcomes, and the value on {footer} stands alone where its "
                "page's number may print (a footer the reading order set among the values): no cell is placed",
            )
            placed = {}
    for p, o in cells:
        count, ref = placed.get((p, o), (None, None))
        report.review_litigation.append((p, o, count, ref))


def _t4_holds_joined(values: list, width: int, groups: int) -> bool:
    """Table 4's values, cut from a line holding a table run together (spaces alone part them),
    read with some pairs next to each other as one number
    each, fall into `groups` runs of at most `width` values, each adding up (its blank cells
    dropped): the text may print numbers in pieces (_holds_joined)."""
    items = [(n, c) for n, c in values if not _padding(n)]
    if not any(isinstance(c, line_rows.Run) for _, c in items) or any(n.count is None for n, _ in items):
        return False
    return any(joined and _in_runs(counts, width, groups) for counts, joined in _joined_readings(items, _UNGAPPED))


def _in_runs(counts: list[int], width: int, groups: int) -> bool:
    """The counts fall, in order, into `groups` runs of at most `width` values, each adding up."""
    if not counts:
        return groups == 0
    ends = range(1, min(width, len(counts)) + 1)
    return groups > 0 and any(blocks.adds_up(counts[:end]) and _in_runs(counts[end:], width, groups - 1) for end in ends)


def _on_footer(placed: dict, footers: frozenset[int]) -> str:
    """The first placed cell's line that may print a page's number ('' when none)."""
    return next((ref for _, ref in placed.values() if on_footer_line(ref, footers)), "")


def on_footer_line(ref: str | None, footers: frozenset[int]) -> bool:
    """A cell's `line N` is one that may print a page's number (Document.footers)."""
    return bool(ref) and ref.startswith("line ") and ref[5:].isdigit() and int(ref[5:]) in footers


def _leads(part: Region) -> bool:
    """The part's first cell after its heading is a number (`五、存在的主要问题… / 0 / 0 / 1`)."""
    first = next((c for _, c in part if c.text.strip()), None)
    return first is not None and (n := parse_number(first.text)) is not None and n.value is not None


def _under_merged_headings(region: Region, runs: list[list], holds: bool) -> list[list[tuple[Number, Cell]]]:
    """The values whose order pdftotext chose, not the columns': under columns whose headings it
    printed side by side on one line (`结 结` / `维 纠` / `持 正`: one block over two columns of
    headings written a character a line), it prints the values of the block's columns after the
    columns right of it (`1` / `2` / `0` / `0` for 1 | 0 | 2 | 0). Per run of one proceeding's
    values (text parts it from the others), those from the block's first column on, when they are
    one a line and not all alike. A run of several proceedings' values under blocks spanning them
    all (a browser's PDF) is mostly in the columns' order, not always (a value set a column early,
    under headings written a character a line, `其 尚` / `他 未 总 结`; not one heading spaced out,
    `总 计`): it is doubted there where the table as read does not hold (`holds`: every 总计 the sum
    of its row), which cannot tell pdftotext's order from the report's own slip, and where two of
    one row's values as read share a line (_shares_inside_a_row: the run as read may hold by chance)."""
    heads = _table4_headings()
    run_of = {id(c): k for k, run in enumerate(runs) for _, c in run}
    doubted, firsts, seen, lettered = [], [], set(), False
    for _, cell in region:
        k = run_of.get(id(cell))
        if k is None:
            tokens = cell.text.split()
            if len(tokens) > 1 and all(any(t in h for h in heads) for t in tokens):
                firsts.append({i for i, h in enumerate(heads) if tokens[0] in h})
                lettered = lettered or (all(len(t) == 1 for t in tokens) and not _one_heading(tokens, heads))
            continue
        if k in seen:
            continue
        seen.add(k)
        run = runs[k][min(set.intersection(*firsts) or set.union(*firsts)) :] if firsts else []
        apart, several = len({c.line for _, c in run}) == len(run), len(runs[k]) > len(heads)
        if len({n.value for n, _ in run}) > 1 and (
            apart
            and (not several or (lettered and not holds))
            or several
            and lettered
            and _shares_inside_a_row(runs, k, len(heads))
        ):
            doubted.append(run)
        firsts, lettered = [], False
    return doubted


def _shares_inside_a_row(runs: list[list], k: int, width: int) -> bool:
    """Whether two values of run k side by side on one line stand in one row of the table as read
    in order (`0 5` inside a row), in a run a value a line but such pairs: a row's 总计 beside the
    next row's first (`11 4`) is how pdftotext prints a browser's rows; two of one row's columns so,
    an order of its own. (A Markdown row holds a table's values on one line: not so.)"""
    start = sum(len(run) for run in runs[:k])
    run = runs[k]
    if max(Counter(c.line for _, c in run).values()) > 2:
        return False
    return any(a[1].line == b[1].line and (start + j + 1) % width for j, (a, b) in enumerate(zip(run, run[1:])))


@cache
def _table4_headings() -> tuple[str, ...]:
    """Table 4's column headings in the template's order, 总计 last."""
    return tuple(catalogue.load().canonical("outcome").values())


def _one_heading(tokens: list[str], heads: tuple[str, ...]) -> bool:
    """The characters are one heading's, spaced out (`总 计`), not two headings' side by side."""
    return any("".join(tokens) in h for h in heads)


def _without_doubted(report: ParsedReport, placed: dict, doubted: list[list]) -> dict:
    """Table 4's cells but those whose value is one of `doubted` (_under_merged_headings), each
    such run reported."""
    refs = {c.ref for run in doubted for _, c in run}  # one a line: a line's ref is its value's
    for run in doubted:
        report.warn(
            "row_misaligned",
            f"table 4 ({run[0][1].ref}): the values {', '.join(n.text for n, _ in run)} stand under column headings "
            "pdftotext printed side by side on one line, and it prints such columns' values in an order of its own; "
            "none of them is placed",
        )
    return {cell: (n, ref) for cell, (n, ref) in placed.items() if ref not in refs}


def _number_runs(region: Region) -> list[list[tuple[Number, Cell]]]:
    """Table 4's cells that are numbers or blanks, in runs that text between them parts."""
    runs: list[list[tuple[Number, Cell]]] = [[]]
    for _, cell in line_rows.table_cells(region, line_rows.no_label):
        number = parse_number(cell.text)
        if number is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((number, cell))
    return runs


def _table4_values(report: ParsedReport, runs: list, expected: int, width: int, region: Region = ()) -> tuple[list, bool]:
    """Table 4's values as printed: the runs without the empty cells at their ends, unless those are
    a real table's or a converter's cells the report left blank; a number printed over two spans
    (`2 6`) one cell; empty cells a converter dropped at the row's ends put back where every 总计
    places them. True with them when such a `2 6` leaves the row undecided: no cell is placed."""
    values = _surplus_blanks([v for run in runs if any(n.value is not None for n, _ in run) for v in _core(run)], expected)
    if len(values) < expected and (whole := _blank_ends_kept(runs, expected, width)):
        values = whole
    doubtful = len(values) == expected and _spaced_pair(values) and not _t4_consistent([n.count for n, _ in values], width)
    found = None
    if doubtful:  # fifteen only once a cell's `2 6` (one number over two spans) is split and the
        # empty cells at the row's ends trimmed: the row is its cells as parted, that cell one number
        ends = [expected - k for k in range(_ENDS_LOST + 1)]
        found = _spaced_join(
            [v for run in runs for v in run], ends, lambda counts: _end_blanks(counts, expected, width) is not None
        )
    elif len(values) > expected:
        found = _spaced_join(values, [expected], lambda counts: table4_holds(counts, width))
    if found:
        values, printed = found
        report.warn(
            "recovered_spaced_digits", f"table 4: {printed} read as one number each, the one reading whose every 总计 holds"
        )
    if (
        len(values) < expected
        and _row_of_cells(values)
        and not _merged_columns(values, region)
        and (k := _end_blanks([n.count for n, _ in values], expected, width)) is not None
    ):
        blank, after = (Number(None, ""), values[0][1]), expected - len(values) - k
        report.warn(
            "recovered_blank_cells",
            f"table 4 ({values[0][1].ref}): {k} empty cell(s) put back before its row's cells and {after} after them, "
            "the one placement whose every 总计 holds (a converter drops empty cells at a row's ends)",
        )
        values = [blank] * k + values + [blank] * after
    return values, doubtful and not found


def _place_table4(
    report: ParsedReport,
    region: Region,
    runs: list,
    values: list,
    refused: bool,
    cells: list,
    width: int,
    together: bool,
    where: list[int] | None = None,
) -> dict:
    """Table 4's values on its cells, when they are its fifteen in an order that can be told; fewer,
    on the cells where they stand (`where`: _t4_by_middles), or, printed together, the cells every
    placement of the missing blanks agrees on; otherwise reported and listed, nothing placed."""
    expected = len(cells)
    if not values and any(_first_column_marks() & set(c.text) for _, c in region):
        report.warn("row_without_numbers", "table 4 is printed without numbers: its headings, no value (all left blank?)")
        return {}
    if not values:
        report.error(
            "no_table4", f"table 4 (行政复议、行政诉讼情况) not found: no numbers after its heading{_placeholder(region)}"
        )
        return {}
    if refused:
        report.warn("row_misaligned", f"table 4 has {_SPACED_DOUBT}: no cell is placed")
    elif where:
        return {cells[k]: (_count(report, "table 4", *cells[k], n), c.ref) for k, (n, c) in zip(where, values)}
    elif len(values) < expected and _glued(values):
        return _cut_table4(report, values, cells, width)
    elif together and len(values) < expected and (agreed := _agreed_cells([n.count for n, _ in values], expected, width)):
        report.warn(
            "table4_misaligned",
            f"table 4 has {len(values)} values, expected {expected}: placed only the cells every placement of "
            f"its {expected - len(values)} dropped empty cell(s) that makes each 总计 hold agrees on "
            f"({', '.join(f'{cells[k][0]}.{cells[k][1]} = {values[i][0].text}' for k, i in agreed.items())})",
        )
        _unplaced(report, "table 4", "cells not placed", [v for i, v in enumerate(values) if i not in agreed.values()])
        return {cells[k]: (_count(report, "table 4", *cells[k], values[i][0]), values[i][1].ref) for k, i in agreed.items()}
    elif len(values) != expected:
        report.warn("table4_misaligned", f"table 4 has {len(values)} values, expected {expected}")
    elif (order := _table4_order(report, values, expected // width, width, lambda: _pieces_between(region, runs))) is None:
        pass
    elif order != list(range(expected)):
        return {cell: (_count(report, "table 4", *cell, values[i][0]), values[i][1].ref) for cell, i in zip(cells, order)}
    elif broken := _table4_out_of_order(values, catalogue.proceedings(), width):
        report.warn(
            "row_misaligned",
            f"table 4: its values are not printed a row to a line beside their labels, and "
            f"{'; '.join(broken)}: a text extractor may have moved a value, so no cell is placed",
        )
    else:
        return {cell: (_count(report, "table 4", *cell, n), c.ref) for cell, (n, c) in zip(cells, values)}
    _unplaced(report, "table 4", "cells cannot be placed", values)
    return {}


def _agreed_cells(counts: list, expected: int, width: int) -> dict[int, int]:
    """Table 4 printed with empty cells dropped anywhere (a text tool keeps no empty cell): every
    placement of that many blanks among its cells, the values in their order, where each
    proceeding adds up or is blank throughout. The cells (position -> index of the value) whose
    number all such placements agree on; none when no placement fits or too many are dropped."""
    missing = expected - len(counts)
    if not 0 < missing <= _BLANKS_TRIED or None in counts:
        return {}
    agreed: dict[int, int] | None = None
    for blanks in combinations(range(expected), missing):
        taken = [k for k in range(expected) if k not in blanks]
        row: list = [None] * expected
        for k, v in zip(taken, counts):
            row[k] = v
        if not _t4_consistent(row, width):
            continue
        where = dict(zip(taken, range(len(counts))))
        agreed = where if agreed is None else {k: i for k, i in agreed.items() if k in where and counts[where[k]] == counts[i]}
    return agreed or {}


def _t4_by_middles(region: Region, values: list[tuple[Number, Cell]], indents: dict[int, int]) -> list[int] | None:
    """Where each of table 4's values stands, as the index of its cell, in layout text set in one
    pitch (pdfplumber's layout, `pdftotext -fixed`) that leaves cells blank: its values on one line
    under the header, each under the outcome heading whose middle is nearest its own (a digit's
    width fitted as for table 3, _Table3.digit_width), alike a share narrower or wider, the cells
    left to right. Only where the header names all fifteen columns (_t4_middles), every 总计
    placed is the sum of its proceeding's values placed, and one proceeding vouches: its 总计 and
    another value placed, the 总计 not 0 (zeros add up wherever they stand) or four values printed."""
    if not indents or len(values) < 2 or not _laid_out(values) or any(n.count is None for n, _ in values):
        return None
    line = values[0][1].line
    pieces = _t4_heading_pieces(region, line, indents)
    starts = [(indents.get(line, 0) + c.at, _text_width(c.text)) for _, c in values]  # type: ignore[attr-defined]
    widest = _widest_digit([(at, width, line) for at, width, _, line in pieces])
    fitted = _best_digit(widest, lambda digit: None if (found := _t4_nearest(starts, pieces, digit)) is None else found[1])
    if fitted is None:
        return None
    alike = {tuple(f[0]) if (f := _t4_nearest(starts, pieces, d)) else None for d in _spread(fitted)}
    picks = list(alike.pop()) if len(alike) == 1 and None not in alike else None  # type: ignore[arg-type]
    if not picks or picks != sorted(set(picks)):
        return None
    row: list = [None] * len(catalogue.proceedings()) * len(catalogue.outcomes())
    for k, (n, _) in zip(picks, values):
        row[k] = n.count
    return picks if _t4_vouched(row, len(catalogue.outcomes())) else None


def _t4_vouched(row: list, width: int) -> bool:
    """Every proceeding's 总计, where placed, the sum of its values placed; one proceeding's 总计
    and another of its values placed, the 总计 not 0 or four of its values printed."""
    groups = [row[g : g + width] for g in range(0, len(row), width)]
    if any(g[-1] is not None and not _adds_up_blank_0(g) for g in groups):
        return False
    for g in groups:
        printed = sum(v is not None for v in g)
        if g[-1] is not None and printed >= 2 and (g[-1] or printed >= width - 1):
            return True
    return False


def _t4_heading_pieces(region: Region, line: int, indents: dict[int, int]) -> list[tuple[int, int, str, int]]:
    """The pieces of table 4's outcome headings above `line` (`结果` / `维持`): where each starts
    across the page, its width in digits, its text and its line."""
    heads = _table4_headings()
    out = []
    for _, cell in line_rows.table_cells(region, line_rows.no_label):
        if cell.line >= line:
            break
        text, at = cell.text.strip(), cell.at if isinstance(cell, line_rows.Piece) else 0
        if text and at >= 0 and any(text in h for h in heads):
            out.append((indents.get(cell.line, 0) + at, _text_width(text), text, cell.line))
    return out


def _widest_digit(pieces: list[tuple[int, int, int]]) -> float:
    """The widest a digit can be where two pieces of one line never overlap, give or take the
    character a place is rounded to: pieces (where each starts, its width in digits, its line) in
    the order of the text."""
    widest = float("inf")
    for (at, width, line), (following, _, other) in zip(pieces, pieces[1:]):
        if other == line and following > at:
            widest = min(widest, (following - at + 1) / width)
    return widest


def _t4_middles(pieces: list[tuple[int, int, str, int]], digit: float) -> list[float] | None:
    """Table 4's fifteen columns' middles, a digit `digit` wide: the pieces' middles in runs whose
    next is within layout_same_column characters, each run's pieces, top to bottom, a part of the
    heading of the column its place names (`结果` / `维持`, `总` / `计`); None unless fifteen do."""
    heads = _table4_headings()
    runs: list[list[tuple[float, int, str]]] = []
    for middle, line, text in sorted((at + width * digit / 2, line, text) for at, width, text, line in pieces):
        if runs and middle - runs[-1][-1][0] <= _SAME_COLUMN:
            runs[-1].append((middle, line, text))
        else:
            runs.append([(middle, line, text)])
    if len(runs) != len(heads) * len(catalogue.proceedings()):
        return None
    for k, run in enumerate(runs):
        if "".join(text for _, _, text in sorted(run, key=lambda piece: piece[1])) not in heads[k % len(heads)]:
            return None
    return [sum(middle for middle, _, _ in run) / len(run) for run in runs]


def _t4_nearest(starts: list[tuple[int, int]], pieces: list, digit: float) -> tuple[list[int], float] | None:
    """Each value's column, the one whose middle is nearest its own, all within reach (_reach),
    and how far off they stand in all; None where a value is out of reach or the header unread."""
    middles = _t4_middles(pieces, digit)
    if middles is None or (reach := _reach(middles)) <= 0:
        return None
    picks, misfit = [], 0.0
    for start, width in starts:
        middle = start + width * digit / 2
        k = min(range(len(middles)), key=lambda j: abs(middles[j] - middle))
        if abs(middles[k] - middle) > reach:
            return None
        picks.append(k)
        misfit += abs(middles[k] - middle)
    return picks, misfit


_SAME_COLUMN = settings.value("layout_same_column")  # a heading's pieces on several lines: their middles this close

_BLANKS_TRIED = settings.value("table4_blanks_tried")  # dropped empty cells of table 4 placed every way, at most


def _t4_consistent(counts: list, width: int) -> bool:
    """Every proceeding's 总计 is the sum of its outcomes (a blank as 0), or it is blank throughout."""
    groups = [counts[g : g + width] for g in range(0, len(counts), width)]
    return all(_adds_up_blank_0(g) or g == [None] * width for g in groups)


_ENDS_LOST = settings.value("table4_ends_lost")  # empty cells a converter dropped at table 4's row's ends, at most


def _end_blanks(counts: list, expected: int, width: int) -> int | None:
    """How many empty cells go before a row of table 4 whose empty cells at its ends a converter
    dropped (`| | 1 | 2 | 3 |…` read from its first value): the one count for which every
    proceeding adds up or is blank throughout; None when no count or several do."""
    missing = expected - len(counts)
    if not 0 <= missing <= _ENDS_LOST:
        return None
    fits = [k for k in range(missing + 1) if _t4_consistent([None] * k + counts + [None] * (missing - k), width)]
    return fits[0] if len(fits) == 1 else None


def _merged_columns(values: list[tuple[Number, Cell]], region: Region) -> bool:
    """The values are a Markdown table's row (which prints every cell of its table, empty ones too)
    under a header one of whose cells holds two columns' headings (pymupdf4llm's `结果<br>其他<br>
    尚未总计`): the converter merged columns, anywhere in the row, so its empty cells were not
    dropped at its ends."""
    if not isinstance(values[0][1], Ruled):
        return False
    first = values[0][1].line
    marks = _outcome_marks()
    for _, cell in region:
        if cell.line < first and isinstance(cell, Ruled):
            if len({code for piece, code in marks.items() if piece in cell.text}) > 1:
                return True
    return False


@cache
def _outcome_marks() -> dict[str, str]:
    """Pieces of table 4's column headings that only one heading holds (`维持`, `尚未`, `总计`: not
    `结果`), each with its heading."""
    heads = _table4_headings()
    pieces = {h: {h[:2], h[-2:]} for h in heads}
    return {p: h for h, ps in pieces.items() for p in ps if sum(p in other for other in pieces.values()) == 1}


def _row_of_cells(values: list[tuple[Number, Cell]]) -> bool:
    """The values are cells a converter parted and kept empty ones of (an empty cell among them;
    none a piece of a line of text, whose blank cells are lost anywhere, not only at its ends)."""
    return any(_padding(n) for n, _ in values) and not any(isinstance(c, line_rows.Piece) for _, c in values)


def _blank_ends_kept(runs: list[list[tuple[Number, Cell]]], expected: int, width: int) -> list[tuple[Number, Cell]]:
    """Table 4's cells, empty ones at either end kept, when they are cells the report left blank
    (复议后起诉 blank throughout, its 总计 too), not padding: every value cell of a real table's rows
    (HTML, DOCX, PDF) when they are the table's count, or its last row's when that row is and the
    cells before it are empty (a header cut by a page break, its rest in a table on the next page);
    else the last run of exactly that many cells parted by separators, on one line
    (`| 5 |  |  | 2 | 7 | … |  |`) or one a line (`5 |`, ` |`), whose every 总计 holds or is blank
    with its outcomes."""
    cells = [v for run in runs for v in run]
    rows = [m.group() if (m := _TABLE_ROW.match(c.where or "")) else None for _, c in cells]
    if cells and None not in rows:
        if len(cells) == expected:
            return cells
        last = [v for v, row in zip(cells, rows) if row == rows[-1]]
        if len(last) == expected and not _any_value(cells[: -len(last)]):
            return last
    for run in reversed(runs):
        lines = [c.line for _, c in run]
        if len(run) != expected or not (len(set(lines)) == 1 or lines == list(range(lines[0], lines[0] + expected))):
            continue
        if not any(isinstance(c, line_rows.Piece) for _, c in run):
            return run if _t4_consistent([n.count for n, _ in run], width) else []
    return []


def _without_numbers_ahead(report: ParsedReport, region: Region, runs: list[list], width: int) -> list[list]:
    """The runs of numbers without those printed before table 4's first column's heading when
    they are fewer than a row (another part's: pdftotext prints table 3's last 总计 among table 4's
    proceeding names); a row's worth or more there are the table's own, the heading's rest after
    them (trafilatura)."""
    marks = _first_column_marks()
    head = next((c.line for _, c in region if marks & set(c.text)), None)
    ahead = [(n, c) for run in runs for n, c in run if head is not None and c.line < head and n.value is not None]
    if not ahead or len(ahead) >= width:
        return runs
    _unplaced(report, "table 4", "numbers before its first column's heading (another part's)", ahead)
    early = {id(c) for _, c in ahead}
    return [[(n, c) for n, c in run if id(c) not in early] for run in runs]


def table3_spill(region: Region) -> Region:
    """Part 四's cells before table 4's first column's heading when they are numbers alone, fewer
    than a row of it: table 3's last values, which pdftotext prints after the next part's heading
    (`四、政府信息公开行政复议… / 行政复议 / 行政诉讼 / 0 / 0 / 0 / 未经复议直接起诉 / 结 / 果 / 维 …`).
    Nothing when a number there stands in a line of text."""
    marks = _first_column_marks()
    head = next((c.line for _, c in region if marks & set(c.text)), None)
    if head is None:
        return []
    ahead = [(i, c) for i, c in region if c.line < head and any(ch.isdigit() for ch in c.text)]
    if not ahead or len(ahead) >= len(catalogue.outcomes()):
        return []
    return ahead if all((n := parse_number(c.text)) is not None and n.value is not None for _, c in ahead) else []


@cache
def _placeholders() -> dict[str, str]:
    """Texts a converter prints in place of a table it dropped (placeholders.csv), with what says so."""
    with PLACEHOLDERS_PATH.open(encoding="utf-8") as f:
        return {row["text"]: row["meaning"] for row in csv.DictReader(f)}


def _placeholder(region: Region) -> str:
    """Why a table is missing, where a converter left a placeholder in its place (`[TABLE]`): the
    numbers were never in the text, which a user can only mend by converting again."""
    for _, c in region:
        if (meaning := _placeholders().get(c.text.strip())) is not None:
            return f"; the text holds {c.text.strip()} in its place, {meaning}: its numbers are not in this file"
    return ""


@cache
def _first_column_marks() -> frozenset[str]:
    """Characters of table 4's first outcome (结果维持) that no other heading of it holds: the
    first column's heading, however an extractor cut it (`维`, `维持`), is the first cell with one."""
    lab = catalogue.load()
    first, *others = lab.canonical("outcome").values()
    return frozenset(first) - {ch for text in [*others, *lab.canonical("proceeding").values()] for ch in text}


def _table4_orders(groups: int, width: int) -> list[list[int]]:
    """Orders in which a text extractor prints table 4's values one a line (indexes into the
    values printed, in the template's order of cells): the template's; each proceeding's outcomes
    first and the litigation columns' 总计 after them (the national template's right-hand 总计
    columns, as pdftotext reads them); every 总计 after every outcome."""
    outs = [[g * (width - 1) + k for k in range(width - 1)] for g in range(groups)]
    later = [list(range(width))]
    at = width
    for _ in range(1, groups):
        later.append(list(range(at, at + width - 1)))
        at += width - 1
    for g in range(1, groups):
        later[g].append(at)
        at += 1
    last = [outs[g] + [groups * (width - 1) + g] for g in range(groups)]
    return [list(range(groups * width)), [i for row in later for i in row], [i for row in last for i in row]]


def _pieces_between(region: Region, runs: list[list]) -> bool:
    """Table 4's header printed in pieces (`结果` / `维持`, `结` / `果`), no outcome whole, and
    pieces of it between its values: a PDF's text whose extractor read the table's cells by where
    they stand, column by column, not a row of values in the template's order."""
    if sum(1 for run in runs if run) < 2:
        return False
    whole = _whole_outcomes()
    return not any(label_key(c.text) in whole for _, c in region)


@cache
def _whole_outcomes() -> frozenset[str]:
    """Table 4's outcome labels but 总计, as keys: printed whole, the header is not in pieces."""
    return frozenset(label_key(label) for label in catalogue.load().canonical("outcome").values()) - {label_key("总计")}


def _table4_order(report: ParsedReport, values: list, groups: int, width: int, pieces: Callable[[], bool]) -> list[int] | None:
    """Where each of table 4's values stands, when they are printed one a line under a header in
    pieces (pdftotext): the template's order unless another order an extractor prints them in
    makes every 总计 hold and it does not, or both do with other values, or none does and in the
    template's order no 总计 holds (then None: refused, with row_misaligned)."""
    if len({c.line for _, c in values}) != len(values) or any(n.count is None for n, _ in values) or not pieces():
        return list(range(len(values)))
    readings: dict[tuple, list[int]] = {}
    for order in _table4_orders(groups, width):
        numbers = [values[i][0].count for i in order]
        if not _broken_totals(numbers, catalogue.proceedings(), width):
            readings.setdefault(tuple(numbers), order)
    if len(readings) > 1:
        report.warn(
            "row_misaligned",
            "table 4: its values are printed one a line, and more than one order an extractor prints them in "
            f"makes every 总计 hold ({'; '.join(_shown(r) for r in readings)}): no cell is placed",
        )
        return None
    if not readings and len(_broken_totals([n.count for n, _ in values], catalogue.proceedings(), width)) == groups:
        report.warn(
            "row_misaligned",
            "table 4: its values are printed one a line, no order an extractor prints them in makes every 总计 hold, "
            "and in the template's order none holds (a number of another part among them, or one missing): "
            "no cell is placed",
        )
        return None
    if len(readings) == 1 and (order := next(iter(readings.values()))) != list(range(len(values))):
        report.warn(
            "recovered_reading_order",
            f"table 4 read as {_shown(next(iter(readings)))}: its 总计 columns printed after the outcomes "
            "(a text extractor's reading order); every 总计 holds",
        )
        return order
    return list(range(len(values)))


def _table4_out_of_order(values: list, proceedings: list[str], width: int) -> list[str]:
    """The proceedings whose 总计 is not the sum of their outcomes, shown with their numbers, when
    text lines hold the values neither a whole row (or rows) to a line nor one to a line, or one
    to a line with a value fitting elsewhere: an extractor that moved a value (pymupdf4llm prints
    one after the table; pdftotext prints the values under headings it set side by side after
    the others) shifts every cell after it, and only the totals show it. Values one to a line
    that no one value moved mends, rows printed with their labels and a real table's cells keep
    their place: a total that fails there is the report's own."""
    if any(_of_a_table(c) for _, c in values):
        return []
    counts = [sum(1 for _, c in values if c.line == line) for line in dict.fromkeys(c.line for _, c in values)]
    starts = [sum(counts[:i]) for i in range(len(counts))]
    if all(a % width == 0 and k % width == 0 for a, k in zip(starts, counts)):
        return []
    numbers = [n.value for n, _ in values]
    broken = _broken_totals(numbers, proceedings, width)
    if not broken:
        return []
    if set(counts) == {1} and not _one_move_mends(numbers, width):
        return []  # one to a line: doubted only where a value printed out of its place shows
    return broken


def _one_move_mends(numbers: list, width: int) -> bool:
    """Some value moved elsewhere makes the proceeding it lands in hold where it failed, and none
    that held fail; or, taken out of a failing proceeding, makes every one hold (a row's first
    value printed last shifts the cells after it: 0 | 1 | 1 | 3 | 5 may add up by chance). A value
    moved out of a failing row into another failing one mends nothing: a report whose totals print
    0 (Hongze's 10 | 1 | 0 | 0 | 0) keeps its values."""

    def failing(row: list) -> set[int]:
        groups = (row[g : g + width] for g in range(0, len(row), width))
        return {k for k, group in enumerate(groups) if None not in group and not blocks.adds_up(group)}

    before = failing(numbers)
    for i, value in enumerate(numbers):
        others = [*numbers[:i], *numbers[i + 1 :]]
        for j in range(len(numbers)):
            after = failing([*others[:j], value, *others[j:]])
            if j // width in before - after and after <= before or not after and i // width in before:
                return True
    return False


def table4_holds(counts: list, width: int) -> bool:
    """Every proceeding's 总计 is the sum of its outcomes (a blank counting as 0)."""
    return all(_adds_up_blank_0(counts[g : g + width]) for g in range(0, len(counts), width))


def _broken_totals(numbers: list, proceedings: list[str], width: int) -> list[str]:
    broken = []
    for g, code in enumerate(proceedings):
        row = numbers[g * width : (g + 1) * width]
        if None not in row and not blocks.adds_up(row):
            shown = " | ".join(f"{v:g}" for v in row)
            broken.append(f"row {code} ({shown}): its 总计 is not the sum of the others")
    return broken


def _cut_table4(report: ParsedReport, values: list, cells: list, width: int) -> dict:
    """Table 4's digits glued together: the cut where every proceeding's 总计 is its four outcomes."""

    def holds(_, numbers):
        return all(blocks.adds_up(numbers[g : g + width]) for g in range(0, len(numbers), width))

    def viable(numbers):  # the proceedings cut so far add up
        g = len(numbers) - width
        return len(numbers) % width or blocks.adds_up(numbers[g:])

    ways, found = glued.candidates([n.text for n, _ in values], [len(cells)], holds, viable)
    ref = values[0][1].ref
    if found is not None and len(found) == 1:
        numbers = found[0][1]
        report.warn(
            "recovered_glued_digits",
            f"table 4 ({ref}): '{_runs(values)}' read as {_shown(numbers)}"
            + ("" if ways == 1 else f", the only one of {ways} ways to cut it that keeps the table's arithmetic"),
        )
        return {cell: (n, ref) for cell, n in zip(cells, numbers)}
    if found:
        report.warn(
            "glued_digits_unresolved",
            f"table 4 ({ref}): '{_runs(values)}' can be read {len(found)} ways "
            f"({'; '.join(_shown(n) for _, n in found[:3])}{'; …' if len(found) > 3 else ''}); left NULL",
        )
    else:
        report.warn("table4_misaligned", f"table 4 has {len(values)} values, expected {len(cells)}")
    _unplaced(report, "table 4", "cells cannot be placed", values)
    return {}


# ---------------------------------------------------------------- table 2
@dataclass
class Table2:
    version: str | None = None
    cells: dict[tuple[str, str], tuple[float | None, str | None, str]] = field(default_factory=dict)


def parse_table2(
    region: Region, report: ParsedReport, page_ends: frozenset[int] = frozenset(), footers: frozenset[int] = frozenset()
) -> Table2:
    """Table 2's cells placed on (item, measure) under the column headings printed; the template
    version from the headings (2019 and 2021 name different columns). `page_ends`: the lines that
    end a page (Document.page_ends); `footers`: lines that may print a page's number (Document.footers)."""
    matcher = catalogue.load().matcher("t2_item", "t2_measure")
    result = Table2()
    stray: list[tuple[Number, Cell]] = []
    lines = line_rows.table_cells(region, _is_label(matcher))
    versions_seen = _scan_table2(lines, matcher, report, result, stray, page_ends, footers)
    _unplaced(report, "table 2", "numbers outside any item row", stray)
    only = [vs for vs in versions_seen if len(vs) == 1]
    distinct = {next(iter(vs)) for vs in only}
    if len(distinct) == 1:
        result.version = distinct.pop()
    elif len(distinct) > 1:
        report.warn("mixed_template_versions", "table 2 mixes column headings of the 2019 and 2021 formats")
        result.version = max(distinct)
    return result


_Measures = list[tuple[str, str | None, tuple[str, ...]]]  # (measure, unit in header, versions)


def _scan_table2(
    lines: Region,
    matcher: catalogue.LabelMatcher,
    report: ParsedReport,
    result: Table2,
    stray: list[tuple[Number, Cell]],
    page_ends: frozenset[int],
    footers: frozenset[int] = frozenset(),
) -> set[frozenset[str]]:
    """One pass over the cells: headings set the columns, an item label opens a row, the numbers
    after it are its values. Returns the versions of the headings seen."""
    measures: _Measures = []
    last_was_measure = False
    item: _Row | None = None
    versions_seen: set[frozenset[str]] = set()
    unknown: Cell | None = None  # text numbers follow outside any item: a label the catalogue may lack
    after: str | None = None
    early: list[tuple[Number, Cell]] = []  # values right after a header, before an item's label
    waiting: _Row | None = None  # an item whose header came after its label (`行政许可` / `本年处理决定数量` / `0`)
    handing: tuple[_Row, _Measures] | None = None  # a row whose values after its label go to the next label
    pending: list[Cell] = []  # text since the last label or number, for headings broken over lines
    aside: Cell | None = None  # text of no label between the open item's label and its values
    number_of, labels = _NUMBER, _labels(matcher)
    for _, cell in lines:
        number = number_of[cell.text]
        if number is not None:
            pending.clear()
            if item is not None:
                item.values.append((number, cell))
                item.ends_page = cell.line in page_ends
                item.on_footer = on_footer_line(cell.ref, footers)  # (refs count the printed lines, as footers do)
            elif number.value is not None:
                if unknown is not None:
                    report.unmapped.append(("table 2", unknown.text, after, unknown.ref))
                    unknown = None
                (early if last_was_measure or early else stray).append((number, cell))
            if number.value is not None:
                last_was_measure = False  # a header is whole once a value follows it; an empty cell inside it does not end it
            continue
        cands = labels[cell.text] or _run_together(matcher, label_key(cell.text)) or _noted(labels, cell.text)
        if not cands and len(cell.text) <= MAX_PIECE:
            cands, cell = _joined_t2_label(pending, cell, matcher)
        if cands and len(pending) > 1 and (cut := _cut_headings(pending)):  # (a joined label's last piece ends no run)
            measures = _headings(measures if last_was_measure else [], cut, pending[0], versions_seen)
            last_was_measure, unknown = True, None
        if cands or len(cell.text) > MAX_PIECE:
            pending.clear()
        if waiting is not None and not (cands and cands[0].kind == "t2_measure" and last_was_measure):
            early = _close_waiting(report, result, waiting, early, measures, stray, cands)
            waiting = None
        if early and not (cands and cands[0].kind == "t2_item"):
            stray.extend(early)  # values after a header that no item label follows at once
            early = []
        if not cands and _block_heading(cell.text):
            last_was_measure = False  # a block's heading: the headings before it are no header of its items
        if not cands:
            if last_was_measure and (unit := _UNIT.search(cell.text) or _unit_rest(cell.text, measures)):
                # the unit in a cell of its own after the heading (`本年收费金额` | `（单位：元）`, or `…（单位：` | `元）`)
                measures = [
                    (m, unit.group(1) if m == catalogue.MONEY_MEASURE and u in (None, _UNIT_UNREAD) else u, v)
                    for m, u, v in measures
                ]
                continue
            if item is not None and item.values and _unit_after(item, cell.text):
                continue  # `3941504.71` | `元`: the amount's unit wrapped to a line of its own
            if item is not None and item.values:
                if aside is not None and _SUB_ROW.match(cell.text):
                    _sub_rows(report, item, aside, cell, stray)
                _close_table2_item(report, result, item, measures, stray)
                item = None
            if item is not None and cell.text and not item.values:
                aside = cell
            if item is None and cell.text:
                unknown = cell
            continue
        lab = cands[0]
        if lab.kind == "t2_measure" and item is not None and not item.values and not item.early:
            waiting = item  # its header printed after its label: the values after the header may be its own
        elif lab.kind == "t2_item" and _values_both_sides(item, measures):
            if item.before is not None:  # a third row of the kind: the first two are settled
                above, columns = item.before
                item.before = None
                _close_table2_item(report, result, above, columns, stray)
            early = [*_hand_on(item, lab.code), *early]
            handing = (item, measures)
        else:
            _close_table2_item(report, result, item, measures, stray)
        item = None
        if lab.kind == "t2_measure":
            key = label_key(cell.text)
            named = (lab,) if lab.key == key else cands
            if lab.key != key and len(inside := matcher.within(key, "t2_measure")) > len(named):
                named = inside  # a header run together that starts like one heading (`本年制发件数本年废止件数…`)
            measures = _headings(measures if last_was_measure else [], named, cell, versions_seen)
            last_was_measure, unknown = True, None
        else:
            item = _Row(lab.code, cell.text, cell.ref, line=cell.line, under_header=last_was_measure, before=handing)
            item.early, early, handing, aside = early, [], None, None
            after, unknown = lab.code, None
            last_was_measure = False
    _close_table2_item(report, result, item, measures, stray)
    if waiting is not None:
        early = _close_waiting(report, result, waiting, early, measures, stray, ())
    stray.extend(early)
    return versions_seen


def _block_heading(text: str) -> bool:
    """The heading of one of table 2's blocks (catalogue t2_block: `第二十条第（六）项`). pdftotext may
    print headings of a header set in its cells' middle before it (`本年增/减` / `处理决定数量` /
    `第二十条第（六）项` / `信息内容` / `上一年项目数量`), which read on into the block's own would set its
    columns out of order."""
    return bool(catalogue.load().matcher("t2_block").candidates(label_key(text)))


def _sub_rows(report: ParsedReport, item: _Row, first: Cell, second: Cell, stray: list) -> None:
    """An item whose label stands alone, then rows of their own under it (`其他对外管理服务事项` /
    `行政检查` / `5 6 7` / `行政确认` / `1 2 3`, a township's breakdown): the values after its label are
    the first sub-row's, not the item's, which prints none. They are left unplaced, and why said."""
    report.warn(
        "row_misaligned",
        f"table 2 item {item.code} ({item.label}) prints rows under it ({first.text}, {second.text}, …) and no values of its "
        "own: left NULL",
    )
    stray.extend(item.values)
    item.values = []


_SUB_ROW = re.compile(r"^[\u4e00-\u9fff]{2,}$")  # a row's name: ideographs only (not a unit, a note in brackets, a mark)


BARE_UNIT = re.compile(r"^\s*(万元|元)\s*$")  # a unit on a line of its own, after table 2's value


def _unit_after(item: _Row, text: str) -> bool:
    """A cell that is a unit alone, after a value printed without one: that value's unit (a narrow
    cell wraps `3941504.71元` after its digits). The value takes it."""
    unit = BARE_UNIT.match(text)
    n, c = item.values[-1]
    if unit is None or n.value is None or n.unit is not None:
        return False
    item.values[-1] = (replace(n, unit=unit.group(1)), c)
    return True


def _close_waiting(report, result: Table2, waiting: _Row, early: list, measures: _Measures, stray: list, cands) -> list:
    """An item whose header followed its label: the values after that header are its own when
    no item label takes them (text, a new part or the table's end follows) and they fill the
    header's columns. Returns the values still unclaimed."""
    if early and not (cands and cands[0].kind == "t2_item") and len(early) == len(measures):
        waiting.values, early = early, []
    _close_table2_item(report, result, waiting, measures, stray)
    return early


def _noted(labels: Memo, text: str) -> tuple[catalogue.Label, ...]:
    """An item's label with a note in brackets after it, as a province's form prints the
    template's (`规范性文件(指各行政机关印发的有正式文号的文件)`, `规章（设区的市…应提供相关数据）`):
    the item's."""
    bare = _NOTE.sub("", text) if text[-1:] in ")）" and "元" not in text else text  # (`（元）` is the fee's unit)
    return tuple(lab for lab in labels[bare] if lab.kind == "t2_item") if bare and bare != text else ()


_NOTE = re.compile(r"\s*[（(][^（）()]*[）)]\s*$")


def _run_together(matcher: catalogue.LabelMatcher, key: str) -> list[catalogue.Label]:
    """The headings of a header whose cells ran together (`信息内容本年制发件数本年废止件数…`):
    they fill the text but for a few characters. A sentence that names one (`动态更新现行有效
    规范性文件`) is prose, no header."""
    inside = matcher.within(key, "t2_measure")
    return inside if inside and len(key) - sum(len(lab.key) for lab in inside) <= _HEADER_REST else []


_HEADER_REST = settings.value("header_rest")


def _cut_headings(pieces: list[Cell]) -> tuple[catalogue.Label, ...]:
    """Headings a page cut short before the heading or item after them (`本年新` | `本年新` |
    `对外公开总数量`, a 2019 town's page printing three characters a cell): the same start printed
    as many times as the template has headings starting so, those headings in the template's
    order; () when the text before the label ends in no such run. Layout text prints a header's
    wrapped lines one after the other, so the run may be followed by the rests of its headings
    and the item column's heading (`本年新` | `本年新` / `信息内容` | `制作数量` | `对外公开总数量` /
    `公开数量`; staggered, the rests after the label: `本年新` / `本年新` / `信息内容   对外公开总数量` /
    `制作数量` / `公开数量`): nothing longer than header_rest after the run but the rests."""
    keys = [label_key(cell.text) for cell in pieces]
    end = len(keys)
    while end and keys[end - 1] not in _measure_starts():
        end -= 1
    key, run = keys[end - 1] if end else "", 0
    for k in reversed(keys[:end]):
        if k != key:
            break
        run += 1
    headings = _measure_starts().get(key, ())
    if run < 2 or len(headings) != run:
        return ()
    rests = {lab.key[len(key) :] for lab in headings}
    after = keys[end:]
    if not all(k in rests or len(k) <= _HEADER_REST for k in after):
        return ()
    return headings


@cache
def _measure_starts() -> dict[str, tuple[catalogue.Label, ...]]:
    """For each start of a table-2 heading as the template prints it (two characters or more,
    short of the whole), the headings it starts, in the template's order (a variant's, listed
    among the others, says nothing of where its column stands)."""
    out: dict[str, tuple[catalogue.Label, ...]] = {}
    template = catalogue.load().canonical("t2_measure")  # the template's own headings, not their variants
    for lab in catalogue.load().labels:
        if lab.kind == "t2_measure" and lab.label == template[lab.code]:
            for end in range(_PIECE, len(lab.key)):
                out[lab.key[:end]] = (*out.get(lab.key[:end], ()), lab)
    return out


_PIECE = settings.value("label_piece_min_chars")


def _joined_t2_label(pending: list[Cell], cell: Cell, matcher) -> tuple[tuple[catalogue.Label, ...], Cell]:
    """A table-2 heading or item broken over lines (`本年新` / `制作数量`), its first piece run into
    the item column's heading (`信息内容 本年新` / `制作数量`: _run_together)."""
    pending.append(cell)

    def find(text: str) -> tuple[catalogue.Label, ...]:
        key = label_key(text)
        return tuple(lab for lab in matcher.candidates(key) if lab.kind in ("t2_item", "t2_measure")) or tuple(
            _run_together(matcher, key)
        )

    found, cell = _longest_join(pending, find)
    return found or (), cell


def _unit_rest(text: str, measures: _Measures) -> re.Match | None:
    """The unit a cell begins with, when the fee column's heading was cut before it."""
    return _UNIT_REST.match(text) if any(u == _UNIT_UNREAD for _, u, _ in measures) else None


def _headings(measures: _Measures, named: tuple[catalogue.Label, ...], cell: Cell, versions_seen: set) -> _Measures:
    """The columns with the headings this cell names (several when a header ran together), the
    unit it prints for the fee column, and the template versions those headings belong to."""
    unit = _UNIT.search(cell.text)
    printed = unit.group(1) if unit else _UNIT_UNREAD if _UNIT_CUT.search(cell.text) else None
    if any(m == measure.code for m, _, _ in measures for measure in named):
        measures = []  # a column named again is another header (the next part's), not one more column
    for measure in named:
        measures.append((measure.code, printed if measure.code == catalogue.MONEY_MEASURE else None, measure.versions))
        versions_seen.add(frozenset(measure.versions))
    return measures


def _close_table2_item(
    report: ParsedReport, result: Table2, item: _Row | None, measures: _Measures, stray: list[tuple[Number, Cell]]
) -> None:
    """An item row ended: its values placed under the headings when there is one per column;
    otherwise reported (misaligned, without numbers, glued digits that cannot be cut)."""
    if item is None:
        return
    if item.before is not None and not _one_side(report, result, item, stray):
        return
    measures = _item_columns(item.code, measures)
    if not item.values and len(item.early) == len(measures):
        item.values, item.early = item.early, []  # printed just before its label (pdftotext's reading order)
    if item.early and item.on_footer and len(item.values) == 1:
        # `0` / `行政事业性收费` / `1`: a number just before its label, its one value where page 1 may print its number
        report.warn(
            "row_misaligned",
            f"table 2 item {item.code} ({item.label}, {item.ref}): a number stands just before its label and its one "
            "value where a page may print its number: which is its value, the text does not say",
        )
        _unplaced(report, "table 2", f"item {item.code}", [*item.early, *item.values])
        return
    stray.extend(item.early)
    if not measures and _any_value(item.values):
        report.warn(
            "row_misaligned", f"table 2 item {item.code} ({item.label}, {item.ref}): no heading above it is a column of it"
        )
        _unplaced(report, "table 2", f"item {item.code}", item.values)
        return
    core = _surplus_blanks(_core(item.values), len(measures))
    if len(core) < len(measures) == len(item.values) and item.values[0][0].value is not None and _parted(item):
        core = item.values  # its cells kept by separators, the empty ones at its end blank (`| 规章 | 0 | 0 | |`)
    if core and len(core) < len(measures) and _glued(core) and _run_into_label(core, item) and _digits(core) >= len(measures):
        core = _cut_table2_row(report, item, core, len(measures))
        if core is None:
            return
    if (
        len(core) > len(measures)
        and _every_column(item.code, measures)
        and (spaced := _spaced_join(core, [len(measures)], lambda _: True, whole_cells=True))
    ):
        core, printed = spaced
        report.warn(
            "recovered_spaced_digits",
            f"table 2 item {item.code} ({item.ref}): {printed} read as one number each, "
            "the cells holding nothing else, the one reading with a number a column",
        )
    if not core:
        report.warn("row_without_numbers", f"table 2 item {item.code} ({item.label}) is printed without numbers")
    elif len(core) != len(measures):
        report.warn(
            "row_misaligned",
            f"table 2 item {item.code} ({item.label}, {item.ref}) has {len(core)} values for {len(measures)} columns",
        )
        _unplaced(report, "table 2", f"item {item.code}", core)
    elif misplaced := _out_of_place(measures, core):
        report.warn(
            "row_misaligned",
            f"table 2 item {item.code} ({item.label}, {item.ref}): {misplaced} stands outside its column, so its values "
            "are not in the columns' order (pdftotext's reading order); none is placed",
        )
        _unplaced(report, "table 2", f"item {item.code}", core)
    elif not _in_some_version(item.code, measures):
        report.warn(
            "row_misaligned",
            f"table 2 item {item.code} ({item.label}, {item.ref}): the headings read name {len(measures)} of its columns, "
            "not all of them, so which column a value stands in is not known; none is placed",
        )
        _unplaced(report, "table 2", f"item {item.code}", core)
    elif _order_unknown(item, core):
        report.warn(
            "row_misaligned",
            f"table 2 item {item.code} ({item.label}, {item.ref}): the first row under its column headings, its values "
            "each on a line of its own and the last its page prints, where pdftotext's reading order does not keep "
            "the columns' order; none is placed",
        )
        _unplaced(report, "table 2", f"item {item.code}", core)
    else:
        for (measure, header_unit, versions), (n, c) in zip(measures, core):
            default = DEFAULT_FEE_UNIT if "2021" in versions else _UNIT_UNREAD  # the 2019 format names no unit
            _place_table2(report, result, item.code, measure, header_unit or default, n, c)


def _values_both_sides(item: _Row | None, measures: _Measures) -> bool:
    """A row with a value a column both just before its label and after it, the next row's label
    right after: pdftotext printed the values apart from the labels (`本年处理决定数量` / `22` /
    `行政处罚` / `0` / `行政强制`), so one of those rows' worth is the next row's."""
    if item is None:
        return False
    width = len(_item_columns(item.code, measures))
    return width > 0 and len(item.early) == width and len(_core(item.values)) == width and _any_value(item.early)


def _hand_on(item: _Row, after: str) -> list:
    """Of the two rows' worth of values about the row's label, the one the next row takes: the
    rows take them in the template's order of rows, whatever order pdftotext printed the labels
    in (`34 0 165` / `其他对外管理服务事项` / `7 6 0` / `行政许可`: 行政许可 comes first)."""
    order = catalogue.load().codes("t2_item")
    if order.index(after) < order.index(item.code):
        handed = item.early
    else:
        item.values, handed = item.early, item.values
    item.early = []
    return handed


def _one_side(report: ParsedReport, result: Table2, item: _Row, stray: list) -> bool:
    """The row given values printed about the label above it (_hand_on): read so when it prints
    none after its own; with values after its own too, whose are which cannot be told, and
    neither row is placed. True to go on placing it."""
    above, columns = item.before
    item.before = None
    if not _any_value(item.values):
        _close_table2_item(report, result, above, columns, stray)
        return True
    for row in (above, item):
        report.warn(
            "row_misaligned",
            f"table 2 item {row.code} ({row.label}, {row.ref}): values printed both before and after its label and "
            "the next row's, so which are its own cannot be told (pdftotext's reading order); none is placed",
        )
    _unplaced(report, "table 2", f"items {above.code} and {item.code}", [*above.values, *item.early, *item.values])
    return False


def _out_of_place(measures: _Measures, core: list) -> str | None:
    """A number that cannot stand in the column it came under: a negative one outside the signed
    column (the 2019 format's 本年增/减), an amount (decimals or a unit) outside the money column,
    where the item has that column. The row's values were printed out of the columns' order."""
    names = [m for m, _, _ in measures]
    signed, money = catalogue.SIGNED_MEASURE, catalogue.MONEY_MEASURE
    for m, (n, _) in zip(names, core):
        if n.value is None:
            continue
        if signed in names and n.value < 0 and m != signed:
            return f"a negative number ({n.text})"
        if money in names and m != money and (n.unit is not None or not float(n.value).is_integer()):
            return f"an amount ({n.text})"
    return None


def _order_unknown(item: _Row, core: list) -> bool:
    """The row is the first under its headings and its values, each on a line of its own, are the
    last its page prints: pdftotext (default mode) orders such a row's blocks by the headings'
    blocks above them, not left to right (`行政许可` / `141` / `1178` / `40` for 141 | 40 | 1178).
    Values all alike read the same in any order."""
    if not (item.under_header and item.ends_page) or len({n.value for n, _ in core}) < 2:
        return False
    lines = [c.line for _, c in core]
    return item.line not in lines and len(set(lines)) == len(lines)


def _item_columns(item: str, measures: _Measures) -> _Measures:
    """The headings that are the item's columns in the template (catalogue t2_cell): one of
    another block (pdftotext printing `现行有效件数` among 第二十条第（六）项's headings) is not,
    and the item's values stand under its own alone."""
    cells = _table2_cells()
    return [m for m in measures if (item, m[0]) in cells]


def _every_column(item: str, measures: _Measures) -> bool:
    """The headings read are every column the template gives the item (in a format they are of):
    one value a column then says how many numbers its cells hold. A heading lost (`本年废止` cut
    from `件数`) leaves a value more than the headings, which no join of two numbers may fill."""
    read = {m[0] for m in measures}
    columns = _columns_by_version().get(item, {})
    return any(columns.get(v, frozenset()) <= read for v in {v for m in measures for v in m[2]})


def _in_some_version(item: str, measures: _Measures) -> bool:
    """The headings read are every column the item has in some version of the template (the
    2021 format gives `行政许可` one column, the 2019 three): else a heading was lost or cut, and
    the values cannot be told apart by counting them."""
    read = {m[0] for m in measures}
    return any(columns <= read for columns in _columns_by_version().get(item, {}).values())


@cache
def _columns_by_version() -> dict[str, dict[str, frozenset[str]]]:
    """Each table-2 item's columns in each version of the template that has it (catalogue t2_cell)."""
    out: dict[str, dict[str, set[str]]] = {}
    for item, measure, versions in catalogue.load().t2_cells:
        for v in versions:
            out.setdefault(item, {}).setdefault(v, set()).add(measure)
    return {item: {v: frozenset(ms) for v, ms in by.items()} for item, by in out.items()}


@cache
def _table2_cells() -> frozenset[tuple[str, str]]:
    return frozenset(catalogue.load().table2_cells())


def _run_into_label(core: list, item: _Row) -> bool:
    """The row's digits run into its label (`规章000`: a crawler's text of cells run together), not
    set apart by a space (`政府集中采购 30`: one cell, its neighbour printed elsewhere by a layout
    extractor) nor printed on a line of their own (`行政许可` / `536`: pdftotext's reading order
    moved the row's other cells away), nor a Markdown table's cell (`| 政府集中采购 | | 10 | |`: a cell
    whole, its neighbours blank or printed elsewhere): table 2 has no arithmetic to tell 536 from
    5 | 3 | 6."""
    first = core[0][1]
    if isinstance(first, Ruled):
        return False
    return first.gap == 0 if isinstance(first, line_rows.Piece) else first.line == item.line


def _digits(core: list) -> int:
    """The digits a row's values print: fewer than its columns, they cannot be its cells run
    together (`行政许可 | 0 | |||`: one cell across three)."""
    return sum(ch.isdigit() for n, _ in core for ch in n.text)


def _cut_table2_row(report: ParsedReport, item: _Row, core: list, width: int) -> list | None:
    """A table-2 row's digits glued together: table 2 has no arithmetic of its own, so only a run
    that can be cut one way is read; otherwise its cells stay NULL, the cuts listed."""
    runs = [n.text for n, _ in core]
    # no arithmetic inside table 2: only a run of one digit per cell is read
    ways, found = glued.candidates(runs, [width], lambda w, n: len(runs) == 1 and len(runs[0]) == width)
    ref = core[0][1].ref
    if found is not None and len(found) == 1:
        numbers = found[0][1]
        report.warn("recovered_glued_digits", f"table 2 item {item.code} ({ref}): '{_runs(core)}' read as {_shown(numbers)}")
        return [(parse_number(str(n)), core[0][1]) for n in numbers]
    report.warn(
        "glued_digits_unresolved",
        f"table 2 item {item.code} ({ref}): '{_runs(core)}' is {width} cells run together; "
        f"table 2 has no total to check a cut against, so only one digit a cell is read; left NULL",
    )
    _unplaced(report, "table 2", f"item {item.code}", core)
    return None


def _place_table2(report, result: Table2, item: str, measure: str, header_unit, n: Number, c: Cell) -> None:
    value = n.value
    unit = None
    if measure == catalogue.MONEY_MEASURE:
        unit = n.unit or header_unit
        if value is not None and unit == _UNIT_UNREAD:
            report.warn(
                "unit_unread",
                f"table 2 {item}.{measure}: '{n.text}' printed without its unit (元 or 万元), under a heading that names none "
                "or was cut before it; left NULL",
            )
            value, unit = None, None
        if value is not None and unit == "元":
            value = value / 10000
    elif value is not None and (value < 0 and measure != catalogue.SIGNED_MEASURE):
        report.warn("invalid_count", f"table 2 {item}.{measure}: '{n.text}' is negative; left NULL")
        value = None
    if (item, measure) in result.cells:
        if not _padding(n):  # an empty cell more (a crawler's bar alone opening the next row) repeats nothing
            report.warn("duplicate_cell", f"table 2 {item}.{measure} printed twice ({c.ref}); the first is kept")
        return
    result.cells[(item, measure)] = (value, unit, c.ref)


def fill_table2_absent(report: ParsedReport, result: Table2) -> None:
    """Every table-2 cell of the report's version gets a row; absent cells are NULL."""
    expected = catalogue.table2_cells(report.template_version)
    known = set(expected)
    cells = result.cells
    report.active_disclosure.extend(
        (item, measure, *cells.get((item, measure), _NO_CELL))
        for item, measure in expected + [k for k in cells if k not in known]
    )


_NO_CELL = (None, None, None)
