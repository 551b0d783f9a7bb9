"""Gold files (one JSON per report, schema in ../shared/seeds/README.md) as cell dictionaries."""

from __future__ import annotations

import json
from pathlib import Path

from parsers import catalogue

GOLDEN = Path(__file__).parent / "golden"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def expected_cells(gold: dict) -> dict[tuple[str, str, str], float | int | None]:
    """(table, row, column) -> true value, for every number the gold file gives."""
    cells: dict[tuple[str, str, str], float | int | None] = {}
    for item, measures in gold["active_disclosure"].items():
        for measure, value in measures.items():
            if measure in ("amount", "unit"):
                continue
            cells[("active_disclosure", item, measure)] = value
    for item, spec in (gold.get("table2_2019") or {}).items():
        for measure, v in spec["values"].items():
            if measure == "amount":
                cells[("active_disclosure", item, "amount_wan_yuan")] = v["amount_wan_yuan"]
            else:
                cells[("active_disclosure", item, measure)] = v["value"]
    for row, values in gold["applications"].items():
        for applicant, value in zip(catalogue.applicants(), values):
            cells[("applications", row, applicant)] = value
    for proceeding, values in gold["review_litigation"].items():
        for outcome, value in zip(catalogue.outcomes(), values):
            cells[("review_litigation", proceeding, outcome)] = value
    return cells


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def differences(expected: dict, got: dict) -> list[str]:
    out = []
    for key, want in expected.items():
        have = got.get(key)
        if want is None:
            ok = have is None
        else:
            ok = have is not None and abs(float(have) - float(want)) <= 1e-9 * max(1.0, abs(float(want)))
        if not ok:
            out.append(f"{'.'.join(key)}: want {want!r}, got {have!r}")
    return out


def report_cells(report) -> dict[tuple[str, str, str], float | int | None]:
    cells = {}
    for item, measure, value, *_ in report.active_disclosure:
        cells[("active_disclosure", item, measure)] = value
    for row, applicant, count, _ in report.applications:
        cells[("applications", row, applicant)] = count
    for proceeding, outcome, count, _ in report.review_litigation:
        cells[("review_litigation", proceeding, outcome)] = count
    return cells
