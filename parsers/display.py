"""One parsed report for people (`xxgk parse`) and for programs (`xxgk parse --json`)."""

from __future__ import annotations

import polars as pl

from . import catalogue


def as_dict(frames: dict[str, pl.DataFrame]) -> dict:
    """The report in the gold files' shape: tables keyed by code, applicant columns in SPEC order."""
    rep = frames["reports"].row(0, named=True)
    applicants = catalogue.applicants()
    outcomes = catalogue.outcomes()
    ad: dict[str, dict] = {}
    for r in frames["active_disclosure"].iter_rows(named=True):
        ad.setdefault(r["item"], {})[r["measure"]] = r["value"]
        if r["unit_as_printed"]:
            ad[r["item"]]["unit_as_printed"] = r["unit_as_printed"]
    apps: dict[str, list] = {row: [None] * len(applicants) for row in catalogue.table3_rows()}
    for r in frames["applications"].iter_rows(named=True):
        apps[r["row_code"]][applicants.index(r["applicant"])] = r["count"]
    rl: dict[str, list] = {p: [None] * len(outcomes) for p in catalogue.proceedings()}
    for r in frames["review_litigation"].iter_rows(named=True):
        rl[r["proceeding"]][outcomes.index(r["outcome"])] = r["count"]
    return {
        "source_path": rep["source_path"],
        "source_format": rep["source_format"],
        "report_id": rep["report_id"],
        "agency": rep["agency"],
        "year": rep["year"],
        "template_version": rep["template_version"],
        "parse_status": rep["parse_status"],
        "status_reason": rep["status_reason"],
        "active_disclosure": ad,
        "applications": apps,
        "review_litigation": rl,
        "sections": {r["section"]: r["heading"] for r in frames["report_sections"].iter_rows(named=True)},
        "validation_issues": frames["validation_issues"].select("check_name", "severity", "detail").to_dicts(),
    }


def _cell(v) -> str:
    if v is None:
        return "·"
    return str(int(v)) if float(v).is_integer() else f"{v:.12g}"  # every digit an amount has, no float noise


def as_text(frames: dict[str, pl.DataFrame]) -> str:
    d = as_dict(frames)
    cat = catalogue.load()
    out = [
        f"{d['source_path']}  [{d['source_format']}]  report {d['report_id']}",
        f"{d['agency'] or '(no body found)'}  {d['year'] or '(no year)'}  template {d['template_version'] or '?'}  status: {d['parse_status']}",
    ]
    if d["status_reason"]:
        out.append(f"reason: {d['status_reason']}")
    out.append(
        "parts: " + ", ".join(f"{k} {v}" for k, v in sorted(d["sections"].items())) if d["sections"] else "parts: none found"
    )

    out.append("\nTable 2 (active disclosure; fees in 万元; · = blank)")
    for item, measures in d["active_disclosure"].items():
        unit = measures.get("unit_as_printed")
        cells = ", ".join(f"{m} {_cell(v)}" for m, v in measures.items() if m != "unit_as_printed")
        out.append(f"  {item:28} {cells}" + (f"  (printed in {unit})" if unit else ""))

    short = {
        "natural_person": "person",
        "commercial_enterprise": "company",
        "research_institution": "research",
        "social_welfare_org": "welfare",
        "legal_service_agency": "legal",
        "other_org": "other",
        "total": "total",
    }
    out.append("\nTable 3 (applications)")
    out.append(f"  {'row_code':38}" + "".join(f"{short[a]:>9}" for a in catalogue.applicants()))
    labels = cat.canonical("t3_row")
    for row, values in d["applications"].items():
        if row == "other_handling" and all(v is None for v in values):
            continue
        out.append(f"  {row:38}" + "".join(f"{_cell(v):>9}" for v in values) + f"  {labels[row]}")

    out.append("\nTable 4 (administrative review and litigation)")
    out.append(f"  {'proceeding':26}" + "".join(f"{o:>10}" for o in catalogue.outcomes()))
    for proc, values in d["review_litigation"].items():
        out.append(f"  {proc:26}" + "".join(f"{_cell(v):>10}" for v in values))

    issues = d["validation_issues"]
    out.append(
        f"\nChecks: {len(issues)} finding(s)" if issues else "\nChecks: every template identity holds; every number placed"
    )
    for i in issues:
        out.append(f"  {i['severity']:7} {i['check_name']}: {i['detail']}")
    return "\n".join(out)
