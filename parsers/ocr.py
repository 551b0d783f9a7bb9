"""Findings on numbers read by OCR: the template's arithmetic checks every number a scan gives.

A misread digit almost always breaks a row total or a column balance. So each identity a scanned
report breaks is an `ocr_uncertain` warning naming the OCR'd cells in it, the cells that sit in two
broken identities and the least sure first, with what was read, the confidence and the source box;
so is every cell read with a confidence below the `ocr_low_confidence` setting. Where exactly one
digit change of one such doubtful cell makes every identity hold, the finding names that as the
likely value. The number landed is always the one read: nothing is corrected here.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import catalogue, settings
from .checks import OUTCOME_ROWS_2021
from .readers import Document
from .report import ParsedReport

_LOW_CONFIDENCE = settings.value("ocr_low_confidence")  # a cell read less surely is reported even when the arithmetic holds
_LISTED = settings.value("ocr_listed")  # cells named in a broken identity's finding, the likeliest culprits first

Key = tuple[str, str, str]  # (table, row, column) as the gold files and the warehouse name cells


@dataclass(frozen=True)
class Identity:
    name: str  # as checks.py names it: row_total, column_balance, outcome_total, review_litigation_total
    where: str  # 'table 3 row granted'
    total: tuple[Key, ...]  # one side of the equation
    parts: tuple[Key, ...]  # the other side
    all_printed: bool = False  # checked only when every cell is printed (column_balance); else blanks are left out

    def holds(self, values: dict[Key, float | None]) -> bool | None:
        """None when the identity cannot be checked (its total, or a needed cell, is blank)."""
        left = [values.get(k) for k in self.total]
        right = [values.get(k) for k in self.parts]
        if self.all_printed:
            if any(v is None for v in left + right):
                return None
        elif any(v is None for v in left) or all(v is None for v in right):
            return None
        return sum(v for v in left if v is not None) == sum(v for v in right if v is not None)


def identities() -> list[Identity]:
    """The template's identities (SPEC §2, as checks.py checks them) over cell keys."""
    applicants = catalogue.applicants()
    six = [a for a in applicants if a != "total"]
    out = [
        Identity(
            "row_total", f"table 3 row {row}", (("applications", row, "total"),), tuple(("applications", row, a) for a in six)
        )
        for row in catalogue.table3_rows()
    ]
    for a in applicants:
        out.append(
            Identity(
                "column_balance",
                f"table 3 column {a}",
                (("applications", "new_received", a), ("applications", "carried_over", a)),
                (("applications", "total_processed", a), ("applications", "carried_forward", a)),
                all_printed=True,
            )
        )
        out.append(
            Identity(
                "outcome_total",
                f"table 3 column {a}",
                (("applications", "total_processed", a),),
                tuple(("applications", row, a) for row in OUTCOME_ROWS_2021),
            )
        )
    outcomes = [o for o in catalogue.outcomes() if o != "total"]
    for p in catalogue.proceedings():
        out.append(
            Identity(
                "review_litigation_total",
                f"table 4 {p}",
                (("review_litigation", p, "total"),),
                tuple(("review_litigation", p, o) for o in outcomes),
            )
        )
    return out


def findings(doc: Document, report: ParsedReport) -> None:
    """Adds the `ocr_uncertain` warnings of a report whose cells were read by OCR."""
    if not doc.confidence:
        return
    values: dict[Key, float | None] = {}
    refs: dict[Key, str] = {}
    for item, measure, value, _unit, ref in report.active_disclosure:
        values[("active_disclosure", item, measure)] = value
        if ref:
            refs[("active_disclosure", item, measure)] = ref
    for table, rows in (("applications", report.applications), ("review_litigation", report.review_litigation)):
        for row, column, count, ref in rows:
            values[(table, row, column)] = count
            if ref:
                refs[(table, row, column)] = ref
    texts = {c.ref: c.text for c in doc.cells}
    confidence = {k: doc.confidence[r] for k, r in refs.items() if r in doc.confidence}
    low = _LOW_CONFIDENCE
    doubtful = {k for k, c in confidence.items() if c < low and values.get(k) is not None}

    checks = identities()
    broken = [i for i in checks if i.holds(values) is False]
    likely = _likely_value(checks, broken, values, doubtful)

    def name(k: Key) -> str:
        table = {"active_disclosure": "table 2", "applications": "table 3", "review_litigation": "table 4"}[k[0]]
        text = texts.get(refs[k], "")
        guess = f", likely {_fmt(likely[1])} (one digit, and then every identity holds)" if likely and likely[0] == k else ""
        return f"{table} {k[1]}.{k[2]} read '{text}' (confidence {confidence[k]:.2f}, {refs[k]}){guess}"

    named: set[Key] = set()
    in_broken = [[k for k in (*i.total, *i.parts) if k in confidence and values.get(k) is not None] for i in broken]
    times = {k: sum(k in cells for cells in in_broken) for cells in in_broken for k in cells}
    for identity, cells in zip(broken, in_broken):
        if not cells:
            continue
        cells.sort(key=lambda k: (-times[k], k not in doubtful, confidence[k]))
        shown = cells[:_LISTED]
        if likely and likely[0] in cells and likely[0] not in shown:
            shown = [likely[0], *shown[:-1]]
        named.update(shown)
        more = f"; {len(cells) - len(shown)} more cells read surely" if len(cells) > len(shown) else ""
        report.warn(
            "ocr_uncertain",
            f"{identity.where}: {identity.name} does not hold on numbers read by OCR; "
            f"the likeliest misreadings first: {'; '.join(name(k) for k in shown)}{more}",
        )
    for k in sorted(doubtful - named):
        report.warn(
            "ocr_uncertain", f"{name(k)}: below the confidence of {low:.2f}; the identities it is in hold or cannot be checked"
        )


def _likely_value(
    checks: list[Identity], broken: list[Identity], values: dict[Key, float | None], doubtful: set[Key]
) -> tuple[Key, float] | None:
    """The one (cell, value) among one-digit changes of one doubtful cell that makes every
    identity the cell is in hold; None when there is none or more than one. (An identity the
    cell is not in, such as a total the report itself prints wrong, cannot be changed by it.)"""
    if not broken:
        return None
    suspects = [k for k in doubtful if any(k in i.total or k in i.parts for i in broken)]
    found: list[tuple[Key, float]] = []
    for k in suspects:
        involved = [i for i in checks if k in i.total or k in i.parts]
        for candidate in _one_digit_changes(values[k]):
            trial = {**values, k: candidate}
            if all(i.holds(trial) is not False for i in involved):
                found.append((k, candidate))
    return found[0] if len(found) == 1 else None


def _one_digit_changes(value: float | None) -> list[float]:
    if value is None or not float(value).is_integer() or value < 0:
        return []
    digits = str(int(value))
    out = []
    for p, old in enumerate(digits):
        for d in "0123456789":
            if d == old or (p == 0 and d == "0" and len(digits) > 1):
                continue
            out.append(float(digits[:p] + d + digits[p + 1 :]))
    return out


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"
