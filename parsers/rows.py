"""A table region's cells as the template reads them: a label, then the values after it,
whatever separated them in the file.

Text extractors and crawlers print a table row as one line: `一、本年新收… 95 0 0 0 0 0 95`
(spaces of any width, as `pdftotext -layout` pads), or with the cells glued together
(`本年新收政府信息公开申请数量21710000218`). Here such a line becomes a label cell and one cell
per value; a glued digit run stays one cell, for tables.py to cut by the template's arithmetic.
Page furniture (`- 4 -`, `第 4 页`) standing between a label and its numbers is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from .catalogue import NUMBER_MARK, NUMERALS
from .memo import Memo
from .numbers import parse_number
from .readers import Cell, furniture

Region = list[tuple[int, Cell]]


@dataclass(slots=True)
class Piece(Cell):
    """A value split off a line of text, with the width of the spaces before it on that line:
    where a layout-keeping extractor left a blank cell, that gap is about twice the others. Or a
    piece of text (a label's, a heading's)."""

    gap: int = 0
    # where it starts on its line (leading spaces not counted); -1: not known (a label beside values)
    at: int = -1


@dataclass(slots=True)
class Run(Cell):
    """A value cut from a line holding a table run together (template.cut_run_together): parted
    from its neighbours by spaces alone, as a number's pieces would be (`3 2`)."""


_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u201c\u201d"
_CJK_GAP = re.compile(f"(?<=[{_CJK}])[ \u3000\u00a0](?=[{_CJK}])")  # one space inside a justified label
COLUMN_GAP = 2  # spaces that set columns apart: one is a word's space, inside a label or between words
_COLUMN_GAP = re.compile(rf"[ \t\u3000\u00a0]{{{COLUMN_GAP},}}")
_GLUED_DIGITS = re.compile(r"^(?P<label>.*?\D)(?P<digits>\d[\d.,]*)$")
# Where a second label starts inside one piece of text: （一） 一、 1. 1、 — not at the start.
_NUMBERING = re.compile(
    rf"(?<=.)(?=（[{NUMERALS}]{{1,2}}）|\([{NUMERALS}]{{1,2}}\)|[{NUMERALS}]{{1,2}}、|\d{{1,2}}{NUMBER_MARK}(?!\d))"
)


def _is_value(token: str) -> bool:
    n = parse_number(token)
    return n is not None and n.value is not None


def _is_blank_mark(token: str) -> bool:
    n = parse_number(token)
    return n is not None and n.value is None


_WORD = re.compile(r"\S+")


def split_line(text: str, is_label: Callable[[str], bool]) -> list[str] | None:
    """The pieces of one line of a table: label pieces, then one piece per value. None: the
    text is one cell as it stands."""
    split = split_line_gaps(text, is_label)
    return None if split is None else split[0]


def split_line_gaps(text: str, is_label: Callable[[str], bool]) -> tuple[list[str], list[int], list[int]] | None:
    """split_line, with the width of the spaces before each piece (0 for a label piece or a
    value glued to its label) and where each value starts on the line (-1 when not known)."""
    stripped = text.strip()
    joined = _CJK_GAP.sub("", stripped)
    words = list(_WORD.finditer(joined))
    tokens = [w.group() for w in words]
    end = len(tokens)
    values: list[str] = []
    gaps: list[int] = []
    firsts: list[int] = []  # each value's first token

    def gap(k: int) -> int:
        firsts.insert(0, k)
        return words[k].start() - words[k - 1].end() if k > 0 else 0

    while end > 0:
        token = tokens[end - 1]
        if _is_value(token):
            values.insert(0, token)
            gaps.insert(0, gap(end - 1))
            end -= 1
        elif end > 1 and _is_value(tokens[end - 2]) and _is_value(tokens[end - 2] + token):
            values.insert(0, tokens[end - 2] + token)  # `7000 元`: one value with its unit
            gaps.insert(0, gap(end - 2))
            end -= 2
        elif values and end > 1 and _is_blank_mark(token) and _is_value(tokens[end - 2]):
            values.insert(0, token)  # a dash between two numbers is a blank cell
            gaps.insert(0, gap(end - 1))
            end -= 1
        else:
            break
    head = _head_text(joined, tokens, end)
    glued = _GLUED_DIGITS.match(head) if head and head[-1].isdigit() else None
    if glued and _starts_label(glued.group("label"), is_label):
        head, values, gaps, firsts = glued.group("label"), [glued.group("digits"), *values], [0, *gaps], [-1, *firsts]
    labels = _label_pieces(head, is_label)
    pieces = labels + values
    if not values and " " in stripped:
        words = stripped.split()  # header words a single space apart: 信息内容 本年制发件数 …
        if sum(1 for w in words if is_label(w)) > 1:
            pieces = labels = words
    if len(pieces) > 1 or (pieces and pieces[0] != stripped):
        on_line = [m.start() for m in _WORD.finditer(stripped)]  # the values are its last words, spaced as printed
        shift = len(on_line) - len(tokens)
        starts = [on_line[k + shift] if k >= 0 else -1 for k in firsts]
        # a line of text alone (a header's): where each piece stands, the column under it
        heads = _starts_in(stripped, labels) if not values else [-1] * len(labels)
        return pieces, [0] * len(labels) + gaps, heads + starts
    return None


