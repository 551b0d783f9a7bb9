"""Every finding the code can record is in parsers/checks.csv, with the severity it is recorded at."""

from __future__ import annotations

import re
from pathlib import Path

from parsers import checks

ROOT = Path(__file__).resolve().parents[1]
_CALL = re.compile(r"\.(warn|error)\(\s*\"([a-z0-9_]+)\"")
_FAILURE = re.compile(r"Failure\(\s*\"([a-z0-9_]+)\"|\"check_name\": \"([a-z0-9_]+)\", \"severity\": \"error\"")
_SQL = re.compile(r"check_name IN \(([^)]*)\)")


def test_every_finding_the_parsers_record_is_catalogued_with_its_severity():
    known = checks.registry()
    sources = [p.read_text(encoding="utf-8") for d in ("parsers", "pipelines") for p in (ROOT / d).rglob("*.py")]
    found = {(m.group(2), m.group(1)) for text in sources for m in _CALL.finditer(text)}
    found |= {(m.group(1) or m.group(2), "error") for text in sources for m in _FAILURE.finditer(text)}
    assert len(found) > 10
    from pipelines.audit_html import CHECKS

    notes = set(CHECKS) - set(known)  # what the audit page says of a report, not a finding stored
    for name, call in found - {(n, "error") for n in notes}:
        assert name in known, f"{name} is recorded but not in checks.csv"
        assert known[name].severity == {"warn": "warning", "error": "error"}.get(call, call), name


def test_findings_made_in_sql_and_by_the_identities_are_catalogued():
    known = checks.registry()
    names = {
        n.strip(" '")
        for p in (ROOT / "sql").rglob("*.sql")
        for m in _SQL.finditer(p.read_text(encoding="utf-8"))
        for n in m.group(1).split(",")
    }
    names |= {"row_total", "column_balance", "outcome_total", "review_litigation_total", "narrative_mismatch"}
    assert names - set(known) == set()


def test_asset_checks_and_the_audit_page_read_the_catalogue():
    from pipelines import assets, audit_html

    gathered = {n for names in assets.FINDINGS.values() for n in names}
    assert {"recovered_glued_digits", "row_total", "duplicate_report", "no_table3"} <= gathered
    assert all(audit_html.CHECKS[name] == c.label_zh for name, c in checks.registry().items())


def test_every_catalogued_asset_check_is_one_the_assets_evaluate():
    """A finding gathered under an asset check the assets do not declare stops the Dagster run
    (`Received unexpected AssetCheckResult`): every `asset_check` in checks.csv is declared."""
    from pipelines import assets

    declared = {(spec.asset_key.to_user_string(), spec.name) for spec in assets._check_specs}
    assert set(assets.FINDINGS) <= declared, set(assets.FINDINGS) - declared