def _starts_in(text: str, pieces: list[str]) -> list[int]:
    """Where each piece starts in the text, in order (-1: a piece the text does not print as it
    stands, its spaces taken out)."""
    out, at = [], 0
    for piece in pieces:
        k = text.find(piece, at)
        out.append(k)
        at = k + len(piece) if k >= 0 else at
    return out


def _starts_label(text: str, is_label: Callable[[str], bool]) -> bool:
    """The text is a label, or ends with one (`（三）不予公开1.属于国家秘密`)."""
    return is_label(text) or any(is_label(text[m.start() :]) for m in _NUMBERING.finditer(text))


def _head_text(joined: str, tokens: list[str], end: int) -> str:
    """The text before the values, with its own spacing (column gaps kept)."""
    if end == 0:
        return ""
    if end == len(tokens):
        return joined
    rest = joined
    for token in tokens[end:][::-1]:
        rest = rest.rstrip()
        rest = rest[: len(rest) - len(token)]
    return rest.rstrip()


def _label_pieces(head: str, is_label: Callable[[str], bool]) -> list[str]:
    """Column gaps separate pieces; a piece is cut again where a known label starts inside it
    (`三、本年度办理结果（一）予以公开`: the group heading, then the row)."""
    out: list[str] = []
    for piece in _COLUMN_GAP.split(head):
        piece = piece.strip()
        while piece:
            cut = next((m.start() for m in _NUMBERING.finditer(piece) if is_label(piece[m.start() :])), None)
            if cut is None:
                out.append(piece)
                break
            out.append(piece[:cut])
            piece = piece[cut:]
    return out


def no_label(text: str) -> bool:
    """For a table without labels of its own (table 4): one function, so its pieces are kept."""
    return False


def table_cells(region: Region, is_label: Callable[[str], bool]) -> Region:
    """The region with each line read as label and values; page furniture left out."""
    out: Region = []
    append = out.append
    pieces_of = _pieces_memo(is_label)
    for item in region:
        text = item[1].text
        if not text or text.isdigit():
            append(item)  # most cells of a table: a number, or nothing
            continue
        pieces = pieces_of[text]
        if pieces is None:
            if not (text[-1].isdigit() and _label_across(out, item, is_label)):
                append(item)
        else:
            i, cell = item
            out.extend((i, Piece(p, cell.line, cell.where, g, at)) for p, g, at in pieces)
    return out


def _label_across(out: Region, item: tuple[int, Cell], is_label: Callable[[str], bool]) -> bool:
    """A label broken across two cells, the value glued to its second part (`行政规范性` |
    `文件0`, as pymupdf4llm splits a row): the label joined in the cell before, the digits a
    cell of their own. Only when neither part is a label alone and the two together are."""
    glued = _GLUED_DIGITS.match(item[1].text)
    if glued is None or not out:
        return False
    k, before = out[-1]
    rest = glued.group("label")
    if not before.text or parse_number(before.text) is not None or is_label(before.text) or is_label(rest):
        return False
    if not is_label(before.text + rest):
        return False
    out[-1] = (k, Cell(before.text + rest, before.line, before.where))
    out.append((item[0], Piece(glued.group("digits"), item[1].line, item[1].where)))
    return True


@cache
def _pieces_memo(is_label: Callable[[str], bool]) -> Memo:
    """_pieces per text, one memo per table's is_label."""
    return Memo(lambda text: _pieces(text, is_label))


def _pieces(text: str, is_label: Callable[[str], bool]) -> tuple[tuple[str, int, int], ...] | None:
    """split_line, kept per distinct text: tables repeat the same labels and numbers in every
    report. () for page furniture, None for a cell that stands as it is."""
    stripped = text.strip()
    if furniture().match(stripped):
        return ()  # `- 4 -`, and `-4-` too: one word, but no label
    one_word = not any(ch.isspace() for ch in stripped)
    if one_word and not stripped[-1:].isdigit() and not _NUMBERING.search(stripped):
        return None  # one word, no digits at its end, no second label inside: a label or a blank mark
    if one_word and parse_number(stripped) is not None:
        return None
    split = split_line_gaps(text, is_label)
    return None if split is None else tuple(zip(*split))
